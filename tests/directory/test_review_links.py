"""The "Still correct?" links of review reminders (#25 item 2), the "may be out of date"
banner and ranking, and taking long-overdue listings down to the "needs checking" queue."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from directory.models import ListingReviewPolicy, ReviewLink, Service
from directory.models.services import REVIEW_INTERVAL
from directory.review_links import CONFIRMED_CORRECT, make_links, token_for
from directory.reviews import NEEDS_CHECKING
from search.api import search_services
from search.backends.elasticsearch import ElasticsearchBackend
from search.query import ServiceQuery
from tests.factories.accounts import activate_totp
from tests.factories.directory import ServiceFactory, UserFactory
from tests.factories.search import listing

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=400)


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def path_of(address: str) -> str:
    return address.removeprefix("http://testserver")


@pytest.fixture
def overdue():
    return ServiceFactory(name="Walkley Lunch Club", review_due=days_ago(10))


@pytest.fixture
def links(overdue):
    return {action: path_of(address) for action, address in make_links(overdue, "provider").items()}


def confirmations(service):
    return ModelLogEntry.objects.filter(object_id=str(service.pk), action=CONFIRMED_CORRECT)


def test_links_carry_only_a_signed_id(overdue, links):
    confirm = ReviewLink.objects.get(service=overdue, action=ReviewLink.Action.CONFIRM)
    assert links["confirm"] == reverse("directory:still_correct", args=[token_for(confirm)])
    assert links["confirm"].startswith("/listings/still-correct/")
    assert str(overdue.pk) not in links["confirm"] and str(overdue.pk.hex) not in links["confirm"]
    assert confirm.sent_to == "provider"
    assert confirm.expires_at.date() == TODAY + datetime.timedelta(days=28)


def test_opening_the_link_asks_and_only_the_button_marks_it_reviewed(client, overdue, links):
    page = client.get(links["confirm"])  # what an email scanner does
    assert page.status_code == 200
    assert "Is this listing still correct?" in page.content.decode()
    assert 'method="post"' in page.content.decode()
    overdue.refresh_from_db()
    assert overdue.review_due == days_ago(10) and not confirmations(overdue).exists()

    done = Client(enforce_csrf_checks=True)
    page = done.get(links["confirm"])
    token = page.context["csrf_token"]
    response = done.post(links["confirm"], {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 200
    assert "is marked as checked" in response.content.decode()
    overdue.refresh_from_db()
    assert overdue.last_reviewed == TODAY
    assert overdue.review_due == TODAY + REVIEW_INTERVAL
    entry = confirmations(overdue).get()
    assert entry.user is None and entry.data["sent_to"] == "provider"
    assert ReviewLink.objects.get(action="confirm").used_at is not None


def test_a_link_marks_the_listing_once(client, overdue, links):
    assert client.post(links["confirm"]).status_code == 200
    again = client.post(links["confirm"])
    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()
    assert client.get(links["confirm"]).status_code == 410
    assert confirmations(overdue).count() == 1


def test_an_expired_link_is_refused(client, overdue, links):
    ReviewLink.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    for response in (client.get(links["confirm"]), client.post(links["confirm"])):
        assert response.status_code == 410
        content = response.content.decode()
        assert "This link has expired" in content
        assert "28 days" in content and "next reminder" in content
    overdue.refresh_from_db()
    assert overdue.review_due == days_ago(10) and not confirmations(overdue).exists()
    assert client.get(links["change"]).status_code == 410


@pytest.mark.parametrize(
    "tamper",
    [
        lambda path: path.replace("still-correct/", "still-correct/0"),
        lambda path: path[:-3] + ("A" if path[-3] != "A" else "B") + "/",
        lambda path: "/listings/still-correct/not-a-token/",
    ],
)
def test_a_tampered_link_is_not_found(client, overdue, links, tamper):
    for response in (client.get(tamper(links["confirm"])), client.post(tamper(links["confirm"]))):
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert not confirmations(overdue).exists()


def test_a_change_link_cannot_confirm(client, overdue, links):
    confirm_path_with_change_token = links["change"].replace("something-changed", "still-correct")
    assert client.post(confirm_path_with_change_token).status_code == 404
    assert not confirmations(overdue).exists()


def test_something_has_changed_leads_to_the_providers_change_form(client, overdue, links):
    for _ in range(2):  # it grants nothing, so it may be followed again
        response = client.get(links["change"])
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "providers:change_listing", kwargs={"service_id": overdue.pk}
        )
    overdue.refresh_from_db()
    assert overdue.review_due == days_ago(10) and not confirmations(overdue).exists()
    assert ReviewLink.objects.get(action="change").used_at is not None
    assert ReviewLink.objects.get(action="confirm").used_at is None


# --- Out of date in public --------------------------------------------------------------


@pytest.mark.parametrize(("days_overdue", "shown"), [(29, False), (30, False), (31, True)])
def test_the_banner_shows_only_after_the_grace_period(client, days_overdue, shown):
    service = ServiceFactory(
        review_due=days_ago(days_overdue), last_reviewed=datetime.date(2025, 3, 3)
    )
    content = client.get(service.get_absolute_url()).content.decode()
    assert ("This information may be out of date." in content) is shown
    if shown:
        assert "It was last checked on 3 March 2025." in content
        assert "Check with the organisation before you go." in content


def test_the_grace_period_is_a_site_setting(client, site):
    policy = ListingReviewPolicy.for_site(site)
    policy.out_of_date_after_days = 5
    policy.save()
    service = ServiceFactory(review_due=days_ago(6))
    assert "may be out of date" in client.get(service.get_absolute_url()).content.decode()


def test_an_out_of_date_listing_ranks_below_an_equally_matching_current_one(client):
    listing("Knitting Circle Hillsborough", "A weekly knitting group.", review_due=days_ago(31))
    listing("Knitting Circle Walkley", "A weekly knitting group.", review_due=days_ago(30))
    hits = search_services(ServiceQuery(text="knitting circle")).hits
    assert [hit.service.name for hit in hits] == [
        "Knitting Circle Walkley",
        "Knitting Circle Hillsborough",
    ]
    # Out of date as of the day of the search, not the day it was indexed.
    later = search_services(
        ServiceQuery(text="knitting circle", out_of_date_before=days_ago(40))
    ).hits
    assert [hit.service.name for hit in later][0] == "Knitting Circle Hillsborough"
    # The result card says so.
    content = client.get(reverse("search:service_search"), {"q": "knitting circle"})
    text = content.content.decode()
    assert text.count("May be out of date") == 1
    assert text.index("Knitting Circle Walkley") < text.index("May be out of date")


def test_a_much_better_match_still_ranks_first_when_out_of_date():
    listing("Knitting Circle", "Knitting circle for all.", review_due=days_ago(100))
    listing("Community Hub", "Includes a knitting circle.", review_due=days_ago(1))
    names = [hit.service.name for hit in search_services(ServiceQuery(text="knitting")).hits]
    assert names == ["Knitting Circle", "Community Hub"]


def test_the_elasticsearch_query_demotes_out_of_date_listings():
    backend = ElasticsearchBackend(None, "signpost-test")
    cutoff = datetime.date(2026, 11, 7)
    body = backend.build_search(ServiceQuery(text="lunch", out_of_date_before=cutoff)).to_dict()
    function_score = body["query"]["function_score"]
    assert function_score["functions"] == [
        {"filter": {"range": {"review_due": {"lt": "2026-11-07"}}}, "weight": 0.5}
    ]
    assert function_score["score_mode"] == "multiply"
    assert body["sort"][0] == "_score"
    with_place = backend.build_search(
        ServiceQuery(text="lunch", latitude=53.4, longitude=-1.5, out_of_date_before=cutoff)
    ).to_dict()
    functions = with_place["query"]["function_score"]["functions"]
    assert "gauss" in functions[0] and functions[1]["weight"] == 0.5


# --- Taken down to "needs checking" -----------------------------------------------------


def run_check(*args) -> str:
    out = StringIO()
    call_command("check_overdue_listings", *args, stdout=out)
    return out.getvalue()


def test_only_listings_past_both_periods_are_taken_down_once():
    kept = ServiceFactory(name="Ninety days over", review_due=days_ago(90))
    gone = ServiceFactory(name="Ninety-one days over", review_due=days_ago(91))
    ServiceFactory(name="Draft", review_due=days_ago(200), live=False)

    dry = run_check("--dry-run")
    assert "would take down Ninety-one days over" in dry
    assert Service.objects.get(pk=gone.pk).live

    output = run_check()
    assert "1 listing(s) taken down; 1 listing(s) need checking." in output
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert not gone.live and gone.needs_checking_since == TODAY
    assert kept.live and kept.needs_checking_since is None
    assert Service.objects.filter(pk=gone.pk).exists()  # never deleted
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(gone.pk)).values_list("action", flat=True)
    )
    assert {"wagtail.unpublish", NEEDS_CHECKING} <= actions
    found = {hit.service.name for hit in search_services(ServiceQuery(text="ninety")).hits}
    assert found == {"Ninety days over"}  # search dropped the one taken down

    assert "0 listing(s) taken down; 1 listing(s) need checking." in run_check()
    assert ModelLogEntry.objects.filter(object_id=str(gone.pk), action=NEEDS_CHECKING).count() == 1


def test_publishing_again_takes_it_out_of_the_queue():
    service = ServiceFactory(review_due=LONG_AGO)
    service.save_revision()  # a draft from before it was taken down
    run_check()
    service = Service.objects.get(pk=service.pk)
    assert service.needs_checking_since == TODAY and not service.live

    service.get_latest_revision().publish()
    service.refresh_from_db()
    assert service.live and service.needs_checking_since is None
    assert service.review_due == TODAY + REVIEW_INTERVAL  # or tomorrow would take it down again
    assert "0 listing(s) taken down; 0 listing(s) need checking." in run_check()


def test_confirming_a_taken_down_listing_leaves_it_for_a_coordinator(client):
    service = ServiceFactory(review_due=LONG_AGO)
    paths = {
        action: path_of(address) for action, address in make_links(service, "provider").items()
    }
    run_check()
    response = client.post(paths["confirm"])
    assert "A coordinator will look at it and put it back." in response.content.decode()
    service.refresh_from_db()
    assert service.review_due == TODAY + REVIEW_INTERVAL
    assert not service.live and service.needs_checking_since == TODAY  # still in the queue


def test_confirming_a_live_listing_clears_needs_checking(client):
    service = ServiceFactory(review_due=days_ago(5))
    Service.objects.filter(pk=service.pk).update(needs_checking_since=days_ago(1))
    paths = {
        action: path_of(address) for action, address in make_links(service, "provider").items()
    }
    client.post(paths["confirm"])
    service.refresh_from_db()
    assert service.needs_checking_since is None


def test_the_admin_lists_the_listings_that_need_checking(client):
    user = UserFactory(is_superuser=True, email="admin@signpost.example")
    activate_totp(user)
    client.force_login(user)
    ServiceFactory(name="Taken down", review_due=LONG_AGO)
    ServiceFactory(name="Fine")
    run_check()
    response = client.get(
        reverse("wagtailsnippets_directory_service:list"), {"needs_checking": "true"}
    )
    assert response.status_code == 200
    assert {service.name for service in response.context["object_list"]} == {"Taken down"}
    assert "Taken down to check" in response.content.decode()

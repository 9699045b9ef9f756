"""Quality checks on listings (directory.quality): each check passes and fails on a crafted
listing; counts over many listings equal the per-listing checks, in a fixed number of
queries; the daily snapshot is idempotent; the listing editor shows the problems and the
listings index filters by them."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.models import Contact, Phone, QualitySnapshot, Service, WebsiteCheck
from directory.quality import (
    CHECKS,
    MIN_DESCRIPTION_WORDS,
    failing_ids,
    listing_problems,
    quality_counts,
    with_quality_relations,
)
from tests.factories.accounts import activate_totp
from tests.factories.directory import (
    ContactFactory,
    LocationFactory,
    OrganisationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    TaxonomyTermFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
GOOD_DESCRIPTION = (
    "<p>A friendly <strong>memory café</strong> for people living with dementia and the "
    "family or friends who care for them, with tea, music and a chat.</p>"
)


def good_listing(**kwargs) -> Service:
    """A listing that passes every check."""
    dementia = TaxonomyTermFactory(
        code="memory-dementia",
        name="Memory problems and dementia",
        description="Memory cafés, dementia support and advice for families.",
    )
    defaults = {
        "name": "Walkley Memory Café",
        "summary": "A monthly café for people with memory problems.",
        "description": GOOD_DESCRIPTION,
        "kind": Service.Kind.COMMUNITY_ASSET,
        "how_to_access": Service.HowToAccess.DROP_IN,
        "url": "https://memorycafe.example/",
        "email": "",
        "organisation": OrganisationFactory(email="", phone="", url=""),
        "categories": [dementia],
        "location": LocationFactory(),
    }
    service = ServiceFactory(**{**defaults, **kwargs})
    return service


def codes(service: Service) -> set[str]:
    """The checks the listing fails, read the way the counts read it."""
    fresh = with_quality_relations(Service.objects.filter(pk=service.pk)).get()
    return {check.code for check in listing_problems(fresh, TODAY)}


def test_a_good_listing_passes_every_check():
    assert codes(good_listing()) == set()


def test_no_contact_method():
    service = good_listing(url="")
    assert codes(service) == {"no_contact"}
    # any one way to get in touch is enough
    Service.objects.filter(pk=service.pk).update(email="hello@group.example")
    assert codes(service) == set()
    Service.objects.filter(pk=service.pk).update(email="")
    phone = PhoneFactory(service=service, is_public=False)
    assert codes(service) == {"no_contact"}  # a private number does not count
    Phone.objects.filter(pk=phone.pk).update(is_public=True)
    assert codes(service) == set()
    phone.delete()
    contact = ContactFactory(service=service, is_public=False)
    assert codes(service) == {"no_contact"}
    Contact.objects.filter(pk=contact.pk).update(is_public=True)
    assert codes(service) == set()


def test_the_organisations_contact_details_count_where_the_page_shows_them():
    organisation = OrganisationFactory(email="", url="", phone="0114 273 4567")
    service = good_listing(url="", organisation=organisation)
    assert codes(service) == set()  # the page shows the organisation's phone
    PhoneFactory(service=service, is_public=False)
    assert codes(service) == {"no_contact"}  # … only when the listing has no numbers
    organisation.url = "javascript:alert(1)"
    organisation.save()
    assert codes(service) == {"no_contact"}  # not a web address: never shown
    organisation.url = "https://charity.example/"
    organisation.save()
    assert codes(service) == set()


def test_short_description():
    assert "short_description" in codes(good_listing(description="<p>Tea and cake.</p>"))
    words = " ".join(["memory"] * MIN_DESCRIPTION_WORDS)
    assert "short_description" not in codes(good_listing(description=f"<p>{words}</p>"))


def test_description_that_is_just_the_name():
    name = "Walkley memory café for people with dementia and their carers every Tuesday"
    service = good_listing(name=name, description=f"<p>{name.upper()}!</p>")
    assert "short_description" in codes(service)


def test_no_category():
    service = good_listing()
    service.taxonomy_terms.clear()
    service.save()  # parental many-to-many relations are written on save
    assert codes(service) == {"no_category"}


def test_category_that_does_not_fit_the_text():
    transport = TaxonomyTermFactory(
        code="transport",
        name="Transport",
        description="Community transport and help getting out and about.",
    )
    service = good_listing(categories=[transport])
    assert codes(service) == {"category_mismatch"}
    # a parent category's words count too
    parent = TaxonomyTermFactory(code="social", name="Social activities and friendship")
    lunch = TaxonomyTermFactory(code="lunch-clubs", name="Lunch clubs", parent=parent)
    assert codes(good_listing(name="Friendship lunch", categories=[lunch])) == set()
    # one fitting category is enough
    service.taxonomy_terms.add(TaxonomyTermFactory(code="memory-dementia"))
    service.save()
    assert codes(service) == set()


def test_no_location_for_an_in_person_listing():
    service = ServiceFactory(
        description=GOOD_DESCRIPTION,
        kind=Service.Kind.EVENT,
        how_to_access=Service.HowToAccess.SELF_REFERRAL,
    )
    assert "no_location" in codes(service)
    ServiceAtLocationFactory(service=service)
    assert "no_location" not in codes(service)
    # a service reached by phone is not expected to have a location
    helpline = ServiceFactory(
        kind=Service.Kind.SERVICE, how_to_access=Service.HowToAccess.SELF_REFERRAL
    )
    assert "no_location" not in codes(helpline)
    # … but one you drop in to is
    Service.objects.filter(pk=helpline.pk).update(how_to_access=Service.HowToAccess.DROP_IN)
    assert "no_location" in codes(helpline)


def test_schedule_in_the_past():
    service = good_listing()
    ScheduleFactory(service=service, valid_to=TODAY - datetime.timedelta(days=1))
    assert codes(service) == {"schedule_past"}
    ScheduleFactory(service=service, valid_to=TODAY)  # one still running is enough
    assert codes(service) == set()
    ScheduleFactory(service=service, valid_to=None)
    assert codes(service) == set()


def test_broken_website_is_only_the_last_check_of_the_current_website():
    service = good_listing()
    assert codes(service) == set()  # never checked
    check = WebsiteCheck.objects.create(
        service=service,
        url="https://memorycafe.example/",
        checked_at=timezone.now(),
        ok=False,
        detail="HTTP 404",
    )
    assert codes(service) == {"broken_website"}
    Service.objects.filter(pk=service.pk).update(url="https://new.example/")
    assert codes(service) == set()  # the website changed since: no longer known broken
    check.url, check.ok = "https://new.example/", True
    check.save()
    assert codes(service) == set()


def mixed_listings() -> list[Service]:
    listings = [good_listing() for _ in range(3)]
    listings.append(good_listing(url=""))  # no contact
    listings.append(good_listing(description="Tea."))  # short
    listings.append(good_listing(description="Tea.", url=""))  # short, no contact
    bare = ServiceFactory(description="", organisation=None, kind=Service.Kind.EVENT)
    ScheduleFactory(service=bare, valid_to=TODAY - datetime.timedelta(days=3))
    listings.append(bare)  # no contact, short, no category, no location, past
    listings.append(good_listing(live=False, url=""))  # a draft: still checked when asked
    return listings


def test_counts_equal_the_per_listing_checks_in_a_fixed_number_of_queries():
    listings = mixed_listings()
    expected = dict.fromkeys(CHECKS, 0)
    for service in listings:
        for code in codes(service):
            expected[code] += 1
    assert expected["no_contact"] == 4
    assert expected["short_description"] == 3
    with CaptureQueriesContext(connection) as few:
        assert quality_counts(Service.objects.all(), TODAY) == expected
    for _ in range(20):
        good_listing(description="Tea.")
    with CaptureQueriesContext(connection) as many:
        counts = quality_counts(Service.objects.all(), TODAY)
    assert counts["short_description"] == 23
    assert len(many) == len(few) <= 10  # no query per listing


def test_failing_ids():
    listings = mixed_listings()
    bare = listings[6]
    assert set(failing_ids(Service.objects.all(), "no_location", TODAY)) == {bare.pk}
    assert set(failing_ids(Service.objects.all(), None, TODAY)) == {
        service.pk for service in listings[3:]
    }


def test_record_listing_quality_is_idempotent_for_the_day():
    mixed_listings()
    out = StringIO()
    call_command("record_listing_quality", stdout=out)
    today = timezone.localdate()
    snapshots = {s.check_code: s for s in QualitySnapshot.objects.filter(day=today)}
    assert set(snapshots) == set(CHECKS)
    live = Service.objects.live()
    assert snapshots["no_contact"].listings == live.count() == 7  # the draft is left out
    assert snapshots["no_contact"].failing == 3
    assert "No way to contact them: 3 of 7" in out.getvalue()

    Service.objects.filter(pk__in=failing_ids(live, "no_contact")).update(email="a@b.example")
    call_command("record_listing_quality", stdout=StringIO())
    assert QualitySnapshot.objects.filter(day=today).count() == len(CHECKS)
    assert QualitySnapshot.objects.get(day=today, check_code="no_contact").failing == 0


# --- in the admin --------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    user = UserFactory(is_superuser=True, email="admin@signpost.example")
    activate_totp(user)  # superusers must have MFA (portal.roles)
    client.force_login(user)
    return client


def test_the_listing_editor_shows_its_problems_and_how_to_fix_them(admin_client):
    service = good_listing(url="", description="<p>Tea and cake.</p>")
    page = admin_client.get(reverse("wagtailsnippets_directory_service:edit", args=[service.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "This listing has 2 quality problems" in text
    assert CHECKS["no_contact"].label in text
    assert CHECKS["no_contact"].how_to_fix in text
    assert CHECKS["short_description"].how_to_fix in text
    assert CHECKS["no_category"].label not in text

    fine = good_listing()
    page = admin_client.get(reverse("wagtailsnippets_directory_service:edit", args=[fine.pk]))
    assert "passes every quality check" in page.content.decode()
    page = admin_client.get(reverse("wagtailsnippets_directory_service:add"))
    assert page.status_code == 200
    assert "quality check" not in page.content.decode()


def test_the_listings_index_filters_by_quality_problem(admin_client):
    listings = mixed_listings()
    url = reverse("wagtailsnippets_directory_service:list")

    def names(**params):
        response = admin_client.get(url, params)
        assert response.status_code == 200
        return {service.pk for service in response.context["object_list"]}

    assert names(quality="no_location") == {listings[6].pk}
    assert names(quality="any") == {service.pk for service in listings[3:]}
    assert names(quality="no_contact", live="false") == {listings[7].pk}
    assert len(names()) == len(listings)
    response = admin_client.get(url, {"quality": "nonsense"})
    assert response.status_code == 200  # an unknown choice is ignored, never a 500
    assert "Quality problems" in admin_client.get(url).content.decode()

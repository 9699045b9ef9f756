"""ASCOF 3D, "Was it easy to find information about support?": asked once per visit below
search results (after a search), listings, advice pages and the request-sent page; works
without JavaScript; stores nothing personal; reported by period and area with suppression."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from analytics import reports
from analytics.models import InformationEaseAnswer, SearchEvent
from analytics.reports import ReportFilter
from directory.models import Area
from portal.information_ease import InformationEase, PageKind
from portal.visits import visit_key
from tests.analytics.conftest import DAY, at
from tests.factories.directory import ServiceFactory
from tests.referrals.conftest import gazetteer, walk  # noqa: F401 (gazetteer: a fixture)

pytestmark = pytest.mark.django_db

URL = reverse("information_ease")
QUESTION = "Was it easy to find information about support?"


@pytest.fixture
def service():
    return ServiceFactory(name="Walkley Memory Café")


def listing_url(service):
    return f"/services/{service.id}/"


def answer(client, page_url, value="fairly_easy", page="listing", action="send", **extra):
    data = {"answer": value, "page": page, "next": page_url, "action": action, **extra}
    return client.post(URL, data)


def test_listing_asks_then_thanks_then_never_again(client, service):
    page_url = listing_url(service)
    content = client.get(page_url).content.decode()
    assert QUESTION in content
    for choice in InformationEase:
        assert str(choice.label).replace("'", "&#x27;") in content
    assert 'name="page" value="listing"' in content
    assert f'name="next" value="{page_url}"' in content

    response = answer(client, page_url)  # a plain form POST: no JavaScript needed
    assert response.status_code == 302
    assert response["Location"] == f"{page_url}#information-ease-section"

    thanked = client.get(page_url).content.decode()
    assert "Thank you" in thanked
    assert QUESTION not in thanked
    later = client.get(page_url).content.decode()
    assert QUESTION not in later and "Your answer helps" not in later
    stored = InformationEaseAnswer.objects.get()
    assert (stored.answer, stored.page_kind) == ("fairly_easy", "listing")


def test_back_on_the_results_page_the_search_is_not_counted_again(client):
    results = "/services/?q=memory+cafe"
    client.get(results)
    response = answer(client, results, page="search")
    assert response["Location"] == f"{results}#information-ease-section"
    client.get(results)
    assert SearchEvent.objects.count() == 1  # shown once, answered, shown again: one search
    client.get(results)  # searched again later: counted
    assert SearchEvent.objects.count() == 2


def test_one_answer_per_visit_however_often_sent(client, service):
    answer(client, listing_url(service), "very_easy")
    answer(client, listing_url(service), "very_difficult")
    assert list(InformationEaseAnswer.objects.values_list("answer", flat=True)) == ["very_easy"]


def test_not_now_hides_it_for_the_visit_and_stores_nothing(client, service):
    response = answer(client, listing_url(service), value="", action="not_now")
    assert response.status_code == 302
    content = client.get(listing_url(service)).content.decode()
    assert QUESTION not in content and "Thank you" not in content
    assert not InformationEaseAnswer.objects.exists()


def test_another_visitor_is_still_asked(client, service):
    answer(client, listing_url(service))
    other = client.get(listing_url(service), HTTP_USER_AGENT="Another browser").content.decode()
    assert QUESTION in other


def test_search_results_ask_only_after_a_search(client):
    assert QUESTION not in client.get("/services/").content.decode()
    content = client.get("/services/", {"q": "memory cafe"}).content.decode()
    assert QUESTION in content
    assert 'name="page" value="search"' in content


@pytest.mark.parametrize("kind", ["advice", "confirmation", "search"])
def test_the_include_works_for_every_page_kind(kind):
    request = RequestFactory().get("/somewhere/?x=1")
    html = Template("{% load information_ease %}{% information_ease_question kind %}").render(
        Context({"request": request, "kind": kind})
    )
    assert QUESTION in html
    assert f'name="page" value="{kind}"' in html
    assert 'name="next" value="/somewhere/?x=1"' in html


def test_the_pages_include_the_question():
    """Advice pages and the request-sent page carry the include (rendered in their own tests)."""
    for template, kind in (
        ("templates/advice/advice_page.html", "advice"),
        ("templates/referrals/done.html", "confirmation"),
        ("templates/directory/service_detail.html", "listing"),
        ("templates/search/service_search.html", "search"),
    ):
        with open(template, encoding="utf-8") as source:
            assert f'information_ease_question "{kind}"' in source.read()


def test_sending_without_an_answer_is_a_clear_error(client, service):
    response = answer(client, listing_url(service), value="")
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Select how easy it was to find information" in content
    assert 'href="#information-ease"' in content
    assert f'name="next" value="{listing_url(service)}"' in content
    assert not InformationEaseAnswer.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"answer": "brilliant", "page": "listing"},
        {"answer": "very_easy", "page": "somewhere"},
        {"answer": "very_easy"},
        {"answer": "<script>", "page": "listing", "comment": "free text is ignored"},
    ],
)
def test_bad_input_is_a_message_never_a_500(client, data):
    response = client.post(URL, {**data, "next": "/"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not InformationEaseAnswer.objects.exists()


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/path", "javascript:alert(1)", "", "services/"],
)
def test_return_url_must_be_local(client, target):
    response = client.post(URL, {"answer": "very_easy", "page": "search", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/#information-ease-section"


def test_stored_without_personal_data_with_the_visits_search_ward(client, service, world):
    walkley = world["walkley"]
    key = visit_key(client.get("/").wsgi_request)
    SearchEvent.objects.create(
        occurred_hour=datetime.datetime.now(datetime.UTC).replace(
            minute=0, second=0, microsecond=0
        ),
        session_hash=key,
        area=walkley,
        postcode_district="S6",
    )
    answer(client, f"{listing_url(service)}?from=search&pos=1", "very_difficult")
    stored = InformationEaseAnswer.objects.get()
    assert stored.area == walkley
    assert stored.answered_hour.minute == 0 and stored.answered_hour.second == 0
    fields = {field.name for field in InformationEaseAnswer._meta.get_fields()}
    assert fields == {"id", "answered_hour", "answer", "page_kind", "area"}


def test_without_a_search_the_area_is_not_known(client, service):
    answer(client, listing_url(service))
    assert InformationEaseAnswer.objects.get().area is None


def ease(day, value, kind=PageKind.SEARCH, area=None, count=1):
    for _ in range(count):
        InformationEaseAnswer.objects.create(
            answered_hour=at(day), answer=value, page_kind=kind, area=area
        )


def test_report_counts_shares_and_suppresses(world):
    walkley, darnall, patch = world["walkley"], world["darnall"], world["patch"]
    ease(DAY, "very_easy", area=walkley, count=6)
    ease(DAY, "fairly_difficult", area=walkley, count=4)
    ease(DAY, "never_tried", area=walkley, count=5)
    ease(DAY, "fairly_easy", area=darnall, count=2)
    ease(DAY, "very_easy", kind=PageKind.LISTING, count=3)
    ease(DAY - datetime.timedelta(days=200), "very_easy", count=9)  # outside the period
    report = ReportFilter(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))

    answers = {row["answer"]: row for row in reports.ease_by_answer(report)}
    assert answers["very_easy"]["answers"] == 9
    assert answers["never_tried"]["answers"] == 5
    assert answers["very_easy"]["share_percent"] == 45.0  # 9 of 20

    (month,) = reports.ease_by_month(report)
    assert month["label"] == "March 2026"
    assert (month["answers"], month["tried"], month["easy"]) == (20, 15, 11)
    assert month["easy_percent"] == 73.3  # never tried is left out of the share

    by_ward = {row["label"]: row for row in reports.ease_by_area(report)}
    assert by_ward["Walkley"]["easy_percent"] == 60.0  # 6 of 10 who tried
    assert by_ward["Darnall"]["answers"] == 2
    assert by_ward["Darnall"]["easy_percent"] is None  # 2 of 2: too few to show
    assert by_ward["Area not known"]["answers"] == 3

    by_patch = ReportFilter(report.date_from, report.date_to, area_type=Area.Kind.LAC_PATCH)
    grouped = {row["label"]: row["answers"] for row in reports.ease_by_area(by_patch)}
    assert grouped == {
        patch.name: 15,
        "Not in a local area coordination patch": 2,
        "Area not known": 3,
    }
    pages = {row["label"]: row["answers"] for row in reports.ease_by_page(report)}
    assert pages == {"Search results": 17, "Listing page": 3}


def test_report_screen_and_csv_suppress_small_numbers(client, analyst, world):
    ease(DAY, "very_easy", area=world["walkley"], count=7)
    ease(DAY, "very_difficult", area=world["darnall"], count=2)
    client.force_login(analyst)
    period = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    page = client.get(reverse("analytics:report", args=["information-ease"]), period)
    assert page.status_code == 200
    assert "Ease of finding information (ASCOF 3D)" in page.text
    assert "fewer than 5" in page.text
    csv_text = client.get(
        reverse("analytics:csv", args=["information-ease", "by-area"]), period
    ).content.decode()
    assert "Darnall,fewer than 5" in csv_text
    assert "Walkley,7" in csv_text


@pytest.mark.usefixtures("gazetteer")
def test_a_search_then_a_referral_then_one_answer_in_one_visit(client):
    """The done-when of #23 item 4: analytics show the search followed by a referral, and one
    ASCOF answer from the request-sent page, with the ward of the visit's postcode search."""
    client.get("/services/", {"q": "lunch club", "postcode": "S6 1AA"})
    done = walk(client, "myself")
    content = done.content.decode()
    assert "Request sent" in content
    assert QUESTION in content and 'name="page" value="confirmation"' in content
    next_url = done.wsgi_request.get_full_path()
    response = answer(client, next_url, "very_easy", page="confirmation")
    assert response["Location"] == f"{next_url}#information-ease-section"

    search = SearchEvent.objects.get()
    assert search.followed_by_referral
    stored = InformationEaseAnswer.objects.get()
    assert (stored.answer, stored.page_kind) == ("very_easy", "confirmation")
    assert stored.area == Area.objects.get(code="E05010866")  # S6 1AA's ward
    day = timezone.localdate()
    period = ReportFilter(day, day)
    assert reports.search_to_support(period)["followed_by_referral"] == 1
    assert reports.first_contact_summary(period)["contacts"] == 1
    (month,) = reports.ease_by_month(period)
    assert (month["answers"], month["very_easy"]) == (1, 1)


def test_answers_are_rate_limited_per_address(client, settings, service):
    settings.INFORMATION_EASE_RATE_LIMIT = "2/h"
    for agent in ("one", "two", "three"):  # three "visits" from one address
        response = client.post(
            URL,
            {"answer": "very_easy", "page": "listing", "next": listing_url(service)},
            HTTP_USER_AGENT=agent,
        )
        assert response.status_code == 302
    assert InformationEaseAnswer.objects.count() == 2

"""Search words never identify anyone for long (issue #19, finding 12): unknown words and
dates are masked before storage, reports show only words typed in at least 5 visits, and the
words are not kept after 30 days unless 5 visits typed them."""

import csv
import datetime
import io
import time

import pytest
from django.test import RequestFactory
from django.urls import reverse

from analytics import reports
from analytics.events import record_search, scrub_query, stored_query, visit_hash
from analytics.models import DailySearchAggregate, MonthlySearchAggregate, SearchEvent
from analytics.reports import ReportFilter
from analytics.retention import purge
from analytics.vocabulary import common_words, mask_query, vocabulary
from search.query import ServiceQuery, ServiceResults
from tests.analytics.conftest import at, search
from tests.factories.directory import AreaFactory, TaxonomyTermFactory
from tests.factories.search import listing

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)
MARCH = ReportFilter(datetime.date(2026, 3, 1), datetime.date(2026, 3, 28))


@pytest.fixture
def published(db):
    """Words Signpost publishes: categories, a ward, a live listing (indexed)."""
    TaxonomyTermFactory(code="lunch-clubs", name="Lunch clubs and community meals")
    TaxonomyTermFactory(code="befriending", name="Befriending")
    AreaFactory(name="Walkley")
    listing("Clutter Help", "Support with hoarding, and foot care at home.")


def public_request(address="203.0.113.7", agent="Firefox"):
    return RequestFactory().get("/services/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def test_a_name_and_a_year_of_birth_are_masked_before_storage(published):
    record_search(
        public_request(),
        ServiceQuery(text="Yolanda Pemberton-Xu born 1941 dementia, email yp@example.com"),
        ServiceResults(hits=[], total=0, page=1, per_page=20),
    )
    event = SearchEvent.objects.get()
    assert event.query == "[word] born [number] dementia email [email]"
    stored = " ".join(str(value) for value in SearchEvent.objects.values().get().values())
    for part in ("yolanda", "pemberton", "xu", "1941", "203.0.113.7"):
        assert part not in stored.lower()
    assert len(event.visit) == 16


def test_published_and_common_words_are_kept(published):
    typed = "Carers lunch club, befriending; hoarding and foot care in Walkley over 65 S6"
    assert stored_query(typed) == (
        "carers lunch club befriending hoarding and foot care in walkley over 65 s6"
    )
    assert {"hoarding", "walkley", "befriending", "dementia"} <= vocabulary()


def test_needs_nobody_has_listed_are_kept_for_the_unmet_need_report_names_are_not():
    """From the dictionary alone (no listing mentions them): the unmet-need report needs them."""
    for need in ("hoarding", "podiatry", "toenail", "incontinence", "bereavement"):
        assert mask_query(need, common_words()) == need
    assert mask_query("yolanda pemberton xu", common_words()) == "[word]"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("over 65", "over 65"),
        ("under 18 groups", "under 18 groups"),
        ("born 1941", "born [number]"),
        ("born 12 3 41", "born [number]"),
        ("born 12/03/1941", "born [number]"),
        ("flat 221 help", "flat [number] help"),
        ("mrs jones", "[name]"),
        ("zxqv zxqw help", "[word] help"),  # a run of unknown words is one mask
    ],
)
def test_numbers_that_could_be_a_date_of_birth_are_masked(typed, stored):
    assert mask_query(scrub_query(typed), common_words()) == stored


def test_a_visit_without_a_session_is_a_daily_hash_of_address_and_browser():
    day = datetime.date(2026, 3, 10)
    first = visit_hash(public_request(), day)
    assert len(first) == 16
    assert visit_hash(public_request(), day) == first
    assert visit_hash(public_request(address="203.0.113.8"), day) != first
    assert visit_hash(public_request(agent="Safari"), day) != first
    assert visit_hash(public_request(), day + datetime.timedelta(days=1)) != first


def words_typed(query, visits, searches_each=1, day=DAY, results=0):
    for number in range(visits):
        for _ in range(searches_each):
            search(day, query=query, results=results, visit=f"{query[:6]}{number:010d}"[:16])


@pytest.fixture
def typed(db):
    words_typed("foot care", visits=4, searches_each=3)  # 12 searches, but only 4 visits
    words_typed("lunch club", visits=5)
    words_typed("hoarding", visits=1, searches_each=9)  # one visitor, many searches


def shown_everywhere(client, analyst, report=MARCH):
    top = {row["query"] for row in reports.top_queries(report)}
    unmet = {row["query"] for row in reports.unmet_need(report, "query")}
    client.force_login(analyst)
    exported = set()
    for slug, table in (("top-searches", "queries"), ("unmet-need", "by-query")):
        response = client.get(
            reverse("analytics:csv", args=[slug, table]),
            {"date_from": "2026-03-01", "date_to": "2026-03-28"},
        )
        exported |= {row[0] for row in list(csv.reader(io.StringIO(response.text)))[1:]}
        page = client.get(
            reverse("analytics:report", args=[slug]),
            {"date_from": "2026-03-01", "date_to": "2026-03-28"},
        ).text
        assert "foot care" not in page and "hoarding" not in page
    return top, unmet, exported


def test_words_typed_in_four_visits_are_never_shown_five_are(client, analyst, typed):
    top, unmet, exported = shown_everywhere(client, analyst)
    assert top == unmet == exported == {"lunch club"}
    # The same from the daily roll-ups (their visits add up across days).
    purge(now=at(DAY + datetime.timedelta(days=3), 3), dry_run=False, stdout=io.StringIO())
    assert DailySearchAggregate.objects.get(day=DAY, query="foot care").visits == 4
    assert shown_everywhere(client, analyst) == (top, unmet, exported)
    # A fifth visit on a later day (after the roll-up) brings "foot care" to 5.
    words_typed("foot care", visits=1, day=DAY + datetime.timedelta(days=5))
    assert "foot care" in {row["query"] for row in reports.top_queries(MARCH)}


def test_words_are_blanked_after_30_days_and_counts_kept(typed, settings):
    assert settings.SEARCH_QUERY_TEXT_RETENTION_DAYS == 30
    search(DAY, query="[word] born [number] dementia", category="memory-dementia")
    recent = search(DAY + datetime.timedelta(days=20), query="hoarding")
    before = reports.top_categories(MARCH)
    total = SearchEvent.objects.filter(occurred_hour__lt=at(DAY + datetime.timedelta(1), 0))
    searches_on_day = total.count()
    output = io.StringIO()
    purge(now=at(DAY + datetime.timedelta(days=31), 3), dry_run=False, stdout=output)
    # Raw events of that day keep their counts but lose their words and visits.
    assert total.count() == searches_on_day
    assert set(total.values_list("query", "visit").distinct()) == {("", "")}
    # …while an event within 30 days keeps them.
    recent.refresh_from_db()
    assert (recent.query, bool(recent.visit)) == ("hoarding", True)
    # The daily counts keep every search, and only the words typed in 5 visits.
    day_rows = DailySearchAggregate.objects.filter(day=DAY)
    assert sum(row.searches for row in day_rows) == searches_on_day
    assert set(day_rows.values_list("query", flat=True)) == {"", "lunch club"}
    assert reports.top_categories(MARCH) == before
    assert {row["query"] for row in reports.top_queries(MARCH)} == {"lunch club"}
    assert "blanked the words of 27 search events" in output.getvalue()
    assert "dropped 3 search words typed in fewer than 5 visits from 1 days" in output.getvalue()


def test_a_whole_month_keeps_only_words_typed_in_five_visits(typed):
    purge(now=at(datetime.date(2026, 5, 20), 3), dry_run=False, stdout=io.StringIO())
    march = MonthlySearchAggregate.objects.filter(month_start=datetime.date(2026, 3, 1))
    assert set(march.values_list("query", flat=True)) == {"", "lunch club"}
    assert sum(row.searches for row in march) == 12 + 5 + 9
    assert DailySearchAggregate.objects.filter(query="foot care").count() == 0


def test_masking_figures(published):
    """Not a timed assertion: prints the vocabulary size and the time to mask a query."""
    started = time.perf_counter()
    words = vocabulary()
    built = time.perf_counter() - started
    text = scrub_query("Yolanda Pemberton-Xu born 1941 dementia lunch club Walkley S6")
    rounds = 2000
    started = time.perf_counter()
    for _ in range(rounds):
        mask_query(text)
    each = (time.perf_counter() - started) / rounds
    print(  # noqa: T201
        f"\nvocabulary: {len(words)} words, built in {built * 1000:.1f} ms; "
        f"masking a query: {each * 1_000_000:.1f} µs"
    )

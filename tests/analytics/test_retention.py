"""Roll-up and purge of old search events (`manage.py purge_expired`)."""

import datetime
import io

import pytest
from django.core.management import call_command

from analytics import reports
from analytics.models import (
    DailySearchAggregate,
    ReferralEvent,
    RollUpState,
    SearchClick,
    SearchEvent,
)
from analytics.reports import ReportFilter
from analytics.retention import purge
from tests.analytics.conftest import at, report_numbers, search, searches

pytestmark = pytest.mark.django_db

NOW = at(datetime.date(2027, 4, 20), 3)
# With 395 days kept, everything before 20 March 2026 (local time) is rolled up.
OLD = datetime.date(2026, 3, 10)
RECENT = datetime.date(2026, 4, 1)
PERIOD = ReportFilter(datetime.date(2026, 2, 1), datetime.date(2026, 4, 30))


def test_reports_give_the_same_totals_before_and_after_roll_up(events):
    walkley = events["walkley"]
    searches(6, RECENT, query="memory cafe", category="memory-dementia", area=walkley)
    clicked = search(RECENT, query="lunch club", area=walkley, results=4)
    SearchClick.objects.create(event=clicked, occurred_hour=clicked.occurred_hour)
    # A late-night search in British Summer Time stays on its local day.
    search(datetime.date(2026, 3, 1), query="memory cafe", area=walkley, hour=23)
    for report in (PERIOD, ReportFilter(PERIOD.date_from, PERIOD.date_to, events["patch"])):
        before = report_numbers(report)
        purge(now=NOW, dry_run=False, stdout=io.StringIO())
        assert report_numbers(report) == before
    assert (
        SearchEvent.objects.filter(occurred_hour__lt=at(datetime.date(2026, 3, 20), 0)).count() == 0
    )
    assert SearchEvent.objects.count() == 7
    assert DailySearchAggregate.objects.exists()


def test_purge_rolls_up_and_deletes_only_expired_events(events):
    old_count = SearchEvent.objects.count()
    recent = searches(3, RECENT, query="befriending")
    output = io.StringIO()
    purge(now=NOW, dry_run=False, stdout=output)
    assert set(SearchEvent.objects.values_list("pk", flat=True)) == {event.pk for event in recent}
    assert f"deleted {old_count} search events older than 395 days" in output.getvalue()
    assert SearchClick.objects.count() == 0
    memory = DailySearchAggregate.objects.get(query="memory cafe", day=OLD)
    assert (memory.searches, memory.clicked, memory.zero_results) == (12, 5, 0)
    hoarding = DailySearchAggregate.objects.filter(query="hoarding support", day=OLD)
    assert sum(row.zero_results for row in hoarding) == 10
    # Referral events carry no personal data and are kept.
    assert ReferralEvent.objects.count() == 11


def test_purge_twice_changes_nothing_more(events):
    purge(now=NOW, dry_run=False, stdout=io.StringIO())
    rows = list(DailySearchAggregate.objects.values_list("day", "query", "area_id", "searches"))
    purge(now=NOW, dry_run=False, stdout=io.StringIO())
    assert (
        list(DailySearchAggregate.objects.values_list("day", "query", "area_id", "searches"))
        == rows
    )


def test_dry_run_changes_nothing(events):
    count = SearchEvent.objects.count()
    output = io.StringIO()
    purge(now=NOW, dry_run=True, stdout=output)
    assert SearchEvent.objects.count() == count
    assert not DailySearchAggregate.objects.exists()
    assert f"delete {count} search events" in output.getvalue()


def test_nothing_expires_within_the_retention_period(events, settings):
    settings.SEARCH_EVENT_RETENTION_DAYS = 800
    count = SearchEvent.objects.count()
    purge(now=NOW, dry_run=False, stdout=io.StringIO())
    assert SearchEvent.objects.count() == count
    # …but complete days are rolled up, and reports read them from the roll-ups.
    assert RollUpState.through() == datetime.date(2027, 4, 19)
    assert DailySearchAggregate.objects.filter(day=OLD).exists()


def test_reports_add_raw_events_after_the_watermark(events):
    purge(now=at(datetime.date(2026, 3, 12), 3), dry_run=False, stdout=io.StringIO())
    assert RollUpState.through() == datetime.date(2026, 3, 11)
    searches(5, datetime.date(2026, 3, 12), query="memory cafe")
    rows = {row["query"]: row for row in reports.top_queries(PERIOD)}
    assert rows["memory cafe"]["searches"] == 12 + 6 + 5


def test_purge_expired_command_runs_the_roll_up(events):
    search(datetime.date(2020, 1, 1), query="old search")
    output = io.StringIO()
    call_command("purge_expired", stdout=output)
    assert not SearchEvent.objects.filter(query="old search").exists()
    # Counted, but typed in one visit more than 30 days ago: the words are not kept.
    assert not DailySearchAggregate.objects.filter(query="old search").exists()
    assert DailySearchAggregate.objects.get(day=datetime.date(2020, 1, 1)).searches == 1
    assert "Search analytics" in output.getvalue()

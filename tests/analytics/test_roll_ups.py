"""Daily and monthly roll-ups: reports read whole months from the monthly counts, other days
from the daily counts and later hours from raw events, and give the numbers raw events give."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analytics import reports
from analytics.models import (
    DailySearchAggregate,
    MonthlyAreaAggregate,
    MonthlySearchAggregate,
    RollUpState,
)
from analytics.reports import CountSources, ReportFilter, count_sources, local_midnight
from analytics.retention import roll_up
from demo.synthetic import generate_events
from tests.analytics.conftest import report_numbers, searches

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 4, 20)  # 75 days of events from 5 February
D = datetime.date


def periods(world):
    """Periods that start and end inside months, match whole months, and cover an area."""
    return [
        ReportFilter(D(2026, 2, 10), D(2026, 4, 15)),
        ReportFilter(D(2026, 3, 1), D(2026, 3, 31)),
        ReportFilter(D(2026, 2, 1), D(2026, 4, 30)),
        ReportFilter(D(2026, 3, 30), D(2026, 4, 2)),
        ReportFilter(D(2026, 2, 10), D(2026, 4, 15), world["patch"]),
        ReportFilter(D(2026, 3, 1), D(2026, 4, 30), world["darnall"]),
    ]


def counts_by_every_grouping(report):
    """search_counts for each grouping and subset the reports use, long tails included."""
    return [
        reports.search_counts(report, group_by, metrics, subsets)
        for group_by, metrics, subsets in [
            (("query",), ("searches",), ("with_query",)),
            (("category", "area_id"), ("searches", "zero_results", "low_results"), ("unmet",)),
            (("query", "area_id"), ("searches", "zero_results", "low_results"), ("unmet",)),
            (("area_id", "category"), ("searches",), ("with_category",)),
            (("month",), ("searches", "clicked", "followed_by_referral"), ()),
            ((), ("searches", "clicked", "followed_by_referral"), ()),
            (("area_id",), ("searches",), ("carers",)),
            (("month",), ("searches",), ("carers",)),
        ]
    ]


def everything(world):
    return [(report_numbers(report), counts_by_every_grouping(report)) for report in periods(world)]


@pytest.fixture
def synthetic(world):
    wards = [world["walkley"], world["hillsborough"], world["darnall"]]
    generate_events(days=75, per_day=40, seed=5, areas=wards, end=END)
    return world


def test_reports_from_roll_ups_match_raw_events(synthetic):
    from_raw = everything(synthetic)
    # Mid-month: February and March are whole months, April 1–14 daily, then raw events.
    roll_up(through=D(2026, 4, 14))
    assert RollUpState.watermarks() == (D(2026, 4, 14), D(2026, 3, 1))
    assert set(MonthlySearchAggregate.objects.values_list("month_start", flat=True)) == {
        D(2026, 2, 1),
        D(2026, 3, 1),
    }
    assert everything(synthetic) == from_raw
    # The month end: April joins the monthly counts.
    roll_up(through=D(2026, 4, 30))
    assert RollUpState.watermarks() == (D(2026, 4, 30), D(2026, 4, 1))
    assert everything(synthetic) == from_raw


def test_monthly_counts_add_up_the_daily_counts(synthetic):
    roll_up(through=D(2026, 3, 31))
    for month in (D(2026, 2, 1), D(2026, 3, 1)):
        daily = DailySearchAggregate.objects.filter(
            day__gte=month, day__lt=reports.next_month(month)
        )
        monthly = MonthlySearchAggregate.objects.filter(month_start=month)
        by_area = MonthlyAreaAggregate.objects.filter(month_start=month)
        for name in ("searches", "zero_results", "low_results", "clicked", "followed_by_referral"):
            total = sum(daily.values_list(name, flat=True))
            assert total > 0 or name == "followed_by_referral"
            assert sum(monthly.values_list(name, flat=True)) == total
            assert sum(by_area.values_list(name, flat=True)) == total
        # Fewer rows: no postcode district, and the same search on many days is one row.
        assert by_area.count() < monthly.count() < daily.count()


def test_whole_months_are_read_from_the_smallest_roll_up_that_answers(synthetic):
    roll_up(through=D(2026, 4, 14))
    march = ReportFilter(D(2026, 3, 1), D(2026, 3, 31))
    tables = {
        "daily": DailySearchAggregate._meta.db_table,
        "monthly": MonthlySearchAggregate._meta.db_table,
        "by area": MonthlyAreaAggregate._meta.db_table,
        "raw": "search_searchevent",
    }
    for group_by, subsets, expected in [
        (("query",), (), "monthly"),
        (("category",), ("with_query",), "monthly"),
        (("area_id", "category"), ("unmet",), "by area"),
        (("month",), ("carers",), "by area"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            reports.search_counts(march, group_by, ("searches",), subsets)
        sql = " ".join(query["sql"] for query in queries.captured_queries)
        assert {name for name, table in tables.items() if table in sql} == {expected}


def test_new_searches_after_the_roll_up_are_counted(synthetic):
    roll_up(through=D(2026, 4, 20))
    march_to_today = ReportFilter(D(2026, 3, 1), D(2026, 4, 21))
    before = reports.search_counts(march_to_today, (), ("searches",))[()]["searches"]
    searches(4, D(2026, 4, 21), query="memory cafe")
    after = reports.search_counts(march_to_today, (), ("searches",))[()]["searches"]
    assert after == before + 4


def test_months_are_rolled_up_after_an_upgrade(synthetic):
    """Daily counts from before monthly roll-ups existed are added up on the next run."""
    from_raw = everything(synthetic)
    roll_up(through=D(2026, 4, 14))
    MonthlySearchAggregate.objects.all().delete()
    MonthlyAreaAggregate.objects.all().delete()
    RollUpState.objects.update(months_rolled_up_through=None)
    assert everything(synthetic) == from_raw  # from the daily counts alone
    roll_up(through=D(2026, 4, 14))
    assert RollUpState.watermarks() == (D(2026, 4, 14), D(2026, 3, 1))
    assert MonthlySearchAggregate.objects.filter(month_start=D(2026, 2, 1)).exists()
    assert MonthlyAreaAggregate.objects.filter(month_start=D(2026, 2, 1)).exists()
    assert everything(synthetic) == from_raw


def test_rolling_up_again_changes_nothing(synthetic):
    def monthly_rows():
        rows = [
            *MonthlySearchAggregate.objects.values_list(
                "month_start", "query", "category", "area_id", "is_carer_search", "searches"
            ),
            *MonthlyAreaAggregate.objects.values_list(
                "month_start", "category", "area_id", "is_carer_search", "searches"
            ),
        ]
        return sorted(rows, key=str)

    roll_up(through=D(2026, 4, 14))
    rows = monthly_rows()
    roll_up(through=D(2026, 4, 14))
    assert monthly_rows() == rows


@pytest.mark.parametrize(
    ("date_from", "date_to", "days_through", "months_through", "expected"),
    [
        # Nothing rolled up: all raw.
        (D(2026, 2, 10), D(2026, 4, 15), None, None, CountSources(None, (), "start")),
        # Rolled up before the period starts: all raw.
        (
            D(2026, 2, 10), D(2026, 4, 15), D(2026, 1, 31), D(2026, 1, 1),
            CountSources(None, (), "start"),
        ),
        # Daily counts only (no monthly watermark yet).
        (
            D(2026, 2, 10), D(2026, 4, 15), D(2026, 4, 10), None,
            CountSources(None, ((D(2026, 2, 10), D(2026, 4, 10)),), D(2026, 4, 11)),
        ),
        # Head and tail days around whole months; raw after the daily watermark.
        (
            D(2026, 2, 10), D(2026, 4, 15), D(2026, 4, 10), D(2026, 3, 1),
            CountSources(
                (D(2026, 3, 1), D(2026, 4, 1)),
                ((D(2026, 2, 10), D(2026, 2, 28)), (D(2026, 4, 1), D(2026, 4, 10))),
                D(2026, 4, 11),
            ),
        ),
        # Exactly whole months, all rolled up: one monthly range, nothing else.
        (
            D(2026, 2, 1), D(2026, 3, 31), D(2026, 4, 10), D(2026, 3, 1),
            CountSources((D(2026, 2, 1), D(2026, 4, 1)), (), None),
        ),
        # The monthly watermark lags the daily one: the later whole month comes from days.
        (
            D(2026, 2, 1), D(2026, 3, 31), D(2026, 4, 10), D(2026, 2, 1),
            CountSources((D(2026, 2, 1), D(2026, 3, 1)), ((D(2026, 3, 1), D(2026, 3, 31)),), None),
        ),
        # No whole month inside the period.
        (
            D(2026, 3, 30), D(2026, 4, 2), D(2026, 4, 10), D(2026, 3, 1),
            CountSources(None, ((D(2026, 3, 30), D(2026, 4, 2)),), None),
        ),
    ],
)  # fmt: skip
def test_count_sources(date_from, date_to, days_through, months_through, expected):
    report = ReportFilter(date_from, date_to)
    if expected.raw_from == "start":
        expected = CountSources(expected.months, expected.days, report.start)
    elif expected.raw_from is not None:
        expected = CountSources(expected.months, expected.days, local_midnight(expected.raw_from))
    assert count_sources(report, days_through, months_through) == expected

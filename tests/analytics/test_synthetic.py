"""The synthetic event generator used by the demo data and the benchmark."""

import datetime
import io

import pytest

from analytics import reports
from analytics.models import (
    DailySearchAggregate,
    MonthlySearchAggregate,
    ReferralEvent,
    SearchClick,
    SearchEvent,
)
from analytics.reports import ReportFilter
from demo import analytics as demo
from demo.synthetic import generate_events, query_mix

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 3, 31)


def snapshot():
    return list(
        SearchEvent.objects.order_by("id").values_list(
            "occurred_hour", "query", "category", "area_id", "result_count", "is_carer_search"
        )
    )


def test_generates_a_realistic_mix(world):
    wards = [world["walkley"], world["hillsborough"], world["darnall"]]
    written = generate_events(days=14, per_day=200, seed=7, areas=wards, end=END)
    assert written == SearchEvent.objects.count()
    assert 2000 < written < 3000
    events = SearchEvent.objects.all()
    assert events.filter(result_count=0).exists()
    assert events.filter(is_carer_search=True).exists()
    assert events.filter(query="").exists()  # category browsing
    assert events.exclude(area=None).filter(area__in=wards).count() > written * 0.8
    assert SearchClick.objects.exists()
    assert ReferralEvent.objects.exclude(outcome="").exists()
    # Zipf-like: the most popular query is far more common than the median one.
    top = reports.top_queries(ReportFilter(END - datetime.timedelta(days=13), END), limit=500)
    assert top[0]["searches"] > 10 * top[len(top) // 2]["searches"]
    fortnight = ReportFilter(END - datetime.timedelta(days=13), END)
    unmet = {row["query"] for row in reports.unmet_need(fortnight, "query")}
    assert {"stoma support group", "sign language cafe"} <= unmet
    # No personal data: session hashes are random, postcodes only districts.
    assert all(
        len(district) <= 4 for district in events.values_list("postcode_district", flat=True)
    )


def test_same_seed_same_events(world):
    generate_events(days=3, per_day=50, seed=11, areas=[world["walkley"]], end=END)
    first = snapshot()
    SearchEvent.objects.all().delete()
    generate_events(days=3, per_day=50, seed=11, areas=[world["walkley"]], end=END)
    assert snapshot() == first


def test_query_mix_respects_categories():
    mix = query_mix(["memory-dementia"])
    assert {category for _query, category, _results in mix} == {"memory-dementia"}
    assert ("dementia swimming", "memory-dementia", 0) in mix
    assert len(query_mix()) >= 200


def test_demo_load_is_idempotent(world):
    output = io.StringIO()
    demo.load(stdout=output, listings=10, seed=2026, days=45)
    count = SearchEvent.objects.count()
    referrals = ReferralEvent.objects.count()
    assert count > 7000
    demo.load(stdout=output, listings=10, seed=2026, days=45)
    assert SearchEvent.objects.count() == count
    assert ReferralEvent.objects.count() == referrals
    # The roll-ups were rebuilt, not added to: whole months add up to their days.
    month = MonthlySearchAggregate.objects.order_by("month_start").first().month_start
    days = DailySearchAggregate.objects.filter(day__gte=month, day__lt=reports.next_month(month))
    monthly = MonthlySearchAggregate.objects.filter(month_start=month)
    assert sum(monthly.values_list("searches", flat=True)) == sum(
        days.values_list("searches", flat=True)
    )
    assert "synthetic search events" in output.getvalue()

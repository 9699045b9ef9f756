"""Each report's numbers against a hand-built set of events and referrals."""

import dataclasses
import datetime

import pytest

from analytics import reports
from analytics.reports import ReportFilter
from directory.models import Area
from tests.analytics.conftest import DAY, search

MARCH = ReportFilter(datetime.date(2026, 3, 1), datetime.date(2026, 3, 28))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_march():
    """A ReportFilter caches the areas it reads (`footprint`, `area_ids`), as a request's
    does: each test gets a new one over its own database."""
    global MARCH  # noqa: PLW0603
    MARCH = ReportFilter(MARCH.date_from, MARCH.date_to)


def by(rows, key):
    return {row[key]: row for row in rows}


def test_top_queries_with_trend(events):
    search(datetime.date(2026, 1, 20))  # searches were counted for the whole of February
    rows = by(reports.top_queries(MARCH), "query")
    assert rows["memory cafe"]["searches"] == 12
    assert rows["memory cafe"]["previous"] == 6
    assert rows["memory cafe"]["change_percent"] == 100.0
    assert rows["memory cafe"]["trend"] == "up"
    assert rows["hoarding support"]["searches"] == 10
    assert rows["hoarding support"]["trend"] == "new"
    assert rows["hoarding support"]["change_percent"] is None  # nothing before to compare with
    # Typed in fewer than 5 visits (2 and 1): never shown.
    assert "sign language cafe" not in rows and "befriending" not in rows
    assert [row["query"] for row in reports.top_queries(MARCH)][:2] == [
        "memory cafe",
        "hoarding support",
    ]


def test_top_categories(events):
    rows = by(reports.top_categories(MARCH), "category")
    assert rows["memory-dementia"]["searches"] == 12
    assert rows["memory-dementia"]["category_name"] == "Memory problems and dementia"
    assert rows["carers-support"]["searches"] == 5
    assert set(rows) == {"memory-dementia", "carers-support"}


def test_area_filter_covers_the_wards_of_a_lac_patch(events):
    patch = ReportFilter(MARCH.date_from, MARCH.date_to, events["patch"])
    rows = by(reports.top_queries(patch), "query")
    assert rows["hoarding support"]["searches"] == 7  # Darnall's 3 are outside the patch
    assert "sign language cafe" not in rows and "befriending" not in rows


def test_unmet_need_by_query(events):
    rows = by(reports.unmet_need(MARCH, "query"), "query")
    assert set(rows) == {"hoarding support"}  # "sign language cafe": 2 visits, never shown
    hoarding = rows["hoarding support"]
    assert (hoarding["searches"], hoarding["zero_results"], hoarding["low_results"]) == (10, 10, 0)
    assert hoarding["areas"] == [("Walkley", 7), ("Darnall", 3)]
    assert hoarding["areas_text"] == "Walkley (7); Darnall (fewer than 5)"


def test_unmet_need_shows_decisions(events, analyst):
    from analytics.models import UnmetNeedDecision

    UnmetNeedDecision.objects.create(
        query="hoarding support", decision="not_provided", decided_by=analyst
    )
    rows = by(reports.unmet_need(MARCH, "query"), "query")
    assert rows["hoarding support"]["decision_label"] == "Not something we provide"


def test_demand_supply_gap_table(events):
    rows = reports.demand_supply(MARCH)
    table = {(row["area"], row["category"]): row for row in rows}
    walkley_dementia = table[("Walkley", "memory-dementia")]
    assert (walkley_dementia["searches"], walkley_dementia["listings"]) == (12, 1)
    assert walkley_dementia["listings_per_100"] == 8.3
    hillsborough_carers = table[("Hillsborough", "carers-support")]
    assert (hillsborough_carers["searches"], hillsborough_carers["listings"]) == (5, 0)
    assert hillsborough_carers["listings_per_100"] == 0.0
    # By LAC patch: both wards' dementia listings count for the patch; the draft one never does.
    by_patch = dataclasses.replace(MARCH, area_type=Area.Kind.LAC_PATCH)
    table = {(row["area"], row["category"]): row for row in reports.demand_supply(by_patch)}
    patch_dementia = table[("North West patch", "memory-dementia")]
    assert (patch_dementia["searches"], patch_dementia["listings"]) == (12, 2)
    # Biggest gap first.
    assert rows[0]["listings_per_100"] == 0.0


def test_area_overview_and_map_points(events):
    rows = by(reports.area_overview(MARCH), "area")
    assert rows["Walkley"]["searches"] == 19
    assert rows["Walkley"]["listings"] == 2
    assert rows["Darnall"]["listings"] == 0
    assert rows["Darnall"]["latitude"] == 53.39


def test_search_to_support(events):
    summary = reports.search_to_support(MARCH)
    assert summary["searches"] == 30
    assert summary["clicked"] == 6  # two clicks on one search count once
    assert summary["click_through_percent"] == 20.0
    assert summary["followed_by_referral"] == 5
    assert summary["referral_percent"] == 16.7
    assert summary["referrals"] == 11
    assert summary["closed"] == 8
    assert summary["resolved"] == 6
    assert summary["resolved_percent"] == 75.0
    # 2 of 8 is a small count: the share is withheld.
    assert summary["needs_assessment"] == 2
    assert summary["needs_assessment_percent"] is None


def test_referral_outcomes(events):
    rows = by(reports.referral_outcomes(MARCH), "outcome")
    assert rows["information_advice"]["referrals"] == 4
    assert rows["information_advice"]["share_percent"] is None  # 4 is small
    assert rows["needs_assessment"]["referrals"] == 2
    assert rows["safeguarding"]["referrals"] == 0


def test_carers_by_area_and_month(events):
    rows = by(reports.carers(MARCH, "area_id"), "label")
    assert rows["Hillsborough"] == {
        "label": "Hillsborough",
        "carer_searches": 5,
        "carer_referrals": 2,
        "carer_assessments": 1,
    }
    months = reports.carers(MARCH, "month")
    assert months == [
        {"label": "March 2026", "carer_searches": 5, "carer_referrals": 2, "carer_assessments": 1}
    ]


def test_directory_health(events):
    today = DAY
    status = by(reports.review_status(MARCH, today=today), "status")
    assert status["Reviewed and in date"]["listings"] == 3
    assert status["Overdue for review"]["listings"] == 0
    from directory.models import Service

    Service.objects.filter(pk=events["memory_cafe"].pk).update(
        review_due=today - datetime.timedelta(days=1)
    )
    status = by(reports.review_status(MARCH, today=today), "status")
    assert status["Overdue for review"]["listings"] == 1
    wards = by(reports.listings_health_by(MARCH, "area", today=today), "label")
    assert (wards["Walkley"]["listings"], wards["Walkley"]["overdue"]) == (2, 1)
    categories = by(reports.listings_health_by(MARCH, "category", today=today), "label")
    assert categories["Memory problems and dementia"]["listings"] == 2
    waiting = reports.suggestions_waiting(MARCH)
    assert waiting[0]["waiting"] == 1

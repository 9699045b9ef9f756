"""Reports cut by any loaded type of area (ward, PCN, LAC patch): every "by area" table gives
the same column totals whichever type is chosen; the "Show areas as" choice on the screens."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from analytics import reports
from analytics.forms import ReportFilterForm
from analytics.reports import ReportFilter
from directory.models import Area, Service
from tests.analytics.conftest import DAY, searches
from tests.factories.directory import AreaFactory, PostcodeFactory

pytestmark = pytest.mark.django_db

MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-28"}


def march(area_type=Area.Kind.WARD, area=None) -> ReportFilter:
    return ReportFilter(datetime.date(2026, 3, 1), datetime.date(2026, 3, 28), area, area_type)


@pytest.fixture
def pcns(events, tmp_path):
    """One illustrative PCN loaded from a CSV: Walkley and Hillsborough; Darnall in none."""
    walkley, hillsborough = events["walkley"], events["hillsborough"]
    rows = ["postcode,pcn_code,pcn_name"]
    for number, ward in enumerate((walkley, hillsborough, walkley)):
        postcode = f"S6 {number}AA"
        PostcodeFactory(postcode=postcode, ward_code=ward.code)
        rows.append(f"{postcode},U99001,North West PCN (illustrative)")
    PostcodeFactory(postcode="S9 1AA", ward_code=events["darnall"].code)
    path = tmp_path / "pcns.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("load_areas", str(path), "--type", "pcn", stdout=StringIO())
    # One listing overdue for review, for directory health.
    Service.objects.filter(pk=events["memory_cafe"].pk).update(
        review_due=DAY - datetime.timedelta(days=1)
    )
    return {**events, "pcn": Area.objects.get(kind=Area.Kind.PCN)}


def by_area_tables(report: ReportFilter) -> dict[str, list[dict]]:
    """Every "by area" table of the reports this change owns, as rows."""
    tables = {}
    for build in (
        reports.demand_supply_tables,
        reports.unmet_need_tables,
        reports.directory_health_tables,
    ):
        for table in build(report):
            tables[table.slug] = table
    return {
        "gaps": [{"searches": row["searches"]} for row in tables["gaps"].rows],
        "areas": tables["areas"].rows,
        "unmet_by_area": reports.unmet_need_by_area(report),
        "health": reports.listings_health_by(report, "area", today=DAY),
        "carers_by_area": reports.carers(report, "area_id"),
        "query_areas": [
            {"searches": sum(count for _name, count in row["areas"])}
            for row in reports.unmet_need(report, "query")
        ],
    }


COUNT_COLUMNS = (
    "searches",
    "listings",
    "zero_results",
    "low_results",
    "overdue",
    "carer_searches",
    "carer_referrals",
)


def totals(rows: list[dict]) -> dict[str, int]:
    return {
        column: sum(row[column] for row in rows)
        for column in COUNT_COLUMNS
        if rows and column in rows[0]
    }


def test_totals_are_the_same_by_ward_by_pcn_and_by_patch(pcns):
    by_ward = by_area_tables(march())
    by_pcn = by_area_tables(march(Area.Kind.PCN))
    by_patch = by_area_tables(march(Area.Kind.LAC_PATCH))
    for name, rows in by_ward.items():
        assert rows, name  # every table has something to add up
        assert totals(rows) == totals(by_pcn[name]) == totals(by_patch[name]), name
    # (The gap table's listings are the local supply for each area's searches: a bigger area
    # has more of it near, so that column is not a sum; its searches are.)
    # The numbers that make those totals: 12 + 7 Walkley and 5 + 2 Hillsborough searches,
    # 3 + 1 from Darnall, which is in no PCN.
    areas = {row["area"]: row for row in by_pcn["areas"]}
    assert areas["North West PCN (illustrative)"]["searches"] == 26
    assert areas["North West PCN (illustrative)"]["listings"] == 3
    assert areas["Not in a primary care network"]["searches"] == 4
    assert areas["Not in a primary care network"]["latitude"] is None  # never on the map
    assert {row["area"] for row in by_ward["areas"]} == {"Walkley", "Hillsborough", "Darnall"}
    unmet = {row["area"]: row["searches"] for row in by_pcn["unmet_by_area"]}
    assert unmet == {"North West PCN (illustrative)": 9, "Not in a primary care network": 3}
    health = {row["label"]: row for row in by_pcn["health"]}
    assert (
        health["North West PCN (illustrative)"]["listings"],
        health["North West PCN (illustrative)"]["overdue"],
    ) == (3, 1)
    hoarding = next(
        row
        for row in reports.unmet_need(march(Area.Kind.PCN))
        if row["query"] == "hoarding support"
    )
    assert (
        hoarding["areas_text"]
        == "North West PCN (illustrative) (7); Not in a primary care network (fewer than 5)"
    )


def test_a_pcn_is_placed_at_the_centre_of_its_postcodes(pcns):
    row = reports.area_overview(march(Area.Kind.PCN))[0]
    assert row["area"] == "North West PCN (illustrative)"
    assert row["latitude"] == pytest.approx(53.380410)  # PostcodeFactory's point


def test_an_area_filter_and_a_footprint_together(pcns):
    """Only Walkley's counts, shown as its PCN; and the PCN's, shown by ward."""
    walkley_as_pcn = reports.area_overview(march(Area.Kind.PCN, pcns["walkley"]))
    assert [(row["area"], row["searches"]) for row in walkley_as_pcn] == [
        ("North West PCN (illustrative)", 19)
    ]
    pcn_by_ward = reports.area_overview(march(Area.Kind.WARD, pcns["pcn"]))
    assert [(row["area"], row["searches"]) for row in pcn_by_ward] == [
        ("Walkley", 19),
        ("Hillsborough", 7),
    ]


def test_a_ward_added_later_counts_as_not_in_a_pcn(pcns):
    later = march(Area.Kind.PCN)
    ward = AreaFactory(name="Stannington")
    searches(6, DAY, query="walking group", area=ward)
    rows = {row["area"]: row["searches"] for row in reports.area_overview(later)}
    assert rows["Not in a primary care network"] == 10
    assert sum(rows.values()) == sum(row["searches"] for row in reports.area_overview(march()))


def test_area_type_choices_are_the_loaded_types(events):
    form = ReportFilterForm()
    assert [value for value, _label in form.fields["area_type"].choices] == ["ward", "lac_patch"]


def test_show_areas_as_pcn_on_screen_and_in_csv(client, analyst, pcns):
    client.force_login(analyst)
    form = ReportFilterForm()
    assert ("pcn", "Primary care network") in form.fields["area_type"].choices
    url = reverse("analytics:report", args=["demand-supply"])
    page = client.get(url, {**MARCH, "area_type": "pcn"})
    assert page.status_code == 200
    assert "Searches and listings by primary care network" in page.text
    assert "North West PCN (illustrative)" in page.text
    assert "Not in a primary care network" in page.text
    assert "Tables by area show each primary care network." in page.text
    # The area list holds areas of every loaded type.
    assert "North West PCN (illustrative) (Primary care network)" in page.text
    export = client.get(
        reverse("analytics:csv", args=["demand-supply", "areas"]), {**MARCH, "area_type": "pcn"}
    )
    assert export.content.decode().splitlines()[0].startswith("Primary care network,Searches")
    assert (
        "signpost-demand-supply-areas-by-pcn-20260301-20260328.csv" in export["Content-Disposition"]
    )
    assert "North West PCN (illustrative),26," in export.content.decode()


@pytest.mark.parametrize("value", ["galaxy", "pcn", "<script>"])
def test_an_unknown_or_unloaded_area_type_is_a_form_error(client, analyst, events, value):
    """With no PCNs loaded, "pcn" is not a choice either: an error, never a 500."""
    client.force_login(analyst)
    for slug in ("demand-supply", "unmet-need", "directory-health"):
        page = client.get(reverse("analytics:report", args=[slug]), {**MARCH, "area_type": value})
        assert page.status_code == 200
        assert "Choose how to show areas from the list" in page.text
        assert "Searches and listings by ward" in page.text or slug != "demand-supply"
    form = ReportFilterForm({**MARCH, "area_type": value})
    assert not form.is_valid()
    assert form.to_filter().area_type == Area.Kind.WARD

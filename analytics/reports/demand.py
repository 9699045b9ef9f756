"""Report 3, demand against supply by area: searches and local listings for each ward and
LAC patch (the gap table)."""

from collections import defaultdict

from django.db.models import Avg
from django.utils.translation import gettext as _

from analytics.reports.counts import search_counts
from analytics.reports.labels import category_names
from analytics.reports.shapes import Chart, Column, ReportFilter, Table
from directory.models import Area, Location, Postcode, Service
from portal.suppression import is_small


def report_areas(report: ReportFilter):
    """Wards and LAC patches the report covers."""
    areas = Area.objects.filter(kind__in=[Area.Kind.WARD, Area.Kind.LAC_PATCH])
    if report.area_ids is not None:
        areas = areas.filter(pk__in=report.area_ids)
    return list(areas.prefetch_related("wards"))


def _covered_ids(area: Area) -> set:
    """An area and, for a LAC patch, the wards it covers."""
    return {area.pk} | {ward.pk for ward in area.wards.all()}


def listings_by_ward() -> dict:
    """{ward id: {category code: set of live service ids located there}}; "" = any category."""
    supply: dict = defaultdict(lambda: defaultdict(set))
    rows = (
        Service.objects.live()
        .filter(service_at_locations__location__area__isnull=False)
        .values_list(
            "pk",
            "service_at_locations__location__area_id",
            "taxonomy_terms__code",
            "taxonomy_terms__parent__code",
        )
    )
    for service_id, ward_id, code, parent_code in rows:
        supply[ward_id][""].add(service_id)
        for category in (code, parent_code):
            if category:
                supply[ward_id][category].add(service_id)
    return supply


def demand_supply(report: ReportFilter) -> list[dict]:
    """Per area and category: searches, live listings located in the area, listings per 100
    searches. Sorted with the biggest gaps (fewest listings per search) first."""
    demand = search_counts(report, ("area_id", "category"), ("searches",), ("with_category",))
    supply = listings_by_ward()
    names = category_names()
    rows = []
    for area in report_areas(report):
        covered = _covered_ids(area)
        searches_by_category: dict[str, int] = defaultdict(int)
        for (area_id, category), counts in demand.items():
            if area_id in covered:
                searches_by_category[category] += counts["searches"]
        for category, searches in searches_by_category.items():
            listings = set().union(*(supply.get(ward, {}).get(category, set()) for ward in covered))
            rows.append(
                {
                    "area": area.name,
                    "area_kind": area.get_kind_display(),
                    "category": category,
                    "category_name": names.get(category, category),
                    "searches": searches,
                    "listings": len(listings),
                    "listings_per_100": per_hundred(len(listings), searches),
                }
            )
    rows.sort(
        key=lambda row: (
            row["listings_per_100"] is None,
            row["listings_per_100"] or 0,
            -row["searches"],
            row["area"],
            row["category_name"],
        )
    )
    return rows


def per_hundred(listings: int, searches: int) -> float | None:
    """Listings per 100 searches; withheld when the search count is small (or nil)."""
    if not searches or is_small(searches):
        return None
    return round(listings * 100 / searches, 1)


def area_overview(report: ReportFilter) -> list[dict]:
    """Per ward: all searches, live listings located there, listings per 100 searches, and
    a map position (centroid, else the mean of its postcodes or of its listings' locations)."""
    demand = search_counts(report, ("area_id",), ("searches",))
    supply = listings_by_ward()
    wards = [area for area in report_areas(report) if area.kind == Area.Kind.WARD]
    postcode_points = {
        row["ward_code"]: (row["lat"], row["lon"])
        for row in Postcode.objects.filter(ward_code__in=[ward.code for ward in wards if ward.code])
        .values("ward_code")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    }
    location_points = {
        row["area_id"]: (row["lat"], row["lon"])
        for row in Location.objects.with_coordinates()
        .filter(area_id__in=[ward.pk for ward in wards])
        .values("area_id")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    }
    rows = []
    for ward in wards:
        searches = demand.get((ward.pk,), {}).get("searches", 0)
        listings = len(supply.get(ward.pk, {}).get("", set()))
        if ward.centroid_latitude is not None and ward.centroid_longitude is not None:
            point = (ward.centroid_latitude, ward.centroid_longitude)
        else:
            point = postcode_points.get(ward.code) or location_points.get(ward.pk)
        rows.append(
            {
                "area": ward.name,
                "searches": searches,
                "listings": listings,
                "listings_per_100": per_hundred(listings, searches),
                "latitude": point[0] if point else None,
                "longitude": point[1] if point else None,
            }
        )
    rows.sort(key=lambda row: (-row["searches"], row["area"]))
    return rows


def demand_supply_tables(report: ReportFilter) -> list[Table]:
    overview = area_overview(report)
    return [
        Table(
            "gaps",
            _("Gap table: demand against supply by area and category"),
            [
                Column("area", _("Area")),
                Column("area_kind", _("Type of area")),
                Column("category_name", _("Category")),
                Column("searches", _("Searches"), "count"),
                Column("listings", _("Listings in the area"), "count", suppressed=False),
                Column("listings_per_100", _("Listings per 100 searches"), "rate"),
            ],
            demand_supply(report),
            _(
                "Biggest gaps first: the fewest local listings for each 100 searches. Listings "
                "are live services with a location in the ward (or in any ward of a LAC patch)."
            ),
        ),
        Table(
            "areas",
            _("Searches and listings by ward"),
            [
                Column("area", _("Ward")),
                Column("searches", _("Searches"), "count"),
                Column("listings", _("Listings in the ward"), "count", suppressed=False),
                Column("listings_per_100", _("Listings per 100 searches"), "rate"),
            ],
            overview,
            chart=Chart("area", "searches", _("Searches by ward"), limit=40),
            map_points=[row for row in overview if row["latitude"] is not None],
        ),
    ]

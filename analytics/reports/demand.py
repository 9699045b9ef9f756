"""Report 3, demand against supply by area: searches and local listings for each area of the
chosen type (wards unless the report says otherwise: PCNs, LAC patches…), the gap table."""

from collections import defaultdict

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from analytics.reports.footprint import area_groups, group_key, searches_by_group, type_label
from analytics.reports.labels import category_names
from analytics.reports.shapes import Chart, Column, ReportFilter, Table
from directory.models import Area, Location, Postcode, Service
from portal.suppression import is_small


def report_areas(report: ReportFilter):
    """The areas of the report's type (`area_type`) it covers, with their wards."""
    return [group.area for group in area_groups(report) if group.area is not None]


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


def listings_by_group(report: ReportFilter) -> dict:
    """{group key: {category code: set of live service ids located in the area}}: a listing
    counts once in each area it has a location in."""
    supply: dict = defaultdict(lambda: defaultdict(set))
    for ward_id, categories in listings_by_ward().items():
        key = group_key(report, ward_id)
        for category, services in categories.items():
            supply[key][category] |= services
    return supply


def demand_supply(report: ReportFilter) -> list[dict]:
    """Per area of the report's type and category: searches, live listings located in the
    area, listings per 100 searches. Sorted with the biggest gaps (fewest listings per
    search) first."""
    demand = searches_by_group(
        report, ("area_id", "category"), metrics=("searches",), subsets=("with_category",)
    )
    supply = listings_by_group(report)
    names = category_names()
    kind = type_label(report.area_type)
    rows = []
    for group in area_groups(report):
        for (key, category), counts in demand.items():
            if key != group.key:
                continue
            listings = supply.get(key, {}).get(category, set())
            rows.append(
                {
                    "area": group.name,
                    "area_kind": kind,
                    "category": category,
                    "category_name": names.get(category, category),
                    "searches": counts["searches"],
                    "listings": len(listings),
                    "listings_per_100": per_hundred(len(listings), counts["searches"]),
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
    """Per area of the report's type: all searches, live listings located there, listings
    per 100 searches, and a map position (its centroid, else the mean of its wards'
    postcodes or of its listings' locations). A "Not in a <type>" row, with no position,
    holds what no area of the type does, when there is any."""
    demand = searches_by_group(report, ("area_id",), metrics=("searches",))
    supply = listings_by_group(report)
    groups = area_groups(report)
    ward_ids = {ward_id for group in groups for ward_id in group.ward_ids}
    wards = Area.objects.filter(pk__in=ward_ids).exclude(code="")
    ward_of_code = dict(wards.values_list("code", "pk"))
    postcode_sums = {
        ward_of_code[row["ward_code"]]: (row["lat"], row["lon"], row["n"])
        for row in Postcode.objects.filter(ward_code__in=list(ward_of_code))
        .values("ward_code")
        .annotate(lat=Sum("latitude"), lon=Sum("longitude"), n=Count("postcode"))
        .order_by()
    }
    location_sums = {
        row["area_id"]: (row["lat"], row["lon"], row["n"])
        for row in Location.objects.with_coordinates()
        .filter(area_id__in=ward_ids)
        .values("area_id")
        .annotate(lat=Sum("latitude"), lon=Sum("longitude"), n=Count("pk"))
        .order_by()
    }
    rows = []
    for group in groups:
        searches = demand.get((group.key,), {}).get("searches", 0)
        listings = len(supply.get(group.key, {}).get("", set()))
        if group.area is None:
            if not searches and not listings:
                continue
            point = None
        elif group.area.centroid_latitude is not None and group.area.centroid_longitude is not None:
            point = (group.area.centroid_latitude, group.area.centroid_longitude)
        else:
            point = _mean_point(postcode_sums, group.ward_ids) or _mean_point(
                location_sums, group.ward_ids
            )
        rows.append(
            {
                "area": group.name,
                "searches": searches,
                "listings": listings,
                "listings_per_100": per_hundred(listings, searches),
                "latitude": point[0] if point else None,
                "longitude": point[1] if point else None,
            }
        )
    rows.sort(key=lambda row: (-row["searches"], row["area"]))
    return rows


def _mean_point(sums: dict, ward_ids: set) -> tuple[float, float] | None:
    """The mean of the points summed per ward in `sums`, over the given wards."""
    parts = [sums[ward_id] for ward_id in ward_ids if ward_id in sums]
    count = sum(n for _lat, _lon, n in parts)
    if not count:
        return None
    return (
        sum(lat for lat, _lon, _n in parts) / count,
        sum(lon for _lat, lon, _n in parts) / count,
    )


def demand_supply_tables(report: ReportFilter) -> list[Table]:
    overview = area_overview(report)
    kind = type_label(report.area_type)
    kind_lower = kind.lower()
    return [
        Table(
            "gaps",
            _("Gap table: demand against supply by %(type)s and category") % {"type": kind_lower},
            [
                Column("area", kind),
                Column("category_name", _("Category")),
                Column("searches", _("Searches"), "count"),
                Column("listings", _("Listings in the area"), "count", suppressed=False),
                Column("listings_per_100", _("Listings per 100 searches"), "rate"),
            ],
            demand_supply(report),
            _(
                "Biggest gaps first: the fewest local listings for each 100 searches. Listings "
                "are live services with a location in the area (in any of its wards)."
            ),
        ),
        Table(
            "areas",
            _("Searches and listings by %(type)s") % {"type": kind_lower},
            [
                Column("area", kind),
                Column("searches", _("Searches"), "count"),
                Column("listings", _("Listings in the area"), "count", suppressed=False),
                Column("listings_per_100", _("Listings per 100 searches"), "rate"),
            ],
            overview,
            _(
                "A listing with locations in several areas counts in each of them. Searches "
                "with no place are not in this table."
            ),
            chart=Chart(
                "area", "searches", _("Searches by %(type)s") % {"type": kind_lower}, limit=40
            ),
            map_points=[row for row in overview if row["latitude"] is not None],
        ),
    ]

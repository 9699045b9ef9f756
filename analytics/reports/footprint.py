"""The areas "by area" tables show: the report's footprint (`ReportFilter.area_type`: wards,
primary care networks, LAC patches…) and the wards each one holds.

Counts carry their ward, and every ward is in at most one area of a type
(`ReportFilter.footprint`, filled by `load_areas` best fit), so grouping through the
footprint gives the same column totals whichever type is chosen: what no area of the type
holds shows in a "Not in a <type>" row."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from analytics.reports.counts import search_counts
from analytics.reports.shapes import ReportFilter
from directory.models import Area

NOT_IN = "not-in"  # the key of the "Not in a <type>" group


@dataclass
class AreaGroup:
    key: object  # the area's id, or NOT_IN
    name: str
    area: Area | None = None
    ward_ids: set = field(default_factory=set)


def type_label(area_type: str) -> str:
    """ "Primary care network", "Ward"…: the chosen footprint's name, for headings."""
    try:
        return str(Area.Kind(area_type).label)
    except ValueError:
        return str(area_type)


def not_in_label(area_type: str) -> str:
    return _("Not in a %(type)s") % {"type": type_label(area_type).lower()}


def footprint_label(report: ReportFilter, ward_id) -> str:
    """The name of the area of the report's footprint a ward-level count falls in: "Area not
    known" without a ward, "Not in a <type>" for a ward outside every area of the type."""
    if ward_id is None:
        return _("Area not known")
    area = report.footprint.get(ward_id)
    return area.name if area is not None else not_in_label(report.area_type)


def group_key(report: ReportFilter, area_id):
    """The group a count with this ward id falls in (None for a count with no area)."""
    if area_id is None:
        return None
    area = report.footprint.get(area_id)
    return area.pk if area is not None else NOT_IN


def area_groups(report: ReportFilter) -> list[AreaGroup]:
    """The areas of the report's type that it covers (all, or those overlapping the chosen
    area), each with its wards, by name; then the "Not in a <type>" group with the wards
    in none (tables show that row only when it has counts)."""
    covered = set(report.area_ids) if report.area_ids is not None else None
    groups: dict = {}
    for ward_id, area in report.footprint.items():
        if covered is not None and ward_id not in covered:
            continue
        group = groups.setdefault(area.pk, AreaGroup(area.pk, area.name, area))
        group.ward_ids.add(ward_id)
    wards = Area.objects.filter(kind=Area.Kind.WARD)
    if covered is not None:
        wards = wards.filter(pk__in=covered)
    outside = set(wards.exclude(pk__in=list(report.footprint)).values_list("pk", flat=True))
    ordered = sorted(groups.values(), key=lambda group: group.name)
    return [*ordered, AreaGroup(NOT_IN, not_in_label(report.area_type), None, outside)]


def searches_by_group(report: ReportFilter, group_by: tuple, **kwargs) -> dict:
    """`search_counts` grouped by ("area_id", …), with each ward id replaced by its group's
    key (the area of the report's type, or NOT_IN); counts with no area are left out."""
    grouped: dict = defaultdict(lambda: defaultdict(int))
    for (area_id, *rest), counts in search_counts(report, group_by, **kwargs).items():
        key = group_key(report, area_id)
        if key is None:
            continue
        for name, value in counts.items():
            grouped[(key, *rest)][name] += value
    return grouped

"""Report 2, unmet need: searches that found nothing or fewer than 3 listings, and where
they came from."""

from django.utils.translation import gettext as _

from analytics.models import UnmetNeedDecision
from analytics.reports.counts import search_counts, words_shown
from analytics.reports.footprint import area_groups, group_key, searches_by_group, type_label
from analytics.reports.labels import category_names
from analytics.reports.shapes import Chart, Column, ReportFilter, Table
from portal.suppression import suppress


def unmet_need(report: ReportFilter, by: str = "query", limit: int = 200) -> list[dict]:
    """Zero- and low-result searches (fewer than 3 results) grouped by query or category,
    with the areas (of the report's type) they came from and any decision already recorded."""
    if by not in ("query", "category"):
        raise ValueError(by)
    subset = "with_query" if by == "query" else "with_category"
    counts = search_counts(
        report, (by, "area_id"), ("searches", "zero_results", "low_results"), ("unmet", subset)
    )
    shown = words_shown(report) if by == "query" else None
    grouped: dict[str, dict] = {}
    for (key, area_id), values in counts.items():
        if shown is not None and key not in shown:
            continue  # words typed in fewer than 5 visits are never shown
        row = grouped.setdefault(
            key, {by: key, "searches": 0, "zero_results": 0, "low_results": 0, "areas": {}}
        )
        for name in ("searches", "zero_results", "low_results"):
            row[name] += values[name]
        area = group_key(report, area_id)
        if area is not None:
            row["areas"][area] = row["areas"].get(area, 0) + values["searches"]
    names = {group.key: group.name for group in area_groups(report)}
    decisions = {
        (decision.query, decision.category): decision
        for decision in UnmetNeedDecision.objects.filter(
            **{f"{by}__in": list(grouped)},
            **({"category": ""} if by == "query" else {"query": ""}),
        )
    }
    categories = category_names()
    rows = []
    for key, row in grouped.items():
        top_areas = sorted(
            row.pop("areas").items(), key=lambda item: (-item[1], names.get(item[0], ""))
        )
        row["areas"] = [(names.get(area_id, ""), count) for area_id, count in top_areas[:5]]
        row["areas_text"] = "; ".join(f"{name} ({suppress(count)})" for name, count in row["areas"])
        decision = decisions.get((key, "") if by == "query" else ("", key))
        row["decision"] = decision.decision if decision else ""
        row["decision_label"] = decision.get_decision_display() if decision else ""
        row["decision_note"] = decision.note if decision else ""
        row.setdefault("query", "")
        row.setdefault("category", "")
        row["category_name"] = categories.get(row["category"], row["category"])
        rows.append(row)
    rows.sort(key=lambda row: (-row["searches"], row[by]))
    return rows[:limit]


def unmet_need_by_area(report: ReportFilter) -> list[dict]:
    """Zero- and low-result searches per area of the report's type (searches with no place
    are left out), most first."""
    metrics = ("searches", "zero_results", "low_results")
    counts = searches_by_group(report, ("area_id",), metrics=metrics, subsets=("unmet",))
    rows = []
    for group in area_groups(report):
        values = counts.get((group.key,))
        if values:
            rows.append({"area": group.name, **{name: values[name] for name in metrics}})
    rows.sort(key=lambda row: (-row["searches"], row["area"]))
    return rows


def unmet_need_tables(report: ReportFilter) -> list[Table]:
    kind = type_label(report.area_type)
    counts = [
        Column("searches", _("Searches with fewer than 3 results"), "count"),
        Column("zero_results", _("No results"), "count"),
        Column("low_results", _("1 or 2 results"), "count"),
        Column("areas_text", _("Where they came from (top 5 areas)")),
        Column("decision_label", _("Decision")),
    ]
    return [
        Table(
            "by-query",
            _("Unmet need by search words"),
            [Column("query", _("Search words")), *counts],
            unmet_need(report, "query"),
            _(
                "Searches that found fewer than 3 listings within the chosen distance. Only "
                "words typed in at least 5 different visits are shown."
            ),
            chart=Chart("query", "searches", _("Searches with fewer than 3 results")),
        ),
        Table(
            "by-category",
            _("Unmet need by category"),
            [Column("category_name", _("Category")), *counts],
            unmet_need(report, "category"),
            chart=Chart("category_name", "searches", _("Searches with fewer than 3 results")),
        ),
        Table(
            "by-area",
            _("Unmet need by %(type)s") % {"type": kind.lower()},
            [Column("area", kind), *counts[:3]],
            unmet_need_by_area(report),
            _(
                "Where searches with fewer than 3 results came from; searches with no place are left out."
            ),
        ),
    ]

"""Report 2, unmet need: searches that found nothing or fewer than 3 listings, and where
they came from."""

from django.utils.translation import gettext as _

from analytics.models import UnmetNeedDecision
from analytics.reports.counts import search_counts, words_shown
from analytics.reports.labels import area_names, category_names
from analytics.reports.shapes import Chart, Column, ReportFilter, Table
from portal.suppression import suppress


def unmet_need(report: ReportFilter, by: str = "query", limit: int = 200) -> list[dict]:
    """Zero- and low-result searches (fewer than 3 results) grouped by query or category,
    with the areas they came from and any decision already recorded."""
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
        if area_id is not None:
            row["areas"][area_id] = row["areas"].get(area_id, 0) + values["searches"]
    names = area_names({area_id for row in grouped.values() for area_id in row["areas"]})
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
        top_areas = sorted(row.pop("areas").items(), key=lambda item: (-item[1], names[item[0]]))
        row["areas"] = [(names[area_id], count) for area_id, count in top_areas[:5]]
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


def unmet_need_tables(report: ReportFilter) -> list[Table]:
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
    ]

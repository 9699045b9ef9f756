"""Report 1, top searches and needs: what people search for, and how that changed on the
period before."""

from django.utils.translation import gettext as _

from analytics.reports.counts import first_search_day, search_counts, words_shown
from analytics.reports.labels import category_names
from analytics.reports.shapes import Chart, Column, ReportFilter, Table
from portal.suppression import is_small


def percent_change(current: int, previous: int) -> float | None:
    """Change on the previous period, withheld if either count is small or there was none."""
    if not previous or is_small(current) or is_small(previous):
        return None
    return round((current - previous) * 100 / previous, 1)


def has_earlier_data(report: ReportFilter) -> bool:
    """Whether searches were being counted for the whole of the period before `report`'s:
    only then is "Change (%)" a change and not the start of the data (a demo, a new site)."""
    first = first_search_day()
    return first is not None and first <= report.previous().date_from


def trend_word(current: int, previous: int) -> str:
    if previous == 0:
        return _("new") if current else _("no change")
    if current > previous:
        return _("up")
    if current < previous:
        return _("down")
    return _("no change")


def top_queries(report: ReportFilter, limit: int = 50) -> list[dict]:
    """The most searched normalised queries typed in at least 5 distinct visits in the
    period, with the previous period's counts."""
    current = search_counts(report, ("query",), ("searches",), subsets=("with_query",))
    previous = search_counts(report.previous(), ("query",), ("searches",), subsets=("with_query",))
    comparable = has_earlier_data(report)
    shown = words_shown(report)
    rows = []
    for (query,), counts in current.items():
        if query not in shown:
            continue
        before = previous.get((query,), {}).get("searches", 0)
        rows.append(_trend_row({"query": query}, counts["searches"], before, comparable))
    rows.sort(key=lambda row: (-row["searches"], row["query"]))
    return rows[:limit]


def top_categories(report: ReportFilter) -> list[dict]:
    """Searches by category (the first category chosen), with the previous period's counts."""
    names = category_names()
    current = search_counts(report, ("category",), ("searches",), subsets=("with_category",))
    previous = search_counts(
        report.previous(), ("category",), ("searches",), subsets=("with_category",)
    )
    comparable = has_earlier_data(report)
    rows = []
    for (code,), counts in current.items():
        before = previous.get((code,), {}).get("searches", 0)
        rows.append(
            _trend_row(
                {"category": code, "category_name": names.get(code, code)},
                counts["searches"],
                before,
                comparable,
            )
        )
    rows.sort(key=lambda row: (-row["searches"], row["category_name"]))
    return rows


def _trend_row(row: dict, current: int, previous: int, comparable: bool = True) -> dict:
    """A row with its counts now and before, and the change; without data for the whole
    earlier period, "No earlier data" in place of a change."""
    if not comparable:
        no_data = _("No earlier data")
        return {
            **row,
            "searches": current,
            "previous": previous,
            "change_percent": None,
            "change_percent_note": no_data,
            "trend": no_data,
        }
    return {
        **row,
        "searches": current,
        "previous": previous,
        "change_percent": percent_change(current, previous),
        "trend": trend_word(current, previous),
    }


def top_searches_tables(report: ReportFilter) -> list[Table]:
    trend_columns = [
        Column("searches", _("Searches"), "count"),
        Column("previous", _("Previous period"), "count"),
        Column("change_percent", _("Change (%)"), "rate"),
        Column("trend", _("Trend")),
    ]
    return [
        Table(
            "queries",
            _("Top searches"),
            [Column("query", _("Search words")), *trend_columns],
            top_queries(report),
            _(
                "Normalised search words, most searched first (top 50). Only words typed in "
                "at least 5 different visits are shown; unusual words are masked as [word]."
            ),
            chart=Chart("query", "searches", _("Searches for the top search words")),
        ),
        Table(
            "categories",
            _("Needs (categories chosen)"),
            [Column("category_name", _("Category")), *trend_columns],
            top_categories(report),
            _("The first category people chose when they searched."),
            chart=Chart("category_name", "searches", _("Searches by category")),
        ),
    ]

"""Report 5, carers: carers' searches, carers' referrals and carer's assessment requests by
area and by month."""

from django.utils.translation import gettext as _

from analytics.reports.counts import referral_counts, search_counts
from analytics.reports.labels import area_names, month_label
from analytics.reports.shapes import Chart, Column, ReportFilter, Table


def carers(report: ReportFilter, by: str) -> list[dict]:
    """Carers' searches, carers' referrals and carer's assessment requests by area or month."""
    if by not in ("area_id", "month"):
        raise ValueError(by)
    searches = search_counts(report, (by,), ("searches",), ("carers",))
    referrals = referral_counts(report, (by,), is_carer=True)
    names = area_names() if by == "area_id" else {}
    rows = []
    for key in set(searches) | set(referrals):
        value = key[0]
        if by == "area_id":
            label = names.get(value, _("Area not known")) if value else _("Area not known")
        else:
            label = month_label(value)
        rows.append(
            {
                "label": label,
                "sort": value if by == "month" else "",
                "carer_searches": searches.get(key, {}).get("searches", 0),
                "carer_referrals": referrals.get(key, {}).get("referrals", 0),
                "carer_assessments": referrals.get(key, {}).get("carer_assessments", 0),
            }
        )
    if by == "month":
        rows.sort(key=lambda row: row["sort"])
    else:
        rows.sort(key=lambda row: (-row["carer_searches"], row["label"]))
    for row in rows:
        del row["sort"]
    return rows


def carers_tables(report: ReportFilter) -> list[Table]:
    counts = [
        Column("carer_searches", _("Carers' searches"), "count"),
        Column("carer_referrals", _("Carers' referrals"), "count"),
        Column("carer_assessments", _("Carer's assessment requests"), "count"),
    ]
    return [
        Table(
            "by-area",
            _("Carers by area"),
            [Column("label", _("Area")), *counts],
            carers(report, "area_id"),
            _("Carers' searches are searches made from the carers' hub or with a carers' filter."),
            chart=Chart("label", "carer_searches", _("Carers' searches by area"), limit=40),
        ),
        Table(
            "by-month",
            _("Carers by month"),
            [Column("label", _("Month")), *counts],
            carers(report, "month"),
            chart=Chart("label", "carer_searches", _("Carers' searches by month"), limit=40),
        ),
    ]

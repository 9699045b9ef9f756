"""Report 5, carers: carers' searches, carers' referrals and carer's assessment requests by
area and by month; carers identified by route and by area, referred to the Carers Centre,
and their referrals' outcomes. With `?year=` (analytics.views) the period is a financial
year, 1 April to 31 March (`financial_year`): the council's annual carers' report."""

import datetime
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from analytics.reports.counts import referral_counts, search_counts
from analytics.reports.first_contact import CARER, bucket, referral_rows, to_carers_centre
from analytics.reports.footprint import footprint_label
from analytics.reports.labels import month_label
from analytics.reports.shapes import Chart, Column, ReportFilter, Table
from portal.suppression import rate
from referrals.choices import ASSESSMENT_OUTCOMES, OTHER_OUTCOMES, RESOLVED_OUTCOMES, Route

FIRST_YEAR = 2000


class YearError(ValueError):
    """A `year` that is not a financial year the report can show (the message says why)."""


def financial_year(text: str, today: datetime.date | None = None) -> tuple:
    """(1 April, 31 March) of the financial year starting in the year `text` names, e.g.
    "2025" -> 1 April 2025 to 31 March 2026. Raises YearError for anything else."""
    today = today or timezone.localdate()
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise YearError(_("Enter the year the financial year starts in as 4 digits, like 2025"))
    year = int(text)
    if not FIRST_YEAR <= year <= today.year:
        raise YearError(
            _("Enter a year from %(first)s to %(last)s") % {"first": FIRST_YEAR, "last": today.year}
        )
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def carers(report: ReportFilter, by: str) -> list[dict]:
    """Carers' searches, carers' referrals and carer's assessment requests by month, or by
    area of the report's footprint (wards, or the area of the chosen type each ward is in)."""
    if by not in ("area_id", "month"):
        raise ValueError(by)
    searches = search_counts(report, (by,), ("searches",), ("carers",))
    referrals = referral_counts(report, (by,), is_carer=True)
    grouped: dict = {}
    for key in set(searches) | set(referrals):
        value = key[0]
        label = footprint_label(report, value) if by == "area_id" else month_label(value)
        row = grouped.setdefault(
            label,
            {
                "label": label,
                "sort": value if by == "month" else "",
                "carer_searches": 0,
                "carer_referrals": 0,
                "carer_assessments": 0,
            },
        )
        row["carer_searches"] += searches.get(key, {}).get("searches", 0)
        row["carer_referrals"] += referrals.get(key, {}).get("referrals", 0)
        row["carer_assessments"] += referrals.get(key, {}).get("carer_assessments", 0)
    rows = list(grouped.values())
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
    identified = [
        Column("carers", _("Carers identified"), "count"),
        Column("to_carers_centre", _("Referred to the Carers Centre"), "count"),
        Column("carer_assessments", _("Carer's assessment requests"), "count"),
    ]
    return [
        Table(
            "identified-by-route",
            _("Carers identified, by route"),
            [Column("label", _("Route")), *identified],
            carers_by_route(report),
            _(
                "A carer is identified by a referral on the carer route, about a carer, or sent "
                "to the Carers Centre; referred to the Carers Centre means sent to its queue or "
                "closed with a referral to it."
            ),
            chart=Chart("label", "carers", _("Carers identified by route")),
        ),
        Table(
            "identified-by-area",
            _("Carers identified, by area"),
            [Column("label", _("Area")), *identified],
            carers_by_footprint(report),
        ),
        Table(
            "outcomes",
            _("Outcomes of carers' referrals"),
            [
                Column("group", _("Group")),
                Column("outcome_label", _("Outcome")),
                Column("referrals", _("Referrals"), "count"),
                Column("share_percent", _("Share of closed carers' referrals"), "percent"),
            ],
            carer_outcomes(report),
        ),
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


def _carer_counts(rows: list[dict]) -> dict:
    return {
        "carers": len(rows),
        "to_carers_centre": sum(1 for row in rows if to_carers_centre(row)),
        "carer_assessments": sum(1 for row in rows if row["carer_assessment_requested"]),
    }


def carers_by_route(report: ReportFilter) -> list[dict]:
    """Carers identified (carer route, a carer, or for the Carers Centre) by route."""
    rows = referral_rows(report, CARER)
    return [
        {"label": str(route.label), **_carer_counts([row for row in rows if row["route"] == route])}
        for route in Route
    ]


def carers_by_footprint(report: ReportFilter) -> list[dict]:
    """Carers identified by area of the report's footprint (ward -> area of the chosen type)."""
    grouped = defaultdict(list)
    for row in referral_rows(report, CARER):
        grouped[footprint_label(report, row["area_id"])].append(row)
    result = [{"label": label, **_carer_counts(rows)} for label, rows in grouped.items()]
    result.sort(key=lambda row: (-row["carers"], row["label"]))
    return result


def carer_outcomes(report: ReportFilter) -> list[dict]:
    """Carers' closed referrals by outcome, in the First Contact measures' groups."""
    rows = [row for row in referral_rows(report, CARER) if row["outcome"]]
    closed = len(rows)
    result = []
    for group, outcomes in (
        (_("Resolved without long-term support"), RESOLVED_OUTCOMES),
        (_("Needs assessment"), ASSESSMENT_OUTCOMES),
        (_("Other"), OTHER_OUTCOMES),
    ):
        for outcome in outcomes:
            count = sum(1 for row in rows if row["outcome"] == outcome)
            result.append(
                {
                    "group": group,
                    "outcome_label": str(outcome.label),
                    "bucket": bucket(outcome.value),
                    "referrals": count,
                    "share_percent": rate(count, closed),
                }
            )
    return result

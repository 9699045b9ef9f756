"""Report 4, from search to support: click-through, searches followed by a self-referral,
and referral outcomes."""

from django.utils.translation import gettext as _

from analytics.reports.counts import referral_counts, search_counts
from analytics.reports.labels import month_label
from analytics.reports.shapes import Chart, Column, ReportFilter, Table
from portal.suppression import rate
from referrals.choices import ASSESSMENT_OUTCOMES, OTHER_OUTCOMES, RESOLVED_OUTCOMES


def _outcome_shares(counts: dict) -> dict:
    closed = counts.get("closed", 0)
    resolved = sum(counts.get(code, 0) for code in RESOLVED_OUTCOMES)
    assessed = sum(counts.get(code, 0) for code in ASSESSMENT_OUTCOMES)
    return {
        "resolved": resolved,
        "needs_assessment": assessed,
        "resolved_percent": rate(resolved, closed),
        "needs_assessment_percent": rate(assessed, closed),
    }


def search_to_support(report: ReportFilter) -> dict:
    """Headline figures: click-through, searches followed by a self-referral, outcomes."""
    searches = search_counts(report, (), ("searches", "clicked", "followed_by_referral")).get(
        (), {"searches": 0, "clicked": 0, "followed_by_referral": 0}
    )
    referrals = referral_counts(report).get((), {})
    return {
        "searches": searches["searches"],
        "clicked": searches["clicked"],
        "click_through_percent": rate(searches["clicked"], searches["searches"]),
        "followed_by_referral": searches["followed_by_referral"],
        "referral_percent": rate(searches["followed_by_referral"], searches["searches"]),
        "referrals": referrals.get("referrals", 0),
        "closed": referrals.get("closed", 0),
        **_outcome_shares(referrals),
    }


def referral_outcomes(report: ReportFilter) -> list[dict]:
    """Closed referrals by outcome, with each outcome's share of all closed referrals."""
    counts = referral_counts(report).get((), {})
    closed = counts.get("closed", 0)
    rows = []
    for group, outcomes in (
        (_("Resolved without long-term support"), RESOLVED_OUTCOMES),
        (_("Needs assessment"), ASSESSMENT_OUTCOMES),
        (_("Other"), OTHER_OUTCOMES),
    ):
        for outcome in outcomes:
            code, label = outcome.value, outcome.label
            referrals = counts.get(code, 0)
            rows.append(
                {
                    "group": group,
                    "outcome": code,
                    "outcome_label": str(label),
                    "referrals": referrals,
                    "share_percent": rate(referrals, closed),
                }
            )
    return rows


def support_by_month(report: ReportFilter) -> list[dict]:
    searches = search_counts(report, ("month",), ("searches", "clicked", "followed_by_referral"))
    referrals = referral_counts(report, ("month",))
    rows = []
    for key in sorted(set(searches) | set(referrals)):
        search_row = searches.get(key, {"searches": 0, "clicked": 0, "followed_by_referral": 0})
        referral_row = referrals.get(key, {})
        rows.append(
            {
                "month": month_label(key[0]),
                "searches": search_row["searches"],
                "click_through_percent": rate(search_row["clicked"], search_row["searches"]),
                "followed_by_referral": search_row["followed_by_referral"],
                "referrals": referral_row.get("referrals", 0),
                "closed": referral_row.get("closed", 0),
                **_outcome_shares(referral_row),
            }
        )
    return rows


def summary_rows(summary: dict) -> list[dict]:
    """The headline figures of `search_to_support` as (measure, value, kind) table rows."""
    headline = [
        (_("Searches"), summary["searches"], "count"),
        (_("Searches where a result was opened"), summary["clicked"], "count"),
        (_("Click-through rate"), summary["click_through_percent"], "percent"),
        (_("Searches followed by a self-referral"), summary["followed_by_referral"], "count"),
        (
            _("Share of searches followed by a self-referral"),
            summary["referral_percent"],
            "percent",
        ),
        (_("Self-referrals made"), summary["referrals"], "count"),
        (_("Self-referrals closed"), summary["closed"], "count"),
        (
            _("Closed as information, signposting or LAC introduction"),
            summary["resolved_percent"],
            "percent",
        ),
        (_("Closed as needs assessment"), summary["needs_assessment_percent"], "percent"),
    ]
    return [
        {"measure": label, "value": value, "value_kind": kind} for label, value, kind in headline
    ]


def search_to_support_tables(report: ReportFilter) -> list[Table]:
    return [
        Table(
            "summary",
            _("From search to support"),
            [Column("measure", _("Measure")), Column("value", _("Value"), "mixed")],
            summary_rows(search_to_support(report)),
            _(
                "Click-through is the share of searches where someone opened a result. Outcome "
                "shares are of referrals made in the period that have been closed."
            ),
        ),
        Table(
            "outcomes",
            _("Referral outcomes"),
            [
                Column("group", _("Group")),
                Column("outcome_label", _("Outcome")),
                Column("referrals", _("Referrals"), "count"),
                Column("share_percent", _("Share of closed referrals"), "percent"),
            ],
            referral_outcomes(report),
            chart=Chart("outcome_label", "referrals", _("Closed referrals by outcome")),
        ),
        Table(
            "by-month",
            _("By month"),
            [
                Column("month", _("Month")),
                Column("searches", _("Searches"), "count"),
                Column("click_through_percent", _("Click-through"), "percent"),
                Column("followed_by_referral", _("Followed by a self-referral"), "count"),
                Column("referrals", _("Self-referrals"), "count"),
                Column("closed", _("Closed"), "count"),
                Column("resolved_percent", _("Resolved without long-term support"), "percent"),
                Column("needs_assessment_percent", _("Needs assessment"), "percent"),
            ],
            support_by_month(report),
        ),
    ]

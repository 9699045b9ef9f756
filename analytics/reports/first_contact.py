"""The First Contact measures in one report: contacts by route (self or family, carer,
professional); closed referrals resolved without long-term support (information and advice,
a community asset, a LAC introduction, the Carers Centre) against a needs assessment and
other outcomes (referrals.choices' buckets); the median time to first contact and to close;
the share of closed referrals whose referrer was sent feedback; carers identified and
referred to the Carers Centre.

Everything is over the referrals made in the period (`ReferralEvent.created_hour`), from
one query; times are to the hour, shown in days. A median of fewer than 5 referrals is not
shown, and counts and shares go through portal.suppression like every other report.
"""

import statistics
from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from analytics.models import ReferralEvent
from analytics.reports.labels import month_label
from analytics.reports.shapes import (
    Chart,
    Column,
    ReportFilter,
    Table,
    month_starts,
)
from analytics.reports.support import referral_outcomes
from portal.suppression import is_small, rate
from referrals.choices import (
    ASSESSMENT_OUTCOMES,
    OTHER_OUTCOMES,
    RESOLVED_OUTCOMES,
    Outcome,
    Route,
    Team,
)

RESOLVED = {outcome.value for outcome in RESOLVED_OUTCOMES}
ASSESSMENT = {outcome.value for outcome in ASSESSMENT_OUTCOMES}
OTHER = {outcome.value for outcome in OTHER_OUTCOMES}
HOURS_PER_DAY = 24

# A carer identified: a referral on the carer route, or about a carer, or for the Carers Centre.
CARER = Q(route=Route.CARER) | Q(is_carer=True) | Q(team=Team.CARERS_CENTRE)
# Referred to the Carers Centre: sent to its queue, or closed with a referral to it.
TO_CARERS_CENTRE = Q(team=Team.CARERS_CENTRE) | Q(outcome=Outcome.CARERS_CENTRE)


def referral_rows(report: ReportFilter, *filters) -> list[dict]:
    """The facts the measures need about each referral made in the period."""
    events = ReferralEvent.objects.filter(
        *filters, created_hour__gte=report.start, created_hour__lt=report.end
    )
    if report.area_ids is not None:
        events = events.filter(area_id__in=report.area_ids)
    return list(
        events.values(
            "created_hour",
            "route",
            "team",
            "is_carer",
            "area_id",
            "outcome",
            "first_contact_hour",
            "first_closed_hour",
            "referrer_notified",
            "carer_assessment_requested",
        )
    )


def bucket(outcome: str) -> str:
    """ "resolved", "needs_assessment", "other", or "" for a referral still open."""
    if outcome in RESOLVED:
        return "resolved"
    if outcome in ASSESSMENT:
        return "needs_assessment"
    if outcome in OTHER:
        return "other"
    return ""


def is_carer(row: dict) -> bool:
    return row["route"] == Route.CARER or row["is_carer"] or row["team"] == Team.CARERS_CENTRE


def to_carers_centre(row: dict) -> bool:
    return row["team"] == Team.CARERS_CENTRE or row["outcome"] == Outcome.CARERS_CENTRE


def median_days(durations: list) -> float | None:
    """The median of these time spans in days (1 decimal place); None for fewer than 5."""
    if not durations or is_small(len(durations)):
        return None
    hours = statistics.median(span.total_seconds() / 3600 for span in durations)
    return round(hours / HOURS_PER_DAY, 1)


def measures(rows: list[dict]) -> dict:
    """Every measure over some referrals' rows (raw numbers; shares already suppressed)."""
    closed = [row for row in rows if row["outcome"]]
    buckets = defaultdict(int)
    for row in closed:
        buckets[bucket(row["outcome"])] += 1
    to_contact = [
        row["first_contact_hour"] - row["created_hour"] for row in rows if row["first_contact_hour"]
    ]
    to_close = [
        row["first_closed_hour"] - row["created_hour"] for row in rows if row["first_closed_hour"]
    ]
    notified = sum(1 for row in closed if row["referrer_notified"])
    carers = [row for row in rows if is_carer(row)]
    return {
        "contacts": len(rows),
        "closed": len(closed),
        "resolved": buckets["resolved"],
        "needs_assessment": buckets["needs_assessment"],
        "other": buckets["other"],
        "resolved_percent": rate(buckets["resolved"], len(closed)),
        "needs_assessment_percent": rate(buckets["needs_assessment"], len(closed)),
        "other_percent": rate(buckets["other"], len(closed)),
        "contacted": len(to_contact),
        "median_days_to_contact": median_days(to_contact),
        "median_days_to_close": median_days(to_close),
        "feedback": notified,
        "feedback_percent": rate(notified, len(closed)),
        "carers": len(carers),
        "carers_to_centre": sum(1 for row in carers if to_carers_centre(row)),
    }


def first_contact_summary(report: ReportFilter) -> dict:
    return measures(referral_rows(report))


def by_route(report: ReportFilter) -> list[dict]:
    rows = referral_rows(report)
    return [
        {"route": str(route.label), **measures([row for row in rows if row["route"] == route])}
        for route in Route
    ]


def by_month(report: ReportFilter) -> list[dict]:
    rows = referral_rows(report)
    starts = month_starts(report)
    grouped = defaultdict(list)
    for row in rows:
        local = row["created_hour"].astimezone(report.start.tzinfo).date()
        month = max(start for start in starts if start <= local)
        grouped[month].append(row)
    return [{"month": month_label(month), **measures(grouped[month])} for month in sorted(grouped)]


def summary_rows(summary: dict) -> list[dict]:
    headline = [
        (_("Contacts (referrals made)"), summary["contacts"], "count"),
        (_("Closed"), summary["closed"], "count"),
        (_("Resolved without long-term support"), summary["resolved_percent"], "percent"),
        (_("Closed as needs assessment"), summary["needs_assessment_percent"], "percent"),
        (
            _("Closed another way (safeguarding, no further action)"),
            summary["other_percent"],
            "percent",
        ),
        (_("Median days to first contact"), summary["median_days_to_contact"], "rate"),
        (_("Median days to close"), summary["median_days_to_close"], "rate"),
        (
            _("Closed referrals whose referrer was sent feedback"),
            summary["feedback_percent"],
            "percent",
        ),
        (_("Carers identified"), summary["carers"], "count"),
        (_("Carers referred to the Carers Centre"), summary["carers_to_centre"], "count"),
    ]
    return [
        {"measure": label, "value": value, "value_kind": kind} for label, value, kind in headline
    ]


def measure_columns(carers: bool = True) -> list[Column]:
    """The measures side by side (short headings: the table is wide); the summary table
    above them says what each means."""
    columns = [
        Column("contacts", _("Contacts"), "count"),
        Column("closed", _("Closed"), "count"),
        Column("resolved_percent", _("Resolved"), "percent"),
        Column("needs_assessment_percent", _("Assessment"), "percent"),
        Column("other_percent", _("Other"), "percent"),
        Column("median_days_to_contact", _("Days to contact"), "rate"),
        Column("median_days_to_close", _("Days to close"), "rate"),
        Column("feedback_percent", _("Feedback"), "percent"),
    ]
    if carers:
        columns += [
            Column("carers", _("Carers"), "count"),
            Column("carers_to_centre", _("To Carers Centre"), "count"),
        ]
    return columns


def first_contact_tables(report: ReportFilter) -> list[Table]:
    return [
        Table(
            "summary",
            _("First Contact measures"),
            [Column("measure", _("Measure")), Column("value", _("Value"), "mixed")],
            summary_rows(first_contact_summary(report)),
            _(
                "Referrals made in the period. Shares of outcomes and of feedback are of those "
                "closed so far; medians are in days from the referral, over 5 or more referrals."
            ),
        ),
        Table(
            "by-route",
            _("Contacts by route"),
            [Column("route", _("Route")), *measure_columns(carers=False)],
            by_route(report),
            _(
                "Self or family: filled in by the person or someone for them. Resolved: "
                "without long-term support; assessment: a needs assessment (shares of those "
                "closed). Days: medians from the referral. Feedback: share of closed referrals "
                "whose referrer was sent feedback."
            ),
            chart=Chart("route", "contacts", _("Contacts by route")),
        ),
        Table(
            "outcomes",
            _("Outcomes of closed referrals"),
            [
                Column("group", _("Group")),
                Column("outcome_label", _("Outcome")),
                Column("referrals", _("Referrals"), "count"),
                Column("share_percent", _("Share of closed referrals"), "percent"),
            ],
            referral_outcomes(report),
        ),
        Table(
            "by-month",
            _("By month"),
            [Column("month", _("Month")), *measure_columns()],
            by_month(report),
        ),
    ]

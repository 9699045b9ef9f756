"""Care Act checks: how many people started and finished the indicative checks (/check/,
/check/carer/ and /check/cost/), the result bands of the two eligibility checks, and the
prevention measure "probably not eligible, then opened a local listing" the same day.

Counted from `CheckEvent`s (checks.events): kinds, bands and hours only, never an answer, an
amount or a postcode, so the checks cannot be split by area. Counts and shares go through
portal.suppression like every other report.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from analytics.models import CheckEvent
from analytics.reports.counts import month_bucket
from analytics.reports.labels import month_label
from analytics.reports.shapes import Chart, Column, ReportFilter, Table, month_starts
from checks.events import Band, CheckKind
from portal.suppression import rate

STARTED = CheckEvent.Event.STARTED
FINISHED = CheckEvent.Event.FINISHED
PROBABLY_NOT = Q(event=FINISHED, band=Band.PROBABLY_NOT)


def _events(report: ReportFilter):
    return CheckEvent.objects.filter(
        occurred_hour__gte=report.start, occurred_hour__lt=report.end
    ).order_by()


def _counts(rows) -> dict:
    return {
        "started": rows.get("started", 0),
        "finished": rows.get("finished", 0),
        "finished_percent": rate(rows.get("finished", 0), rows.get("started", 0)),
    }


def checks_by_kind(report: ReportFilter) -> list[dict]:
    """Started and finished per kind of check, and the share of starts that finished."""
    totals: dict = defaultdict(dict)
    for row in _events(report).values("kind", "event").annotate(events=Count("id")):
        totals[row["kind"]][row["event"]] = row["events"]
    return [
        {"kind": kind.value, "label": str(kind.label), **_counts(totals.get(kind.value, {}))}
        for kind in CheckKind
    ]


def checks_by_band(report: ReportFilter) -> list[dict]:
    """Finished eligibility checks (adult and carer) by result band."""
    counts = dict(
        _events(report)
        .filter(event=FINISHED)
        .exclude(band="")
        .values("band")
        .annotate(events=Count("id"))
        .values_list("band", "events")
    )
    total = sum(counts.values())
    return [
        {
            "band": band.value,
            "label": str(band.label),
            "finished": counts.get(band.value, 0),
            "share_percent": rate(counts.get(band.value, 0), total),
        }
        for band in Band
    ]


def probably_not_then_listing(report: ReportFilter) -> dict:
    """Checks finished "probably not eligible", and how many of them were followed the same
    day, in the same visit, by a local listing opened."""
    row = _events(report).aggregate(
        probably_not=Count("id", filter=PROBABLY_NOT),
        then_opened=Count("id", filter=PROBABLY_NOT & Q(then_opened_listing=True)),
    )
    return {**row, "then_opened_percent": rate(row["then_opened"], row["probably_not"])}


def checks_by_month(report: ReportFilter) -> list[dict]:
    months = month_starts(report)
    totals: dict = defaultdict(lambda: defaultdict(int))
    rows = (
        _events(report)
        .annotate(month=month_bucket("occurred_hour", report))
        .values("month")
        .annotate(
            started=Count("id", filter=Q(event=STARTED)),
            finished=Count("id", filter=Q(event=FINISHED)),
            probably_not=Count("id", filter=PROBABLY_NOT),
            then_opened=Count("id", filter=PROBABLY_NOT & Q(then_opened_listing=True)),
        )
    )
    for row in rows:
        for key in ("started", "finished", "probably_not", "then_opened"):
            totals[months[row["month"]]][key] += row[key]
    return [
        {
            "label": month_label(month),
            **_counts(totals[month]),
            "probably_not": totals[month]["probably_not"],
            "then_opened": totals[month]["then_opened"],
            "then_opened_percent": rate(
                totals[month]["then_opened"], totals[month]["probably_not"]
            ),
        }
        for month in sorted(totals)
    ]


def checks_tables(report: ReportFilter) -> list[Table]:
    started_finished = [
        Column("started", _("Started"), "count"),
        Column("finished", _("Finished"), "count"),
        Column("finished_percent", _("Finished (of started)"), "percent"),
    ]
    then_opened = [
        Column("probably_not", _("Probably not eligible"), "count"),
        Column("then_opened", _("Then opened a local listing"), "count"),
        Column("then_opened_percent", _("Then opened a local listing (share)"), "percent"),
    ]
    measure = probably_not_then_listing(report)
    return [
        Table(
            "by-check",
            _("Started and finished, by check"),
            [Column("label", _("Check")), *started_finished],
            checks_by_kind(report),
            _(
                "Started: the first question answered. Finished: a result shown (a reloaded "
                "result is counted once). No answers, amounts or postcodes are kept, so checks "
                "cannot be counted by area; the area filter does not apply."
            ),
            chart=Chart("label", "finished", _("Finished")),
        ),
        Table(
            "by-band",
            _("Eligibility checks finished, by result"),
            [
                Column("label", _("Result")),
                Column("finished", _("Finished"), "count"),
                Column("share_percent", _("Share of finished"), "percent"),
            ],
            checks_by_band(report),
            _("The two eligibility checks only: the cost check has no result band."),
        ),
        Table(
            "probably-not-then-listing",
            _("Probably not eligible, then found local support"),
            then_opened,
            [measure],
            _(
                "A prevention measure: eligibility checks with the result “probably not "
                "eligible” after which the same visit opened a listing in the directory the "
                "same day (from the result page or a search)."
            ),
        ),
        Table(
            "by-month",
            _("By month"),
            [Column("label", _("Month")), *started_finished, *then_opened],
            checks_by_month(report),
        ),
    ]

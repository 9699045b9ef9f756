"""Ease of finding information (ASCOF 3D): the answers to "Was it easy to find information
about support?" (portal.information_ease) by answer, month, area and kind of page.

ASCOF 3D's measure is the share of people who tried to find information who found it very
or fairly easy: "I've never tried" answers are counted but left out of that share. Counts
and shares go through portal.suppression like every other report.
"""

from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from analytics.models import InformationEaseAnswer
from analytics.reports.counts import month_bucket
from analytics.reports.footprint import footprint_label
from analytics.reports.labels import month_label
from analytics.reports.shapes import Chart, Column, ReportFilter, Table, month_starts
from portal.information_ease import (
    EASY_ANSWERS,
    SHORT_LABELS,
    TRIED_ANSWERS,
    InformationEase,
    PageKind,
)
from portal.suppression import rate


def answer_counts(report: ReportFilter, group_by: str | None = None) -> dict:
    """{group: {answer code: count}} for answers in the period (group None: everything).

    `group_by`: "month" (the month's first day), "area_id" (the ward) or "page_kind"."""
    answers = InformationEaseAnswer.objects.filter(
        answered_hour__gte=report.start, answered_hour__lt=report.end
    )
    if report.area_ids is not None:
        answers = answers.filter(area_id__in=report.area_ids)
    fields = ["answer"]
    if group_by == "month":
        answers = answers.annotate(month=month_bucket("answered_hour", report))
    if group_by:
        fields.append(group_by)
    months = month_starts(report) if group_by == "month" else None
    totals: dict = defaultdict(lambda: defaultdict(int))
    for row in answers.values(*fields).annotate(answers=Count("id")).order_by():
        key = row.get(group_by) if group_by else None
        if months is not None:
            key = months[key]
        totals[key][row["answer"]] += row["answers"]
    return totals


def ease_row(counts: dict) -> dict:
    """One row of counts per answer, the total and ASCOF 3D's "very or fairly easy" share."""
    total = sum(counts.values())
    tried = sum(counts.get(code, 0) for code in TRIED_ANSWERS)
    easy = sum(counts.get(code, 0) for code in EASY_ANSWERS)
    return {
        "answers": total,
        **{code: counts.get(code, 0) for code in InformationEase.values},
        "tried": tried,
        "easy": easy,
        "easy_percent": rate(easy, tried),
    }


def ease_by_answer(report: ReportFilter) -> list[dict]:
    counts = answer_counts(report).get(None, {})
    total = sum(counts.values())
    return [
        {
            "answer": answer.value,
            "answer_label": str(answer.label),
            "answers": counts.get(answer.value, 0),
            "share_percent": rate(counts.get(answer.value, 0), total),
        }
        for answer in InformationEase
    ]


def ease_by_month(report: ReportFilter) -> list[dict]:
    counts = answer_counts(report, "month")
    return [{"label": month_label(month), **ease_row(counts[month])} for month in sorted(counts)]


def ease_by_area(report: ReportFilter) -> list[dict]:
    """Grouped by the report's footprint (`report.footprint`: ward -> area of the chosen type)."""
    by_ward = answer_counts(report, "area_id")
    grouped: dict = defaultdict(lambda: defaultdict(int))
    for ward_id, counts in by_ward.items():
        label = footprint_label(report, ward_id)
        for code, count in counts.items():
            grouped[label][code] += count
    rows = [{"label": label, **ease_row(counts)} for label, counts in grouped.items()]
    rows.sort(key=lambda row: (-row["answers"], row["label"]))
    return rows


def ease_by_page(report: ReportFilter) -> list[dict]:
    counts = answer_counts(report, "page_kind")
    return [
        {"label": str(kind.label), **ease_row(counts[kind.value])}
        for kind in PageKind
        if kind.value in counts
    ]


def information_ease_tables(report: ReportFilter) -> list[Table]:
    per_answer = [Column(answer.value, SHORT_LABELS[answer], "count") for answer in InformationEase]
    columns = [
        Column("answers", _("Answers"), "count"),
        *per_answer,
        Column("easy_percent", _("Very or fairly easy (of those who tried)"), "percent"),
    ]
    return [
        Table(
            "answers",
            _("Answers"),
            [
                Column("answer_label", _("Answer")),
                Column("answers", _("Answers"), "count"),
                Column("share_percent", _("Share of answers"), "percent"),
            ],
            ease_by_answer(report),
            _(
                "Asked once a visit, below search results, listing pages, advice pages and the "
                "request-sent page: “Was it easy to find information about support?” in the "
                "Adult Social Care Survey’s words (ASCOF 3D). People who say they have never "
                "tried are left out of the “very or fairly easy” share."
            ),
            chart=Chart("answer_label", "answers", _("Answers")),
        ),
        Table(
            "by-month",
            _("By month"),
            [Column("label", _("Month")), *columns],
            ease_by_month(report),
        ),
        Table(
            "by-area",
            _("By area"),
            [Column("label", _("Area")), *columns],
            ease_by_area(report),
            _("The area is known only when the visit searched from a postcode that day."),
        ),
        Table(
            "by-page", _("By page"), [Column("label", _("Page")), *columns], ease_by_page(report)
        ),
    ]

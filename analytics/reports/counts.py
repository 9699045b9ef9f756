"""The count queries the reports share: searches and referrals over a period.

Search counts come from raw `SearchEvent` rows plus the daily and monthly roll-ups that
`purge_expired` keeps, so a report over any period gives the same totals before and after it
runs: whole months up to the monthly watermark are read from `MonthlySearchAggregate` (or
`MonthlyAreaAggregate` when the search words are not needed), other days up to the daily
watermark from `DailySearchAggregate`, later hours from raw events. One grouped SQL query per
source (and day range) per table. Referral counts come from `ReferralEvent`."""

import datetime
import functools
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from analytics.models import (
    DailySearchAggregate,
    MonthlyAreaAggregate,
    MonthlySearchAggregate,
    ReferralEvent,
    RollUpState,
    SearchClick,
    SearchEvent,
)
from analytics.reports.shapes import (
    ONE_DAY,
    ReportFilter,
    local_midnight,
    month_starts,
    next_month,
)
from portal.suppression import may_show_words

LOW_RESULTS = 3  # "low-result" means fewer than this many results within the radius

RAW_METRICS = {
    "searches": lambda: Count("id"),
    "zero_results": lambda: Count("id", filter=Q(result_count=0)),
    "low_results": lambda: Count("id", filter=Q(result_count__gt=0, result_count__lt=LOW_RESULTS)),
    "followed_by_referral": lambda: Count("id", filter=Q(followed_by_referral=True)),
    # Visit hashes change every day, so distinct hashes are distinct visits on distinct days.
    "visits": lambda: Count("visit", filter=~Q(visit=""), distinct=True),
}
AGGREGATE_METRICS = {
    "searches": lambda: Sum("searches"),
    "zero_results": lambda: Sum("zero_results"),
    "low_results": lambda: Sum("low_results"),
    "followed_by_referral": lambda: Sum("followed_by_referral"),
    "clicked": lambda: Sum("clicked"),
    "visits": lambda: Sum("visits"),  # the roll-ups with search words only
}
RAW_SUBSETS = {
    "unmet": Q(result_count__lt=LOW_RESULTS),
    "carers": Q(is_carer_search=True),
    "with_query": Q(query__gt=""),
    "with_category": Q(category__gt=""),
}
AGGREGATE_SUBSETS = {
    "unmet": Q(zero_results__gt=0) | Q(low_results__gt=0),
    "carers": Q(is_carer_search=True),
    "with_query": Q(query__gt=""),
    "with_category": Q(category__gt=""),
}


def month_bucket(field_name: str, report: ReportFilter) -> Case:
    """The index into `month_starts(report)` of each row's local month (for a date-time field).

    Plain comparisons on the (indexed) column: much faster on SQLite than a time zone
    conversion per row, and exact at British Summer Time month boundaries.
    """
    starts = month_starts(report)
    whens = [
        When(**{f"{field_name}__lt": local_midnight(start)}, then=Value(index))
        for index, start in enumerate(starts[1:])
    ]
    return Case(*whens, default=Value(len(starts) - 1), output_field=IntegerField())


@dataclass(frozen=True)
class CountSources:
    """Which store counts which part of a period.

    `months`: [first, after) month starts read from the monthly roll-ups (whole months only);
    `days`: inclusive (first, last) day ranges read from the daily roll-ups;
    `raw_from`: the moment from which raw events are counted (None: no raw part).
    """

    months: tuple[datetime.date, datetime.date] | None
    days: tuple[tuple[datetime.date, datetime.date], ...]
    raw_from: datetime.datetime | None


def count_sources(
    report: ReportFilter,
    days_through: datetime.date | None,
    months_through: datetime.date | None,
) -> CountSources:
    """Split the period between the monthly roll-ups, the daily roll-ups and raw events, given
    the last rolled-up day and the first day of the last rolled-up month (either may be None)."""
    if days_through is None or days_through < report.date_from:
        return CountSources(None, (), report.start)
    rolled_to = min(report.date_to, days_through)
    raw_from = local_midnight(rolled_to + ONE_DAY) if rolled_to < report.date_to else None
    # Whole months inside [date_from, rolled_to] that the monthly roll-ups hold.
    first_month = report.date_from if report.date_from.day == 1 else next_month(report.date_from)
    after_months = (rolled_to + ONE_DAY).replace(day=1)
    if months_through is not None:
        after_months = min(after_months, next_month(months_through))
    if months_through is None or first_month >= after_months:
        return CountSources(None, ((report.date_from, rolled_to),), raw_from)
    days = []
    if report.date_from < first_month:
        days.append((report.date_from, first_month - ONE_DAY))
    if after_months <= rolled_to:
        days.append((after_months, rolled_to))
    return CountSources((first_month, after_months), tuple(days), raw_from)


@dataclass
class CountQuery:
    """One grouped query of `search_counts`: `month_field` is what it groups by for "month",
    and `month_of` turns that field's value into the month's first day."""

    queryset: QuerySet
    annotations: dict
    month_field: str = "month"
    month_of: Callable[[object], datetime.date] | None = None


def search_counts(
    report: ReportFilter, group_by: tuple[str, ...], metrics: tuple[str, ...], subsets=()
) -> dict[tuple, dict[str, int]]:
    """Search counts grouped by `group_by` (fields, or "month"), from raw events + roll-ups.

    Returns {group key tuple: {metric: count}}; "month" keys are the month's first day.
    `clicked` (searches with a result opened) is counted from the clicks table, by the hour
    of the click, in its own query.
    """
    if "clicked" in metrics and subsets:
        raise ValueError("clicked cannot be combined with subsets")
    sources = count_sources(report, *RollUpState.watermarks())
    queries = _roll_up_queries(report, sources, group_by, metrics, subsets)
    if sources.raw_from is not None:
        queries += _raw_queries(report, sources.raw_from, group_by, metrics, subsets)
    totals: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(metrics, 0))
    fields = {name: name for name in group_by}
    convert = dict.fromkeys(group_by)
    if "area_id" in group_by:
        # Group on the stored value: Django's per-row UUID conversion is the slowest part of
        # a year's report on SQLite, so each distinct area is converted once instead.
        fields["area_id"], convert["area_id"] = "area_key", area_uuid
    for query in queries:
        queryset = query.queryset
        if "area_id" in group_by:
            area_key = ExpressionWrapper(F("area_id"), output_field=CharField())
            queryset = queryset.annotate(area_key=area_key)
        if "month" in group_by:
            fields["month"], convert["month"] = query.month_field, query.month_of
        if group_by:
            rows = queryset.values(*fields.values()).annotate(**query.annotations).order_by()
        else:
            rows = [queryset.aggregate(**query.annotations)]
        for row in rows:
            key = tuple(
                convert[name](row[fields[name]]) if convert[name] else row[fields[name]]
                for name in group_by
            )
            for name in query.annotations:
                totals[key][name] += row[name] or 0
    return dict(totals)


def first_search_day() -> datetime.date | None:
    """The first local day any search is counted on (raw events or roll-ups), None if none:
    the start of the data a period can be compared with."""
    days = [
        DailySearchAggregate.objects.aggregate(first=Min("day"))["first"],
        MonthlySearchAggregate.objects.aggregate(first=Min("month_start"))["first"],
    ]
    first_hour = SearchEvent.objects.aggregate(first=Min("occurred_hour"))["first"]
    if first_hour is not None:
        days.append(timezone.localdate(first_hour))
    days = [day for day in days if day is not None]
    return min(days) if days else None


def words_shown(report: ReportFilter) -> set[str]:
    """The search words that may appear in a report over this period: those typed in at
    least 5 distinct visits in it (`portal.suppression.may_show_words`), the one rule for
    every report, chart and CSV export that shows search words."""
    counts = search_counts(report, ("query",), ("visits",), subsets=("with_query",))
    return {query for (query,), values in counts.items() if may_show_words(values["visits"])}


@functools.cache
def area_uuid(value) -> uuid.UUID | None:
    """An area id as stored (a UUID, or its hex on SQLite) as a UUID."""
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(value)


def _roll_up_queries(report, sources: CountSources, group_by, metrics, subsets) -> list:
    """Grouped queries over the daily and monthly roll-ups for `sources`."""
    annotations = {name: AGGREGATE_METRICS[name]() for name in metrics if name in AGGREGATE_METRICS}
    if "unmet" in subsets and "searches" in annotations:
        # A roll-up row counts all its searches; only the zero- and low-result ones are unmet.
        annotations["searches"] = Sum("zero_results") + Sum("low_results")
    if not annotations:
        return []
    stores = [
        (DailySearchAggregate, "day", {"day__gte": first, "day__lte": last})
        for first, last in sources.days
    ]
    if sources.months is not None:
        first, after = sources.months
        period = {"month_start__gte": first, "month_start__lt": after}
        # The roll-up without search words has a tenth of the rows: use it when it can answer.
        by_words = "query" in group_by or "with_query" in subsets
        monthly = MonthlySearchAggregate if by_words else MonthlyAreaAggregate
        stores.append((monthly, "month_start", period))
    queries = []
    for model, date_field, period in stores:
        aggregates = model.objects.filter(**period)
        for subset in subsets:
            aggregates = aggregates.filter(AGGREGATE_SUBSETS[subset])
        if report.area_ids is not None:
            aggregates = aggregates.filter(area_id__in=report.area_ids)
        # By month: group on the indexed date column itself (in index order, no sorting),
        # and fold the days into their months here.
        queries.append(
            CountQuery(aggregates, annotations, date_field, lambda day: day.replace(day=1))
        )
    return queries


def _raw_queries(report, raw_from, group_by, metrics, subsets) -> list:
    """Grouped queries over raw search events and clicks from `raw_from` on."""
    queries = []
    annotations = {name: RAW_METRICS[name]() for name in metrics if name in RAW_METRICS}
    events = SearchEvent.objects.filter(occurred_hour__gte=raw_from, occurred_hour__lt=report.end)
    for subset in subsets:
        events = events.filter(RAW_SUBSETS[subset])
    if report.area_ids is not None:
        events = events.filter(area_id__in=report.area_ids)
    months = month_starts(report)
    if "month" in group_by:
        events = events.annotate(month=month_bucket("occurred_hour", report))
    if annotations:
        queries.append(CountQuery(events, annotations, month_of=months.__getitem__))
    if "clicked" in metrics:
        # The search's own hour must be after the watermark too, or a click just after
        # midnight on a rolled-up search would be counted twice.
        clicks = SearchClick.objects.filter(
            occurred_hour__gte=raw_from,
            occurred_hour__lt=report.end,
            event__occurred_hour__gte=raw_from,
        )
        if report.area_ids is not None:
            clicks = clicks.filter(event__area_id__in=report.area_ids)
        click_fields = {
            name: month_bucket("occurred_hour", report) if name == "month" else F(f"event__{name}")
            for name in group_by
        }
        clicks = clicks.annotate(**click_fields) if click_fields else clicks
        clicked = {"clicked": Count("event_id", distinct=True)}
        queries.append(CountQuery(clicks, clicked, month_of=months.__getitem__))
    return queries


def referral_counts(report: ReportFilter, group_by=(), **filters) -> dict:
    """ReferralEvents created in the period, grouped; {key: {"referrals", "closed", outcome…}}."""
    events = ReferralEvent.objects.filter(
        created_hour__gte=report.start, created_hour__lt=report.end, **filters
    )
    if report.area_ids is not None:
        events = events.filter(area_id__in=report.area_ids)
    if "month" in group_by:
        events = events.annotate(month=month_bucket("created_hour", report))
    rows = (
        events.values(*group_by, "outcome")
        .annotate(
            referrals=Count("id"),
            assessments=Count("id", filter=Q(carer_assessment_requested=True)),
        )
        .order_by()
    )
    months = month_starts(report)
    totals: dict = defaultdict(lambda: defaultdict(int))
    for row in rows:
        key = tuple(months[row[name]] if name == "month" else row[name] for name in group_by)
        totals[key]["referrals"] += row["referrals"]
        totals[key]["carer_assessments"] += row["assessments"]
        if row["outcome"]:
            totals[key]["closed"] += row["referrals"]
            totals[key][row["outcome"]] += row["referrals"]
    return totals

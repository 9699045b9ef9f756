"""Roll-up and retention for search analytics, run daily by `manage.py purge_expired`.

1. Every complete local day of raw search events not yet rolled up is folded into
   `DailySearchAggregate` counts, and the `RollUpState` watermark moves to yesterday; then
   every complete month of daily counts not yet rolled up is added up into
   `MonthlySearchAggregate` and, without the search words, `MonthlyAreaAggregate`.
   Reports read whole months from the monthly roll-ups, other days up to the watermark from
   the daily ones and raw events after it, so their totals do not change, and they stay
   fast on a year of data.
2. Raw search events (and their clicks) older than SEARCH_EVENT_RETENTION_DAYS are deleted.
3. Search words are settled after SEARCH_QUERY_TEXT_RETENTION_DAYS (30): raw events older than
   that lose their words and visit hash; in the daily counts of each such day, words typed in
   fewer than 5 distinct visits (`portal.suppression.may_show_words`) over that day and the
   29 after it are blanked (their searches stay counted, without words), and the months
   holding those days are added up again. So no words older than 30 days are kept unless at
   least 5 visits typed them (docs/data-protection.md).
4. Check events (Care Act checks started and finished) lose their visit and run hashes once
   their day is over: they are kept only to tie a listing opened later that day to the check.
Referral events hold no personal data and stay (DESIGN §6).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone

from analytics.models import (
    COUNT_FIELDS,
    CheckEvent,
    DailySearchAggregate,
    MonthlyAreaAggregate,
    MonthlySearchAggregate,
    RollUpState,
    SearchClick,
    SearchEvent,
)
from analytics.reports.counts import LOW_RESULTS
from analytics.reports.shapes import ONE_DAY, local_midnight, local_zone, next_month
from portal.suppression import may_show_words

KEY_FIELDS = ("query", "category", "area_id", "postcode_district", "is_carer_search")
MONTHLY_KEY_FIELDS = ("query", "category", "area_id", "is_carer_search")
AREA_KEY_FIELDS = ("category", "area_id", "is_carer_search")
WORDS_CHUNK = 500  # search words per IN (...) list


def words_cutoff_day(now: datetime.datetime) -> datetime.date:
    """The oldest local day whose search words are still kept as typed (masked)."""
    return timezone.localtime(now, local_zone()).date() - datetime.timedelta(
        days=settings.SEARCH_QUERY_TEXT_RETENTION_DAYS
    )


def cutoff_for(now: datetime.datetime) -> datetime.datetime:
    """Local midnight starting the oldest day whose raw events are still kept."""
    keep_from = timezone.localtime(now, local_zone()).date() - datetime.timedelta(
        days=settings.SEARCH_EVENT_RETENTION_DAYS
    )
    return local_midnight(keep_from)


def purge(now: datetime.datetime, dry_run: bool, stdout) -> None:
    yesterday = timezone.localtime(now, local_zone()).date() - ONE_DAY
    cutoff = cutoff_for(now)
    expired = SearchEvent.objects.filter(occurred_hour__lt=cutoff)
    words_from = words_cutoff_day(now)
    if dry_run:
        worded = SearchEvent.objects.filter(occurred_hour__lt=local_midnight(words_from)).exclude(
            query="", visit=""
        )
        stdout.write(
            f"Search analytics: would roll up search events through {yesterday:%Y-%m-%d}, "
            f"delete {expired.count()} search events before {cutoff:%Y-%m-%d} and blank the "
            f"words of {worded.count()} search events before {words_from:%Y-%m-%d}."
        )
        return
    days, events = roll_up(through=yesterday)
    deleted = delete_before(cutoff)
    blanked, settled_days, words_dropped = settle_words(words_from)
    blank_check_visits(now)
    stdout.write(
        f"Search analytics: rolled up {events} search events from {days} days into daily "
        f"counts; deleted {deleted} search events older than "
        f"{settings.SEARCH_EVENT_RETENTION_DAYS} days; blanked the words of {blanked} search "
        f"events older than {settings.SEARCH_QUERY_TEXT_RETENTION_DAYS} days and dropped "
        f"{words_dropped} search words typed in fewer than 5 visits from {settled_days} days "
        "of counts."
    )


def blank_check_visits(now: datetime.datetime) -> int:
    """Blank the visit and run hashes of check events from before today (local)."""
    today = timezone.localtime(now, local_zone()).date()
    return (
        CheckEvent.objects.filter(occurred_hour__lt=local_midnight(today))
        .exclude(visit="", run="")
        .update(visit="", run="")
    )


def roll_up(through: datetime.date) -> tuple[int, int]:
    """Fold each day after the watermark, up to `through`, into daily counts, then each
    whole month of those into monthly counts.

    Returns (days processed, events counted). Each day (and month) commits with its
    watermark, so an interrupted run loses nothing and can simply run again.
    """
    state = RollUpState.through()
    start = local_midnight(state + ONE_DAY) if state is not None else None
    days = events = 0
    day = _first_event_day(start, local_midnight(through + ONE_DAY))
    while day is not None:
        with transaction.atomic():
            events += _roll_up_day(day)
            RollUpState.objects.update_or_create(pk=1, defaults={"rolled_up_through": day})
        days += 1
        day = _first_event_day(local_midnight(day + ONE_DAY), local_midnight(through + ONE_DAY))
    if state is None or state < through:
        RollUpState.objects.update_or_create(pk=1, defaults={"rolled_up_through": through})
    months = roll_up_months()
    if (days or months) and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")  # keep the planner's statistics current
    return days, events


def _first_event_day(start, end) -> datetime.date | None:
    """The local day of the first search event in [start, end), skipping empty days."""
    events = SearchEvent.objects.filter(occurred_hour__lt=end)
    if start is not None:
        events = events.filter(occurred_hour__gte=start)
    first = events.aggregate(first=Min("occurred_hour"))["first"]
    return timezone.localtime(first, local_zone()).date() if first else None


def _roll_up_day(day: datetime.date) -> int:
    events = SearchEvent.objects.filter(
        occurred_hour__gte=local_midnight(day), occurred_hour__lt=local_midnight(day + ONE_DAY)
    )
    rows = (
        events.values(*KEY_FIELDS)
        .annotate(
            searches=Count("id", distinct=True),
            zero_results=Count("id", filter=Q(result_count=0), distinct=True),
            low_results=Count(
                "id", filter=Q(result_count__gt=0, result_count__lt=LOW_RESULTS), distinct=True
            ),
            clicked=Count("id", filter=Q(clicks__isnull=False), distinct=True),
            followed_by_referral=Count("id", filter=Q(followed_by_referral=True), distinct=True),
        )
        .order_by()
    )
    counts: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys((*COUNT_FIELDS, "visits"), 0))
    for row in rows:
        key = tuple(row[name] for name in KEY_FIELDS)
        for name in COUNT_FIELDS:
            counts[key][name] += row[name]
    # Distinct visits per search words: each (words, visit) counted once a day, in one row.
    seen: set[tuple[str, str]] = set()
    visits = (
        events.exclude(query="")
        .exclude(visit="")
        .values_list(*KEY_FIELDS, "visit")
        .distinct()
        .order_by()
    )
    for *key, visit in visits:
        if (key[0], visit) not in seen:
            seen.add((key[0], visit))
            counts[tuple(key)]["visits"] += 1
    DailySearchAggregate.objects.filter(day=day).delete()  # re-running a day replaces it
    DailySearchAggregate.objects.bulk_create(
        [
            DailySearchAggregate(day=day, **dict(zip(KEY_FIELDS, key, strict=True)), **values)
            for key, values in counts.items()
        ],
        batch_size=2000,
    )
    return sum(values["searches"] for values in counts.values())


def roll_up_months() -> int:
    """Add up the daily counts of each whole month after the monthly watermark, up to the
    last month that ends on or before the daily watermark. Returns the months processed."""
    days_through, months_through = RollUpState.watermarks()
    if days_through is None:
        return 0
    last_month = (days_through + ONE_DAY).replace(day=1) - ONE_DAY  # a day in it
    if months_through is not None:
        month = next_month(months_through)
    else:
        first_day = DailySearchAggregate.objects.aggregate(first=Min("day"))["first"]
        month = (first_day or days_through + ONE_DAY).replace(day=1)
    processed = 0
    while month <= last_month:
        with transaction.atomic():
            _roll_up_month(month)
            RollUpState.objects.filter(pk=1).update(months_rolled_up_through=month)
        processed += 1
        month = next_month(month)
    return processed


def _roll_up_month(month: datetime.date) -> None:
    """Add up one month of daily counts, then those monthly counts without the search words
    (querysets are lazy: each source is read after the rows before it were replaced)."""
    sums = {name: Sum(name) for name in COUNT_FIELDS}
    days = DailySearchAggregate.objects.filter(day__gte=month, day__lt=next_month(month))
    months = MonthlySearchAggregate.objects.filter(month_start=month)
    for model, source, key_fields, extra in (
        (MonthlySearchAggregate, days, MONTHLY_KEY_FIELDS, {"visits": Sum("visits")}),
        (MonthlyAreaAggregate, months, AREA_KEY_FIELDS, {}),
    ):
        rows = source.values(*key_fields).annotate(**sums, **extra).order_by()
        model.objects.filter(month_start=month).delete()  # re-running a month replaces it
        model.objects.bulk_create(
            [model(month_start=month, **row) for row in rows], batch_size=2000
        )


def delete_before(cutoff: datetime.datetime) -> int:
    """Delete raw events (and clicks) before `cutoff` that the roll-ups already count."""
    through = RollUpState.through()
    if through is None:
        return 0
    limit = min(cutoff, local_midnight(through + ONE_DAY))
    deleted = 0
    day = _first_event_day(None, limit)
    while day is not None:
        with transaction.atomic():
            events = SearchEvent.objects.filter(
                occurred_hour__gte=local_midnight(day),
                occurred_hour__lt=min(local_midnight(day + ONE_DAY), limit),
            )
            SearchClick.objects.filter(event__in=events).delete()
            _total, by_model = events.delete()
            deleted += by_model.get(SearchEvent._meta.label, 0)
        day = _first_event_day(None, limit)
    SearchClick.objects.filter(occurred_hour__lt=limit).delete()
    return deleted


def settle_words(words_from: datetime.date) -> tuple[int, int, int]:
    """Apply the 30-day rule for search words to everything before `words_from` that is
    rolled up: blank the words and visit hashes of raw events, and in the daily counts keep
    the words of a day only if typed in at least 5 distinct visits over that day and the
    SEARCH_QUERY_TEXT_RETENTION_DAYS - 1 days after it. The months holding settled days
    are added up again. Returns (events blanked, days settled, words dropped).

    Each day commits with its watermark (`RollUpState.words_settled_through`), so an
    interrupted run loses nothing and can simply run again.
    """
    through = RollUpState.through()
    if through is None:
        return 0, 0, 0
    last = min(words_from - ONE_DAY, through)
    blanked = (
        SearchEvent.objects.filter(occurred_hour__lt=local_midnight(last + ONE_DAY))
        .exclude(query="", visit="")
        .update(query="", visit="")
    )
    settled = RollUpState.objects.values_list("words_settled_through", flat=True).first()
    pending = DailySearchAggregate.objects.filter(day__lte=last).exclude(query="")
    if settled is not None:
        pending = pending.filter(day__gt=settled)
    days = sorted(set(pending.values_list("day", flat=True).distinct()))
    dropped = 0
    for day in days:
        with transaction.atomic():
            dropped += _settle_day(day)
            RollUpState.objects.filter(pk=1).update(words_settled_through=day)
    if settled is None or settled < last:
        RollUpState.objects.filter(pk=1).update(words_settled_through=last)
    months_through = RollUpState.watermarks()[1]
    for month in sorted({day.replace(day=1) for day in days}):
        if months_through is not None and month <= months_through:
            with transaction.atomic():
                _roll_up_month(month)
    return blanked, len(days), dropped


def _settle_day(day: datetime.date) -> int:
    """Keep the words of one day's counts only where 5 visits typed them in the window."""
    window_end = day + datetime.timedelta(days=settings.SEARCH_QUERY_TEXT_RETENTION_DAYS - 1)
    rows = DailySearchAggregate.objects.filter(day=day).exclude(query="")
    words = sorted(set(rows.values_list("query", flat=True)))
    dropped = 0
    for start in range(0, len(words), WORDS_CHUNK):
        chunk = words[start : start + WORDS_CHUNK]
        visits = dict(
            DailySearchAggregate.objects.filter(day__gte=day, day__lte=window_end, query__in=chunk)
            .values("query")
            .annotate(total=Sum("visits"))
            .order_by()
            .values_list("query", "total")
        )
        rare = [query for query in chunk if not may_show_words(visits.get(query) or 0)]
        dropped += len(rare)
        rows.filter(query__in=rare).update(query="", visits=0)
    return dropped

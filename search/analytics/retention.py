"""Roll-up and retention for search analytics, run daily by `manage.py purge_expired`.

1. Every complete local day of raw search events not yet rolled up is folded into
   `DailySearchAggregate` counts, and the `RollUpState` watermark moves to yesterday.
   Reports read the roll-ups up to the watermark and raw events after it, so their totals do
   not change, and they stay fast on a year of data.
2. Raw search events (and their clicks) older than SEARCH_EVENT_RETENTION_DAYS are deleted.
Referral events hold no personal data and stay (DESIGN §6).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from search.analytics.models import DailySearchAggregate, RollUpState
from search.analytics.reports import LOW_RESULTS, local_midnight, local_zone
from search.models import SearchClick, SearchEvent

KEY_FIELDS = ("query", "category", "area_id", "postcode_district", "is_carer_search")
COUNT_FIELDS = ("searches", "zero_results", "low_results", "clicked", "followed_by_referral")
ONE_DAY = datetime.timedelta(days=1)


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
    if dry_run:
        stdout.write(
            f"Search analytics: would roll up search events through {yesterday:%Y-%m-%d} "
            f"and delete {expired.count()} search events before {cutoff:%Y-%m-%d}."
        )
        return
    days, events = roll_up(through=yesterday)
    deleted = delete_before(cutoff)
    stdout.write(
        f"Search analytics: rolled up {events} search events from {days} days into daily "
        f"counts; deleted {deleted} search events older than "
        f"{settings.SEARCH_EVENT_RETENTION_DAYS} days."
    )


def roll_up(through: datetime.date) -> tuple[int, int]:
    """Fold each day after the watermark, up to `through`, into daily counts.

    Returns (days processed, events counted). Each day commits with the watermark, so an
    interrupted run loses nothing and can simply run again.
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
    if days and connection.vendor == "sqlite":
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
    counts: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(COUNT_FIELDS, 0))
    for row in rows:
        key = tuple(row[name] for name in KEY_FIELDS)
        for name in COUNT_FIELDS:
            counts[key][name] += row[name]
    DailySearchAggregate.objects.filter(day=day).delete()  # re-running a day replaces it
    DailySearchAggregate.objects.bulk_create(
        [
            DailySearchAggregate(day=day, **dict(zip(KEY_FIELDS, key, strict=True)), **values)
            for key, values in counts.items()
        ],
        batch_size=2000,
    )
    return sum(values["searches"] for values in counts.values())


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

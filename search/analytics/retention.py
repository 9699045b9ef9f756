"""Retention for search analytics, run by `manage.py purge_expired`.

Search events (and their clicks) older than SEARCH_EVENT_RETENTION_DAYS are folded into
`DailySearchAggregate` counts, one local day at a time, and then deleted. Reports add the
roll-ups to the raw events, so their totals do not change. Referral events hold no personal
data and stay (DESIGN §6).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from search.analytics.models import DailySearchAggregate
from search.analytics.reports import LOW_RESULTS, local_midnight, local_zone
from search.models import SearchClick, SearchEvent

KEY_FIELDS = ("query", "category", "area_id", "postcode_district", "is_carer_search")
COUNT_FIELDS = ("searches", "zero_results", "low_results", "clicked", "followed_by_referral")


def cutoff_for(now: datetime.datetime) -> datetime.datetime:
    """Local midnight starting the oldest day that is still kept in full."""
    keep_from = timezone.localtime(now, local_zone()).date() - datetime.timedelta(
        days=settings.SEARCH_EVENT_RETENTION_DAYS
    )
    return local_midnight(keep_from)


def purge(now: datetime.datetime, dry_run: bool, stdout) -> None:
    cutoff = cutoff_for(now)
    expired = SearchEvent.objects.filter(occurred_hour__lt=cutoff)
    if dry_run:
        stdout.write(
            f"Search analytics: {expired.count()} search events before {cutoff:%Y-%m-%d} "
            "would be rolled up into daily counts and deleted."
        )
        return
    days, events = roll_up(before=cutoff)
    clicks, _by_model = SearchClick.objects.filter(occurred_hour__lt=cutoff).delete()
    stdout.write(
        f"Search analytics: rolled up {events} search events from {days} days into daily "
        f"counts and deleted them; deleted {clicks} further old clicks."
    )


def roll_up(before: datetime.datetime) -> tuple[int, int]:
    """Fold every search event before `before` into daily counts and delete it.

    Returns (days processed, events rolled up). Each day is its own transaction, so an
    interrupted run loses nothing and can simply be run again.
    """
    oldest = SearchEvent.objects.filter(occurred_hour__lt=before).aggregate(
        oldest=Min("occurred_hour")
    )["oldest"]
    if oldest is None:
        return 0, 0
    day = timezone.localtime(oldest, local_zone()).date()
    last_day = (before - datetime.timedelta(microseconds=1)).astimezone(local_zone()).date()
    days = events = 0
    while day <= last_day:
        events += _roll_up_day(day, min(local_midnight(day + datetime.timedelta(days=1)), before))
        days += 1
        day += datetime.timedelta(days=1)
    return days, events


@transaction.atomic
def _roll_up_day(day: datetime.date, end: datetime.datetime) -> int:
    events = SearchEvent.objects.filter(
        occurred_hour__gte=local_midnight(day), occurred_hour__lt=end
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
    if not counts:
        return 0
    existing = {
        tuple(getattr(aggregate, name) for name in KEY_FIELDS): aggregate
        for aggregate in DailySearchAggregate.objects.filter(day=day)
    }
    new, changed = [], []
    for key, values in counts.items():
        if key in existing:
            aggregate = existing[key]
            for name in COUNT_FIELDS:
                setattr(aggregate, name, getattr(aggregate, name) + values[name])
            changed.append(aggregate)
        else:
            new.append(
                DailySearchAggregate(day=day, **dict(zip(KEY_FIELDS, key, strict=True)), **values)
            )
    DailySearchAggregate.objects.bulk_create(new, batch_size=1000)
    DailySearchAggregate.objects.bulk_update(changed, COUNT_FIELDS, batch_size=1000)
    total = sum(values["searches"] for values in counts.values())
    SearchClick.objects.filter(event__in=events).delete()
    events.delete()
    return total

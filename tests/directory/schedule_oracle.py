"""The test oracle for "open now": which live services are open at a moment, worked out
straight from their schedules with directory.schedules.is_open (one query, no index)."""

import datetime
from uuid import UUID

from directory.models import Schedule, Service
from directory.schedules import TIME_FIELDS, is_open, to_local


def open_service_ids(when: datetime.datetime | None = None) -> set[UUID]:
    """Ids of live services open at `when` (default now): one query over their schedules."""
    when = to_local(when)
    yesterday = when.date() - datetime.timedelta(days=1)
    rows = (
        Schedule.objects.filter(service__in=Service.objects.live(), opens_at__isnull=False)
        .exclude(valid_to__lt=yesterday)
        .exclude(valid_from__gt=when.date())
        .only("service_id", *TIME_FIELDS)
    )
    return {row.service_id for row in rows if is_open([row], when)}

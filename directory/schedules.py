"""Opening times: is a service open now, and when does it next open?

Pure functions over anything with the Schedule attributes (`weekdays`, `opens_at`,
`closes_at`, `valid_from`, `valid_to`, `open_on_bank_holidays`), evaluated in the
council's timezone (settings.TIME_ZONE, Europe/London) so British Summer Time is handled.
A session whose `closes_at` is at or before its `opens_at` runs past midnight into the
next day (a night helpline open 20:00–02:00 is open at 01:00 on the following day).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from portal.bank_holidays import BANK_HOLIDAYS

# What the rules below read from a schedule (a Schedule row or search.query.OpeningTimes).
TIME_FIELDS = (
    "weekdays",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "open_on_bank_holidays",
)

LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class Opening:
    """Whether a service is open at a moment, until when, or when it next opens."""

    is_open: bool
    closes_at: datetime.datetime | None = None
    next_opens_at: datetime.datetime | None = None
    has_times: bool = False


@dataclass(frozen=True)
class Session:
    """One opening: from `opens` to `closes` (aware datetimes in the council's timezone)."""

    opens: datetime.datetime
    closes: datetime.datetime


def council_timezone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def to_local(when: datetime.datetime | None) -> datetime.datetime:
    """`when` (aware, or naive meaning council time; default now) in the council's timezone."""
    tz = council_timezone()
    if when is None:
        return timezone.now().astimezone(tz)
    if timezone.is_naive(when):
        return when.replace(tzinfo=tz)
    return when.astimezone(tz)


def _runs_on(schedule, day: datetime.date) -> bool:
    if day.isoweekday() not in (schedule.weekdays or []):
        return False
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_to and day > schedule.valid_to:
        return False
    return not (day in BANK_HOLIDAYS and not schedule.open_on_bank_holidays)


def session_on(schedule, day: datetime.date) -> Session | None:
    """The session a schedule has starting on `day`, or None."""
    if schedule.opens_at is None or not _runs_on(schedule, day):
        return None
    tz = council_timezone()
    opens = datetime.datetime.combine(day, schedule.opens_at, tzinfo=tz)
    closes_time = schedule.closes_at or datetime.time(23, 59, 59)
    close_day = day + datetime.timedelta(days=1) if closes_time <= schedule.opens_at else day
    closes = datetime.datetime.combine(close_day, closes_time, tzinfo=tz)
    return Session(opens, closes)


def current_session(schedules: Iterable, when: datetime.datetime | None = None) -> Session | None:
    """The session open at `when` (the one closing last if several overlap), or None."""
    when = to_local(when)
    today = when.date()
    found = None
    for schedule in schedules:
        for day in (today - datetime.timedelta(days=1), today):
            session = session_on(schedule, day)
            is_current = session is not None and session.opens <= when < session.closes
            if is_current and (found is None or session.closes > found.closes):
                found = session
    return found


def is_open(schedules: Iterable, when: datetime.datetime | None = None) -> bool:
    """True if any schedule has a session open at `when` (default: now)."""
    return current_session(schedules, when) is not None


def next_opening(
    schedules: Iterable, when: datetime.datetime | None = None
) -> datetime.datetime | None:
    """The start of the next session after `when` within two weeks, or None."""
    when = to_local(when)
    schedules = list(schedules)
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = when.date() + datetime.timedelta(days=offset)
        starts = [
            session.opens
            for schedule in schedules
            if (session := session_on(schedule, day)) and session.opens > when
        ]
        if starts:
            return min(starts)
    return None


def describe_opening(schedules: Iterable, when: datetime.datetime | None = None) -> Opening:
    """Open-now state from a service's opening times (Schedule rows or search OpeningTimes)."""
    rows = list(schedules)
    if not any(row.opens_at for row in rows):
        return Opening(is_open=False)
    session = current_session(rows, when)
    if session:
        return Opening(is_open=True, closes_at=session.closes, has_times=True)
    return Opening(is_open=False, next_opens_at=next_opening(rows, when), has_times=True)

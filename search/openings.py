# ruff: noqa: S608 -- SQL text is built only from a constant table name and placeholders.
"""Opening times as weekly rows the database checks "open now" against (the search index).

`directory.schedules` says whether a listing is open from its schedules in Python; reading
every schedule to filter a search that way took ~0.1–0.5 s at 100,000 listings. The index
instead holds each schedule's sessions as rows (`SearchIndexOpening`): the weekday a time
falls on, from and to (seconds after midnight, wall-clock time in the council's timezone),
whether it is the after-midnight part of a session begun the day before, and the schedule's
dates and bank-holiday rule. "Open now" is then an indexed EXISTS per candidate listing, or,
browsing with nothing else to narrow by, a read of that weekday's rows (open_entries_sql).

The rules are those of `directory.schedules.current_session`, which compares wall-clock
times in the council's timezone (so the hour that repeats when the clocks go back counts as
one, as there), and `_runs_on`, which applies the dates and bank holidays to the day a session
starts: for an after-midnight part, yesterday.

The same rows answer "open on a day" and "open evenings or weekends" (search.features), for
schedules that have not ended.
"""

import datetime
from typing import NamedTuple

from directory.schedules import to_local
from portal.bank_holidays import BANK_HOLIDAYS
from search.features import EVENING_FROM, WEEKEND

DAY_SECONDS = 24 * 3600
LAST_SECOND = datetime.time(23, 59, 59)  # a session without a closing time ends here


def _seconds(value: datetime.time) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def weekly_sessions(opening) -> list[tuple[int, int, int, bool]]:
    """(weekday, starts, ends, after_midnight) rows for one schedule (OpeningTimes), where a
    time on `weekday` is open when starts <= seconds after midnight < ends."""
    if opening.opens_at is None:
        return []
    closes_at = opening.closes_at or LAST_SECOND
    opens, closes = _seconds(opening.opens_at), _seconds(closes_at)
    rows = []
    for day in sorted({day for day in opening.weekdays if day in range(1, 8)}):
        if closes_at <= opening.opens_at:  # runs past midnight (as directory.schedules)
            rows.append((day, opens, DAY_SECONDS, False))
            rows.append((day % 7 + 1, 0, closes, True))
        else:
            rows.append((day, opens, closes, False))
    return rows


OPENING_COLUMNS = (
    "weekday",
    "starts",
    "ends",
    "after_midnight",
    "valid_from",
    "valid_to",
    "open_on_bank_holidays",
)


def opening_rows(openings) -> list[tuple]:
    """Rows (OPENING_COLUMNS) for a listing's schedules (OpeningTimes): what the index holds."""
    return [
        (*session, times.valid_from, times.valid_to, times.open_on_bank_holidays)
        for times in openings
        for session in weekly_sessions(times)
    ]


class Moment(NamedTuple):
    """What "open at `when`" compares the weekly rows with."""

    weekday: int  # ISO weekday of the local date
    seconds: int  # after local midnight, wall-clock
    today: datetime.date
    yesterday: datetime.date
    today_is_bank_holiday: bool
    yesterday_is_bank_holiday: bool


def moment(when: datetime.datetime) -> Moment:
    """`when` (any timezone) as the council's wall clock sees it."""
    local = to_local(when)
    today = local.date()
    yesterday = today - datetime.timedelta(days=1)
    return Moment(
        weekday=local.isoweekday(),
        seconds=local.hour * 3600 + local.minute * 60 + local.second,
        today=today,
        yesterday=yesterday,
        today_is_bank_holiday=today in BANK_HOLIDAYS,
        yesterday_is_bank_holiday=yesterday in BANK_HOLIDAYS,
    )


def open_at_condition(when: datetime.datetime) -> tuple[str, list]:
    """SQL true for a weekly row `o` whose session is open at `when` (any timezone)."""
    at = moment(when)

    def runs_on(day: datetime.date, bank_holiday: bool) -> tuple[str, list]:
        return (
            "(o.valid_from IS NULL OR o.valid_from <= %s) "
            "AND (o.valid_to IS NULL OR o.valid_to >= %s) "
            "AND (o.open_on_bank_holidays OR NOT %s)",
            [day.isoformat(), day.isoformat(), bank_holiday],
        )

    started_today, today_params = runs_on(at.today, at.today_is_bank_holiday)
    started_yesterday, yesterday_params = runs_on(at.yesterday, at.yesterday_is_bank_holiday)
    return (
        "o.weekday = %s AND o.starts <= %s AND %s < o.ends "
        f"AND ((NOT o.after_midnight AND {started_today}) "
        f"OR (o.after_midnight AND {started_yesterday}))",
        [at.weekday, at.seconds, at.seconds, *today_params, *yesterday_params],
    )


def open_now_clause(table: str, entry_column: str, when: datetime.datetime) -> tuple[str, list]:
    """SQL true when the entry in `entry_column` has a session open at `when` (any timezone)."""
    condition, params = open_at_condition(when)
    return (
        f"EXISTS (SELECT 1 FROM {table} o WHERE o.entry_id = {entry_column} AND {condition})",
        params,
    )


def open_entries_sql(table: str, when: datetime.datetime, limit: int) -> tuple[str, list]:
    """SQL for the ids of at most `limit` entries with a session open at `when`, read from the
    rows of that weekday (the (weekday, starts, …) index), not entry by entry."""
    condition, params = open_at_condition(when)
    return f"SELECT DISTINCT o.entry_id FROM {table} o WHERE {condition} LIMIT %s", [
        *params,
        limit,
    ]


def _still_running(today: datetime.date) -> tuple[str, list]:
    """SQL true for a row `o` of a schedule that has not ended by `today`."""
    return "(o.valid_to IS NULL OR o.valid_to >= %s)", [today.isoformat()]


def on_days_clause(table: str, entry_column: str, days, today: datetime.date) -> tuple[str, list]:
    """SQL true when the entry has a session starting on any of `days` (1 = Monday), in a
    schedule not ended by `today`. The after-midnight part of a late session belongs to the
    day it began on, as the listing shows it ("Fridays 22:00 to 02:00")."""
    running, params = _still_running(today)
    days = sorted(set(days))
    return (
        f"EXISTS (SELECT 1 FROM {table} o WHERE o.entry_id = {entry_column} "
        f"AND o.weekday IN ({', '.join(['%s'] * len(days))}) AND NOT o.after_midnight "
        f"AND {running})",
        [*days, *params],
    )


def evening_or_weekend_clause(
    table: str, entry_column: str, today: datetime.date
) -> tuple[str, list]:
    """SQL true when the entry has a weekend session, or a weekday one open after 17:30
    (search.features.EVENING_FROM), in a schedule not ended by `today`."""
    running, params = _still_running(today)
    return (
        f"EXISTS (SELECT 1 FROM {table} o WHERE o.entry_id = {entry_column} "
        f"AND NOT o.after_midnight AND {running} "
        "AND (o.weekday IN (%s, %s) OR o.ends > %s))",
        [*params, *WEEKEND, EVENING_FROM],
    )


def day_counts_sql(table: str, among: str, today: datetime.date) -> tuple[str, list]:
    """SQL for (weekday, entries with a session starting that day) among entries whose
    `o.entry_id` satisfies `among`, as on_days_clause counts a day."""
    running, params = _still_running(today)
    return (
        f"SELECT o.weekday AS weekday, COUNT(DISTINCT o.entry_id) AS entries FROM {table} o "
        f"WHERE {among} "
        f"AND NOT o.after_midnight AND {running} GROUP BY o.weekday",
        params,
    )


def evening_or_weekend_count_sql(table: str, among: str, today: datetime.date) -> tuple[str, list]:
    """SQL for the number of entries satisfying `among` that evening_or_weekend_clause keeps."""
    running, params = _still_running(today)
    return (
        f"SELECT COUNT(DISTINCT o.entry_id) FROM {table} o WHERE {among} "
        f"AND NOT o.after_midnight AND {running} AND (o.weekday IN (%s, %s) OR o.ends > %s)",
        [*params, *WEEKEND, EVENING_FROM],
    )

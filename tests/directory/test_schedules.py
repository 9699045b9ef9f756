"""Open now: weekly sessions, past midnight, British Summer Time, bank holidays."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from directory.schedules import is_open, next_opening
from directory.services import open_service_ids
from tests.factories.directory import ScheduleFactory, ServiceFactory

LONDON = ZoneInfo("Europe/London")


def session(weekdays, opens, closes, **extra):
    return SimpleNamespace(
        weekdays=weekdays,
        opens_at=datetime.time.fromisoformat(opens),
        closes_at=datetime.time.fromisoformat(closes) if closes else None,
        valid_from=extra.get("valid_from"),
        valid_to=extra.get("valid_to"),
        open_on_bank_holidays=extra.get("bank_holidays", False),
    )


def at(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)


# 2026-11-24 is a Tuesday (ISO 2).
@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2026-11-24 10:00", True),
        ("2026-11-24 09:59", False),
        ("2026-11-24 12:00", False),  # closing time is exclusive
        ("2026-11-25 10:30", False),  # Wednesday
    ],
)
def test_weekly_session(when, expected):
    assert is_open([session([2], "10:00", "12:00")], at(when)) is expected


def test_a_session_past_midnight_is_open_early_the_next_day():
    night_line = [session([1, 2, 3, 4, 5], "20:00", "02:00")]
    assert is_open(night_line, at("2026-11-24 23:30"))  # Tuesday night
    assert is_open(night_line, at("2026-11-25 01:30"))  # early Wednesday, Tuesday's session
    assert not is_open(night_line, at("2026-11-25 02:00"))
    # Saturday 01:00 belongs to Friday night's session; Sunday 01:00 to Saturday (not listed)
    assert is_open(night_line, at("2026-11-28 01:00"))
    assert not is_open(night_line, at("2026-11-29 01:00"))


def test_utc_times_are_read_in_london_time_in_summer():
    morning = [session([2], "10:00", "12:00")]
    # 09:30 UTC on a June Tuesday is 10:30 BST: open.
    summer = datetime.datetime(2026, 6, 16, 9, 30, tzinfo=datetime.UTC)
    assert is_open(morning, summer)
    # 09:30 UTC in November is 09:30 GMT: closed.
    winter = datetime.datetime(2026, 11, 24, 9, 30, tzinfo=datetime.UTC)
    assert not is_open(morning, winter)


def test_bank_holidays_close_sessions_unless_marked_open():
    christmas = at("2026-12-25 11:00")  # a Friday and a bank holiday
    assert not is_open([session([5], "10:00", "12:00")], christmas)
    assert is_open([session([5], "10:00", "12:00", bank_holidays=True)], christmas)


def test_validity_dates_limit_a_schedule():
    event = session([2], "10:00", "12:00", valid_from=datetime.date(2026, 12, 1))
    assert not is_open([event], at("2026-11-24 11:00"))
    assert is_open([event], at("2026-12-01 11:00"))


def test_next_opening():
    sessions = [session([2], "10:00", "12:00"), session([4], "18:30", "20:30")]
    assert next_opening(sessions, at("2026-11-24 12:30")) == at("2026-11-26 18:30")
    assert next_opening(sessions, at("2026-11-24 08:00")) == at("2026-11-24 10:00")
    assert next_opening([], at("2026-11-24 08:00")) is None


@pytest.mark.django_db
def test_open_service_ids_only_returns_live_services_open_then():
    open_service = ServiceFactory()
    ScheduleFactory(service=open_service, weekdays=[2], opens_at=datetime.time(9))
    closed_service = ServiceFactory()
    ScheduleFactory(service=closed_service, weekdays=[3], opens_at=datetime.time(9))
    draft = ServiceFactory(live=False)
    ScheduleFactory(service=draft, weekdays=[2], opens_at=datetime.time(9))
    night = ServiceFactory()
    ScheduleFactory(
        service=night, weekdays=[1], opens_at=datetime.time(20), closes_at=datetime.time(2)
    )

    assert open_service_ids(at("2026-11-24 10:00")) == {open_service.id}
    assert open_service_ids(at("2026-11-24 01:00")) == {night.id}

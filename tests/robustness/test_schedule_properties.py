"""Opening times (directory/schedules.py) for any time and any schedule: `is_open` and
`next_opening` never raise, including at the clock changes in Europe/London (a wall-clock time
that doesn't exist in March, one that happens twice in October) and for sessions that run past
midnight; and at any time inside a session the service is open."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from directory.schedules import LOOKAHEAD_DAYS, is_open, next_opening, session_on, to_local

LONDON = ZoneInfo("Europe/London")
PROPS = settings(max_examples=300, deadline=None)

# Around the 2026 clock changes: 29 March (01:00 → 02:00) and 25 October (02:00 → 01:00).
SPRING_GAP = datetime.datetime(2026, 3, 29, 1, 30)
AUTUMN_TWICE = datetime.datetime(2026, 10, 25, 1, 30)

times = st.times()
dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31))


@st.composite
def schedules(draw):
    """Anything a Schedule row can hold, past-midnight and zero-length sessions included."""
    valid_from = draw(st.none() | dates)
    return SimpleNamespace(
        weekdays=draw(st.lists(st.integers(1, 7), unique=True, max_size=7)),
        opens_at=draw(st.none() | times),
        closes_at=draw(st.none() | times),
        valid_from=valid_from,
        valid_to=draw(st.none() | dates),
        open_on_bank_holidays=draw(st.booleans()),
    )


# Any moment: naive (meaning council time) or aware in London, UTC or a far-off zone, with
# the non-existent and repeated London wall-clock times hypothesis looks for.
moments = st.one_of(
    st.datetimes(
        min_value=datetime.datetime(2000, 1, 2), max_value=datetime.datetime(2100, 12, 30)
    ),
    st.datetimes(
        min_value=datetime.datetime(2000, 1, 2),
        max_value=datetime.datetime(2100, 12, 30),
        timezones=st.sampled_from(
            [LONDON, datetime.UTC, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("America/St_Johns")]
        ),
        allow_imaginary=True,
    ),
)

every_day_night_session = SimpleNamespace(
    weekdays=list(range(1, 8)),
    opens_at=datetime.time(20, 0),
    closes_at=datetime.time(2, 0),
    valid_from=None,
    valid_to=None,
    open_on_bank_holidays=True,
)


@PROPS
@given(st.lists(schedules(), max_size=4), moments)
@example([every_day_night_session], SPRING_GAP)
@example([every_day_night_session], SPRING_GAP.replace(tzinfo=LONDON))
@example([every_day_night_session], AUTUMN_TWICE.replace(tzinfo=LONDON, fold=0))
@example([every_day_night_session], AUTUMN_TWICE.replace(tzinfo=LONDON, fold=1))
def test_is_open_and_next_opening_never_raise(rows, when):
    assert is_open(rows, when) in {True, False}
    opening = next_opening(rows, when)
    if opening is not None:
        assert opening.tzinfo is not None
        assert opening > to_local(when), "the next opening is later than the time asked about"
        assert opening - to_local(when) <= datetime.timedelta(days=LOOKAHEAD_DAYS + 1)


@st.composite
def a_time_inside_a_session(draw):
    """(schedule, day, a wall-clock moment inside the session that schedule has that day)."""
    day = draw(
        st.sampled_from([SPRING_GAP.date(), AUTUMN_TWICE.date()])
        | st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 12, 31))
    )
    opens_at = draw(times)
    closes_at = draw(times.filter(lambda t: t != opens_at))
    row = SimpleNamespace(
        weekdays=[day.isoweekday()],
        opens_at=opens_at,
        closes_at=closes_at,
        valid_from=None,
        valid_to=None,
        open_on_bank_holidays=True,
    )
    session = session_on(row, day)
    length = session.closes.replace(tzinfo=None) - session.opens.replace(tzinfo=None)
    offset = draw(st.integers(0, int(length.total_seconds() * 1_000_000) - 1))
    return row, session.opens + datetime.timedelta(microseconds=offset)


@PROPS
@given(a_time_inside_a_session())
@example(
    (
        SimpleNamespace(
            weekdays=[7],
            opens_at=datetime.time(1, 0),
            closes_at=datetime.time(3, 0),
            valid_from=None,
            valid_to=None,
            open_on_bank_holidays=False,
        ),
        SPRING_GAP.replace(tzinfo=LONDON),
    )
)
@example((every_day_night_session, datetime.datetime(2026, 10, 26, 1, 59, tzinfo=LONDON)))
def test_a_time_inside_a_session_is_open(case):
    row, when = case
    assert is_open([row], when)
    # ...and the same moment given as a naive council time.
    assert is_open([row], when.replace(tzinfo=None))

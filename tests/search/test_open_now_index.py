""" "Open now" from the search index's weekly rows agrees with directory.schedules."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directory.models import TaxonomyTerm
from directory.schedules import is_open, to_local
from portal.bank_holidays import BANK_HOLIDAYS
from search.backends.database import DatabaseBackend, scan
from search.models import SearchIndexOpening
from search.openings import weekly_sessions
from search.query import OpeningTimes, ServiceQuery
from tests.directory.schedule_oracle import open_service_ids
from tests.factories.directory import ScheduleFactory, ServiceFactory

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
# From before the spring clock change to after the autumn one, with Christmas bank holidays.
START = datetime.datetime(2026, 3, 20, tzinfo=UTC)
END = datetime.datetime(2027, 1, 5, tzinfo=UTC)


def rows_say_open(times: OpeningTimes, when: datetime.datetime) -> bool:
    """The SQL in search.openings.open_now_clause, in Python, over weekly_sessions()."""
    local = to_local(when)
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    for weekday, starts, ends, after_midnight in weekly_sessions(times):
        if weekday != local.isoweekday() or not starts <= seconds < ends:
            continue
        day = local.date() - datetime.timedelta(days=1 if after_midnight else 0)
        if times.valid_from and times.valid_from > day:
            continue
        if times.valid_to and times.valid_to < day:
            continue
        if day in BANK_HOLIDAYS and not times.open_on_bank_holidays:
            continue
        return True
    return False


clock_times = st.one_of(
    st.sampled_from([datetime.time(0), datetime.time(12), datetime.time(23, 59, 59)]),
    st.times().map(lambda t: t.replace(microsecond=0)),
)
dates = st.one_of(st.none(), st.dates(START.date(), END.date()))
openings = st.builds(
    OpeningTimes,
    weekdays=st.lists(st.integers(0, 8), max_size=7).map(tuple),
    opens_at=st.one_of(st.none(), clock_times),
    closes_at=st.one_of(st.none(), clock_times),
    valid_from=dates,
    valid_to=dates,
    open_on_bank_holidays=st.booleans(),
)
instants = st.datetimes(START.replace(tzinfo=None), END.replace(tzinfo=None)).map(
    lambda moment: moment.replace(tzinfo=UTC)
)


@settings(max_examples=500, deadline=None)
@given(times=openings, when=instants)
def test_weekly_rows_agree_with_the_schedule_rules(times, when):
    assert rows_say_open(times, when) == is_open([times], when)


def test_a_session_past_midnight_is_two_rows():
    times = OpeningTimes(weekdays=(7,), opens_at=datetime.time(20), closes_at=datetime.time(2))
    assert weekly_sessions(times) == [(7, 72000, 86400, False), (1, 0, 7200, True)]


def _at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "when",
    [
        "2026-11-24 10:00",  # Tuesday morning
        "2026-11-24 01:00",  # after midnight, from Monday night
        "2026-12-25 10:00",  # Christmas Day, a Friday bank holiday
        "2026-12-26 00:30",  # after midnight from a bank holiday evening
        "2026-10-25 01:30",  # the hour the clocks go back
        "2026-03-29 03:00",  # just after the clocks go forward
    ],
)
@pytest.mark.parametrize("probe", [scan.OPEN_PROBE, 0])  # ids from the weekday's rows, or not
def test_open_now_searches_find_what_the_schedules_say_is_open(monkeypatch, when, probe):
    monkeypatch.setattr(scan, "OPEN_PROBE", probe)
    shapes = [
        {"weekdays": [2], "opens_at": datetime.time(9), "closes_at": datetime.time(17)},
        {"weekdays": [1, 4], "opens_at": datetime.time(20), "closes_at": datetime.time(2)},
        {"weekdays": [5], "opens_at": datetime.time(8), "open_on_bank_holidays": True},
        {"weekdays": [5], "opens_at": datetime.time(8)},
        {"weekdays": [5], "opens_at": datetime.time(18), "closes_at": datetime.time(1)},
        {"weekdays": [7], "opens_at": datetime.time(0), "closes_at": datetime.time(4)},
        {
            "weekdays": [1],
            "opens_at": datetime.time(22),
            "closes_at": datetime.time(3),
            "valid_to": datetime.date(2026, 11, 22),
        },
        {"weekdays": [2], "opens_at": datetime.time(9), "valid_from": datetime.date(2026, 11, 25)},
    ]
    for shape in shapes:
        ScheduleFactory(service=ServiceFactory(), **{"closes_at": None, **shape})
    draft = ServiceFactory(live=False)
    ScheduleFactory(service=draft, weekdays=list(range(1, 8)), opens_at=datetime.time(0))
    assert SearchIndexOpening.objects.exists()
    moment = _at(when)
    monkeypatch.setattr("search.backends.database.scan.timezone.localtime", lambda: moment)
    results = DatabaseBackend().search(ServiceQuery(open_now=True, per_page=50))
    assert {hit.service.id for hit in results.hits} == open_service_ids(moment)
    assert results.total == len(open_service_ids(moment))


@pytest.mark.django_db
def test_unpublishing_takes_the_opening_rows_out():
    service = ServiceFactory()
    ScheduleFactory(service=service, weekdays=[1, 2, 3, 4, 5, 6, 7], opens_at=datetime.time(0))
    assert SearchIndexOpening.objects.count() == 7
    service.live = False
    service.save()
    assert not SearchIndexOpening.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("probe", [scan.RADIUS_OPEN_PROBE, 0])  # open ids listed, or an EXISTS
def test_open_now_with_a_place_or_text_keeps_only_the_open_listings(monkeypatch, probe):
    from tests.factories.directory import LocationFactory

    monkeypatch.setattr(scan, "RADIUS_OPEN_PROBE", probe)

    near = LocationFactory(latitude=53.3811, longitude=-1.4701)
    open_cafe = ServiceFactory(name="Memory café open", location=near)
    ScheduleFactory(service=open_cafe, weekdays=[2], opens_at=datetime.time(9))
    shut_cafe = ServiceFactory(name="Memory café shut", location=near)
    ScheduleFactory(service=shut_cafe, weekdays=[3], opens_at=datetime.time(9))
    place = {"latitude": 53.38, "longitude": -1.47, "radius_miles": 3}
    moment = _at("2026-11-24 10:00")  # a Tuesday morning
    monkeypatch.setattr("search.backends.database.scan.timezone.localtime", lambda: moment)
    for query in (
        ServiceQuery(open_now=True, **place),
        ServiceQuery(text="memory", open_now=True),
        ServiceQuery(text="memory", open_now=True, **place),
    ):
        results = DatabaseBackend().search(query)
        assert [hit.service.id for hit in results.hits] == [open_cafe.id], query
        assert results.total == 1
    assert DatabaseBackend().search(ServiceQuery(text="memory", **place)).total == 2


@pytest.mark.django_db
@pytest.mark.parametrize("probe", [scan.OPEN_PROBE, 0])
def test_browsing_open_now_stops_counting_at_the_limit_and_the_page_says_so(
    client, monkeypatch, probe
):
    monkeypatch.setattr(scan, "SCAN_LIMIT", 3)
    monkeypatch.setattr(scan, "OPEN_PROBE", probe)
    memory = TaxonomyTerm.objects.get(code="memory-dementia")
    walking = TaxonomyTerm.objects.get(code="physical-activity")
    for index in (4, 1, 3, 0, 2):
        service = ServiceFactory(name=f"Open group {index}", categories=[memory])
        ScheduleFactory(service=service, weekdays=[2], opens_at=datetime.time(9))
    shut = ServiceFactory(name="A shut walk", categories=[walking])
    ScheduleFactory(service=shut, weekdays=[3], opens_at=datetime.time(9))
    moment = _at("2026-11-24 10:00")  # a Tuesday morning
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    results = DatabaseBackend().search(ServiceQuery(open_now=True))
    assert (results.total, results.total_exact) == (3, False)  # at least 3 of the 5 open
    assert [hit.service.name for hit in results.hits] == [f"Open group {i}" for i in range(3)]
    assert results.facets["memory-dementia"] is None  # there, without a count
    assert "physical-activity" not in results.facets  # only the shut walk has it
    text = " ".join(client.get("/services/", {"open_now": "1"}).content.decode().split())
    assert 'id="results-heading"> At least 3 results </h2>' in text

    monkeypatch.setattr(scan, "SCAN_LIMIT", 10)
    results = DatabaseBackend().search(ServiceQuery(open_now=True, categories=("memory-dementia",)))
    assert (results.total, results.total_exact) == (5, True)
    assert results.facets["memory-dementia"] == 5
    text = " ".join(client.get("/services/", {"open_now": "1"}).content.decode().split())
    assert 'id="results-heading"> 5 results </h2>' in text

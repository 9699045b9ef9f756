"""Anonymous search events (analytics.events, called by search): scrubbing, hashing, area, and never breaking the search."""

import datetime
import logging
import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import DatabaseError
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from analytics import events
from analytics.events import record_click, record_search, scrub_query, session_hash
from analytics.models import SearchClick, SearchEvent
from directory.geography import Place
from search.api import is_carer_search, search_services
from search.query import ServiceQuery, ServiceResults
from tests.factories.directory import AreaFactory
from tests.factories.search import listing


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Memory cafe S6 2AB", "memory cafe s6"),
        ("s62ab dementia", "s6 dementia"),
        ("dementia near S6", "dementia near s6"),
        ("email me at jo.bloggs+x@example.co.uk please", "email me at [email] please"),
        ("call 07700 900123 about mum", "call [phone] about mum"),
        ("ring +44 (0)114 273 4567", "ring [phone]"),
        ("0114-273-4567", "[phone]"),
        ("NHS number 485 777 3456", "nhs number [number]"),
        ("help for Mrs Jones with shopping", "help for [name] with shopping"),
        ("  LOTS   of   Space ", "lots of space"),
        ("over 60s lunch club", "over 60s lunch club"),
    ],
)
def test_scrubbing_removes_personal_details(typed, stored):
    assert scrub_query(typed) == stored


@given(st.text(max_size=400))
def test_scrubbed_text_is_short_and_has_no_long_numbers_or_emails(text):
    scrubbed = scrub_query(text)
    assert len(scrubbed) <= 200
    assert not re.search(r"\d(?:[\s-]?\d){4,}", scrubbed)
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w-]+", scrubbed)


@given(
    st.from_regex(r"[A-Z]{1,2}[0-9]{1,2} ?[0-9][A-Z]{2}", fullmatch=True),
    st.emails(),
)
def test_full_postcodes_and_emails_never_survive(postcode, email):
    scrubbed = scrub_query(f"help near {postcode} contact {email}")
    inward = postcode.replace(" ", "")[-3:].lower()
    assert not scrubbed.endswith(inward) and f" {inward} " not in scrubbed
    assert "@" not in scrubbed


def request_with_session(create=True):
    request = RequestFactory().get("/services/")
    request.session = SessionStore()
    if create:
        request.session.create()
    return request


@pytest.mark.django_db
def test_the_visit_key_rotates_daily_and_needs_no_session():
    request = request_with_session()
    today = datetime.date(2026, 3, 1)
    first = session_hash(request, today)
    assert len(first) == 16
    assert session_hash(request, today) == first
    assert session_hash(request, today + datetime.timedelta(days=1)) != first
    no_session = request_with_session(create=False)
    assert session_hash(no_session, today) == first  # the same visitor, session or not
    assert no_session.session.session_key is None  # no session (or cookie) created for analytics


@pytest.mark.django_db
def test_a_public_search_writes_an_anonymous_event():
    ward = AreaFactory(code="E05010862", name="Hillsborough")
    listing("Hillsborough Memory Café", "A café for people with dementia.")
    place = Place(53.404, -1.5, "S6 2AB", "S6", "E05010862", is_postcode=True)
    request = request_with_session()
    results = search_services(
        ServiceQuery(text="Dementia cafe, call 07700 900123", categories=("memory-dementia",)),
        request=request,
        place=place,
    )
    event = SearchEvent.objects.get()
    assert event.query == "dementia cafe call [phone]"  # normalised words, punctuation gone
    assert event.occurred_hour.minute == event.occurred_hour.second == 0
    assert event.postcode_district == "S6"
    assert event.area == ward
    assert event.result_count == results.total
    assert event.category == "memory-dementia"
    assert event.backend == "database"
    assert event.latency_ms >= 0
    assert event.session_hash == session_hash(request)
    assert event.visit == session_hash(request)  # one visit key
    assert event.filters["sort"] == "relevance"
    stored = " ".join(str(value) for value in SearchEvent.objects.values().get().values())
    assert "2AB" not in stored and "900123" not in stored


@pytest.mark.django_db
def test_an_outcode_gives_a_district_but_no_ward():
    AreaFactory(code="E05010862")
    record_search(
        request_with_session(),
        ServiceQuery(text="lunch"),
        ServiceResults(hits=[], total=0, page=1, per_page=20),
        Place(53.4, -1.5, "S6", "S6", "", is_postcode=True),
    )
    event = SearchEvent.objects.get()
    assert (event.postcode_district, event.area) == ("S6", None)


@pytest.mark.django_db
def test_searches_without_a_request_are_not_recorded():
    search_services(ServiceQuery(text="lunch"))
    assert SearchEvent.objects.count() == 0


@pytest.mark.django_db
def test_a_failing_event_write_never_breaks_the_search(monkeypatch, caplog):
    listing("Hillsborough Lunch Club", "Hot lunch.")

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(SearchEvent.objects, "create", broken)
    with caplog.at_level(logging.WARNING, logger="analytics.events"):
        results = search_services(ServiceQuery(text="lunch"), request=request_with_session())
    assert [hit.service.name for hit in results.hits] == ["Hillsborough Lunch Club"]
    assert "Could not record a search event" in caplog.text
    assert "lunch" not in caplog.text


@pytest.mark.django_db
def test_clicks_are_linked_to_the_search_their_link_came_from():
    service = listing("Hillsborough Lunch Club", "Hot lunch.")
    request = request_with_session()
    results = search_services(ServiceQuery(text="lunch"), request=request)
    assert results.event_id == SearchEvent.objects.get().pk
    record_click(request, service, position=1, event_id=results.event_id)
    click = SearchClick.objects.get()
    assert click.event == SearchEvent.objects.get()
    assert (click.service, click.position) == (service, 1)
    assert click.session_hash == session_hash(request)
    assert "search_event_id" not in request.session  # nothing written to the session


@pytest.mark.django_db
def test_clicks_from_unknown_or_stale_searches_are_kept_without_their_search():
    service = listing("Hillsborough Lunch Club", "Hot lunch.")
    request = request_with_session()
    results = search_services(ServiceQuery(text="lunch"), request=request)
    SearchEvent.objects.update(occurred_hour=timezone.now() - datetime.timedelta(days=2))
    record_click(request, service, position=1, event_id=results.event_id)
    record_click(request, service, position=2, event_id=results.event_id + 1000)
    assert [click.event for click in SearchClick.objects.order_by("position")] == [None, None]


@pytest.mark.django_db
def test_a_failing_click_write_is_swallowed(monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("locked")

    monkeypatch.setattr(SearchClick.objects, "create", broken)
    assert events.record_click(request_with_session(), "not-a-service", 1) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ServiceQuery(text="help looking after mum"), True),
        (ServiceQuery(text="respite"), True),
        (ServiceQuery(kind="carers_support"), True),
        (ServiceQuery(categories=("carers-breaks",)), True),
        (ServiceQuery(text="lunch club"), False),
    ],
)
def test_carer_searches_are_flagged(query, expected):
    assert is_carer_search(query) is expected

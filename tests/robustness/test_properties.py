"""Property-based tests: arbitrary Unicode, huge inputs and control characters in the parsers
that read what people type. Nothing may raise anything but the documented, user-facing errors.

One section per parser. After merge, add: schedule / open-now logic (midnight, the clock
changes in March and October), search query parsing, and the referral forms (each step's form
with `nasty_text` in every field must be invalid or valid, never raise).
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.geography import PlaceNotFound, resolve_place
from directory.postcodes import (
    POSTCODE_RE,
    clean_postcode_text,
    normalise_outcode,
    normalise_postcode,
    outcode_of,
)
from tests.robustness.strategies import nasty_text, text_without_nul, typed_postcodes

PURE = settings(max_examples=300, deadline=None)
# Touching the database: fewer examples, no per-example deadline (CI machines vary).
DB = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- Postcodes -------------------------------------------------------------------------------


@PURE
@given(nasty_text)
def test_normalising_any_text_gives_a_standard_postcode_or_none(text):
    postcode = normalise_postcode(text)
    assert postcode is None or POSTCODE_RE.match(postcode)
    if postcode:
        assert normalise_postcode(postcode) == postcode  # idempotent
        assert outcode_of(text) == postcode.split(" ")[0]


@PURE
@given(typed_postcodes())
def test_postcodes_typed_any_way_normalise_to_the_standard_form(case):
    standard, typed = case
    assert normalise_postcode(typed) == standard


@PURE
@given(nasty_text)
def test_cleaned_postcode_text_is_only_capitals_and_digits(text):
    assert re.fullmatch(r"[A-Z0-9]*", clean_postcode_text(text))


@PURE
@given(nasty_text)
def test_outcodes_are_short_and_clean_or_none(text):
    outcode = normalise_outcode(text)
    assert outcode is None or (2 <= len(outcode) <= 4 and outcode.isalnum())


@pytest.mark.django_db
@DB
@given(st.one_of(nasty_text, typed_postcodes().map(lambda case: case[1])))
def test_resolving_any_text_finds_a_place_or_says_why_not(text):
    """No geocoder in tests (GEOCODER=none): every failure is a PlaceNotFound with a message."""
    try:
        place = resolve_place(text)
    except PlaceNotFound as error:
        assert error.message and len(error.message) < 200
    else:
        assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180


# --- Search ----------------------------------------------------------------------------------


@pytest.fixture
def live_services(db):
    from tests.factories.directory import ServiceFactory

    return [ServiceFactory(name=name) for name in ("Lunch club", "Memory café", "Men's shed")]


@DB
@given(
    text=st.one_of(text_without_nul.map(lambda text: text[:200]), st.just("%_\\'\"*:()&|!")),
    page=st.integers(min_value=1, max_value=10_000),
    age=st.none() | st.integers(min_value=0, max_value=150),
    categories=st.lists(text_without_nul.map(lambda text: text[:40]), max_size=5).map(tuple),
)
def test_search_with_any_validated_query_returns_results(
    live_services, text, page, age, categories
):
    """The search API, fed what the search form lets through, always answers."""
    from search.api import search_services
    from search.query import ServiceQuery

    results = search_services(ServiceQuery(text=text, page=page, age=age, categories=categories))
    assert results.total >= 0 and len(results.hits) <= results.per_page

"""Broad searches at very large directories: bounded work, honest "at least" counts.

SCAN_LIMIT is lowered so a handful of listings behaves like a broad search over 100,000.
"""

import dataclasses
import math
import re

import pytest
from django.db import connection

from directory.distance import MILES_PER_DEGREE
from directory.models import Location, ServiceAtLocation
from search.api import search_services
from search.backends.database import scan
from search.backends.database.dialects import dialect
from search.models import SearchIndexEntry
from search.query import ServiceQuery
from search.text import parse_query
from tests.factories.search import listing, seed_categories

pytestmark = pytest.mark.django_db

ORIGIN = (53.3811, -1.4701)


def place(service, miles_east, miles_north=0.0):
    latitude = ORIGIN[0] + miles_north / MILES_PER_DEGREE
    longitude = ORIGIN[1] + miles_east / (MILES_PER_DEGREE * math.cos(math.radians(ORIGIN[0])))
    location = Location.objects.create(name=service.name, latitude=latitude, longitude=longitude)
    ServiceAtLocation.objects.create(service=service, location=location)
    return service


@pytest.fixture
def lunch_clubs(monkeypatch):
    """30 listings about lunch, one every 0.3 miles going east then north, in mixed order."""
    monkeypatch.setattr(scan, "SCAN_LIMIT", 10)
    monkeypatch.setattr(scan, "SAMPLE_LIMIT", 8)
    terms = seed_categories()
    services = {}
    for index in (17, 3, 25, 8, 0, 29, 12, 21, 5, 14, 27, 1, 19, 10, 23, 6, 16, 2, 28, 11) + (
        4,
        13,
        26,
        7,
        18,
        22,
        9,
        15,
        24,
        20,
    ):
        name = f"Lunch Club {index}" if index % 3 == 0 else f"Friendly Group {index}"
        miles = 0.3 * (index + 1)
        service = listing(name, "A hot lunch and a chat.", ["social-activities"], terms=terms)
        services[index] = place(service, miles * 0.6, miles * 0.8)
    return services


def test_nearest_first_stays_right_when_there_are_more_matches_than_are_scored(lunch_clubs):
    results = search_services(
        ServiceQuery(
            text="lunch",
            latitude=ORIGIN[0],
            longitude=ORIGIN[1],
            radius_miles=20,
            sort="distance",
            per_page=5,
        )
    )
    assert not results.total_exact
    assert results.total >= len(results.hits) == 5  # a checked lower bound
    assert [hit.service.id for hit in results.hits] == [lunch_clubs[i].pk for i in range(5)]
    distances = [hit.distance_miles for hit in results.hits]
    assert distances == sorted(distances)


def test_best_match_with_a_place_prefers_near_listings_when_counting_is_capped(lunch_clubs):
    results = search_services(
        ServiceQuery(text="lunch", latitude=ORIGIN[0], longitude=ORIGIN[1], radius_miles=20)
    )
    assert not results.total_exact
    assert max(hit.distance_miles for hit in results.hits[:3]) < 3


def test_without_a_place_name_matches_come_first_when_counting_is_capped(lunch_clubs):
    results = search_services(ServiceQuery(text="lunch", per_page=10))
    assert not results.total_exact
    in_name = [service.name for service in lunch_clubs.values() if "Lunch" in service.name]
    assert sorted(hit.service.name for hit in results.hits[: len(in_name)]) == sorted(in_name)
    assert "social-activities" in results.facets


def test_browsing_by_place_counts_up_to_the_limit_and_still_shows_the_nearest(lunch_clubs):
    results = search_services(
        ServiceQuery(latitude=ORIGIN[0], longitude=ORIGIN[1], radius_miles=20, per_page=4)
    )
    assert not results.total_exact
    assert results.total == 10
    assert [hit.service.id for hit in results.hits] == [lunch_clubs[i].pk for i in range(4)]
    assert "social-activities" in results.facets  # which categories are here, without counts


def test_small_searches_stay_exact(lunch_clubs, monkeypatch):
    monkeypatch.setattr(scan, "SCAN_LIMIT", 500)
    results = search_services(
        ServiceQuery(text="lunch", latitude=ORIGIN[0], longitude=ORIGIN[1], radius_miles=20)
    )
    assert results.total_exact
    assert results.total == 30
    assert results.facets["social-activities"] == 30
    near = search_services(
        ServiceQuery(latitude=ORIGIN[0], longitude=ORIGIN[1], radius_miles=1.6, per_page=50)
    )
    assert near.total_exact
    assert sorted(hit.service.id for hit in near.hits) == sorted(
        lunch_clubs[i].pk for i in range(5)
    )


def test_the_results_page_says_at_least_and_drops_facet_counts(client, lunch_clubs):
    response = client.get("/services/", {"q": "lunch"})
    text = " ".join(response.content.decode().split())
    assert re.search(r'id="results-heading"> At least (\d+) results </h2>', text)
    assert 'for="category-social-activities">Social activities and friendship</label>' in text


def test_matches_come_in_index_order_even_after_updates():
    # The closer-in radius takes the first matches as a fair sample, which needs them in the
    # order they were indexed. PostgreSQL returns rows in table order, and an UPDATE moves a
    # row to the end of it.
    for name in ("Lunch Club North", "Lunch Club South", "Lunch Club East"):
        listing(name, "A hot lunch.")
    first = min(SearchIndexEntry.objects.values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE search_searchindexentry SET kind = kind WHERE id = %s", [first])
    for share in (None, 0.0):  # read in order, and (few_matches) all from the index
        text = scan.Text(parse_query("lunch"), share=share)
        matches = scan.matches(ServiceQuery(text="lunch"), text, None)
        assert len(matches) == 3
        assert matches == sorted(matches)


def test_reading_the_matches_all_from_the_index_or_in_order_finds_the_same(
    lunch_clubs, monkeypatch
):
    """Whichever way the matches are read (scan.few_matches), a search finds the same."""
    searches = [
        ServiceQuery(text="lunch"),
        ServiceQuery(text="hot lunch chat"),
        ServiceQuery(text="lunch", latitude=ORIGIN[0], longitude=ORIGIN[1], radius_miles=5),
        ServiceQuery(text="friendly", categories=("social-activities",)),
    ]
    found = {}
    for few in (False, True):
        monkeypatch.setattr(scan, "few_matches", lambda text, tags, few=few: few)
        found[few] = [
            (
                [hit.service.id for hit in results.hits],
                results.total,
                results.total_exact,
                results.facets,
            )
            for results in map(search_services, searches)
        ]
    assert found[True] == found[False]
    assert all(hits for hits, _, _, _ in found[True])


def test_the_matches_are_expected_few_by_the_vocabulary_then_by_the_database(monkeypatch):
    text = scan.Text([], share=0.02)
    assert scan.few_matches(text, tags=[])
    assert not scan.few_matches(scan.Text([], share=0.2), tags=[])
    # The vocabulary says nothing of the tags: its share is an upper bound with them.
    assert scan.few_matches(scan.Text([], share=0.02), tags=[["cadvice"]])
    # Names and categories alone are fewer than the share of every column given.
    assert scan.few_matches(scan.Text([], share=0.05, columns=("name", "categories")), tags=[])
    assert not scan.few_matches(scan.Text([], share=0.05), tags=[])
    # Unknown: as the database chooses.
    assert not scan.few_matches(scan.Text([], share=None), tags=[])
    # Otherwise the database's estimate decides, where it has one (PostgreSQL).
    groups = parse_query("lunch")
    estimates = []

    class Estimating:
        def estimated_matches(self, groups, operator, tags, columns=None):
            estimates.append(tags)
            return 90

    monkeypatch.setattr(scan, "dialect", Estimating)
    many = scan.Text(groups, share=0.5, indexed=1000)
    assert scan.few_matches(many, tags=[["cadvice"]])
    assert not scan.few_matches(dataclasses.replace(many, indexed=800), tags=[["cadvice"]])
    assert estimates == [[["cadvice"]], [["cadvice"]]]


def test_the_database_estimates_the_matches_with_their_tags(lunch_clubs):
    estimate = dialect().estimated_matches(parse_query("lunch"), "AND", [["cfood0"]])
    if connection.vendor == "sqlite":
        assert estimate is None  # FTS5 reads in id order whatever the number
    else:
        assert isinstance(estimate, int) and estimate >= 1


def test_names_and_categories_are_read_as_densely_as_the_matches_in_every_column_lie(
    lunch_clubs, monkeypatch
):
    """Past the limit without a place, the names-and-categories round is told the share of
    listings the first round's matches covered (SCAN_LIMIT + 1 of the first N ids)."""
    for index in range(20):
        listing(f"Bowls {index}", "Nothing to eat here.")
    texts = []
    real = scan.few_matches
    monkeypatch.setattr(
        scan, "few_matches", lambda text, tags: texts.append(text) or real(text, tags)
    )
    search_services(ServiceQuery(text="lunch"))
    assert [text.columns for text in texts[:2]] == [None, ("name", "categories")]
    lowest = min(SearchIndexEntry.objects.values_list("id", flat=True))
    matched = scan.matches(ServiceQuery(text="lunch"), scan.Text(texts[0].groups), None)
    assert texts[1].share == pytest.approx(len(matched) / (matched[-1] - lowest + 1))

"""The /services/ search page: good input, bad input, facets, empty results, open now."""

import datetime
import urllib.parse

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import DatabaseError

from analytics.models import SearchEvent
from directory.models import TaxonomyTerm
from tests.factories.content import AdviceIndexPageFactory
from tests.factories.directory import (
    AreaFactory,
    LocationFactory,
    PostcodeFactory,
    ScheduleFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

URL = "/services/"


@pytest.fixture
def gazetteer():
    AreaFactory(code="E05010862", name="City")
    PostcodeFactory(postcode="S1 2HH", latitude=53.380410, longitude=-1.469915)
    PostcodeFactory(postcode="S6 2LN", latitude=53.4045, longitude=-1.5005, ward_code="")


@pytest.fixture
def listings(gazetteer):
    memory = TaxonomyTerm.objects.get(code="memory-dementia")
    walking = TaxonomyTerm.objects.get(code="physical-activity")
    city = LocationFactory(postcode="S1 2HH")
    hillsborough = LocationFactory(postcode="S6 2LN", latitude=53.4045, longitude=-1.5005)
    cafe = ServiceFactory(
        name="Hillsborough Memory Café",
        summary="A café for people with memory problems.",
        location=hillsborough,
        categories=[memory],
        is_free=True,
    )
    walk = ServiceFactory(
        name="Walking for Health – Endcliffe Park",
        summary="Short friendly walks.",
        location=city,
        categories=[walking],
    )
    ServiceFactory(name="Draft memory group", live=False, location=city, categories=[memory])
    return {"cafe": cafe, "walk": walk}


def get(client, **params):
    return client.get(URL, params)


def test_search_by_text_shows_matching_live_services(client, listings):
    response = get(client, q="memory")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hillsborough Memory Café" in content
    assert "Walking for Health" not in content
    assert "Draft memory group" not in content
    assert "1 result" in content
    assert 'name="robots" content="noindex' in content


def test_search_near_a_postcode_shows_distances_and_sorts_by_distance(client, listings):
    response = get(client, postcode="s12hh", radius="5", sort="distance")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Walking for Health") < content.index("Hillsborough Memory Café")
    assert "less than 0.1 miles" in content
    assert "2.1 miles" in content or "2 miles" in content
    assert "within 5 miles of S1 2HH" in content


def test_radius_limits_results(client, listings):
    content = get(client, postcode="S1 2HH", radius="1").content.decode()
    assert "Walking for Health" in content
    assert "Hillsborough Memory Café" not in content


def test_category_filter_and_facet_counts(client, listings):
    response = get(client, category="memory-dementia")
    content = response.content.decode()
    assert "Hillsborough Memory Café" in content
    assert "Walking for Health" not in content
    facets = {row["term"].code: row["count"] for row in response.context["facets"]}
    assert facets["memory-dementia"] == 1


def test_free_and_kind_and_age_filters(client, listings):
    assert get(client, cost="free").context["results"].total == 1
    assert get(client, kind="event").context["results"].total == 0
    listings["walk"].min_age = 50
    listings["walk"].save()
    names = [row["hit"].service.name for row in get(client, age="30").context["rows"]]
    assert names == ["Hillsborough Memory Café"]


def test_open_now_filter(client, listings):
    ScheduleFactory(
        service=listings["cafe"],
        weekdays=[1, 2, 3, 4, 5, 6, 7],
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(0, 0),
        open_on_bank_holidays=True,
    )
    ScheduleFactory(
        service=listings["walk"],
        weekdays=[],
        opens_at=datetime.time(9),
        closes_at=datetime.time(10),
    )
    response = get(client, open_now="1")
    assert [row["hit"].service.id for row in response.context["rows"]] == [listings["cafe"].pk]
    assert response.context["rows"][0]["opening"].is_open  # opening times come with the result
    assert "Open now" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"radius": "abc"},
        {"radius": "-5"},
        {"radius": "nan"},
        {"radius": "1e308"},
        {"page": "9999"},
        {"page": "abc"},
        {"page": "-1"},
        {"category": "nonsense"},
        {"kind": "spaceship"},
        {"sort": "sideways"},
        {"q": "x" * 2000},
        {"q": "memory\x00café"},
        {"cost": "cheap"},
        {"open_now": "maybe"},
        {"postcode": "S" * 500},
        {"postcode": "ZZ99 9ZZ"},
        {"age": "-3"},
        {"age": "999999999999999999999"},
    ],
)
def test_bad_input_never_breaks_the_page(client, listings, params):
    response = get(client, **params)
    assert response.status_code == 200


def test_long_queries_are_trimmed(client, listings):
    response = get(client, q="memory " + "x" * 2000)
    assert len(response.context["query"].text) <= 200


def test_radius_is_clamped(client, listings):
    assert get(client, postcode="S1 2HH", radius="500").context["query"].radius_miles == 50
    assert get(client, postcode="S1 2HH", radius="0.01").context["query"].radius_miles == 0.5
    assert get(client, postcode="S1 2HH", radius="abc").context["query"].radius_miles == 3


def test_unknown_categories_are_ignored(client, listings):
    response = get(client, category=["nonsense", "memory-dementia"])
    assert response.context["query"].categories == ("memory-dementia",)
    assert not response.context["form"].errors


def test_page_beyond_the_end_shows_the_last_page(client, listings):
    response = get(client, page="9999")
    assert response.context["results"].page == 1
    assert "Hillsborough Memory Café" in response.content.decode()


def test_unknown_postcode_shows_an_error_summary_and_still_searches(client, listings):
    response = get(client, q="memory", postcode="S1 9ZZ")
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "We couldn&#x27;t find the postcode S1 9ZZ" in content
    assert 'href="#search-postcode"' in content
    assert "Hillsborough Memory Café" in content


def test_nonsense_postcode_gets_a_clear_message(client, listings):
    content = get(client, postcode="S1 2H").content.decode()
    assert "govuk-error-summary" in content
    assert "We couldn&#x27;t find ‘S1 2H’. Enter a postcode or place, like S6 2LN" in content


def test_a_failing_geocoder_gives_a_message_not_an_error(client, listings, monkeypatch, settings):
    from geopy.exc import GeocoderTimedOut

    settings.GEOCODER = "nominatim"

    class TimingOut:
        def geocode(self, *args, **kwargs):
            raise GeocoderTimedOut("too slow")

    monkeypatch.setattr("directory.geography.get_geocoder", lambda: TimingOut())
    monkeypatch.setattr("directory.geography.GEOCODER_MIN_INTERVAL_SECONDS", 0)
    response = get(client, q="memory", postcode="Hillsborough")
    assert response.status_code == 200
    assert "We couldn&#x27;t look up that place just now" in response.content.decode()


def test_bad_age_is_reported_against_the_age_field(client, listings):
    content = get(client, age="old").content.decode()
    assert "Enter an age in years, like 67." in content
    assert 'href="#filter-age"' in content


def test_empty_results_offer_ways_forward(client, listings):
    AdviceIndexPageFactory()  # advice is linked by page, and only when the page exists
    response = get(client, q="memory", postcode="S1 2HH", radius="1")
    content = response.content.decode()
    assert "No results for ‘memory’" in content
    wider = response.context["wider_radius_url"]
    assert urllib.parse.parse_qs(wider[1:])["radius"] == ["2"]
    assert 'href="/advice/"' in content
    assert 'href="/self-referral/"' in content


def test_empty_category_results_suggest_related_categories(client, listings):
    response = get(client, category="befriending")
    related = {term.code for term in response.context["related_categories"]}
    assert "social-activities" in related
    assert "lunch-clubs" in related


def test_results_link_to_the_detail_page_with_the_position_and_the_search(client, listings):
    content = get(client, q="memory").content.decode()
    event = SearchEvent.objects.latest("pk")
    link = f"/services/{listings['cafe'].id}/?from=search&amp;pos=1&amp;search={event.pk}"
    assert f'href="{link}"' in content


def test_results_link_without_a_search_when_it_could_not_be_recorded(client, listings, monkeypatch):
    monkeypatch.setattr(SearchEvent.objects, "create", _refuse)
    content = get(client, q="memory").content.decode()
    assert f'href="/services/{listings["cafe"].id}/?from=search&amp;pos=1"' in content


def _refuse(*args, **kwargs):
    raise DatabaseError("read-only")


def test_searching_with_a_postcode_writes_no_session(client, listings):
    """The place is remembered in a signed cookie, the search event id travels in the result
    links: a search stores nothing in a session, so it gives no one a session."""
    response = get(client, q="memory", postcode="S6 2LN")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_the_results_page_uses_a_bounded_number_of_queries(
    client, gazetteer, django_assert_max_num_queries
):
    memory = TaxonomyTerm.objects.get(code="memory-dementia")
    location = LocationFactory(postcode="S1 2HH")
    for number in range(25):
        service = ServiceFactory(
            name=f"Memory group {number}", location=location, categories=[memory]
        )
        ScheduleFactory(service=service)
    with django_assert_max_num_queries(25):
        response = get(client, q="memory", postcode="S1 2HH")
    assert response.context["results"].total == 25
    assert len(response.context["rows"]) == 20


def test_pagination_links_keep_the_search(client, gazetteer):
    for number in range(25):
        ServiceFactory(name=f"Lunch club {number}")
    content = get(client, q="lunch").content.decode()
    assert "Page 1 of 2" in content
    assert 'href="?q=lunch&amp;page=2"' in content or 'href="?q=lunch&page=2"' in content


def test_related_categories_are_neighbours_in_the_vocabulary(client, listings):
    response = get(client, category="social-activities", q="zzz")
    related = {term.code for term in response.context["related_categories"]}
    assert related <= {"befriending", "lunch-clubs", "faith-culture"}
    assert "money-benefits" not in related


def test_the_filters_keep_what_was_chosen_and_escape_what_was_typed(client, listings):
    query = urllib.parse.urlencode(
        {
            "q": '"><script>alert(1)</script>',
            "postcode": "S1 2HH",
            "radius": "5",
            "sort": "distance",
            "category": "memory-dementia",
            "kind": "community_asset",
            "cost": "free",
            "open_now": "1",
            "age": "70",
        }
    )
    content = client.get(f"{URL}?{query}").content.decode()
    form = content[
        content.index('class="signpost-filters"') : content.index(
            "</form>", content.index('class="signpost-filters"')
        )
    ]
    assert "<script>" not in form
    assert 'name="q" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in form
    assert '<option value="5" selected>Within 5 miles</option>' in form
    assert 'id="sort-distance" name="sort" type="radio" value="distance" checked' in form
    assert (
        'id="category-memory-dementia" name="category" type="checkbox" value="memory-dementia" checked'
        in form
    )
    assert (
        'id="kind-community_asset" name="kind" type="radio" value="community_asset" checked' in form
    )
    assert 'value="free" checked' in form and 'value="1" checked' in form
    assert 'id="filter-age" name="age" type="text" inputmode="numeric" value="70"' in form
    bad_age = client.get(f"{URL}?q=x&age=abc").content.decode()
    assert "govuk-form-group govuk-form-group--error" in bad_age
    assert 'value="abc" aria-describedby="filter-age-error"' in bad_age

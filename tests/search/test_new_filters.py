"""The access, language, "no referral needed", day and evening-or-weekend filters (#20) on the
database backend (SQLite and PostgreSQL): browsing, text and place searches, their counts,
the page's tags and "Clear filters", and values in the URL that mean nothing."""

import dataclasses
import datetime
import re

import pytest
from django.db import transaction
from django.urls import reverse

from analytics.models import SearchEvent
from directory.models import Location, Service, ServiceAtLocation
from search.backends.database import DatabaseBackend
from search.features import feature_codes, language_key, language_label
from search.indexing import documents_for
from search.query import ServiceQuery
from tests.factories.directory import ScheduleFactory
from tests.factories.search import OUTCODES, listing, seed_categories

S6 = OUTCODES["S6"]
LAST_YEAR = datetime.date.today() - datetime.timedelta(days=365)


def _place(service, name, **features):
    latitude, longitude = S6
    location = Location.objects.create(
        name=name, postcode="S6 1AA", latitude=latitude, longitude=longitude, **features
    )
    ServiceAtLocation.objects.create(service=service, location=location)


def _schedule(service, weekdays, opens, closes, **extra):
    ScheduleFactory(
        service=service,
        weekdays=weekdays,
        opens_at=datetime.time(*opens),
        closes_at=datetime.time(*closes),
        **extra,
    )


def build_listings() -> dict[str, Service]:
    seed_categories()
    access = Service.HowToAccess
    alpha = listing(
        "Alpha lunch club",
        "Friendly lunch club support.",
        how_to_access=access.DROP_IN,
        languages=["English", "Urdu"],
    )
    _place(alpha, "Alpha hall", step_free_access=True, hearing_loop=True)
    _schedule(alpha, [1], (10,), (12,))
    beta = listing(
        "Beta advice line",
        "Benefits advice and support.",
        how_to_access=access.PROFESSIONAL_REFERRAL,
        languages=["english ", "British Sign Language"],
    )
    _place(beta, "Beta office", parking=True)
    _place(beta, "Beta library", step_free_access=True, accessible_toilet=True)
    _schedule(beta, [2], (18,), (20,))  # a weekday evening
    gamma = listing(
        "Gamma craft group",
        "Crafts and support for everyone.",
        how_to_access=access.SELF_REFERRAL,
        languages=["BSL", "Punjabi"],
    )
    _place(gamma, "Gamma room")
    _schedule(gamma, [6], (10,), (12,))  # Saturday
    delta = listing(
        "Delta day centre",
        "Day centre support, book a place.",
        how_to_access=access.BOOKING,
        languages=[],
    )
    _place(delta, "Delta centre")
    _schedule(delta, [3], (9,), (17, 30))  # closes at 17:30: not an evening
    _schedule(delta, [1, 2, 4, 5, 7], (9,), (21,), valid_to=LAST_YEAR)  # ended
    services = {"alpha": alpha, "beta": beta, "gamma": gamma, "delta": delta}
    DatabaseBackend().index(services.values())
    return services


@pytest.fixture(scope="module")
def listings(django_db_setup, django_db_blocker):
    """The four listings above, indexed once; each test still runs in its own savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_listings()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def found(listings, db):
    """found(**filters) -> the short names of the results of browsing, a text search and a
    place search with those filters (all three must agree)."""
    names = {service.pk: key for key, service in listings.items()}

    def search(**filters) -> set[str]:
        answers = []
        for where in ({}, {"text": "support"}, {"latitude": S6[0], "longitude": S6[1]}):
            results = DatabaseBackend().search(ServiceQuery(**where, **filters))
            answers.append({names[hit.service.id] for hit in results.hits})
        assert answers[0] == answers[1] == answers[2], answers
        return answers[0]

    return search


def test_access_features_must_all_be_at_one_of_its_places(found):
    assert found(access=("step_free",)) == {"alpha", "beta"}
    assert found(access=("step_free", "hearing_loop")) == {"alpha"}
    assert found(access=("parking",)) == {"beta"}
    # Each feature at one or more of its places: parking at one, step-free at the other.
    assert found(access=("step_free", "parking")) == {"beta"}
    assert found(access=("accessible_toilet", "hearing_loop")) == set()


def test_languages_any_of_those_chosen_whatever_the_spelling(found):
    assert found(languages=("bsl",)) == {"beta", "gamma"}
    assert found(languages=("english",)) == {"alpha", "beta"}
    assert found(languages=("urdu", "punjabi")) == {"alpha", "gamma"}
    assert found(languages=("welsh",)) == set()


def test_no_referral_means_drop_in_or_self_referral(found):
    assert found(no_referral=True) == {"alpha", "gamma"}


def test_open_on_any_day_chosen_in_schedules_that_have_not_ended(found):
    assert found(days=(1,)) == {"alpha"}
    assert found(days=(6,)) == {"gamma"}
    assert found(days=(1, 3)) == {"alpha", "delta"}
    assert found(days=(7,)) == set()  # delta's Sundays ended last year


def test_evenings_after_half_past_five_or_weekends(found):
    assert found(evening_weekend=True) == {"beta", "gamma"}


def test_filters_combine(found):
    assert found(no_referral=True, access=("step_free",)) == {"alpha"}
    assert found(languages=("bsl",), evening_weekend=True, days=(6,)) == {"gamma"}


@pytest.mark.parametrize(
    "where", [{}, {"text": "support"}, {"latitude": S6[0], "longitude": S6[1]}]
)
def test_counts_say_what_each_value_would_find(listings, db, where):
    facets = DatabaseBackend().search(ServiceQuery(**where)).facets
    assert facets["access:step_free"] == 2
    assert facets["access:hearing_loop"] == 1
    assert facets["access:parking"] == 1
    assert facets["language:bsl"] == 2
    assert facets["language:english"] == 2
    assert facets["no_referral"] == 2
    assert facets["day:mon"] == 1 and facets["day:sat"] == 1 and facets["day:wed"] == 1
    assert "day:sun" not in facets  # only in an ended schedule
    assert facets["evening_weekend"] == 2

    # Chosen: the other filters count within the results; a language or day counts what
    # it would add to those chosen (they match any one).
    chosen = dataclasses.replace(ServiceQuery(**where), languages=("urdu",), days=(1,))
    results = DatabaseBackend().search(chosen)
    assert [hit.service.name for hit in results.hits] == ["Alpha lunch club"]
    assert results.facets["access:step_free"] == 1
    assert "access:parking" not in results.facets
    # Among those open on Monday (alpha), whatever their language:
    assert results.facets["language:urdu"] == 1 and results.facets["language:english"] == 1
    assert "language:bsl" not in results.facets
    # Among those in Urdu (alpha), whatever their day:
    assert results.facets["day:mon"] == 1 and "day:sat" not in results.facets
    either = dataclasses.replace(chosen, languages=("urdu", "bsl"))
    results = DatabaseBackend().search(either)
    assert results.facets["day:mon"] == 1 and results.facets["day:sat"] == 1
    assert results.facets["day:tue"] == 1  # beta, in BSL, would be added by Tuesday


def test_the_index_holds_one_spelling_per_language_and_the_features(listings, db):
    beta = listings["beta"]
    (document,) = documents_for(Service.objects.filter(pk=beta.pk))
    assert sorted(document.features) == [
        "access:accessible_toilet",
        "access:parking",
        "access:step_free",
        "language:bsl",
        "language:english",
    ]
    assert "faccessparking0" in document.tags.split()


def test_language_spellings_have_one_home():
    assert language_key(" URDU ") == language_key("Urdu") == "urdu"
    assert language_key("British Sign Language") == language_key("bsl") == "bsl"
    assert language_key("Cantonese Chinese") == "cantonese"
    assert language_label("bsl") == "British Sign Language (BSL)"
    assert language_label("urdu") == "Urdu"
    codes = feature_codes({"parking"}, ["Urdu", "urdu", 7, ""], Service.HowToAccess.BOOKING)
    assert codes == ["access:parking", "language:urdu"]


def test_changing_a_place_reindexes_its_access_features(listings, db, found):
    location = Location.objects.get(name="Gamma room")
    location.hearing_loop = True
    location.save()
    assert found(access=("hearing_loop",)) == {"alpha", "gamma"}


# --- The page --------------------------------------------------------------------------------


def _page(client, query: str) -> str:
    response = client.get(f"{reverse('search:service_search')}?{query}")
    assert response.status_code == 200
    return response.content.decode()


def _tags(html: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", tag)).replace("×", "").strip()
        for tag in re.findall(r'class="[^"]*signpost-chosen-filter"[^>]*>(.*?)</a>', html, re.S)
    ]


def test_the_page_offers_each_filter_with_counts(listings, client):
    html = _page(client, "q=support")
    assert re.search(
        r'id="access-step_free"[^>]*>\s*<label[^>]*>Step-free access <span[^>]*>\(2\)', html
    )
    assert re.search(
        r'id="language-bsl"[^>]*>\s*<label[^>]*>British Sign Language \(BSL\) <span[^>]*>\(2\)',
        html,
    )
    assert 'id="language-english"' in html and 'id="language-Urdu"' not in html
    assert re.search(
        r"Drop in or contact them yourself \(no referral needed\) <span[^>]*>\(2\)", html
    )
    assert re.search(r'id="day-sat"[^>]*>\s*<label[^>]*>Saturday <span[^>]*>\(1\)', html)
    assert re.search(r"Open evenings or weekends <span[^>]*>\(2\)", html)


def test_chosen_filters_are_tags_and_clear_filters_keeps_the_search(listings, client):
    html = _page(
        client,
        "q=support&access=step_free&language=urdu&no_referral=1&day=mon&evening_weekend=1",
    )
    assert _tags(html) == [
        "Remove filter: Step-free access",
        "Remove filter: Language: Urdu",
        "Remove filter: Drop in or contact them yourself (no referral needed)",
        "Remove filter: Open on Monday",
        "Remove filter: Open evenings or weekends",
    ]
    assert "Filter results (5 chosen)" in html
    assert 'href="/services/?q=support">Clear filters' in html
    assert (
        'href="/services/?q=support&amp;language=urdu&amp;no_referral=1&amp;day=mon&amp;evening_weekend=1"'
        in html
    )
    assert 'id="language-urdu" name="language" type="checkbox" value="urdu" checked' in html


def test_the_filters_narrow_the_page(listings, client):
    html = _page(client, "q=support&language=bsl&day=sat")
    assert "Gamma craft group" in html and "Beta advice line" not in html
    assert "1 result" in html
    # A language in another spelling is the same language.
    html = _page(client, "q=support&language=British+Sign+Language")
    assert _tags(html) == ["Remove filter: Language: British Sign Language (BSL)"]
    assert 'href="/services/?q=support"><span class="govuk-visually-hidden">Remove' in html
    assert "Gamma craft group" in html and "Beta advice line" in html


def test_values_that_mean_nothing_are_ignored(listings, client):
    html = _page(
        client,
        "q=support&access=lift&access=step_free&day=funday&day=MON&language=klingon"
        "&language=%3Cscript%3E&language=" + "x" * 500,
    )
    assert _tags(html) == ["Remove filter: Step-free access"]
    # Not offered, not searched for (links keep the address as given, escaped).
    assert 'value="klingon"' not in html and "Klingon" not in html and "<script>" not in html
    assert "Alpha lunch club" in html and "Beta advice line" in html


def test_analytics_records_the_new_filters_without_free_text(listings, client):
    _page(client, "q=support&access=parking&language=bsl&language=klingon&day=tue&no_referral=1")
    event = SearchEvent.objects.latest("pk")
    assert event.filters["access"] == ["parking"]
    assert event.filters["languages"] == ["bsl"]
    assert event.filters["days"] == [2]
    assert event.filters["no_referral"] is True
    assert event.filters["evening_weekend"] is False

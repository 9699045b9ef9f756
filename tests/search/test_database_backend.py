"""The database search backend through search.api: filters, geography, facets, paging, spelling."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.api import search_services
from search.backends.database import COMMON_WORD_MIN_INDEX, DatabaseBackend
from search.backends.database.ranking import without_common_words, word_counts
from search.models import SearchIndexEntry, SearchTerm
from search.query import ServiceQuery
from search.text import parse_query
from tests.factories.search import OUTCODES

S6 = OUTCODES["S6"]
S1 = OUTCODES["S1"]


def names(results):
    return [hit.service.name for hit in results.hits]


def test_only_live_services_are_indexed(directory):
    indexed = set(SearchIndexEntry.objects.values_list("name", flat=True))
    assert "Hillsborough Memory Café" in indexed
    assert "Draft Dementia Group" not in indexed
    assert "Closed Dementia Café" not in indexed


def test_text_with_a_place_keeps_to_the_radius_and_reports_distances(directory):
    results = search_services(
        ServiceQuery(text="dementia", latitude=S6[0], longitude=S6[1], radius_miles=1)
    )
    assert names(results) == ["Hillsborough Memory Café"]
    assert results.total == 1
    assert results.hits[0].distance_miles == pytest.approx(0, abs=0.05)


def test_sort_by_distance_puts_the_nearest_first(directory):
    results = search_services(
        ServiceQuery(
            text="dementia", latitude=S6[0], longitude=S6[1], radius_miles=10, sort="distance"
        )
    )
    distances = [hit.distance_miles for hit in results.hits]
    assert distances == sorted(distances)
    assert names(results)[0] == "Hillsborough Memory Café"


def test_category_filter_includes_child_categories_and_facets_ignore_it(directory):
    results = search_services(ServiceQuery(categories=("social-activities",), per_page=50))
    found = names(results)
    assert "Good Neighbours Befriending Scheme" in found  # befriending is a child category
    assert "Sheffield Mind" not in found
    assert results.facets["mental-health"] == 4  # facets count across all categories
    assert results.total == len(found)


def test_text_facets_count_matching_services_per_category(directory):
    results = search_services(ServiceQuery(text="dementia", categories=("carers-support",)))
    assert names(results) == ["Dementia Carers Support Group"]
    assert results.facets["memory-dementia"] >= 4
    assert results.facets["carers-support"] == 1


def test_kind_free_and_age_filters(directory):
    assert names(search_services(ServiceQuery(text="benefits", free_only=True))) == sorted(
        ["Age UK Sheffield Benefits Check", "Citizens Advice Sheffield"],
        key=names(search_services(ServiceQuery(text="benefits", free_only=True))).index,
    )
    carers = search_services(ServiceQuery(text="carers", kind="carers_support", per_page=50))
    assert carers.total >= 4
    assert all(hit.service.kind == "carers_support" for hit in carers.hits)
    over_forty = names(search_services(ServiceQuery(text="carers", age=40, per_page=50)))
    assert "Young Adult Carers Group" not in over_forty
    assert "Sheffield Carers Centre" in over_forty


def test_browsing_by_place_lists_the_nearest_first_with_facets(directory):
    results = search_services(ServiceQuery(latitude=S6[0], longitude=S6[1], radius_miles=1))
    assert results.total == 8  # the S6 listings
    assert all(hit.distance_miles < 1 for hit in results.hits)
    assert results.facets["memory-dementia"] == 1
    assert "Hillsborough Memory Café" in names(results)


def test_browsing_by_place_and_category(directory):
    results = search_services(
        ServiceQuery(
            latitude=S1[0], longitude=S1[1], radius_miles=10, categories=("memory-dementia",)
        )
    )
    assert results.total == 5
    assert names(results)[0] == "Alzheimer's Society Sheffield Dementia Support"  # it is in S1
    distances = [hit.distance_miles for hit in results.hits]
    assert distances == sorted(distances)


def test_paging_through_place_results_returns_each_listing_once(directory):
    first = search_services(
        ServiceQuery(latitude=S1[0], longitude=S1[1], radius_miles=20, per_page=10, page=1)
    )
    second = search_services(
        ServiceQuery(latitude=S1[0], longitude=S1[1], radius_miles=20, per_page=10, page=2)
    )
    assert first.total == second.total == 67
    assert not set(names(first)) & set(names(second))
    assert second.hits[0].distance_miles >= first.hits[-1].distance_miles
    beyond = search_services(
        ServiceQuery(latitude=S1[0], longitude=S1[1], radius_miles=20, per_page=10, page=99)
    )
    assert beyond.hits == [] and beyond.total == 67


def test_paging_text_results_past_the_end_still_counts(directory):
    results = search_services(ServiceQuery(text="support", page=50))
    assert results.hits == []
    assert results.total > 5


def test_browsing_everything_in_name_order(directory):
    results = search_services(ServiceQuery(per_page=100))
    assert results.total == 67
    found = names(results)
    assert found[0] == "Adult Safeguarding Helpline"
    assert results.facets["food"] == 3


def test_a_typo_finds_nothing_and_is_offered_did_you_mean_instead(directory):
    results = search_services(ServiceQuery(text="knittng"))
    assert results.total == 0 and results.hits == []
    assert results.suggestions == ("knitting",)


def test_a_curated_misspelling_finds_what_its_word_finds(directory):
    results = search_services(ServiceQuery(text="dementa"))
    assert results.total >= 4
    assert results.suggestions == ()


def test_no_word_that_names_a_need_is_dropped_to_find_something(directory):
    results = search_services(ServiceQuery(text="stroke xylophone"))
    assert results.total == 0 and results.hits == []


def test_words_about_the_asking_are_left_out_only_when_nothing_has_them_and_said_so(directory):
    results = search_services(ServiceQuery(text="computer classes"))
    assert names(results)[0] == "Silver Surfers Computer Club"
    assert results.left_out == ("classes",)
    assert search_services(ServiceQuery(text="walking group")).left_out == ()


def test_a_postcode_typed_in_the_text_becomes_the_place(directory):
    results = search_services(ServiceQuery(text="lunch club near S6"))
    assert names(results)[0] == "Hillsborough Lunch Club"  # relevance blended with distance
    assert results.hits[0].distance_miles == pytest.approx(0, abs=0.05)
    assert all(hit.distance_miles <= 3 for hit in results.hits)


def test_common_words_are_dropped_when_rarer_words_narrow_the_search(db):
    for word, documents in (
        ("", COMMON_WORD_MIN_INDEX * 10),
        ("support", COMMON_WORD_MIN_INDEX * 5),
        ("stroke", 12),
    ):
        SearchTerm.objects.update_or_create(word=word, defaults={"documents": documents})
    counts = word_counts({"support", "stroke"})
    groups, all_common = without_common_words(parse_query("support stroke"), counts)
    assert [group.typed for group in groups] == ["stroke"] and not all_common
    alone, all_common = without_common_words(parse_query("support"), counts)
    assert [group.typed for group in alone] == ["support"] and all_common


def test_suggest_returns_categories_then_services(directory):
    from search.api import suggest

    assert suggest("demen")[:1] == ["Memory problems and dementia"]
    assert "Dementia Carers Support Group" in suggest("demen")
    assert "Hillsborough Lunch Club" in suggest("hillsborough lu")
    assert suggest("d") == []


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_searches_without_error(text):
    results = search_services(ServiceQuery(text=text, latitude=S1[0], longitude=S1[1]))
    assert results.total >= 0
    assert isinstance(DatabaseBackend().suggest(text), list)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                '"',
                "*",
                "(",
                ")",
                ":",
                "^",
                "-",
                "+",
                "{",
                "}",
                "OR",
                "AND",
                "NEAR",
                "NOT",
                "care",
                "s6",
                "&",
                "|",
                "!",
                "<->",
            ]
        ),
        max_size=12,
    ).map(" ".join)
)
def test_query_syntax_characters_are_harmless(text):
    assert search_services(ServiceQuery(text=text)).total >= 0

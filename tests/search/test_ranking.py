"""How the database backend ranks matches: vocabulary IDF, column weights, typed words first."""

import pytest

from directory.models import Service
from search.api import search_services
from search.backends.database import TOTAL_KEY, stem_prefix
from search.backends.database.ranking import matching_share
from search.models import SearchTerm
from search.query import ServiceQuery
from search.text import TermGroup
from tests.factories.search import listing

pytestmark = pytest.mark.django_db


def names(text, **filters):
    return [hit.service.name for hit in search_services(ServiceQuery(text=text, **filters)).hits]


def documents(word):
    return SearchTerm.objects.filter(word=word).values_list("documents", flat=True).first()


def test_vocabulary_counts_follow_publishing_unpublishing_and_deleting():
    first = listing("Knitting Circle", "Bring your needles.")
    listing("Knitting Natter", "Tea and knitting.")
    assert documents("knitting") == 2
    assert documents(TOTAL_KEY) == 2
    Service.objects.get(pk=first.pk).unpublish()
    assert documents("knitting") == 1
    assert documents(TOTAL_KEY) == 1
    first.save_revision().publish()  # republishing counts it once, not twice
    assert documents("knitting") == 2
    Service.objects.get(pk=first.pk).delete()
    assert (documents("knitting"), documents("needles"), documents(TOTAL_KEY)) == (1, 0, 1)


def test_a_name_match_outranks_a_summary_match():
    listing("Community Hub", "Includes a weekly knitting session.")
    listing("Knitting Club", "A weekly session at the hub.")
    assert names("knitting") == ["Knitting Club", "Community Hub"]


def test_the_words_as_typed_outrank_their_synonyms():
    listing("Befriending Scheme", "Volunteers visit at home.")
    listing("Lonely No More", "Volunteers visit at home.")
    assert names("lonely") == ["Lonely No More", "Befriending Scheme"]


def test_a_rarer_word_counts_for_more_than_a_common_one():
    listing("Swimming Group", "A weekly group.")
    listing("Walking Group", "A weekly group.")
    listing("Walking Club", "A weekly club.")
    listing("Walking Friends", "A weekly meet-up.")
    # Both match both words somewhere; swimming is the rarer word, and it is in the name.
    listing("Walking and Swimming Group", "Weekly.")
    assert names("swimming walking")[0] == "Walking and Swimming Group"
    assert names("swimming", per_page=1) in (["Swimming Group"], ["Walking and Swimming Group"])
    assert names("swimming or walking", per_page=2)[0] == "Walking and Swimming Group"


def test_a_word_found_in_another_form_still_counts_in_a_column():
    listing("Carers Hub", "Support.")
    listing("Hub", "Support for carers.")
    assert names("carer") == ["Carers Hub", "Hub"]


@pytest.mark.parametrize(
    ("word", "start"),
    [("carers", "carer"), ("befriending", "befriend"), ("isolated", "isolat"), ("bus", "bus")],
)
def test_stem_prefix_takes_off_a_common_ending_only_when_enough_is_left(word, start):
    assert stem_prefix(word) == start


def test_a_word_no_listing_has_any_more_is_not_suggested_as_a_spelling():
    listing("Crochet Circle", "Hooks and yarn.")
    gone = listing("Knitting Circle", "Bring your needles.")
    assert search_services(ServiceQuery(text="knittng")).suggestion == "knitting"
    Service.objects.get(pk=gone.pk).delete()
    assert search_services(ServiceQuery(text="knittng")).suggestion is None


def test_the_share_expected_to_match_takes_words_as_independent():
    counts = {TOTAL_KEY: 1000, "dementia": 100, "memory": 50, "cafe": 200, "lunch": 300}
    dementia_cafe = TermGroup(
        typed="dementia cafe", alternatives=(("dementia", "cafe"), ("memory", "cafe"))
    )
    lunch = TermGroup(typed="lunch", alternatives=(("lunch",),))
    # A phrase: its words together (0.1 * 0.2 + 0.05 * 0.2); groups joined by AND multiply.
    assert matching_share([dementia_cafe], counts) == pytest.approx(0.03)
    assert matching_share([dementia_cafe, lunch], counts) == pytest.approx(0.009)
    assert matching_share([dementia_cafe, lunch], counts, "OR") == pytest.approx(0.33)
    # A word no listing has: nothing expected.
    assert matching_share([TermGroup(typed="zz", alternatives=(("zz",),))], counts) == 0

"""Honest results (#20): a listing is a result only if it matches what was typed.

A data-driven set on demo-like data (one listing per demo catalogue template, with its own
summary and description): queries that must find nothing, and queries that must find named
listings (and not the near-misses they used to). Runs on SQLite, and on PostgreSQL when
DATABASE_URL says so; the same queries are checked against the Elasticsearch query builder.
"""

import pytest
from django.db import transaction

from analytics.models import SearchEvent
from demo.catalogue import TEMPLATES
from directory.models import Service, TaxonomyTerm
from search.api import search_services
from search.backends.elasticsearch import ElasticsearchBackend
from search.query import ServiceQuery
from tests.factories.directory import OrganisationFactory
from tests.factories.search import seed_categories

PLACE, PARK, AREA = "Hillsborough", "Hillsborough Park", "North West Sheffield"

# Words no demo listing has, nor a synonym of one: "No results", 0 results, on every database.
MUST_FIND_NOTHING = [
    "xylophone",
    "stroke xylophone",
    "foot massage",
    "tinnitus",
    "boccia",
    "hair cutting at home",
    "toenail painting",
    "wheelchair accessible taxi",
    "gamblers anonymous",
    "hoardng",
    "knittng",
    "podiatry zumba",
]

# (query, listings that must be found, listings that must not be: the old near-misses)
MUST_FIND = [
    (
        "hoarding",
        [
            "Hoarding support group – Hillsborough",
            "Declutter and safe home visits – North West Sheffield",
        ],
        ["Hearing loss drop-in – Hillsborough", "Sight loss advice service – North West Sheffield"],
    ),
    (
        "clutter",
        ["Declutter and safe home visits – North West Sheffield"],
        ["Hearing loss drop-in – Hillsborough"],
    ),
    (
        "foot care",
        [
            "Toenail cutting at home – North West Sheffield",
            "Community nail-cutting clinic – Hillsborough",
            "NHS podiatry (foot health) service",
        ],
        ["Hillsborough Food Bank", "Community pantry – Hillsborough"],
    ),
    (
        "toenail cutting",
        [
            "Toenail cutting at home – North West Sheffield",
            "Community nail-cutting clinic – Hillsborough",
        ],
        ["Alcohol and drug recovery support – North West Sheffield"],
    ),
    ("chiropodist", ["NHS podiatry (foot health) service"], ["Hillsborough Food Bank"]),
    (
        "blue badge",
        ["Blue Badge parking permits", "Help filling in Blue Badge forms – Hillsborough"],
        [],
    ),
    (
        "falls",
        ["Falls prevention service", "Steady Steps strength and balance class – Hillsborough"],
        [],
    ),
    (
        "incontinence",
        ["Bladder and bowel (continence) service"],
        ["Feeling low? Peer support group – Hillsborough"],
    ),
    (
        "home adaptations",
        ["Disabled Facilities Grants", "Occupational therapy home assessment"],
        [],
    ),
    (
        "hospital discharge",
        [
            "Settling in after hospital – North West Sheffield",
            "Reablement: short-term care at home",
        ],
        [],
    ),
    (
        "bereavement",
        ["Walk and talk bereavement group – Hillsborough Park", "Practical help after a death"],
        [],
    ),
    ("memory cafe", ["Hillsborough Memory Café"], []),
    ("dementa", ["Hillsborough Memory Café"], []),  # a curated misspelling
]


@pytest.fixture(scope="module")
def demo_like(django_db_setup, django_db_blocker):
    """One live listing per demo catalogue template, indexed; rolled back after the module."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_categories()
            terms = {term.code: term for term in TaxonomyTerm.objects.all()}
            for template in TEMPLATES:
                service = Service.objects.create(
                    organisation=OrganisationFactory(),
                    name=template["name"].format(place=PLACE, park=PARK, area=AREA),
                    summary=template["summary"],
                    description=f"<p>{template['description']}</p>",
                    kind=template["kind"],
                    status=Service.Status.ACTIVE,
                    live=True,
                )
                service.taxonomy_terms.set([terms[code] for code in template["categories"]])
                service.save()  # indexed through the signals, with its categories
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def directory(demo_like, db):
    return demo_like


def names(results) -> list[str]:
    return [hit.service.name for hit in results.hits]


@pytest.mark.parametrize("text", MUST_FIND_NOTHING)
def test_words_no_listing_has_find_nothing(directory, text):
    results = search_services(ServiceQuery(text=text, per_page=50))
    assert (results.total, names(results)) == (0, [])


@pytest.mark.parametrize(("text", "expected", "never"), MUST_FIND)
def test_needs_find_their_listings_and_not_near_misses(directory, text, expected, never):
    found = names(search_services(ServiceQuery(text=text, per_page=50)))
    assert set(expected) <= set(found), found
    assert not set(never) & set(found), found


def test_a_typo_is_offered_as_did_you_mean_and_never_searched(directory):
    results = search_services(ServiceQuery(text="hoardng"))
    assert results.total == 0
    assert results.suggestions[0] == "hoarding"


def test_no_results_page_is_honest_and_offers_other_ways_to_find_help(client, directory):
    content = client.get("/services/", {"q": "hoardng"}).content.decode()
    event = SearchEvent.objects.latest("pk")
    assert event.result_count == 0  # the "did you mean" listings are not counted as found
    assert "No results for ‘hoardng’" in content
    assert "Other ways to find help" in content
    assert 'href="?q=hoarding"' in content  # "Did you mean…?" runs that search
    assert 'href="tel:01142734908"' in content  # First Contact (site setting default)
    assert f'href="/services/missing/?search={event.pk}"' in content  # never the words
    assert "results for" not in content.replace("No results for", "")


def test_a_need_with_no_listing_offers_related_categories(client, directory):
    response = client.get("/services/", {"q": "toenail painting"})
    assert "No results for ‘toenail painting’" in response.content.decode()
    related = {term.code for term in response.context["related_categories"]}
    assert {"health-conditions", "home-help"} <= related


@pytest.mark.parametrize("text", MUST_FIND_NOTHING + [query for query, _, _ in MUST_FIND])
def test_the_elasticsearch_query_requires_every_word_without_fuzziness(text):
    body = ElasticsearchBackend(None, "signpost-test").build_search(ServiceQuery(text=text))
    body = body.to_dict()
    must = body["query"]["bool"]["must"][0]["bool"]["must"]
    assert [clause["multi_match"]["operator"] for clause in must] == ["and"]
    assert "fuzziness" not in str(body["query"])

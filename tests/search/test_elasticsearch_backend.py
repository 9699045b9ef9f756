"""The Elasticsearch backend without a server: request bodies, mapping, response mapping, fallback.

Tests marked `elasticsearch` run against a real cluster when ELASTICSEARCH_URL is set and are
skipped (with the reason shown by `pytest -ra`) otherwise.
"""

import datetime
import logging
import os
from zoneinfo import ZoneInfo

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig, TransportApiResponse
from elasticsearch import Elasticsearch

from search.api import search_services
from search.backends.elasticsearch import ElasticsearchBackend, ServiceDocument
from search.indexing import documents_for
from search.query import ServiceQuery
from tests.factories.search import listing, seed_categories
from tests.search.relevance import RELEVANCE_QUERIES, precision_at_5

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


def backend(client=None):
    return ElasticsearchBackend(client, "signpost-test")


def test_text_query_weights_fields_and_requires_every_word_without_fuzziness():
    body = backend().build_search(ServiceQuery(text="Memory problems")).to_dict()
    relevance = body["query"]["bool"]["must"][0]["bool"]
    (must,) = relevance["must"]
    assert must["multi_match"]["fields"] == ["name^4", "categories^3", "summary^2", "body"]
    assert must["multi_match"]["query"] == "memory problems"
    assert must["multi_match"]["operator"] == "and"
    assert "fuzziness" not in str(body)  # typos only ever get "did you mean"
    assert body["sort"][0] == "_score"
    assert body["track_total_hits"] is True
    assert body["aggs"]["categories"]["aggs"]["codes"]["terms"]["field"] == "codes"
    assert body["suggest"]["did_you_mean"]["text"] == "memory problems"


def test_words_about_the_asking_only_rank():
    body = backend().build_search(ServiceQuery(text="computer classes")).to_dict()
    relevance = body["query"]["bool"]["must"][0]["bool"]
    assert relevance["must"][0]["multi_match"]["query"] == "computer"
    assert {clause["multi_match"]["query"] for clause in relevance["should"]} == {
        "computer classes"
    }


def test_place_filters_by_distance_and_blends_it_into_relevance():
    body = (
        backend()
        .build_search(
            ServiceQuery(text="lunch", latitude=53.4, longitude=-1.5, radius_miles=2, page=3)
        )
        .to_dict()
    )
    function_score = body["query"]["function_score"]
    assert function_score["functions"][0]["gauss"]["locations"]["scale"] == "2mi"
    geo = function_score["query"]["bool"]["filter"][0]["geo_distance"]
    assert geo == {"distance": "2mi", "locations": {"lat": 53.4, "lon": -1.5}}
    assert body["from"] == 40 and body["size"] == 20


def test_browsing_by_place_sorts_by_distance_and_categories_are_a_post_filter():
    body = (
        backend()
        .build_search(
            ServiceQuery(
                latitude=53.4, longitude=-1.5, categories=("food",), kind="service", free_only=True
            )
        )
        .to_dict()
    )
    assert body["sort"][0]["_geo_distance"]["unit"] == "mi"
    assert body["post_filter"] == {"bool": {"filter": [{"terms": {"codes": ["food"]}}]}}
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"kind": "service"}} in filters
    assert {"term": {"is_free": True}} in filters
    assert "suggest" not in body


def test_the_index_uses_the_shared_synonyms_at_search_time():
    mapping = ServiceDocument._index.clone("signpost-test").to_dict()
    analysis = mapping["settings"]["analysis"]
    rules = analysis["filter"]["signpost_synonyms"]["synonyms"]
    assert any(rule.startswith("lonely, loneliness") for rule in rules)
    assert "signpost_synonyms" in analysis["analyzer"]["english_search"]["filter"]
    assert "signpost_synonyms" not in analysis["analyzer"]["english_index"]["filter"]
    properties = mapping["mappings"]["properties"]
    assert properties["locations"]["type"] == "geo_point"
    assert properties["name_suggest"]["type"] == "completion"


def recorded(body):
    """A client whose transport answers every request with `body` (no network)."""
    client = Elasticsearch("http://es.invalid:9200")
    meta = ApiResponseMeta(
        status=200,
        http_version="1.1",
        headers=HttpHeaders({"x-elastic-product": "Elasticsearch"}),
        duration=0.001,
        node=NodeConfig("http", "es.invalid", 9200),
    )
    client.transport.perform_request = lambda *args, **kwargs: TransportApiResponse(meta, body)
    return client


def _buckets(counts: dict) -> dict:
    return {"buckets": [{"key": key, "doc_count": count} for key, count in counts.items()]}


def recorded_aggregations(
    categories=None, languages=None, days=None, access=None, no_referral=0, evening_weekend=0
) -> dict:
    """The aggregations part of a response to ElasticsearchBackend.build_search."""
    day_buckets = [
        {"key": day, "doc_count": count * 2, "listings": {"doc_count": count}}
        for day, count in (days or {}).items()
    ]
    return {
        "categories": {"doc_count": 0, "codes": _buckets(categories or {})},
        "languages": {"doc_count": 0, "names": _buckets(languages or {})},
        "days": {
            "doc_count": 0,
            "sessions": {
                "doc_count": 0,
                "running": {"doc_count": 0, "weekdays": {"buckets": day_buckets}},
            },
        },
        "features": {
            "doc_count": 0,
            "access": _buckets(access or {}),
            "no_referral": {"doc_count": no_referral},
            "evening_weekend": {"doc_count": evening_weekend},
        },
    }


@pytest.mark.django_db
def test_a_recorded_response_maps_to_live_services_in_order():
    seed_categories()
    near = listing("Hillsborough Memory Café", "Dementia café.", ["memory-dementia"], "S6")
    far = listing("Alzheimer's Society", "Dementia support.", ["memory-dementia"], "S1")
    draft = listing("Draft group", "Dementia.", live=False)
    response = {
        "took": 3,
        "timed_out": False,
        "hits": {
            "total": {"value": 3, "relation": "eq"},
            "max_score": 2.0,
            "hits": [
                {
                    "_index": "signpost-test",
                    "_id": str(near.pk),
                    "_score": 2.0,
                    "_source": {"locations": [{"lat": 53.404, "lon": -1.5}]},
                    "sort": [2.0, 0.0],
                },
                {
                    "_index": "signpost-test",
                    "_id": str(far.pk),
                    "_score": 1.5,
                    "_source": {"locations": [{"lat": 53.3811, "lon": -1.4701}]},
                    "sort": [1.5, 2.1],
                },
                {
                    "_index": "signpost-test",
                    "_id": str(draft.pk),
                    "_score": 1.0,
                    "_source": {"locations": []},
                    "sort": [1.0, None],
                },
            ],
        },
        "aggregations": recorded_aggregations(categories={"memory-dementia": 3}),
        "suggest": {
            "did_you_mean": [
                {
                    "text": "dementa",
                    "offset": 0,
                    "length": 7,
                    "options": [{"text": "dementia", "score": 0.86, "freq": 40}],
                }
            ]
        },
    }
    results = backend(recorded(response)).search(
        ServiceQuery(text="dementa", latitude=53.404, longitude=-1.5, radius_miles=5)
    )
    assert [hit.service.id for hit in results.hits] == [
        near.pk,
        far.pk,
    ]  # the stale draft is dropped
    assert results.hits[0].distance_miles == pytest.approx(0, abs=0.01)
    assert results.hits[1].distance_miles == pytest.approx(2.0, abs=0.1)
    assert results.total == 3
    assert results.facets == {"memory-dementia": 3}
    assert results.suggestion is None  # listings found: "did you mean" only beside none
    assert results.backend == "elasticsearch"


@pytest.mark.django_db
def test_a_recorded_response_with_no_hits_offers_did_you_mean_and_counts_none():
    response = {
        "took": 1,
        "timed_out": False,
        "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
        "aggregations": recorded_aggregations(),
        "suggest": {
            "did_you_mean": [
                {
                    "text": "knittng",
                    "offset": 0,
                    "length": 7,
                    "options": [{"text": "knitting", "score": 0.86, "freq": 4}],
                }
            ]
        },
    }
    results = backend(recorded(response)).search(ServiceQuery(text="knittng"))
    assert results.total == 0 and results.hits == []
    assert results.suggestions == ("knitting",)


def test_recorded_completion_suggestions():
    response = {
        "took": 1,
        "timed_out": False,
        "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
        "suggest": {
            "names": [
                {
                    "text": "mem",
                    "offset": 0,
                    "length": 3,
                    "options": [
                        {"text": "Memory problems and dementia", "_id": "x", "_score": 3.0},
                        {"text": "Hillsborough Memory Café", "_id": "y", "_score": 2.0},
                    ],
                }
            ]
        },
    }
    assert backend(recorded(response)).suggest("mem") == [
        "Memory problems and dementia",
        "Hillsborough Memory Café",
    ]
    body = backend().build_suggest("Mem").to_dict()
    assert body["suggest"]["names"]["completion"]["field"] == "name_suggest"


@pytest.mark.django_db
def test_an_unreachable_cluster_falls_back_to_the_database(settings, caplog):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    service = listing("Hillsborough Lunch Club", "Hot lunch.")
    with caplog.at_level(logging.WARNING, logger="search.api"):
        results = search_services(ServiceQuery(text="lunch"))
        suggestions = __import__("search.api", fromlist=["suggest"]).suggest("hillsb")
    assert [hit.service.id for hit in results.hits] == [service.pk]
    assert results.backend == "database"
    assert suggestions == ["Hillsborough Lunch Club"]
    assert "unavailable" in caplog.text


@pytest.mark.django_db
def test_no_url_means_the_database_answers(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = ""
    listing("Hillsborough Lunch Club", "Hot lunch.")
    assert search_services(ServiceQuery(text="lunch")).backend == "database"


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not ES_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against"
)
def test_relevance_set_on_a_real_cluster(directory, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = ES_URL
    settings.ELASTICSEARCH_INDEX = "signpost-test-relevance"
    es = ElasticsearchBackend.from_settings()
    es.rebuild()
    scores = []
    failures = []
    for text, expected in RELEVANCE_QUERIES:
        names = [hit.service.name for hit in es.search(ServiceQuery(text=text, per_page=5)).hits]
        scores.append(precision_at_5(names, expected))
        if scores[-1] < 1:
            failures.append(f"{text!r}: expected {expected}, got {names}")
    mean = sum(scores) / len(scores)
    print(f"\nelasticsearch: precision@5 {mean:.3f} over {len(scores)} queries")  # noqa: T201
    assert mean >= 0.8, "\n".join(failures)


def test_open_now_is_a_nested_query_over_the_weekly_sessions(monkeypatch):
    import datetime
    from zoneinfo import ZoneInfo

    # Boxing Day 2026, 00:30: a Saturday; yesterday (Christmas Day) was a bank holiday.
    moment = datetime.datetime(2026, 12, 26, 0, 30, tzinfo=ZoneInfo("Europe/London"))
    monkeypatch.setattr("search.backends.elasticsearch.timezone.localtime", lambda: moment)
    body = backend().build_search(ServiceQuery(open_now=True)).to_dict()
    (nested,) = [f["nested"] for f in body["query"]["bool"]["filter"] if "nested" in f]
    assert nested["path"] == "openings"
    conditions = nested["query"]["bool"]["filter"]
    assert conditions[:3] == [
        {"term": {"openings.weekday": 6}},
        {"range": {"openings.starts": {"lte": 1800}}},
        {"range": {"openings.ends": {"gt": 1800}}},
    ]
    today, yesterday = conditions[3]["bool"]["should"]
    assert {"term": {"openings.open_on_bank_holidays": True}} not in today["bool"]["filter"]
    assert {"term": {"openings.open_on_bank_holidays": True}} in yesterday["bool"]["filter"]
    assert {"range": {"openings.valid_from": {"lte": "2026-12-25"}}} in _clauses(yesterday)
    assert {"range": {"openings.valid_to": {"gte": "2026-12-26"}}} in _clauses(today)
    # (The days facet aggregates the sessions of every search; only the query is checked.)
    assert "openings" not in str(backend().build_search(ServiceQuery()).to_dict()["query"])


def _clauses(clause: dict) -> list:
    """Every clause inside a bool query's filter and should lists, flattened."""
    found = []
    for inner in clause["bool"].get("filter", []) + clause["bool"].get("should", []):
        found.append(inner)
        if "bool" in inner:
            found.extend(_clauses(inner))
    return found


@pytest.mark.django_db
def test_documents_carry_their_weekly_sessions():
    import datetime

    from search.indexing import documents_for
    from tests.factories.directory import ScheduleFactory

    seed_categories()
    service = listing("Night café", "Open late.")
    ScheduleFactory(
        service=service, weekdays=[5], opens_at=datetime.time(20), closes_at=datetime.time(1)
    )
    (document,) = documents_for(type(service).objects.filter(pk=service.pk))
    openings = ServiceDocument.from_searchable(document).to_dict()["openings"]
    assert [(o["weekday"], o["starts"], o["ends"], o["after_midnight"]) for o in openings] == [
        (5, 72000, 86400, False),
        (6, 0, 3600, True),
    ]
    mapping = ServiceDocument._index.clone("signpost-test").to_dict()
    assert mapping["mappings"]["properties"]["openings"]["type"] == "nested"


# --- Access, languages, no referral, days, evenings (#20) --------------------------------------

TODAY = "2026-12-07"


@pytest.fixture
def monday(monkeypatch):
    """Monday 7 December 2026, 10:00 in London."""
    moment = datetime.datetime(2026, 12, 7, 10, tzinfo=ZoneInfo("Europe/London"))
    monkeypatch.setattr("search.backends.elasticsearch.timezone.localtime", lambda: moment)


def _running() -> list:
    return [
        {"term": {"openings.after_midnight": False}},
        {
            "bool": {
                "should": [
                    {"bool": {"must_not": [{"exists": {"field": "openings.valid_to"}}]}},
                    {"range": {"openings.valid_to": {"gte": TODAY}}},
                ]
            }
        },
    ]


def test_access_features_must_all_match_and_no_referral_is_a_term(monday):
    body = backend().build_search(ServiceQuery(access=("step_free", "parking"), no_referral=True))
    filters = body.to_dict()["query"]["bool"]["filter"]
    assert {"term": {"access": "step_free"}} in filters
    assert {"term": {"access": "parking"}} in filters
    assert {"term": {"no_referral": True}} in filters
    assert "post_filter" not in body.to_dict()


def test_languages_and_days_match_any_and_are_post_filters(monday):
    body = backend().build_search(
        ServiceQuery(languages=("urdu", "bsl"), days=(6, 1), categories=("food",))
    )
    post = body.to_dict()["post_filter"]["bool"]["filter"]
    assert post[0] == {"terms": {"codes": ["food"]}}
    assert post[1] == {"terms": {"languages": ["urdu", "bsl"]}}
    assert post[2] == {
        "nested": {
            "path": "openings",
            "query": {"bool": {"filter": [{"terms": {"openings.weekday": [1, 6]}}, *_running()]}},
        }
    }
    # Each facet counts without its own post-filter, within the others.
    aggs = body.to_dict()["aggs"]
    assert aggs["languages"]["filter"]["bool"]["filter"] == [post[0], post[2]]
    assert aggs["days"]["filter"]["bool"]["filter"] == [post[0], post[1]]
    assert aggs["categories"]["filter"]["bool"]["filter"] == [post[1], post[2]]
    assert aggs["features"]["filter"]["bool"]["filter"] == post
    days = aggs["days"]["aggs"]["sessions"]
    assert days["nested"] == {"path": "openings"}
    weekdays = days["aggs"]["running"]["aggs"]["weekdays"]
    assert weekdays["terms"] == {"field": "openings.weekday", "size": 7}
    assert weekdays["aggs"]["listings"] == {"reverse_nested": {}}


def test_evenings_or_weekends_is_a_nested_query(monday):
    body = backend().build_search(ServiceQuery(evening_weekend=True)).to_dict()
    (nested,) = [f["nested"] for f in body["query"]["bool"]["filter"] if "nested" in f]
    assert nested["path"] == "openings"
    conditions = nested["query"]["bool"]["filter"]
    assert conditions[:2] == _running()
    assert conditions[2]["bool"]["should"] == [
        {"terms": {"openings.weekday": [6, 7]}},
        {"range": {"openings.ends": {"gt": 63000}}},
    ]
    assert conditions[2]["bool"]["minimum_should_match"] == 1


def test_no_new_filter_no_new_query_clauses(monday):
    body = backend().build_search(ServiceQuery(text="lunch")).to_dict()
    assert "post_filter" not in body
    text = str(body["query"])
    assert "access" not in text and "languages" not in text and "no_referral" not in text


@pytest.mark.django_db
def test_a_recorded_response_maps_the_filter_counts():
    response = {
        "took": 1,
        "timed_out": False,
        "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
        "aggregations": recorded_aggregations(
            categories={"food": 4},
            languages={"urdu": 2, "bsl": 1},
            days={1: 3, 6: 1},
            access={"step_free": 5},
            no_referral=4,
            evening_weekend=2,
        ),
    }
    results = backend(recorded(response)).search(ServiceQuery())
    assert results.facets == {
        "food": 4,
        "language:urdu": 2,
        "language:bsl": 1,
        "day:mon": 3,
        "day:sat": 1,
        "access:step_free": 5,
        "no_referral": 4,
        "evening_weekend": 2,
    }


@pytest.mark.django_db
def test_documents_carry_access_languages_and_no_referral():
    seed_categories()
    service = listing(
        "Deaf club",
        "Meet up.",
        languages=["BSL", "English", "british sign language"],
        how_to_access="drop_in",
    )
    location = service.service_at_locations.first()
    assert location is None  # no outcode: no place, so no access features
    (document,) = documents_for(type(service).objects.filter(pk=service.pk))
    data = ServiceDocument.from_searchable(document).to_dict()
    assert data["languages"] == ["bsl", "english"]
    assert data.get("access", []) == []
    assert data["no_referral"] is True
    properties = ServiceDocument._index.clone("signpost-test").to_dict()["mappings"]["properties"]
    assert properties["access"] == {"type": "keyword"}
    assert properties["languages"] == {"type": "keyword"}
    assert properties["no_referral"] == {"type": "boolean"}

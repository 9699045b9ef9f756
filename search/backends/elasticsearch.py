"""The Elasticsearch backend: one `elasticsearch.dsl` Document per live service.

English analysis with the shared synonyms (search-time `synonym_graph`), every word required
(no fuzziness: typos get "did you mean" suggestions only),
a `geo_point` per location with a `geo_distance` filter and distance sort, a `function_score`
that blends relevance with distance, aggregations for facets (the filters that match any one
value chosen — categories, languages, days — are post-filters, so each one's counts ignore it
and keep the others), a completion suggester and a term suggester for "did you mean".
Access features, languages and "no referral needed" are keyword fields (search.features);
days and evenings are nested queries over the weekly sessions, as "open now" is.

Every call has a timeout. Any connection or server error becomes `BackendUnavailable`, and
search.api falls back to the database backend.
"""

import logging
import time
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import (
    A,
    Boolean,
    Completion,
    Date,
    Document,
    GeoPoint,
    InnerDoc,
    Integer,
    Keyword,
    Nested,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from directory.distance import great_circle_miles
from directory.models import Service
from search.backends.base import BackendUnavailable, load_hits
from search.backends.database.ranking import OUT_OF_DATE_SHARE
from search.features import (
    EVENING_FROM,
    EVENING_WEEKEND_CODE,
    NO_REFERRAL_CODE,
    WEEKEND,
    access_code,
    day_code,
    language_code,
)
from search.indexing import Searchable, documents_for, iter_live_documents
from search.openings import OPENING_COLUMNS, moment, opening_rows
from search.query import ServiceQuery, ServiceResults
from search.synonyms import elasticsearch_synonym_rules
from search.text import QUERY_FILLER, STOP_WORDS, normalise

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT_SECONDS = 3
DISTANCE_DECAY_MILES = 2
TEXT_FIELDS = ["name^4", "categories^3", "summary^2", "body"]
BULK_CHUNK = 500
ERRORS = (TransportError, es_exceptions.ApiError, es_exceptions.TransportError, OSError)

english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")
english_possessive = token_filter(
    "english_possessive", type="stemmer", language="possessive_english"
)
english_stop = token_filter("english_stop", type="stop", stopwords="_english_")
synonyms = token_filter(
    "signpost_synonyms", type="synonym_graph", synonyms=elasticsearch_synonym_rules(), lenient=True
)
english_index = analyzer(
    "english_index",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", "asciifolding", english_stop, english_stemmer],
)
english_search = analyzer(
    "english_search",
    tokenizer="standard",
    filter=[
        english_possessive,
        "lowercase",
        "asciifolding",
        synonyms,
        english_stop,
        english_stemmer,
    ],
)


def text_field(**kwargs):
    return Text(analyzer=english_index, search_analyzer=english_search, **kwargs)


class Opening(InnerDoc):
    """A weekly opening session, as the database index holds it (search/openings.py)."""

    weekday = Integer()
    starts = Integer()
    ends = Integer()
    after_midnight = Boolean()
    valid_from = Date()
    valid_to = Date()
    open_on_bank_holidays = Boolean()


def _openings(doc: Searchable) -> list[dict]:
    return [dict(zip(OPENING_COLUMNS, row, strict=True)) for row in opening_rows(doc.openings)]


def open_now_filter(when) -> Q:
    """Listings with a session open at `when`: the database backend's rule, as a nested query."""
    at = moment(when)

    def started(after_midnight: bool, day, bank_holiday: bool) -> Q:
        conditions = [
            Q("term", openings__after_midnight=after_midnight),
            Q(
                "bool",
                should=[
                    ~Q("exists", field="openings.valid_from"),
                    Q("range", openings__valid_from={"lte": day.isoformat()}),
                ],
            ),
            Q(
                "bool",
                should=[
                    ~Q("exists", field="openings.valid_to"),
                    Q("range", openings__valid_to={"gte": day.isoformat()}),
                ],
            ),
        ]
        if bank_holiday:
            conditions.append(Q("term", openings__open_on_bank_holidays=True))
        return Q("bool", filter=conditions)

    return Q(
        "nested",
        path="openings",
        query=Q(
            "bool",
            filter=[
                Q("term", openings__weekday=at.weekday),
                Q("range", openings__starts={"lte": at.seconds}),
                Q("range", openings__ends={"gt": at.seconds}),
                Q(
                    "bool",
                    should=[
                        started(False, at.today, at.today_is_bank_holiday),
                        started(True, at.yesterday, at.yesterday_is_bank_holiday),
                    ],
                    minimum_should_match=1,
                ),
            ],
        ),
    )


def _running_session(today) -> list:
    """Conditions on a nested session: it begins that day and its schedule has not ended."""
    return [
        Q("term", openings__after_midnight=False),
        Q(
            "bool",
            should=[
                ~Q("exists", field="openings.valid_to"),
                Q("range", openings__valid_to={"gte": today.isoformat()}),
            ],
        ),
    ]


def on_days_filter(days, today) -> Q:
    """Listings with a session starting on any of `days` (1 = Monday): search.openings' rule."""
    return Q(
        "nested",
        path="openings",
        query=Q(
            "bool",
            filter=[Q("terms", openings__weekday=sorted(days)), *_running_session(today)],
        ),
    )


def evening_or_weekend_filter(today) -> Q:
    """Listings with a weekend session or a weekday one open after 17:30 (search.features)."""
    return Q(
        "nested",
        path="openings",
        query=Q(
            "bool",
            filter=[
                *_running_session(today),
                Q(
                    "bool",
                    should=[
                        Q("terms", openings__weekday=list(WEEKEND)),
                        Q("range", openings__ends={"gt": EVENING_FROM}),
                    ],
                    minimum_should_match=1,
                ),
            ],
        ),
    )


class ServiceDocument(Document):
    """What Elasticsearch holds for a live service."""

    name = text_field(fields={"raw": Keyword()})
    categories = text_field()
    summary = text_field()
    body = text_field()
    codes = Keyword()
    kind = Keyword()
    is_free = Boolean()
    min_age = Integer()
    max_age = Integer()
    locations = GeoPoint()
    sort_name = Keyword()
    name_suggest = Completion(analyzer="simple")
    openings = Nested(Opening)
    access = Keyword()  # search.features keys: "step_free", …
    languages = Keyword()  # search.features.language_key spellings: "urdu", "bsl", …
    no_referral = Boolean()
    review_due = Date()  # out of date (ranks lower) is judged at search time

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_searchable(cls, doc: Searchable) -> "ServiceDocument":
        return cls(
            meta={"id": str(doc.service_id)},
            name=doc.name,
            categories=doc.categories,
            summary=doc.summary,
            body=doc.body,
            codes=doc.codes,
            kind=doc.kind,
            is_free=doc.is_free,
            min_age=doc.min_age,
            max_age=doc.max_age,
            locations=[{"lat": lat, "lon": lon} for lat, lon in doc.points],
            sort_name=doc.sort_name,
            name_suggest={"input": [doc.name, *doc.category_names]},
            openings=_openings(doc),
            access=[
                code.removeprefix("access:") for code in doc.features if code.startswith("access:")
            ],
            languages=[
                code.removeprefix("language:")
                for code in doc.features
                if code.startswith("language:")
            ],
            no_referral=NO_REFERRAL_CODE in doc.features,
            review_due=doc.review_due,
        )


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch | None, alias: str):
        self.client = client
        self.alias = alias

    @classmethod
    def from_settings(cls) -> "ElasticsearchBackend":
        url = getattr(settings, "ELASTICSEARCH_URL", "")
        client = (
            Elasticsearch(
                url, request_timeout=REQUEST_TIMEOUT_SECONDS, max_retries=1, retry_on_timeout=False
            )
            if url
            else None
        )
        return cls(client, settings.ELASTICSEARCH_INDEX)

    def _client(self) -> Elasticsearch:
        if self.client is None:
            raise BackendUnavailable("ELASTICSEARCH_URL is not set")
        return self.client

    # --- Queries ----------------------------------------------------------------------------

    def build_search(self, query: ServiceQuery) -> Search:
        """The Search for a query (no network): its `to_dict()` is the request body."""
        search = Search(using=self.client, index=self.alias)
        text = normalise(query.text)
        search = search.query(_main_query(query, text))
        any_of = _any_of_filters(query)
        if any_of:
            search = search.post_filter(Q("bool", filter=list(any_of.values())))
        _add_aggregations(search, query, any_of)
        distance_sort = {
            "_geo_distance": {
                "locations": {"lat": query.latitude, "lon": query.longitude},
                "order": "asc",
                "unit": "mi",
                "mode": "min",
            }
        }
        if query.has_point and (query.sort == "distance" or not text):
            search = search.sort(distance_sort, "sort_name")
        elif text:
            search = search.sort(
                "_score", *([distance_sort] if query.has_point else []), "sort_name"
            )
        else:
            search = search.sort("sort_name")
        if text:
            search = search.suggest(
                "did_you_mean", text, term={"field": "summary", "suggest_mode": "missing"}
            )
        start = (query.page - 1) * query.per_page
        return search.extra(track_total_hits=True, _source=["locations"])[
            start : start + query.per_page
        ]

    def search(self, query: ServiceQuery) -> ServiceResults:
        started = time.perf_counter()
        self._client()
        try:
            response = self.build_search(query).execute()
        except ERRORS as error:
            raise BackendUnavailable(type(error).__name__) from error
        return self.results_from(query, response, started)

    def results_from(self, query: ServiceQuery, response, started: float) -> ServiceResults:
        """Map an Elasticsearch response to ServiceResults (live services loaded in bulk)."""
        rows = []
        for hit in response.hits:
            distance = None
            if query.has_point:
                points = [
                    (point["lat"], point["lon"]) for point in (hit.to_dict().get("locations") or [])
                ]
                if points:
                    distance = min(
                        great_circle_miles(query.latitude, query.longitude, lat, lon)
                        for lat, lon in points
                    )
            rows.append((uuid.UUID(hit.meta.id), distance, hit.meta.score))
        facets = _facets(response.aggregations)
        suggestion = None
        total = response.hits.total.value
        suggest = getattr(response, "suggest", None)
        # "Did you mean …?" only beside "No results", as the database backend offers it.
        if total == 0 and suggest is not None and "did_you_mean" in suggest:
            corrected, changed = [], False
            for entry in suggest.did_you_mean:
                if entry.options:
                    corrected.append(entry.options[0].text)
                    changed = True
                else:
                    corrected.append(entry.text)
            if changed:
                suggestion = " ".join(corrected)
        return ServiceResults(
            hits=load_hits(rows),
            total=total,
            page=query.page,
            per_page=query.per_page,
            facets=facets,
            suggestion=suggestion,
            suggestions=(suggestion,) if suggestion else (),
            backend=self.name,
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def build_suggest(self, prefix: str, limit: int = 8) -> Search:
        return (
            Search(using=self.client, index=self.alias)
            .suggest(
                "names",
                normalise(prefix),
                completion={"field": "name_suggest", "size": limit, "skip_duplicates": True},
            )
            .extra(size=0)
        )

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        words = [w for w in normalise(prefix).split() if w not in STOP_WORDS]
        if len(normalise(prefix)) < 2 or not words:
            return []
        self._client()
        try:
            response = self.build_suggest(prefix, limit).execute()
        except ERRORS as error:
            raise BackendUnavailable(type(error).__name__) from error
        return [option.text for option in response.suggest.names[0].options][:limit]

    # --- Indexing ---------------------------------------------------------------------------

    def _actions(self, documents: Iterable[Searchable], index: str):
        for doc in documents:
            yield ServiceDocument.from_searchable(doc).to_dict(include_meta=True) | {
                "_index": index
            }

    def index(self, services: Iterable) -> None:
        ids = [getattr(service, "pk", service) for service in services]
        documents = documents_for(Service.objects.filter(pk__in=ids))
        live = {doc.service_id for doc in documents}
        client = self._client()
        try:
            helpers.bulk(client, self._actions(documents, self.alias), refresh="wait_for")
            gone = [service_id for service_id in ids if service_id not in live]
            if gone:
                self.remove(gone)
        except ERRORS as error:
            raise BackendUnavailable(type(error).__name__) from error

    def remove(self, service_ids: Iterable) -> None:
        client = self._client()
        actions = (
            {"_op_type": "delete", "_index": self.alias, "_id": str(service_id)}
            for service_id in service_ids
        )
        try:
            helpers.bulk(client, actions, raise_on_error=False, refresh="wait_for")
        except ERRORS as error:
            raise BackendUnavailable(type(error).__name__) from error

    def rebuild(self, progress=None) -> int:
        """Build a new index, point the alias at it in one step, then drop the old ones."""
        client = self._client()
        new_index = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}"
        ServiceDocument.init(index=new_index, using=client)
        count = 0

        def counted(documents):
            nonlocal count
            for doc in documents:
                count += 1
                if progress and count % BULK_CHUNK == 0:
                    progress(BULK_CHUNK)
                yield doc

        helpers.bulk(
            client,
            self._actions(counted(iter_live_documents()), new_index),
            chunk_size=BULK_CHUNK,
        )
        if progress:
            progress(count % BULK_CHUNK)
        client.indices.refresh(index=new_index)
        old = (
            list(client.indices.get_alias(name=self.alias, ignore_unavailable=True).keys())
            if client.indices.exists_alias(name=self.alias)
            else []
        )
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        if client.indices.exists(index=self.alias) and not old:
            client.indices.delete(index=self.alias)  # a plain index squatting on the alias name
        client.indices.update_aliases(actions=actions)
        for index in old:
            client.indices.delete(index=index)
        return count


def _any_of_filters(query: ServiceQuery) -> dict:
    """The filters matching any one value chosen (categories, languages, days), by facet name:
    post-filters, so that each facet counts what another value of its own would add."""
    filters = {}
    if query.categories:
        filters["categories"] = Q("terms", codes=list(query.categories))
    if query.languages:
        filters["languages"] = Q("terms", languages=list(query.languages))
    if query.days:
        filters["days"] = on_days_filter(query.days, timezone.localtime().date())
    return filters


def _others(any_of: dict, name: str) -> Q:
    """The post-filters but `name`'s, as one filter (match_all when there are none)."""
    others = [q for key, q in any_of.items() if key != name]
    return Q("bool", filter=others) if others else Q("match_all")


def _add_aggregations(search: Search, query: ServiceQuery, any_of: dict) -> None:
    """Facets: categories, languages, days (each without its own post-filter) and the access
    features, "no referral needed" and evenings or weekends (within every filter)."""
    today = timezone.localtime().date()
    search.aggs.bucket("categories", A("filter", filter=_others(any_of, "categories"))).bucket(
        "codes", A("terms", field="codes", size=200)
    )
    search.aggs.bucket("languages", A("filter", filter=_others(any_of, "languages"))).bucket(
        "names", A("terms", field="languages", size=200)
    )
    search.aggs.bucket("days", A("filter", filter=_others(any_of, "days"))).bucket(
        "sessions", A("nested", path="openings")
    ).bucket("running", A("filter", filter=Q("bool", filter=_running_session(today)))).bucket(
        "weekdays", A("terms", field="openings.weekday", size=7)
    ).bucket("listings", A("reverse_nested"))
    features = search.aggs.bucket("features", A("filter", filter=_others(any_of, "")))
    features.bucket("access", A("terms", field="access", size=20))
    features.bucket("no_referral", A("filter", filter=Q("term", no_referral=True)))
    features.bucket("evening_weekend", A("filter", filter=evening_or_weekend_filter(today)))


def _facets(aggregations) -> dict:
    """ServiceResults.facets from the aggregations `_add_aggregations` asked for."""
    facets = {bucket.key: bucket.doc_count for bucket in aggregations.categories.codes.buckets}
    facets.update(
        (language_code(bucket.key), bucket.doc_count)
        for bucket in aggregations.languages.names.buckets
    )
    facets.update(
        (day_code(int(bucket.key)), bucket.listings.doc_count)
        for bucket in aggregations.days.sessions.running.weekdays.buckets
        if 1 <= int(bucket.key) <= 7
    )
    features = aggregations.features
    facets.update((access_code(bucket.key), bucket.doc_count) for bucket in features.access.buckets)
    if features.no_referral.doc_count:
        facets[NO_REFERRAL_CODE] = features.no_referral.doc_count
    if features.evening_weekend.doc_count:
        facets[EVENING_WEEKEND_CODE] = features.evening_weekend.doc_count
    return facets


def _filters(query: ServiceQuery) -> list:
    """The query's filters that every result passes (kind, cost, age, open now, access
    features, no referral, evenings or weekends, radius) as Elasticsearch filters."""
    filters = []
    filters.extend(Q("term", access=key) for key in query.access)
    if query.no_referral:
        filters.append(Q("term", no_referral=True))
    if query.evening_weekend:
        filters.append(evening_or_weekend_filter(timezone.localtime().date()))
    if query.kind:
        filters.append(Q("term", kind=query.kind))
    if query.free_only:
        filters.append(Q("term", is_free=True))
    if query.age is not None:
        filters.append(
            Q(
                "bool",
                should=[Q("range", min_age={"lte": query.age}), ~Q("exists", field="min_age")],
            )
        )
        filters.append(
            Q(
                "bool",
                should=[Q("range", max_age={"gte": query.age}), ~Q("exists", field="max_age")],
            )
        )
    if query.open_now:
        filters.append(open_now_filter(timezone.localtime()))
    if query.has_point:
        filters.append(
            Q(
                "geo_distance",
                distance=f"{query.radius_miles}mi",
                locations={"lat": query.latitude, "lon": query.longitude},
            )
        )
    return filters


def _main_query(query: ServiceQuery, text: str):
    """Relevance for the (normalised) text within the filters; with a place, fading with
    distance (half at DISTANCE_DECAY_MILES); out of date (query.out_of_date_before), a share
    of it (OUT_OF_DATE_SHARE)."""
    if text:
        # Honest results: a listing must have every word that names the need (its stem or a
        # curated synonym) somewhere in its text; words about the asking ("classes", "help":
        # search.text.QUERY_FILLER) only rank. No fuzziness: close spellings are only ever
        # "Did you mean …?" suggestions (the term suggester), never matches.
        needs = " ".join(word for word in text.split() if word not in QUERY_FILLER) or text
        relevance = Q(
            "bool",
            must=[
                Q(
                    "multi_match",
                    query=needs,
                    fields=TEXT_FIELDS,
                    type="cross_fields",
                    operator="and",
                )
            ],
            should=[
                # Ranking only: every word typed, in one field, counts for more.
                Q(
                    "multi_match",
                    query=text,
                    fields=TEXT_FIELDS,
                    type="best_fields",
                    operator="and",
                ),
                Q(
                    "multi_match",
                    query=text,
                    fields=TEXT_FIELDS,
                    type="cross_fields",
                    operator="and",
                ),
            ],
        )
    else:
        relevance = Q("match_all")
    main = Q("bool", must=[relevance], filter=_filters(query))
    if not text:
        return main
    functions: list[dict] = []
    if query.has_point:
        functions.append(
            {
                "gauss": {
                    "locations": {
                        "origin": {"lat": query.latitude, "lon": query.longitude},
                        "scale": f"{DISTANCE_DECAY_MILES}mi",
                        "decay": 0.5,
                    }
                }
            }
        )
    if query.out_of_date_before is not None:
        # Long past its review date as of the search (not the day it was indexed): a share
        # of the relevance, as the database backend ranks it.
        cutoff = query.out_of_date_before.isoformat()
        functions.append(
            {"filter": {"range": {"review_due": {"lt": cutoff}}}, "weight": OUT_OF_DATE_SHARE}
        )
    if not functions:
        return main
    return Q(
        "function_score",
        query=main,
        functions=functions,
        score_mode="multiply",
        boost_mode="multiply",
    )

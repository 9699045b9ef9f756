"""What the search index knows about a service: the `Searchable` description of a listing.

The directory never imports this module; search reads directory models through
`documents_for()` and nothing else, so both backends index exactly the same facts.
"""

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection

from directory.models import Schedule, Service, ServiceAtLocation, TaxonomyTerm
from directory.sanitise import html_to_text
from directory.schedules import TIME_FIELDS
from search.features import ACCESS_KEYS, LOCATION_FIELDS, feature_codes
from search.query import ListedService, OpeningTimes
from search.synonyms import CATEGORY_WORDS
from search.tags import document_tags
from search.text import normalise

CHUNK_SIZE = 1000


@dataclass
class Searchable:
    """A live service as the search backends see it."""

    service_id: object
    name: str
    kind: str
    is_free: bool = False
    min_age: int | None = None
    max_age: int | None = None
    categories: str = ""  # category names and everyday words for them
    summary: str = ""
    body: str = ""
    codes: list[str] = field(default_factory=list)  # category codes with their ancestors
    category_names: list[str] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)
    organisation: str = ""
    openings: list[OpeningTimes] = field(default_factory=list)  # its schedules ("open now")
    # search.features codes: access features of its places, languages, no referral needed
    features: list[str] = field(default_factory=list)
    card: str = ""  # ListedService as JSON: what a result shows, without touching the directory
    review_due: datetime.date | None = None  # out-of-date listings rank lower (search time)

    @property
    def tags(self) -> str:
        """Filter words for the full-text index (search.tags)."""
        return document_tags(self.codes, self.kind, self.is_free, self.points, self.features)

    @cached_property
    def normalised_name(self) -> str:
        return normalise(self.name)

    @property
    def sort_name(self) -> str:
        return self.normalised_name[:255]


def searchable_services(services=None):
    """Live services among `services` (all by default), in primary-key order."""
    services = Service.objects.all() if services is None else services
    return services.live().order_by("pk")


SERVICE_FIELDS = (
    "pk",
    "name",
    "kind",
    "is_free",
    "min_age",
    "max_age",
    "summary",
    "description",
    "eligibility",
    "accessibility_notes",
    "organisation__name",
    "how_to_access",
    "languages",
    "review_due",
)


def _term_ancestry() -> dict:
    """term id -> [(code, name), …] for the term and its ancestors (from one query)."""
    terms = {
        pk: (code, name, parent)
        for pk, code, name, parent in TaxonomyTerm.objects.values_list(
            "pk", "code", "name", "parent_id"
        )
    }
    ancestry = {}
    for pk in terms:
        chain, node, depth = [], pk, 0
        while node in terms and depth < 5:
            code, name, parent = terms[node]
            chain.append((code, name))
            node, depth = parent, depth + 1
        ancestry[pk] = chain
    return ancestry


def documents_for(services, ancestry: dict | None = None) -> list[Searchable]:
    """Searchable descriptions of the live services among `services` (a QuerySet).

    Four queries whatever the number of services: the services, their terms, their locations
    (with their access features) and their opening times.
    """
    rows = _service_rows(searchable_services(services).values_list(*SERVICE_FIELDS))
    if not rows:
        return []
    return _documents(rows, {"service_id__in": [row[0] for row in rows]}, ancestry)


def _documents(rows: list, related: dict, ancestry: dict | None = None) -> list[Searchable]:
    """Searchable descriptions of service `rows` (SERVICE_FIELDS); `related` filters the
    terms, locations and opening times to read (by service id: a list, or a range holding
    the rows' ids)."""
    ancestry = _term_ancestry() if ancestry is None else ancestry
    # Service ids as the database holds them (hex text on SQLite): the terms and locations
    # are read without the ORM's per-value conversion, a third of a rebuild's reading.
    stored = _stored_ids(Service, [row[0] for row in rows])
    terms = _terms(related, stored, _stored_ids(TaxonomyTerm, ancestry))
    points, access = _places(related, stored)
    schedules = _schedules(related)
    return [_searchable(row, ancestry, terms, points, access, schedules) for row in rows]


def _terms(related: dict, stored: dict, stored_terms: dict) -> dict:
    """{service id: [term id, …]} for the services `related` picks."""
    through = Service.taxonomy_terms.through
    terms: dict = {}
    for service_id, term_id in _raw(
        through.objects.filter(**related).values_list("service_id", "taxonomyterm_id")
    ):
        if service_id in stored and term_id in stored_terms:
            terms.setdefault(stored[service_id], []).append(stored_terms[term_id])
    return terms


def _places(related: dict, stored: dict) -> tuple[dict, dict]:
    """{service id: [(latitude, longitude), …]} of the located places of those services, and
    {service id: {access feature key, …}} that any of their places has (located or not)."""
    points: dict = {}
    access: dict = {}
    flags = [f"location__{name}" for name in LOCATION_FIELDS]
    for service_id, latitude, longitude, *has in _raw(
        ServiceAtLocation.objects.filter(**related).values_list(
            "service_id", "location__latitude", "location__longitude", *flags
        )
    ):
        if service_id not in stored:
            continue
        pk = stored[service_id]
        if latitude is not None and longitude is not None:
            points.setdefault(pk, []).append((latitude, longitude))
        keys = access.setdefault(pk, set())
        keys.update(key for key, flag in zip(ACCESS_KEYS, has, strict=True) if flag)
    return points, access


def _schedules(related: dict) -> dict:
    """{service id: [OpeningTimes, …]} of those services, in schedule order."""
    schedules: dict = {}
    for service_id, *times in (
        Schedule.objects.filter(**related)
        .order_by("service_id", "pk")
        .values_list("service_id", *TIME_FIELDS)
    ):
        weekdays, opens_at, closes_at, valid_from, valid_to, bank_holidays = times
        schedules.setdefault(service_id, []).append(
            OpeningTimes(
                weekdays=tuple(day for day in weekdays or () if isinstance(day, int)),
                opens_at=opens_at,
                closes_at=closes_at,
                valid_from=valid_from,
                valid_to=valid_to,
                open_on_bank_holidays=bank_holidays,
            )
        )
    return schedules


def _searchable(
    row: tuple, ancestry: dict, terms: dict, points: dict, access: dict, schedules: dict
):
    """The Searchable for one SERVICE_FIELDS row, given what `_documents` read for it."""
    (
        pk,
        name,
        kind,
        is_free,
        min_age,
        max_age,
        summary,
        description,
        eligibility,
        access_notes,
        organisation,
        how_to_access,
        languages,
        review_due,
    ) = row
    review_due = _as_date(review_due)
    codes: list[str] = []
    names: list[str] = []
    own_names = sorted(ancestry[t][0][1] for t in terms.get(pk, []) if ancestry.get(t))
    for term_id in sorted(terms.get(pk, []), key=str):
        for code, term_name in ancestry.get(term_id, []):
            if code not in codes:
                codes.append(code)
                names.append(term_name)
    everyday = [word for code in codes for word in CATEGORY_WORDS.get(code, ())]
    body = " ".join(
        part
        for part in (html_to_text(description), organisation, eligibility, access_notes)
        if part
    )
    return Searchable(
        service_id=pk,
        name=name,
        kind=kind,
        is_free=is_free,
        min_age=min_age,
        max_age=max_age,
        categories=normalise(" ".join([*names, *everyday]), limit=None),
        summary=normalise(summary, limit=None),
        body=normalise(body, limit=None),
        codes=codes,
        category_names=names,
        points=list(dict.fromkeys(points.get(pk, []))),
        organisation=organisation or "",
        openings=list(schedules.get(pk, ())),
        features=feature_codes(access.get(pk, set()), _json_list(languages), how_to_access),
        card=ListedService(
            id=pk,
            name=name,
            kind=kind,
            summary=summary,
            organisation=organisation or "",
            categories=tuple(own_names),
            schedules=tuple(schedules.get(pk, ())),
            is_free=is_free,
            review_due=review_due,
        ).as_json(),
        review_due=review_due,
    )


def _service_rows(queryset) -> list[tuple]:
    """SERVICE_FIELDS rows, read raw: only the id and the yes/no need converting."""
    to_id = Service._meta.pk.to_python
    return [
        (to_id(pk), name, kind, bool(is_free), *rest)
        for pk, name, kind, is_free, *rest in _raw(queryset)
    ]


def _as_date(value) -> datetime.date | None:
    """A date column read raw: text on SQLite, already a date on PostgreSQL."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return value


def _json_list(value) -> list:
    """A JSON list column read raw: text on SQLite, already a list on PostgreSQL."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def _stored_ids(model, ids) -> dict:
    """{primary key as the database holds it: primary key} for `ids` of `model`."""
    prepare = model._meta.pk.get_db_prep_value
    return {prepare(pk, connection): pk for pk in ids}


def _raw(queryset) -> list[tuple]:
    """The rows of a values_list queryset as the database returns them (no converters)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def iter_live_documents(chunk_size: int = CHUNK_SIZE) -> Iterator[Searchable]:
    """Every live service, in primary-key chunks (bounded memory for large directories).

    Each chunk's terms, locations and opening times are read by a range of service ids (an
    index range scan), not a list of a thousand ids.
    """
    ancestry = _term_ancestry()
    chunk = searchable_services(Service.objects.all()).values_list(*SERVICE_FIELDS)
    last_pk = None
    while True:
        page = chunk.filter(pk__gt=last_pk) if last_pk is not None else chunk
        rows = _service_rows(page[:chunk_size])
        if not rows:
            return
        related = {"service_id__gte": rows[0][0], "service_id__lte": rows[-1][0]}
        yield from _documents(rows, related, ancestry)
        last_pk = rows[-1][0]

"""What the search index knows about a service: the `Searchable` description of a listing.

The directory never imports this module; search reads directory models through
`documents_for()` and nothing else, so both backends index exactly the same facts.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from directory.sanitise import html_to_text
from search.synonyms import CATEGORY_WORDS
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

    @property
    def sort_name(self) -> str:
        return normalise(self.name)[:255]


def searchable_services(services=None):
    """Live services with everything indexing needs prefetched."""
    from directory.models import Service

    services = Service.objects.all() if services is None else services
    return (
        services.live()
        .select_related("organisation")
        .prefetch_related("taxonomy_terms__parent", "service_at_locations__location")
        .order_by("pk")
    )


def to_searchable(service) -> Searchable:
    terms = list(service.taxonomy_terms.all())
    codes: list[str] = []
    names: list[str] = []
    for term in terms:
        node, depth = term, 0
        while node is not None and depth < 5:
            if node.code not in codes:
                codes.append(node.code)
                names.append(node.name)
            node, depth = node.parent, depth + 1
    everyday = [word for code in codes for word in CATEGORY_WORDS.get(code, ())]
    points = [
        (sal.location.latitude, sal.location.longitude)
        for sal in service.service_at_locations.all()
        if sal.location.latitude is not None and sal.location.longitude is not None
    ]
    organisation = service.organisation.name if service.organisation_id else ""
    body = " ".join(
        part
        for part in (
            html_to_text(service.description),
            organisation,
            service.eligibility,
            service.accessibility_notes,
        )
        if part
    )
    return Searchable(
        service_id=service.pk,
        name=service.name,
        kind=service.kind,
        is_free=service.is_free,
        min_age=service.min_age,
        max_age=service.max_age,
        categories=normalise(" ".join([*names, *everyday])),
        summary=normalise(service.summary),
        body=normalise(body),
        codes=codes,
        category_names=names,
        points=list(dict.fromkeys(points)),
        organisation=organisation,
    )


def documents_for(services: Iterable) -> Iterator[Searchable]:
    """Searchable descriptions of the live services among `services` (a QuerySet or list)."""
    for service in services:
        yield to_searchable(service)


def iter_live_documents(chunk_size: int = CHUNK_SIZE) -> Iterator[Searchable]:
    """Every live service, in primary-key chunks (bounded memory for large directories)."""
    from directory.models import Service

    last_pk = None
    while True:
        chunk = Service.objects.all()
        if last_pk is not None:
            chunk = chunk.filter(pk__gt=last_pk)
        batch = list(searchable_services(chunk)[:chunk_size])
        if not batch:
            return
        yield from documents_for(batch)
        last_pk = batch[-1].pk

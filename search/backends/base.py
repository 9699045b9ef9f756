"""The interface every search backend implements, and what they share: reading result cards."""

from collections.abc import Iterable
from typing import Protocol

from search.models import SearchIndexEntry
from search.query import ListedService, ServiceHit, ServiceQuery, ServiceResults


class SearchBackend(Protocol):
    name: str

    def search(self, query: ServiceQuery) -> ServiceResults: ...

    def suggest(self, prefix: str, limit: int = 8) -> list[str]: ...

    def index(self, services: Iterable) -> None: ...

    def remove(self, service_ids: Iterable) -> None: ...

    def rebuild(self, progress=None) -> int: ...


class BackendUnavailable(Exception):
    """The backend cannot answer now (e.g. Elasticsearch is down); fall back to the database."""


def load_hits(rows: list[tuple[object, float | None, float | None]]) -> list[ServiceHit]:
    """What to show for (service_id, distance_miles, score) rows, in order: one indexed read.

    Cards come from the database index, which holds live services only, so a service
    unpublished since another backend indexed it is dropped here.
    """
    if not rows:
        return []
    cards = dict(
        SearchIndexEntry.objects.filter(service_id__in=[row[0] for row in rows]).values_list(
            "service_id", "card"
        )
    )
    return [
        ServiceHit(
            service=ListedService.from_json(service_id, cards[service_id]),
            distance_miles=distance,
            score=score,
        )
        for service_id, distance, score in rows
        if service_id in cards
    ]

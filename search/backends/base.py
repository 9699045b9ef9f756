"""The interface every search backend implements, and helpers they share."""

import math
from collections.abc import Iterable
from typing import Protocol

from search.query import ListedService, ServiceHit, ServiceQuery, ServiceResults

MILES_PER_DEGREE = 69.0547


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
    from search.models import SearchIndexEntry

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


def box_for(
    latitude: float, longitude: float, miles: float
) -> tuple[float, float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon, lon_scale): a box containing the circle, and cos(lat)."""
    lon_scale = max(math.cos(math.radians(latitude)), 0.01)
    lat_delta = miles / MILES_PER_DEGREE
    lon_delta = lat_delta / lon_scale
    return (
        latitude - lat_delta,
        latitude + lat_delta,
        longitude - lon_delta,
        longitude + lon_delta,
        lon_scale,
    )


def miles_from_squared_degrees(value: float | None) -> float | None:
    return None if value is None else math.sqrt(max(value, 0.0)) * MILES_PER_DEGREE

"""The interface every search backend implements, and helpers they share."""

import math
from collections.abc import Iterable
from typing import Protocol

from search.query import ServiceHit, ServiceQuery, ServiceResults

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
    """Bulk-load the live services for (service_id, distance_miles, score) rows, keeping order."""
    from directory.models import Service

    ids = [row[0] for row in rows]
    by_id = (
        Service.objects.live()
        .filter(id__in=ids)
        .select_related("organisation")
        .prefetch_related("taxonomy_terms", "service_at_locations__location", "schedules")
        .in_bulk()
    )
    hits = []
    for service_id, distance, score in rows:
        service = by_id.get(service_id)
        if service is not None:
            hits.append(ServiceHit(service=service, distance_miles=distance, score=score))
    return hits


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

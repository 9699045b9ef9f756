"""Where a page of results is, for the map beside the list on the search page (#20).

Read from the search index's own points (one row a located place of a live service), so the
map costs one indexed read a page whichever backend answered the search.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings

from directory.distance import great_circle_miles
from search.models import SearchIndexPoint
from search.query import ServiceQuery, ServiceResults


@dataclass(frozen=True)
class MapMarker:
    """One result on the map: the listing (linked by id from the template) and where it is."""

    service_id: uuid.UUID
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class ResultsMap:
    markers: list[MapMarker]
    results_on_page: int  # so the page can say "N of M results shown on the map"


def results_map(results: ServiceResults, query: ServiceQuery) -> ResultsMap | None:
    """The markers for this page of results, or None when maps are off (`MAP_TILE_URL` empty)
    or no result on the page has a location.

    One marker a result with a location: its place nearest the point searched, or, with no
    point, the same place every time (the southernmost, then westernmost: the index keeps no
    order of a service's places). Results without a location are left off.
    """
    if not settings.MAP_TILE_URL or not results.hits:
        return None
    places = _places([hit.service.id for hit in results.hits])
    markers = []
    for hit in results.hits:
        found = places.get(hit.service.id)
        if found:
            latitude, longitude = _nearest(found, query)
            markers.append(MapMarker(hit.service.id, hit.service.name, latitude, longitude))
    if not markers:
        return None
    return ResultsMap(markers=markers, results_on_page=len(results.hits))


def _places(service_ids: list) -> dict:
    """{service id: [(latitude, longitude), …]} of those services' places, from the index."""
    places: dict = {}
    rows = SearchIndexPoint.objects.filter(code="", entry__service_id__in=service_ids).values_list(
        "entry__service_id", "latitude", "longitude"
    )
    for service_id, latitude, longitude in rows:
        places.setdefault(service_id, []).append((latitude, longitude))
    return places


def _nearest(places: list[tuple[float, float]], query: ServiceQuery) -> tuple[float, float]:
    if not query.has_point:
        return min(places)
    return min(
        places,
        key=lambda place: great_circle_miles(query.latitude, query.longitude, *place),
    )

"""Where a page of results is, for the map beside the list on the search page (#20).

Read from the search index's own points (one row a located place of a live service), so the
map costs one indexed read a page whichever backend answered the search.
"""

import html
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils.safestring import mark_safe

from directory.distance import great_circle_miles
from search.backends.database.tables import ENTRY, POINT, as_uuid, placeholders
from search.links import service_url_maker
from search.models import SearchIndexEntry
from search.query import ServiceQuery, ServiceResults


@dataclass(frozen=True)
class MapMarker:
    """One result on the map: the listing (linked by id from the template) and where it is."""

    service_id: uuid.UUID
    name: str
    latitude: float
    longitude: float
    url: str = ""  # the listing's page (search.links), so the template need not reverse it


@dataclass(frozen=True)
class ResultsMap:
    markers: list[MapMarker]
    results_on_page: int  # so the page can say "N of M results shown on the map"

    @property
    def places_html(self) -> str:
        """The markers as the list items static/js/maps.js reads (`data-lat`, `data-lon`,
        `data-href`, the name), built here rather than by a template loop: twenty of them."""
        return mark_safe(  # noqa: S308 - every value escaped (html.escape, as Django's escape)
            "".join(
                f'<li data-lat="{marker.latitude:f}" data-lon="{marker.longitude:f}"'
                f' data-href="{html.escape(marker.url)}">{html.escape(str(marker.name))}</li>'
                for marker in self.markers
            )
        )


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
    url = service_url_maker()
    for hit in results.hits:
        found = places.get(hit.service.id)
        if found:
            latitude, longitude = _nearest(found, query)
            service_id = hit.service.id
            markers.append(
                MapMarker(service_id, hit.service.name, latitude, longitude, url(service_id))
            )
    if not markers:
        return None
    return ResultsMap(markers=markers, results_on_page=len(results.hits))


def _places(service_ids: list) -> dict:
    """{service id: [(latitude, longitude), …]} of those services' places, from the index.

    One statement of our own rather than the ORM's join: building the ORM's query and
    converting its rows cost the page ~0.5 ms, ten times the query (both indexed reads).
    """
    places: dict = {}
    if not service_ids:
        return places
    field = SearchIndexEntry._meta.get_field("service")
    params = [field.get_db_prep_value(service_id, connection) for service_id in service_ids]
    sql = (
        f"SELECT e.service_id, p.latitude, p.longitude FROM {POINT} p"  # noqa: S608 - constant table names, values as parameters
        f" JOIN {ENTRY} e ON e.id = p.entry_id"
        f" WHERE p.code = '' AND e.service_id IN ({placeholders(params)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for service_id, latitude, longitude in rows:
        places.setdefault(as_uuid(service_id), []).append((latitude, longitude))
    return places


def _nearest(places: list[tuple[float, float]], query: ServiceQuery) -> tuple[float, float]:
    if not query.has_point:
        return min(places)
    return min(
        places,
        key=lambda place: great_circle_miles(query.latitude, query.longitude, *place),
    )

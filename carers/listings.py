"""Carers' support listings for the hub, always through the public search interface."""

import logging

from directory.models import Service
from search.api import search_services
from search.query import ServiceQuery

logger = logging.getLogger(__name__)

CARERS_RADIUS_MILES = 5.0
CARERS_LISTINGS_SHOWN = 5


def carers_support_near(place: dict | None, limit: int = CARERS_LISTINGS_SHOWN) -> list:
    """Live carers' support listings: nearest to `place` (within 5 miles) or, without one, any."""
    try:
        if place:
            results = search_services(
                ServiceQuery(
                    kind=Service.Kind.CARERS_SUPPORT,
                    latitude=place["latitude"],
                    longitude=place["longitude"],
                    radius_miles=CARERS_RADIUS_MILES,
                    sort="distance",
                    per_page=limit,
                )
            )
            if results.hits:
                return results.hits
        return search_services(ServiceQuery(kind=Service.Kind.CARERS_SUPPORT, per_page=limit)).hits
    except Exception:
        # A failing search backend must not take the carers' hub down with it.
        logger.exception("Carers' support search failed")
        return []

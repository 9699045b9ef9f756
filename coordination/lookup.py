"""Finding the local area coordinators (and nearby community groups) for a postcode."""

import logging
from dataclasses import dataclass, field

from directory.geography import PlaceNotFound, resolve_postcode
from directory.models import Area, LocalAreaCoordinator, Service
from search.api import search_services
from search.query import ServiceQuery

logger = logging.getLogger(__name__)

NEARBY_ASSETS_RADIUS_MILES = 1.5
NEARBY_ASSETS_SHOWN = 6


@dataclass
class CoordinatorLookup:
    """The answer for one postcode. `in_area` is False for unknown or out-of-area postcodes."""

    postcode: str
    in_area: bool
    patches: list = field(default_factory=list)
    coordinators: list = field(default_factory=list)
    community_assets: list = field(default_factory=list)


def find_coordinators(postcode: str) -> CoordinatorLookup:
    """Active coordinators whose patches cover the (normalised, full) postcode's ward."""
    try:
        place = resolve_postcode(postcode)
    except PlaceNotFound:
        return CoordinatorLookup(postcode=postcode, in_area=False)
    patches = [area for area in place.areas() if area.kind == Area.Kind.LAC_PATCH]
    if not patches:
        return CoordinatorLookup(postcode=postcode, in_area=False)
    coordinators = list(
        LocalAreaCoordinator.objects.filter(is_active=True, patches__in=patches)
        .select_related("photo")
        .prefetch_related("patches")
        .distinct()
        .order_by("name")
    )
    return CoordinatorLookup(
        postcode=postcode,
        in_area=True,
        patches=patches,
        coordinators=coordinators,
        community_assets=community_assets_near(place.latitude, place.longitude),
    )


def community_assets_near(latitude: float, longitude: float) -> list:
    """Live community groups within 1.5 miles, nearest first (through the public search)."""
    try:
        results = search_services(
            ServiceQuery(
                kind=Service.Kind.COMMUNITY_ASSET,
                latitude=latitude,
                longitude=longitude,
                radius_miles=NEARBY_ASSETS_RADIUS_MILES,
                sort="distance",
                per_page=NEARBY_ASSETS_SHOWN,
            )
        )
    except Exception:
        # The coordinator's details matter more than the list of groups: show them regardless.
        logger.exception("Community asset search failed")
        return []
    return results.hits

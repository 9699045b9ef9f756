"""Turning what people type ("s12hh", "S10", "Hillsborough") into a point and an area.

Postcodes resolve from the local gazetteer (no network). Free-text places go to the geopy
geocoder named by settings.GEOCODER, with a timeout, a rate limit and a cache; a failing or
slow geocoder yields `PlaceNotFound`, never an exception the user sees. What a postcode looks
like is in directory.postcodes (pure rules), distances in directory.distance.
"""

import hashlib
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg

from directory.models import Area, Postcode
from directory.postcodes import normalise_outcode, normalise_postcode

logger = logging.getLogger(__name__)

GEOCODE_CACHE_SECONDS = 60 * 60 * 24 * 7
GEOCODER_MIN_INTERVAL_SECONDS = 1.0  # Nominatim's usage policy: at most one request a second


class PlaceNotFound(Exception):
    """We couldn't find that place; `message` is safe to show to the user."""

    def __init__(
        self,
        message: str = "We couldn't find that place. Check the spelling, or enter a postcode, like S1 2HH.",
    ):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Place:
    """A resolved place: a point, a label to show, and (when known) its outcode and ward."""

    latitude: float
    longitude: float
    label: str
    outcode: str = ""
    ward_code: str = ""
    is_postcode: bool = False

    @property
    def ward(self) -> Area | None:
        if not self.ward_code:
            return None
        return Area.objects.filter(kind=Area.Kind.WARD, code=self.ward_code).first()

    def areas(self) -> list[Area]:
        """The ward and any LAC patches or neighbourhoods that cover it."""
        ward = self.ward
        if ward is None:
            return []
        return [ward, *ward.patches.all()]


def resolve_postcode(text: str) -> Place:
    """Resolve a full postcode or an outcode from the gazetteer, or raise PlaceNotFound."""
    postcode = normalise_postcode(text)
    if postcode:
        row = Postcode.objects.filter(postcode=postcode).first()
        if row is None:
            raise PlaceNotFound(
                f"We couldn't find the postcode {postcode}. Check it is correct, or enter a town or area instead."
            )
        return Place(
            row.latitude, row.longitude, row.postcode, row.outcode, row.ward_code, is_postcode=True
        )
    outcode = normalise_outcode(text)
    if outcode:
        centre = Postcode.objects.filter(outcode=outcode).aggregate(
            lat=Avg("latitude"), lon=Avg("longitude")
        )
        if centre["lat"] is None:
            raise PlaceNotFound(
                f"We couldn't find the postcode area {outcode}. Enter a full postcode, like S1 2HH."
            )
        return Place(centre["lat"], centre["lon"], outcode, outcode, "", is_postcode=True)
    raise PlaceNotFound("Enter a real postcode, like S1 2HH.")


def resolve_place(text: str) -> Place:
    """Resolve a postcode, outcode or place name to a Place, or raise PlaceNotFound."""
    text = (text or "").strip()[:100]
    if not text:
        raise PlaceNotFound("Enter a postcode or the name of a place.")
    if normalise_postcode(text) or normalise_outcode(text):
        return resolve_postcode(text)
    return geocode_place(text)


_rate_lock = threading.Lock()
_last_request_at = [0.0]


def _wait_for_rate_limit() -> None:
    with _rate_lock:
        wait = GEOCODER_MIN_INTERVAL_SECONDS - (time.monotonic() - _last_request_at[0])
        if wait > 0:
            time.sleep(wait)
        _last_request_at[0] = time.monotonic()


def get_geocoder():
    """The configured geopy geocoder, or None when geocoding is switched off."""
    if settings.GEOCODER == "none":
        return None
    from geopy.geocoders import get_geocoder_for_service

    geocoder_class = get_geocoder_for_service(settings.GEOCODER)
    return geocoder_class(
        user_agent=settings.GEOCODER_USER_AGENT, timeout=settings.GEOCODER_TIMEOUT
    )


def geocode_place(text: str) -> Place:
    """Look up a free-text place with geopy (cached); failures become PlaceNotFound."""
    key = "geocode:" + hashlib.sha256(text.lower().encode()).hexdigest()[:32]
    cached = cache.get(key)
    if cached == "not-found":
        raise PlaceNotFound()
    if cached:
        return Place(**cached)
    geocoder = get_geocoder()
    if geocoder is None:
        raise PlaceNotFound("We couldn't find that place. Enter a postcode instead, like S1 2HH.")
    from geopy.exc import GeopyError

    try:
        _wait_for_rate_limit()
        found = geocoder.geocode(
            f"{text}, {settings.GEOCODER_REGION_HINT}" if settings.GEOCODER_REGION_HINT else text,
            exactly_one=True,
            country_codes=settings.GEOCODER_COUNTRY,
        )
    except (GeopyError, OSError, ValueError) as error:
        logger.warning("Geocoder failed: %s", type(error).__name__)
        raise PlaceNotFound(
            "We couldn't look up that place just now. Enter a postcode instead, like S1 2HH."
        ) from error
    if found is None:
        cache.set(key, "not-found", GEOCODE_CACHE_SECONDS)
        raise PlaceNotFound()
    place = Place(found.latitude, found.longitude, text.title())
    cache.set(key, place.__dict__, GEOCODE_CACHE_SECONDS)
    return place


def area_for_postcode(text: str) -> Area | None:
    """The ward Area of a full postcode, or None."""
    postcode = normalise_postcode(text)
    if not postcode:
        return None
    ward_code = (
        Postcode.objects.filter(postcode=postcode).values_list("ward_code", flat=True).first()
    )
    if not ward_code:
        return None
    return Area.objects.filter(kind=Area.Kind.WARD, code=ward_code).first()

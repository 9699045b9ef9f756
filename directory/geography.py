"""Turning what people type ("s12hh", "S10", "Hillsborough") into a point and an area.

The order, all but the last with no network: a full postcode, an outcode ("S10"), then the
place-name gazetteer (PlaceName: an exact normalised name, then names with a word starting
with what was typed; several different names are `AmbiguousPlace` with the choices), and only
then the geopy geocoder named by settings.GEOCODER, with a timeout, a rate limit and a cache.
A failing or slow geocoder yields `PlaceNotFound`, never an exception the user sees. What a
postcode looks like is in directory.postcodes, how names compare in directory.placenames
(pure rules), distances in directory.distance.
"""

import difflib
import hashlib
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Q

from directory.distance import great_circle_miles
from directory.models import Area, PlaceName, Postcode
from directory.placenames import MIN_PREFIX_LENGTH, normalise_place_name
from directory.postcodes import normalise_outcode, normalise_postcode

logger = logging.getLogger(__name__)

GEOCODE_CACHE_SECONDS = 60 * 60 * 24 * 7
GEOCODER_MIN_INTERVAL_SECONDS = 1.0  # Nominatim's usage policy: at most one request a second
MAX_CHOICES = 8  # "Did you mean" lists at most this many places
SAME_PLACE_MILES = 2.0  # one name's entries closer than this are one place (a ward and its centre)
# Most precise centre first, when one name is in the gazetteer more than once.
KIND_ORDER = [
    PlaceName.Kind.NEIGHBOURHOOD,
    PlaceName.Kind.LOCALITY,
    PlaceName.Kind.WARD,
    PlaceName.Kind.TOWN,
]
EXAMPLES = "S6 2LN or Hillsborough"
MAX_NAMES_FOR_SPELLING = 5000  # spelling suggestions compare every name: a council's worth


class PlaceNotFound(Exception):
    """We couldn't find that place; `message` is safe to show to the user."""

    def __init__(self, message: str = "", choices: list[str] | None = None):
        self.choices = choices or []  # places the person may have meant, as names to search
        message = message or (
            f"We couldn't find that place. Enter a postcode or place, like {EXAMPLES}."
        )
        super().__init__(message)
        self.message = message


class AmbiguousPlace(PlaceNotFound):
    """Several places match; `choices` are names that each resolve to one of them."""

    def __init__(self, text: str, choices: list[str]):
        super().__init__(
            f"More than one place matches ‘{text[:60]}’. Choose one, or enter a postcode, like S6 2LN.",
            choices,
        )


def unknown_place(text: str) -> PlaceNotFound:
    """The error for a name no one knows, with any gazetteer names spelt nearly the same."""
    return PlaceNotFound(
        f"We couldn't find ‘{text[:60]}’. Enter a postcode or place, like {EXAMPLES}.",
        similar_names(text),
    )


def similar_names(text: str) -> list[str]:
    """Gazetteer names spelt nearly like `text` ("Hilsborough" -> Hillsborough), if it is small."""
    key = normalise_place_name(text)
    if len(key) < MIN_PREFIX_LENGTH or PlaceName.objects.count() > MAX_NAMES_FOR_SPELLING:
        return []
    names = dict(PlaceName.objects.values_list("normalised", "name"))
    close = difflib.get_close_matches(key, names, n=3, cutoff=0.8)
    return [names[normalised] for normalised in close]


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
        """The ward and every area made of wards that covers it (LAC patches, PCNs…)."""
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
    found = find_place_name(text)
    if found is not None:
        return found
    return geocode_place(text)


def find_place_name(text: str) -> Place | None:
    """The gazetteer's place for a typed name, None if it has none, or AmbiguousPlace.

    An exact normalised name wins ("Hillsborough"); otherwise names with a word that starts
    with what was typed ("Crookes" and "Crosspool" both find "Crookes & Crosspool"). One
    name is used; several are choices. "Name, Area" (as the choices are written when one name
    is in two places) picks the entry in that area.
    """
    key = normalise_place_name(text)
    if not key:
        return None
    if "," in text:
        name, qualifier = text.rsplit(",", 1)
        found = _qualified(normalise_place_name(name), normalise_place_name(qualifier))
        if found is not None:
            return found
    exact = list(PlaceName.objects.filter(normalised=key).select_related("area"))
    if exact:
        return _one_place(exact, text)
    if len(key) < MIN_PREFIX_LENGTH:
        return None
    matches = list(
        PlaceName.objects.filter(Q(normalised__startswith=key) | Q(normalised__contains=" " + key))
        .select_related("area")
        .order_by("normalised")[: MAX_CHOICES * 4]
    )
    by_name: dict[str, list[PlaceName]] = {}
    for match in matches:
        by_name.setdefault(match.normalised, []).append(match)
    if len(by_name) == 1:
        return _one_place(matches, text)
    if not by_name:
        return None
    names = sorted(
        by_name.values(),
        key=lambda rows: (not rows[0].normalised.startswith(key), len(rows[0].name), rows[0].name),
    )
    raise AmbiguousPlace(text, [rows[0].name for rows in names[:MAX_CHOICES]])


def _area_label(place: PlaceName) -> str:
    return place.area.name if place.area else place.get_kind_display()


def _one_place(rows: list[PlaceName], text: str) -> Place:
    """One name's entries: the most precise if they are all one place, else AmbiguousPlace."""
    rows = sorted(rows, key=lambda row: KIND_ORDER.index(row.kind))
    best = rows[0]
    far = [
        row
        for row in rows
        if great_circle_miles(best.latitude, best.longitude, row.latitude, row.longitude)
        > SAME_PLACE_MILES
    ]
    if far:
        labels = sorted({f"{row.name}, {_area_label(row)}" for row in rows})
        raise AmbiguousPlace(text, labels[:MAX_CHOICES])
    return _as_place(best)


def _qualified(key: str, qualifier: str) -> Place | None:
    rows = [
        row
        for row in PlaceName.objects.filter(normalised=key).select_related("area")
        if normalise_place_name(_area_label(row)) == qualifier
    ]
    return _as_place(rows[0]) if len(rows) == 1 else None


def _as_place(row: PlaceName) -> Place:
    return Place(row.latitude, row.longitude, row.name, ward_code=row.area_code)


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
        raise unknown_place(text)
    if cached:
        return Place(**cached)
    geocoder = get_geocoder()
    if geocoder is None:
        raise unknown_place(text)
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
            "We couldn't look up that place just now. Enter a postcode instead, like S6 2LN."
        ) from error
    if found is None:
        cache.set(key, "not-found", GEOCODE_CACHE_SECONDS)
        raise unknown_place(text)
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

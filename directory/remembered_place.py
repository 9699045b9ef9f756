"""The visitor's remembered place: the last place they searched, kept in a signed cookie.

Contract: after a successful place search the search page (search.views) calls
`remember_search_place(request, response, place)`, which sets the PLACE_COOKIE_NAME cookie to
`{"latitude": float, "longitude": float, "label": str}`, signed (so it cannot be forged into
something else) and ending with the browser session, like the session cookie. Advice and
carers' pages read it with `last_search_place(request)` to show the nearest live listings.
Never a full address. A cookie rather than the session: searching gives no one a session, and
the server keeps nothing about where a visitor searched.
"""

import math

from django.conf import settings
from django.core import signing

from directory import signed_cookies

SALT = "signpost.last-search-place"


def last_search_place(request) -> dict | None:
    """The visitor's last searched place as {"latitude", "longitude", "label"}, or None."""
    stored = signed_cookies.read(request, settings.PLACE_COOKIE_NAME, SALT)
    if not isinstance(stored, dict):
        return None
    try:
        latitude = float(stored["latitude"])
        longitude = float(stored["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return {
        "latitude": latitude,
        "longitude": longitude,
        "label": str(stored.get("label", ""))[:60],
    }


def cookie_value(remembered: dict) -> str:
    """The signed cookie value for {"latitude", "longitude", "label"}."""
    return signing.dumps(remembered, salt=SALT)


def remember_search_place(request, response, place) -> None:
    """Set the cookie to a resolved `directory.geography.Place`, unless it holds it already."""
    remembered = {"latitude": place.latitude, "longitude": place.longitude, "label": place.label}
    if last_search_place(request) == {**remembered, "label": remembered["label"][:60]}:
        return
    response.set_cookie(
        settings.PLACE_COOKIE_NAME,
        cookie_value(remembered),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )

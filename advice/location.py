"""The visitor's last search location, kept in their session by the directory search.

Contract: the directory's search view stores `request.session["signpost_last_place"]` as
`{"latitude": float, "longitude": float, "label": str}` after a successful place search.
Advice and carers' pages read it to show the nearest live listings. Never a full address.
"""

import math

SESSION_KEY = "signpost_last_place"


def last_search_place(request) -> dict | None:
    """The visitor's last searched place as {"latitude", "longitude", "label"}, or None."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    stored = session.get(SESSION_KEY)
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


def remember_search_place(request, place) -> None:
    """Store a resolved `directory.geography.Place` as the visitor's last search location."""
    remembered = {"latitude": place.latitude, "longitude": place.longitude, "label": place.label}
    if request.session.get(SESSION_KEY) != remembered:  # no session write when nothing changed
        request.session[SESSION_KEY] = remembered

"""Ways out of a listing to other services: its websites and directions to its venues."""

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.conf import settings


@dataclass(frozen=True)
class Website:
    """A website to link to, named after whose it is ("Visit the … website")."""

    url: str
    name: str


def web_address(url) -> str:
    """The URL if it is an http(s) address with a host, else "" (never javascript:, ftp: …)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and host else ""


def websites_of(*owners) -> list[Website]:
    """Each owner's (a service's, its organisation's) website, once each, in order."""
    websites, seen = [], set()
    for owner in owners:
        url = web_address(owner.url) if owner is not None else ""
        key = url.rstrip("/").lower()
        if url and key not in seen:
            seen.add(key)
            websites.append(Website(url=url, name=owner.name))
    return websites


def directions_url(location) -> str:
    """A map service's directions to the venue (settings.DIRECTIONS_URL); "" if it has no place.

    Only the destination goes in: its coordinates, or its address when it has none. Never an
    origin: the visitor's location is theirs to give the map service, or not.
    """
    if location.latitude is not None and location.longitude is not None:
        destination = f"{location.latitude:.6f},{location.longitude:.6f}"
    elif location.postcode:
        destination = location.one_line_address
    else:
        return ""
    return settings.DIRECTIONS_URL.replace("{destination}", quote(destination, safe=","))

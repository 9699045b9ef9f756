"""The shortlist: services someone has saved, kept on their device in a signed cookie (no
account, no personal data, no server table of visitors).

Contract: `shortlist_ids(request)` reads the SHORTLIST_COOKIE_NAME cookie, a signed list of
service ids (32 hex digits each, most recently added last, at most MAX_ITEMS). Every change
(`add_to_shortlist`, `remove_from_shortlist`, `clear_shortlist`) takes the request and the
response it writes the new cookie on, and returns the new list of ids. The cookie lasts
SHORTLIST_COOKIE_AGE_DAYS (30) from the last change, across browser restarts, and is
HttpOnly, SameSite=Lax and Secure like the session cookie. A cookie that is older than that,
tampered with or truncated reads as an empty shortlist. The self-referral wizard reads the
shortlist through `shortlist_ids` to pre-fill "services already looked at".

Before the cookie, the shortlist lived in the session (key "shortlist", ended with the
browser): a visitor with no shortlist cookie still sees that list, and the first change moves
it into the cookie and drops it from the session.
"""

import uuid

from django.conf import settings
from django.core import signing

from directory import signed_cookies
from directory.models import Service

SALT = "signpost.shortlist"
LEGACY_SESSION_KEY = "shortlist"  # where the shortlist lived before the cookie
# A cookie holds 4 KB: 50 ids of 32 hex digits sign to about 2.4 KB (tests check it fits).
MAX_ITEMS = 50


def cookie_age_seconds() -> int:
    return settings.SHORTLIST_COOKIE_AGE_DAYS * 24 * 3600


def _valid(items) -> list[str]:
    """Canonical id strings (with dashes) from a stored list, dropping anything else."""
    if not isinstance(items, list):
        return []
    valid = []
    for item in items:
        try:
            value = str(uuid.UUID(str(item)))
        except ValueError:
            continue
        if value not in valid:
            valid.append(value)
    return valid[-MAX_ITEMS:]


def _from_cookie(request) -> list[str] | None:
    """The ids in the cookie, or None when there is no valid cookie."""
    stored = signed_cookies.read(
        request, settings.SHORTLIST_COOKIE_NAME, SALT, max_age=cookie_age_seconds()
    )
    return None if stored is None else _valid(stored)


def shortlist_ids(request) -> list[str]:
    """The ids on the visitor's shortlist, oldest first (as "xxxxxxxx-xxxx-…" strings)."""
    from_cookie = _from_cookie(request)
    if from_cookie is not None:
        return from_cookie
    session = getattr(request, "session", None)
    if session is not None and LEGACY_SESSION_KEY in session:
        return _valid(session.get(LEGACY_SESSION_KEY))
    return []


def cookie_value(ids: list[str]) -> str:
    """The signed cookie value for a list of ids (stored without dashes, to stay small)."""
    return signing.dumps([uuid.UUID(item).hex for item in _valid(ids)], salt=SALT)


def _save(request, response, ids: list[str]) -> list[str]:
    ids = _valid(ids)
    session = getattr(request, "session", None)
    if session is not None and LEGACY_SESSION_KEY in session:
        del session[LEGACY_SESSION_KEY]  # moved into the cookie
    name = settings.SHORTLIST_COOKIE_NAME
    if not ids:
        response.delete_cookie(name, samesite="Lax")
        return ids
    response.set_cookie(
        name,
        cookie_value(ids),
        max_age=cookie_age_seconds(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return ids


def add_to_shortlist(request, response, service_id) -> list[str]:
    ids = [item for item in shortlist_ids(request) if item != str(service_id)]
    return _save(request, response, [*ids, str(service_id)][-MAX_ITEMS:])


def remove_from_shortlist(request, response, service_id) -> list[str]:
    ids = [item for item in shortlist_ids(request) if item != str(service_id)]
    return _save(request, response, ids)


def clear_shortlist(request, response) -> list[str]:
    """ "Remove all": the cookie is deleted (and any old session shortlist with it)."""
    return _save(request, response, [])


def shortlisted_services(request):
    """The live services on the shortlist, in the order they were added."""
    ids = shortlist_ids(request)
    by_id = {
        str(service.id): service
        for service in Service.objects.live()
        .filter(id__in=ids)
        .select_related("organisation")
        .prefetch_related("service_at_locations__location", "schedules", "phones")
    }
    return [by_id[item] for item in ids if item in by_id]

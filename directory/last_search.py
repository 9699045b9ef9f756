"""The visitor's last search, for the "Back to results" link on a listing: a signed cookie.

Contract: the search page (search.views) calls `remember_search(request, response)` on every
search; it keeps that search's query string (the words, place, filters and page) in the
LAST_SEARCH_COOKIE_NAME cookie, signed, HttpOnly and ending with the browser session, like
the remembered place (directory.remembered_place). A listing page asks `back_to_results_url`
for the search to go back to, or None.

Why a cookie: searching gives no one a session, the server keeps nothing about what a visitor
searched, and nothing goes into the listing's address (which analytics and logs see) or
depends on the Referer header (which browsers and privacy settings drop). The query string
holds what the visitor typed, place included; it stays on their device, as the same search
address does in their browser's history.
"""

from django.conf import settings
from django.core import signing
from django.http import QueryDict
from django.urls import reverse

from directory import signed_cookies

SALT = "signpost.last-search"
MAX_QUERY_CHARS = 1000  # longer ones are not kept (a cookie holds 4 KB; a real search is short)


def _stored(request) -> str | None:
    stored = signed_cookies.read(request, settings.LAST_SEARCH_COOKIE_NAME, SALT)
    return stored if isinstance(stored, str) and len(stored) <= MAX_QUERY_CHARS else None


def back_to_results_url(request) -> str | None:
    """The search page with the visitor's last search ("/services/?q=…"), or None."""
    stored = _stored(request)
    if not stored:
        return None
    query = QueryDict(stored).urlencode()  # rebuilt, so only ever a query on the search page
    return f"{reverse('search:service_search')}?{query}" if query else None


def remember_search(request, response) -> None:
    """Keep this search's query string for "Back to results" (a plain /services/ forgets it)."""
    query = request.GET.urlencode()
    name = settings.LAST_SEARCH_COOKIE_NAME
    if not query or len(query) > MAX_QUERY_CHARS:
        if name in request.COOKIES:
            response.delete_cookie(name, samesite="Lax")
        return
    if _stored(request) == query:
        return
    response.set_cookie(
        name,
        signing.dumps(query, salt=SALT),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )

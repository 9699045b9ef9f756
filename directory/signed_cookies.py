"""Small facts kept on the visitor's device in signed cookies (the last search, the last
place searched), never in a server table: one way to read them back."""

from django.conf import settings
from django.core import signing


def read(request, cookie_name: str, salt: str, max_age: int | None = None):
    """The value signed into `cookie_name`, or None when it is missing, expired (older than
    `max_age` seconds, by default SESSION_COOKIE_AGE), truncated or tampered with."""
    value = request.COOKIES.get(cookie_name) if request is not None else None
    if not value:
        return None
    try:
        return signing.loads(value, salt=salt, max_age=max_age or settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:  # also an expired, truncated or tampered cookie
        return None

"""A fixed-window rate limit per client, kept in the Django cache (Redis in production).

The client is identified by a keyed hash of its address; addresses are never stored.
`REFERRAL_RATE_LIMIT` is "N/s", "N/m", "N/h" or "N/d" (e.g. "10/h"), or "off".
"""

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    period_seconds: int


def parse_rate(text: str) -> Rate | None:
    """ "10/h" -> Rate(10, 3600); "off" (or empty) -> None."""
    text = (text or "").strip().lower()
    if text in {"", "off", "none", "0"}:
        return None
    try:
        count, period = text.split("/")
        rate = Rate(int(count), PERIODS[period.strip()])
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f'REFERRAL_RATE_LIMIT must look like "10/h" or be "off", not {text!r}'
        ) from error
    if rate.limit < 1:
        raise ImproperlyConfigured("REFERRAL_RATE_LIMIT needs a positive count.")
    return rate


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:24]


def hit(request, scope: str = "referral", rate_text: str | None = None) -> bool:
    """Count one attempt for this client; True if it is within the limit."""
    rate = parse_rate(settings.REFERRAL_RATE_LIMIT if rate_text is None else rate_text)
    if rate is None:
        return True
    window = int(time.time() // rate.period_seconds)
    key = f"ratelimit:{scope}:{client_key(request)}:{window}"
    if cache.add(key, 1, timeout=rate.period_seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=rate.period_seconds + 1)
            count = 1
    return count <= rate.limit

"""A fixed-window rate limit per client, kept in the Django cache (Redis in production).

Used by the public forms (self-referral, suggest a change). The client is identified by a
keyed hash of its address; addresses are never stored. Behind TRUSTED_PROXY_COUNT proxies
the client's address is read from X-Forwarded-For, as allauth does for sign-in limits.
A rate is "N/s", "N/m", "N/h" or "N/d" (e.g. "10/h"), or "off".
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


def parse_rate(text: str, setting: str = "REFERRAL_RATE_LIMIT") -> Rate | None:
    """ "10/h" -> Rate(10, 3600); "off" (or empty) -> None; anything else is a config error."""
    text = (text or "").strip().lower()
    if text in {"", "off", "none", "0"}:
        return None
    try:
        count, period = text.split("/")
        rate = Rate(int(count), PERIODS[period.strip()])
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f'{setting} must look like "10/h" or be "off", not {text!r}'
        ) from error
    if rate.limit < 1:
        raise ImproperlyConfigured(f"{setting} needs a positive count.")
    return rate


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the right X-Forwarded-For entry behind proxies."""
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request) -> str:
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:24]


def hit(request, scope: str, setting: str) -> bool:
    """Count one attempt for this client in `scope`; True while within the rate named by
    the setting `setting` (e.g. "REFERRAL_RATE_LIMIT")."""
    rate = parse_rate(getattr(settings, setting), setting)
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

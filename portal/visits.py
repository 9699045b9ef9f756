"""One anonymous key for one visit on one day, shared by every record of what a visitor did
(searches, clicks, a referral sent), so "searched, then asked for help" can be counted.

No cookie: the key is a keyed hash of the client's address and browser name with a key
derived from SECRET_KEY that changes every day, so the same visitor on two days is two
visits, and neither the address nor the browser is ever stored. Several people behind one
address with the same browser count as one visit: a known, small over-merge in counts that
are only ever shown in aggregate.
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from portal.ratelimit import client_address


def _daily_key(day: datetime.date) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"visit:{day.isoformat()}".encode(), hashlib.sha256
    ).digest()


def visit_key(request, day: datetime.date | None = None) -> str:
    """16 hex digits naming this visitor's visit today; "" without a request."""
    meta = getattr(request, "META", None)
    if meta is None:
        return ""
    visitor = f"{client_address(request)}|{meta.get('HTTP_USER_AGENT', '')[:200]}"
    day = day or timezone.localdate()
    return hmac.new(_daily_key(day), visitor.encode(), hashlib.sha256).hexdigest()[:16]

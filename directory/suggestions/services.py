"""Recording public suggestions, limiting how often, and handling them in the admin."""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from directory.models import ChangeSuggestion

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int] | None:
    """ "5/h" -> (5, 3600); "off" (or anything unreadable) -> None."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*([smhd])\s*", rate or "")
    if not match:
        return None
    return int(match.group(1)), PERIODS[match.group(2)]


def within_rate_limit(remote_addr: str) -> bool:
    """Count a submission from this address; False once it is over the limit.

    Only a keyed hash of the address is stored, in the cache, for one period.
    """
    limit = parse_rate(getattr(settings, "SUGGESTION_RATE_LIMIT", "5/h"))
    if limit is None:
        return True
    count, seconds = limit
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{remote_addr}".encode()).hexdigest()[:32]
    key = f"suggestion-rate:{digest}"
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    return used <= count


def record_change(service, cleaned_data: dict) -> ChangeSuggestion:
    return ChangeSuggestion.objects.create(
        service=service,
        kind=ChangeSuggestion.Kind.CHANGE,
        details=cleaned_data["details"],
        contact_email=cleaned_data.get("contact_email", ""),
    )


def record_new_service(cleaned_data: dict) -> ChangeSuggestion:
    return ChangeSuggestion.objects.create(
        kind=ChangeSuggestion.Kind.NEW,
        details=cleaned_data["details"],
        suggested_fields={"name": cleaned_data["name"]},
        contact_email=cleaned_data.get("contact_email", ""),
    )


def mark_handled(suggestion: ChangeSuggestion, status: str, user) -> None:
    suggestion.status = status
    suggestion.handled_by = user
    suggestion.handled_at = timezone.now()
    suggestion.save(update_fields=["status", "handled_by", "handled_at"])

"""/healthz check for the referral outbox: unhealthy when messages are dead-lettered or the
backlog is old (process_outbox not running)."""

import logging
from datetime import timedelta

from django.utils import timezone

from referrals.models import OutboxMessage

logger = logging.getLogger(__name__)
STALE_AFTER = timedelta(hours=1)


def check_outbox() -> tuple[bool, str]:
    try:
        pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        dead = OutboxMessage.objects.filter(status=OutboxMessage.Status.DEAD).count()
        stale = pending.filter(created_at__lt=timezone.now() - STALE_AFTER).exists()
        backlog = pending.count()
    except Exception as error:  # reported as unhealthy, never raised
        logger.warning("Health check: outbox unavailable: %s", type(error).__name__)
        return False, "unavailable"
    ok = dead == 0 and not stale
    return ok, f"{backlog} pending, {dead} dead" + (", backlog stale" if stale else "")

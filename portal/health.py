"""Health checks: each returns (ok, detail) and never raises.

`/healthz` (liveness, for a load balancer) runs settings.LIVENESS_CHECKS and answers 503 only
when one fails; the staff status page (`/admin/status/`) runs settings.STATUS_CHECKS, which
apps extend with their own dotted paths (outbox, search backend), and never answers 503.
"""

import logging

from django.core.cache import caches
from django.db import connection
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def check_database() -> tuple[bool, str]:
    """Run a trivial query on the default database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "unhealthy", reported not raised
        logger.warning("Health check: database unavailable: %s", type(error).__name__)
        return False, "unavailable"
    return True, "ok"


def check_cache() -> tuple[bool, str]:
    """Whether the shared cache (Redis in production) answers. Redis down is "degraded", not
    a failure: portal.cache.FallbackRedisCache serves from local memory meanwhile."""
    backend = caches["default"]
    try:
        backend.get("portal:health-probe")
    except Exception as error:  # noqa: BLE001 (a health check reports, never raises)
        logger.warning("Health check: cache unavailable: %s", type(error).__name__)
        return False, "unavailable"
    if getattr(backend, "degraded", False):
        return True, "degraded: Redis unavailable, using local memory (rate limits per process)"
    return True, type(backend).__name__


def run_checks(checks: dict[str, str]) -> dict[str, dict]:
    """{name: {"ok": bool, "detail": str}} for each dotted check path."""
    results = {}
    for name, dotted_path in checks.items():
        ok, detail = import_string(dotted_path)()
        results[name] = {"ok": ok, "detail": detail}
        if not ok:
            logger.warning("Health check failed: %s: %s", name, detail)  # alert on this line
    return results

"""Health checks: each returns (ok, detail) and never raises.

`/healthz` (liveness, for a load balancer) runs settings.LIVENESS_CHECKS and answers 503 only
when one fails; the staff status page (`/admin/status/`) runs settings.STATUS_CHECKS, which
apps extend with their own dotted paths (outbox, search backend), and never answers 503.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection, transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# How long the write probe may wait for a lock: /healthz must answer well inside a load
# balancer's timeout even while another process holds the database's write lock.
WRITE_PROBE_TIMEOUT_MS = 1000


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


def check_database_writable() -> tuple[bool, str]:
    """Whether the default database takes a write now (within WRITE_PROBE_TIMEOUT_MS).

    The probe updates no row of the session table (where every form step writes: `WHERE
    session_key = ''`, which never exists) in a transaction that is rolled back, so nothing
    is written and no row is locked. It still needs what a real write needs: on SQLite the
    file's write lock (held by another process, it fails after the short busy timeout set
    here); on PostgreSQL a database that is not read-only (a standby after a failover
    refuses it), within a short lock and statement timeout (SET LOCAL, undone with the
    transaction)."""
    table = connection.ops.quote_name(Session._meta.db_table)
    try:
        with _sqlite_busy_timeout(WRITE_PROBE_TIMEOUT_MS), transaction.atomic():
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(f"SET LOCAL lock_timeout = {WRITE_PROBE_TIMEOUT_MS}")
                    cursor.execute(f"SET LOCAL statement_timeout = {WRITE_PROBE_TIMEOUT_MS * 2}")
                cursor.execute(
                    f"UPDATE {table} SET expire_date = expire_date WHERE session_key = %s",  # noqa: S608 - a quoted table name, no input
                    [""],
                )
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 (a health check reports, never raises)
        logger.warning("Health check: database cannot write: %s", type(error).__name__)
        return False, "cannot write"
    return True, "ok"


@contextmanager
def _sqlite_busy_timeout(milliseconds: int):
    """On SQLite, wait at most this long for a lock inside the block (the connection's own
    busy timeout, DATABASES OPTIONS "timeout", is restored afterwards)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {previous}")


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


def check_redis() -> tuple[bool, str]:
    """Whether Redis (REDIS_URL: the shared cache, rate limits, the sessions' copy) answers a
    PING now, asked directly rather than through the cache's local-memory stand-in.

    On the status page only, never in LIVENESS_CHECKS: every app server shares the one Redis,
    so failing /healthz on it would take them all out of the load balancer at once, while
    each can still serve (cache from local memory, rate limits per process, sessions from the
    database)."""
    if not settings.REDIS_URL:
        return True, "not configured (cache in each process, sessions in the database)"
    backend = caches["default"]
    try:
        backend.client.get_client(write=False).ping()
    except Exception as error:  # noqa: BLE001 (a health check reports, never raises)
        logger.warning("Health check: Redis unavailable: %s", type(error).__name__)
        return False, "unavailable: cache from local memory, sessions from the database"
    return True, "ok"


def run_checks(checks: dict[str, str]) -> dict[str, dict]:
    """{name: {"ok": bool, "detail": str}} for each dotted check path."""
    results = {}
    for name, dotted_path in checks.items():
        ok, detail = import_string(dotted_path)()
        results[name] = {"ok": ok, "detail": detail}
        if not ok:
            logger.warning("Health check failed: %s: %s", name, detail)  # alert on this line
    return results

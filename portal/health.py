"""Health checks for /healthz: each returns (ok, detail) and never raises.

Other apps add checks by listing a dotted path in settings.HEALTH_CHECKS.
"""

import logging

from django.db import connection

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

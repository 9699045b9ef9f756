"""Health check for /healthz: is the configured search backend answering?"""

import logging

from search.backends import BackendUnavailable, get_backend
from search.query import ServiceQuery

logger = logging.getLogger(__name__)


def check_search_backend() -> tuple[bool, str]:
    """(ok, detail). Elasticsearch being down is "degraded" (the database answers), not a failure."""
    backend = get_backend()
    try:
        backend.search(ServiceQuery(text="health", per_page=1))
    except BackendUnavailable:
        return True, f"{backend.name} unavailable, using database"
    except Exception as error:  # noqa: BLE001 (a health check reports, never raises)
        logger.warning("Health check: search failed: %s", type(error).__name__)
        return False, "unavailable"
    return True, backend.name

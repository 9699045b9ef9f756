"""Django's cache for the results page's shared parts, never failing the page.

The cache is Redis when REDIS_URL is set (portal.cache.FallbackRedisCache answers from local
memory while Redis is down), else this process's memory. Whatever else is behind it, a cache
that raises only costs the work it would have saved: a warning is logged and the page is built
as if nothing were cached.
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def cache_get(key: str):
    """The cached value, or None (missing, or the cache failed)."""
    try:
        return cache.get(key)
    except Exception as error:  # noqa: BLE001 (a cache that fails must not fail the page)
        logger.warning("Search page cache unavailable: %s", type(error).__name__)
        return None


def cache_set(key: str, value, timeout: int | None) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception as error:  # noqa: BLE001
        logger.warning("Search page cache unavailable: %s", type(error).__name__)


def cache_add(key: str, value, timeout: int | None) -> None:
    try:
        cache.add(key, value, timeout)
    except Exception as error:  # noqa: BLE001
        logger.warning("Search page cache unavailable: %s", type(error).__name__)

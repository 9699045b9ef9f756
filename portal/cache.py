"""A Redis cache that degrades to this process's memory while Redis cannot answer.

The cache holds nothing that cannot be rebuilt (the Wagtail site and site settings, geocoder
answers, rate-limit counters), so a Redis outage must never break a page (SECURITY.md, fault
drills). On the first failed call the cache logs one warning and serves from a local-memory
cache for RETRY_AFTER seconds, then tries Redis again; recovery is logged once too. While it
is degraded, rate limits count per process (looser, never off) and `/admin/status/` says so.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 30.0  # seconds of local memory before Redis is tried again
FAILURES = (ConnectionInterrupted, RedisError, OSError)


class FallbackRedisCache(RedisCache):
    """django-redis's RedisCache, with local memory standing in while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.fallback = LocMemCache(f"redis-fallback-{id(self)}", {"OPTIONS": {}})
        self.down_until = 0.0  # time.monotonic() until which Redis is not tried

    @property
    def degraded(self) -> bool:
        return time.monotonic() < self.down_until

    def _call(self, name: str, *args, **kwargs):
        if self.degraded:
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except FAILURES as error:
            if not self.down_until:
                logger.warning(
                    "Cache: Redis unavailable (%s); using local memory, retrying every %ss",
                    type(error).__name__,
                    int(RETRY_AFTER),
                )
            self.down_until = time.monotonic() + RETRY_AFTER
            return getattr(self.fallback, name)(*args, **kwargs)
        if self.down_until:
            logger.warning("Cache: Redis is answering again")
            self.down_until = 0.0
        return result

    # The cache API, each call to Redis or, while it is down, to local memory.

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._call("decr", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._call("clear", *args, **kwargs)

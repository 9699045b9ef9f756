"""A Redis cache that degrades to this process's memory while Redis cannot answer.

The cache holds nothing that cannot be rebuilt (the Wagtail site and site settings, geocoder
answers, rate-limit counters), so a Redis outage must never break a page (SECURITY.md, fault
drills). On the first failed call the cache logs one warning and serves from a local-memory
cache for RETRY_AFTER seconds, then tries Redis again; recovery is logged once too. While it
is degraded, rate limits count per process (looser, never off) and `/admin/status/` says so.
"""

import logging
import time

from django.core.cache.backends.dummy import DummyCache
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
        self.fallback = self.make_fallback()
        self.down_until = 0.0  # time.monotonic() until which Redis is not tried

    def make_fallback(self):
        """What answers while Redis cannot: this process's memory."""
        return LocMemCache(f"redis-fallback-{id(self)}", {"OPTIONS": {}})

    def recovered(self) -> None:
        """Called before the first call to Redis after an outage (raising one of FAILURES
        means Redis is still down)."""

    @property
    def degraded(self) -> bool:
        return time.monotonic() < self.down_until

    def _call(self, name: str, *args, **kwargs):
        if self.degraded:
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            if self.down_until:  # the first call after an outage
                self.recovered()
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


class SessionRedisCache(FallbackRedisCache):
    """The copy of the sessions in Redis (SESSION_ENGINE cached_db: the database has the truth).

    While Redis is down it misses instead of serving from local memory: another app server's
    request may have changed the session since this process last saw it, so the database is
    read. Sessions saved meanwhile reached the database only, so the copies in Redis may be
    stale: when Redis answers again they are all dropped, and each is read from the database
    once more. (Left: a server that still cannot reach Redis while another already can saves
    to the database only for up to RETRY_AFTER seconds; it drops the copies when it
    recovers.)"""

    def make_fallback(self):
        return DummyCache("redis-sessions-down", {})

    def recovered(self) -> None:
        super().delete_pattern("*")  # before anything is read from Redis again

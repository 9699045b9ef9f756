"""Fault drill: Redis is stopped (nothing listens on its port). Pages, /healthz and rate limits
keep working from local memory; the outage is logged once, not on every request.

CI has no Redis server, so a closed port on the loopback stands in for a stopped one; with
REDIS_URL set (production settings) the same cache class talks to a real Redis.
"""

import logging
import socket

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from portal import ratelimit
from portal.cache import FallbackRedisCache


def closed_port() -> int:
    """A loopback port with nothing listening (bound then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stopped_redis() -> dict:
    return {
        "BACKEND": "portal.cache.FallbackRedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": stopped_redis()}
    yield caches["default"]


def test_the_cache_serves_from_memory_and_logs_the_outage_once(caplog):
    cache = FallbackRedisCache(stopped_redis()["LOCATION"], stopped_redis())
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        cache.set("answer", 42)
        assert cache.get("answer") == 42
        assert cache.add("counter", 1) and cache.incr("counter") == 2
        cache.delete("answer")
        assert cache.get("answer") is None
    assert cache.degraded
    assert [record.getMessage() for record in caplog.records] == [
        "Cache: Redis unavailable (ConnectionError); using local memory, retrying every 30s"
    ]


def test_redis_is_tried_again_after_the_pause(monkeypatch):
    cache = FallbackRedisCache(stopped_redis()["LOCATION"], stopped_redis())
    cache.set("key", "value")
    assert cache.degraded
    monkeypatch.setattr(cache, "down_until", 1.0)  # the pause is over
    assert not cache.degraded
    assert cache.get("key") == "value"  # Redis tried (still down), then local memory again
    assert cache.degraded and cache.down_until > 1.0


@pytest.mark.django_db
def test_pages_and_healthz_answer_with_redis_stopped(client, redis_down):
    assert isinstance(redis_down, FallbackRedisCache)
    for path in ("/", "/services/?q=lunch", "/healthz", "/self-referral/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
    assert redis_down.degraded


def test_rate_limits_still_count_with_redis_stopped(settings, redis_down):
    settings.SUGGESTION_RATE_LIMIT = "3/h"
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    allowed = [ratelimit.hit(request, "suggestion", "SUGGESTION_RATE_LIMIT") for _ in range(5)]
    assert allowed == [True, True, True, False, False]

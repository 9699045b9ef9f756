"""Caches and sessions with REDIS_URL set (sessions `cached_db`: the database is the truth),
and the status page's Redis check, which never fails liveness."""

import json

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import caches

from portal import health
from portal.settings.env import cache_settings
from tests.live_server import TEST_REDIS_URL, redis_reachable
from tests.robustness.test_redis_down import closed_port

needs_redis = pytest.mark.skipif(
    not redis_reachable(), reason=f"no Redis answering at {TEST_REDIS_URL}"
)


def test_without_redis_the_cache_is_local_and_sessions_are_in_the_database():
    chosen = cache_settings("")
    assert chosen["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert chosen["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


def test_with_redis_sessions_are_kept_in_the_database_with_a_copy_in_redis():
    chosen = cache_settings("redis://cache.internal:6379/2")
    assert chosen["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert chosen["SESSION_CACHE_ALIAS"] == "sessions"
    assert chosen["CACHES"]["default"]["BACKEND"] == "portal.cache.FallbackRedisCache"
    assert chosen["CACHES"]["sessions"]["BACKEND"] == "portal.cache.SessionRedisCache"
    assert {cache["LOCATION"] for cache in chosen["CACHES"].values()} == {
        "redis://cache.internal:6379/2"
    }


def test_redis_not_configured_is_reported_not_failed(settings):
    settings.REDIS_URL = ""
    assert health.check_redis() == (
        True,
        "not configured (cache in each process, sessions in the database)",
    )


def with_redis_at(settings, url: str) -> None:
    settings.REDIS_URL = url
    chosen = cache_settings(url)
    for cache in chosen["CACHES"].values():
        cache["OPTIONS"] = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
    settings.CACHES = chosen["CACHES"]
    settings.SESSION_ENGINE = chosen["SESSION_ENGINE"]
    settings.SESSION_CACHE_ALIAS = chosen["SESSION_CACHE_ALIAS"]


@pytest.mark.django_db
def test_redis_down_shows_on_the_status_checks_but_not_on_healthz(client, settings):
    with_redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")
    ok, detail = health.check_redis()
    assert not ok and detail.startswith("unavailable")
    assert "redis" in settings.STATUS_CHECKS and "redis" not in settings.LIVENESS_CHECKS
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert "redis" not in json.loads(response.content)["checks"]


@pytest.mark.django_db
def test_with_redis_down_a_session_is_read_from_the_database_never_from_memory(settings):
    with_redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")
    session = SessionStore()
    session["wizard"] = {"step": "about-you"}
    session.save()
    assert caches["sessions"].degraded
    assert caches["sessions"].get(session.cache_key) is None  # no copy in this process
    # Another server changes it meanwhile (in the database: Redis is down for it too).
    other = SessionStore(session.session_key)
    other["wizard"] = {"step": "check-answers"}
    other.save()
    assert SessionStore(session.session_key)["wizard"] == {"step": "check-answers"}


@needs_redis
@pytest.mark.django_db
def test_redis_answering_is_ok_and_sessions_get_a_copy_there(settings):
    with_redis_at(settings, TEST_REDIS_URL)
    assert health.check_redis() == (True, "ok")
    session = SessionStore()
    session["wizard"] = {"step": "about-you"}
    session.save()
    assert caches["sessions"].get(session.cache_key) == {"wizard": {"step": "about-you"}}
    assert SessionStore(session.session_key)["wizard"] == {"step": "about-you"}


@needs_redis
@pytest.mark.django_db
def test_copies_written_before_an_outage_are_dropped_when_redis_answers_again(settings):
    with_redis_at(settings, TEST_REDIS_URL)
    session = SessionStore()
    session["wizard"] = {"step": "about-you"}
    session.save()
    sessions = caches["sessions"]
    sessions.down_until = 1e12  # Redis unreachable from here: saved to the database only
    later = SessionStore(session.session_key)
    later["wizard"] = {"step": "check-answers"}
    later.save()
    sessions.down_until = 1.0  # the pause is over and Redis answers again
    assert SessionStore(session.session_key)["wizard"] == {"step": "check-answers"}
    assert not sessions.degraded

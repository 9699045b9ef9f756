"""Typed readers for configuration from environment variables.

Every setting that differs between machines comes through here, so `.env.example`
can list them all and production can refuse to start without the unsafe ones.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """The variable as text, or `default` when unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """The variable as a boolean; anything but a recognised word is a configuration error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    """The variable as a whole number."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from error


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated variable as a list of non-empty, stripped items."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def image_sources_for_tiles(url_template: str) -> list[str]:
    """The Content-Security-Policy image source a map tile URL template needs.

    `https://tile.openstreetmap.org/{z}/{x}/{y}.png` -> ["https://tile.openstreetmap.org"];
    `https://{s}.tiles.example/{z}/{x}/{y}.png` -> ["https://*.tiles.example"] (Leaflet's
    subdomains); a same-site path ("/tiles/{z}/{x}/{y}.png") or no URL (maps off) -> [], since
    'self' already covers the one and the other needs nothing. One setting, so the policy and
    the map cannot drift apart.
    """
    if not url_template:
        return []
    parts = urlsplit(url_template)
    if not parts.scheme and not parts.netloc:
        return []
    host = parts.netloc.replace("{s}", "*")
    if parts.scheme not in {"https", "http"} or not host or "{" in host or "@" in host:
        raise ImproperlyConfigured(
            "MAP_TILE_URL must be an https:// address like "
            f"https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png, not {url_template!r}"
        )
    return [f"{parts.scheme}://{host}"]


def email_settings(url: str) -> dict:
    """Django email settings from an `EMAIL_URL`.

    `console://` prints mail (development), `locmem://` keeps it in memory (tests),
    `file:///some/folder` writes it to files there (drills counting mail across processes),
    `smtp://user:pass@host:587` or `smtps://…:465` sends through a mail server
    (`?timeout=10` is honoured; a timeout is always set).
    """
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "submission": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {parts.scheme!r} is not one of {sorted(backends)}"
        )
    query = parse_qs(parts.query)
    settings = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme == "file":
        settings["EMAIL_FILE_PATH"] = unquote(parts.path)
    if backends[parts.scheme].endswith("smtp.EmailBackend"):
        settings.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 587),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=parts.scheme in {"smtp", "submission"} and "notls" not in query,
            EMAIL_TIMEOUT=int(query.get("timeout", ["10"])[0]),
        )
    return settings


def cache_settings(redis_url: str) -> dict:
    """The cache and session settings: Redis when `redis_url` is set, else this process's memory.

    With Redis every app server shares the cache (rate limits count once across them all,
    geocoder answers and the Wagtail site are looked up once). Sessions are `cached_db`:
    the database holds the truth and Redis a copy, read first. A session holds a referral's
    half-filled answers, so it must never live in Redis alone (a Redis restart or eviction
    would lose them) nor in one process's memory (the next request may reach another server):
    the "sessions" cache (portal.cache.SessionRedisCache) has no local-memory stand-in and
    misses while Redis is down, so every session is read from the database meanwhile, and it
    drops its copies when Redis comes back (any written during the outage are stale).
    Without Redis, one process's memory and plain database sessions (as `make run`, tests).
    """
    if not redis_url:
        return {
            "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            "SESSION_ENGINE": "django.contrib.sessions.backends.db",
        }
    redis = {
        "LOCATION": redis_url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
    }
    return {
        "CACHES": {
            # Redis, with local memory standing in while Redis is down (portal/cache.py).
            "default": {
                "BACKEND": "portal.cache.FallbackRedisCache",
                "KEY_PREFIX": "signpost",
                **redis,
            },
            "sessions": {
                "BACKEND": "portal.cache.SessionRedisCache",
                "KEY_PREFIX": "signpost-sessions",
                **redis,
            },
        },
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "SESSION_CACHE_ALIAS": "sessions",
    }

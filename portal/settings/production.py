"""Production: refuses to start unsafe, secure cookies and headers, JSON logs.

Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_NAME (usually
`HTTP_X_FORWARDED_PROTO`) so Django knows the original request was HTTPS, and
TRUSTED_PROXY_COUNT (usually 1) so rate limits see the client's address, not the
proxy's. Only do so when the proxy overwrites those headers: a client could otherwise
forge them. Set REDIS_URL so rate limits are shared by every worker.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import *  # noqa: F403
from portal.settings.env import env_bool, env_int, env_str

DEBUG = False

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-")):  # noqa: F405
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
if not ALLOWED_HOSTS or ALLOWED_HOSTS == ["*"]:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must list this site's host names in production.")
if "ALLOWED_HOSTS" not in os.environ:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment in production.")

# Keep database connections open between requests (opening one costs a PostgreSQL backend
# a fork and a few milliseconds); health checks drop broken ones. 0 closes after each request.
if "DATABASE_CONN_MAX_AGE" not in os.environ:
    DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER_NAME")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")
    if ALLAUTH_TRUSTED_PROXY_COUNT < 1:  # noqa: F405
        # Every request would come from the proxy's address: one rate limit for everybody,
        # and one visitor's failed sign-ins would lock out staff everywhere.
        raise ImproperlyConfigured(
            "Behind a proxy (SECURE_PROXY_SSL_HEADER_NAME is set) TRUSTED_PROXY_COUNT must say "
            "how many proxies append to X-Forwarded-For (usually 1): see docs/operations.md."
        )
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# "__Host-" cookies are only accepted over HTTPS, for this host, on path "/".
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
PLACE_COOKIE_NAME = "__Host-place"
LAST_SEARCH_COOKIE_NAME = "__Host-search"
SHORTLIST_COOKIE_NAME = "__Host-shortlist"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt in to SAMEORIGIN themselves

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One JSON object per line, with the request id, after personal data has been scrubbed.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_FILTERS,  # noqa: F405
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": list(LOG_FILTERS),  # noqa: F405
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},  # noqa: F405
    "loggers": LOGGING["loggers"],  # noqa: F405
}

if not FIELD_ENCRYPTION_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEY must be set in production (referrals are encrypted at rest)."
    )

# GOV.UK Notify: without an API key "Send this list to yourself" is switched off; a console
# backend would tell visitors their list was sent when nothing was.
if "NOTIFY_BACKEND" not in os.environ and not NOTIFY_API_KEY:  # noqa: F405
    NOTIFY_BACKEND = ""
if NOTIFY_BACKEND in {"portal.notify.ConsoleBackend", "portal.notify.LocmemBackend"}:  # noqa: F405
    raise ImproperlyConfigured(
        "NOTIFY_BACKEND cannot be the console backend in production: set NOTIFY_API_KEY, or "
        "leave NOTIFY_BACKEND empty to switch sending off."
    )
# A Notify key is "name-<service id>-<secret>": two UUIDs after the key's name.
if NOTIFY_BACKEND and len(NOTIFY_API_KEY) < 74:  # noqa: F405
    raise ImproperlyConfigured(
        "NOTIFY_BACKEND is set: NOTIFY_API_KEY must be a whole GOV.UK Notify API key."
    )

if not STAFF_MFA_REQUIRED:  # noqa: F405
    raise ImproperlyConfigured(
        "STAFF_MFA_REQUIRED cannot be turned off in production (staff see personal data)."
    )

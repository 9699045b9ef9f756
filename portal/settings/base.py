"""Settings shared by every environment. Values that differ between machines come from
environment variables (see `.env.example`); `dev.py`, `test.py` and `production.py` adjust."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE

from portal.settings.env import (
    cache_settings,
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    image_sources_for_tiles,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Signpost
    "portal",
    "directory",
    "analytics",
    "search",
    "advice",
    "coordination",
    "carers",
    "checks",
    "referrals",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.users_app.SignpostUsersAppConfig",  # wagtail.users, role groups protected
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "formtools",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "portal.middleware.SignpostCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.RetryingSessionMiddleware",
    "portal.middleware.NoStoreForPersonalPagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.sitecache.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.StaffIdleTimeoutMiddleware",
    "portal.middleware.StaffMFARequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# Default: SQLite in the project folder, WAL mode, a busy timeout and IMMEDIATE transactions,
# so concurrent writers wait for each other instead of failing with "database is locked".
# The busy timeout is short (5 s): the site's writes take milliseconds, so a lock held longer
# is another process (a backup, an import) and the person is better off with the "try again,
# your answers are kept" page at once than with a page that hangs for 20 s (issue #19).
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY;"
        "PRAGMA mmap_size=268435456;"
        "PRAGMA cache_size=-65536;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": env_int("DATABASE_BUSY_TIMEOUT", 5),
}
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,  # a kept connection the database dropped is reopened
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
else:
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions (rate limits, geocoder results, wizard state) -----------------------
# REDIS_URL set: a cache shared by every app server and process, sessions in the database with
# a copy in Redis (portal.settings.env.cache_settings says why). Unset: one process's memory
# and sessions in the database (development, one small server).
REDIS_URL = env_str("REDIS_URL")
globals().update(cache_settings(REDIS_URL))

# --- Auth ---------------------------------------------------------------------------------
# Staff sign in through allauth (email + password, then TOTP for roles that see referrals).
# Roles and their permissions: portal/roles.py. Security controls: SECURITY.md.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/admin/"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's reset, rate limited, is the only one
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # change password through allauth too
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # never send staff email hashes to a third party
ACCOUNT_ADAPTER = "portal.adapters.StaffAccountAdapter"  # invitation only, no sign-up
MFA_ADAPTER = "portal.adapters.StaffMFAAdapter"  # TOTP secrets encrypted at rest
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # password reset never mails strangers
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell staff when their password or MFA changes
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False  # staff sessions end when the browser closes
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Signpost] "
# Rate limits (ASVS 11.1.4), counted in the cache: Redis in production, shared by workers.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
# Behind a proxy, how many hops to trust for the client address used by the rate limits.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Signpost")
MFA_RECOVERY_CODE_COUNT = 10
# "Remember this device" after the code (allauth's MFA trust, 14 days). Off by default: every
# sign-in asks for the code. Even when on, staff who can see referrals are never offered it
# (portal.accounts.stages).
MFA_TRUST_ENABLED = env_bool("MFA_TRUST_ENABLED", False)
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)
MFA_PROTECTED_PATH_PREFIXES = ["/admin/"]
USERSESSIONS_TRACK_ACTIVITY = False
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600)  # invitation links too
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)  # absolute limit
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
PLACE_COOKIE_NAME = "signpost_place"  # the last place searched (directory.remembered_place)
LAST_SEARCH_COOKIE_NAME = "signpost_search"  # "Back to results" (directory.last_search)
SHORTLIST_COOKIE_NAME = "signpost_shortlist"  # saved services (directory.shortlist)
SHORTLIST_COOKIE_AGE_DAYS = env_int("SHORTLIST_COOKIE_AGE_DAYS", 30)  # from the last change
# "Get directions" on a listing: a map service's address with the destination only, never the
# visitor's location. {destination} is "latitude,longitude" (or the address when the venue has
# no coordinates), URL-encoded. Google Maps: https://www.google.com/maps/dir/?api=1&destination={destination}
DIRECTIONS_URL = env_str(
    "DIRECTIONS_URL", "https://www.openstreetmap.org/directions?to={destination}"
)
DIRECTIONS_SERVICE_NAME = env_str("DIRECTIONS_SERVICE_NAME", "OpenStreetMap")
# Maps on the results page and listings (Leaflet, static/js/maps.js): a tile URL template and
# the credit its licence asks for (HTML, shown on the map). MAP_TILE_URL="" turns maps off: the
# pages show addresses and map links only, and no tile server is ever contacted.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION",
    '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"  # the site's layout, not Django's bare page
CSRF_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy (django-csp 4) in every environment. Public pages: nonce-based
# scripts, no inline styles. The Wagtail admin needs inline scripts and style attributes.
_CSP_COMMON = {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],  # Wagtail's live preview frames our own pages
    # Video embeds in pages (Wagtail embeds); CSP_FRAME_SRC replaces the list.
    "frame-src": [
        "'self'",
        *env_list(
            "CSP_FRAME_SRC",
            [
                "https://www.youtube-nocookie.com",
                "https://www.youtube.com",
                "https://player.vimeo.com",
            ],
        ),
    ],
    # Map tiles: the tile server of MAP_TILE_URL. CSP_IMG_SRC, when set, replaces that list.
    "img-src": [
        "'self'",
        "data:",
        "blob:",
        *env_list("CSP_IMG_SRC", image_sources_for_tiles(MAP_TILE_URL)),
    ],
    "manifest-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "worker-src": ["'self'"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
    },
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
    },
}
CSP_ADMIN_PATH_PREFIX = "/admin/"
# Feature -> allow-list; empty means nobody. "Use my location" may ask for geolocation.
PERMISSIONS_POLICY = {
    **{
        feature: []
        for feature in (
            "accelerometer",
            "camera",
            "display-capture",
            "gyroscope",
            "magnetometer",
            "microphone",
            "payment",
            "usb",
        )
    },
    "geolocation": ["self"],
}

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000

# --- Email ----------------------------------------------------------------------------------
globals().update(email_settings(env_str("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Signpost <no-reply@signpost.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Signpost")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Wagtail's own search serves the admin only; the public search has its own index (search/).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "rtf", "txt", "xlsx", "ods", "csv"]
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Geography --------------------------------------------------------------------------------
# Postcodes resolve from the local gazetteer; free-text places go to this geopy geocoder.
GEOCODER = env_str("GEOCODER", "nominatim")  # nominatim | none
GEOCODER_USER_AGENT = env_str("GEOCODER_USER_AGENT", "signpost-directory")
GEOCODER_TIMEOUT = env_int("GEOCODER_TIMEOUT", 3)
GEOCODER_COUNTRY = env_str("GEOCODER_COUNTRY", "gb")
# Added to free-text place searches so "Hillsborough" finds the local one.
GEOCODER_REGION_HINT = env_str("GEOCODER_REGION_HINT", "Sheffield")

# --- Search -----------------------------------------------------------------------------------
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "database")  # database | elasticsearch
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "signpost-services")
SEARCH_EVENT_RETENTION_DAYS = env_int("SEARCH_EVENT_RETENTION_DAYS", 395)
# Search words (masked) and visit hashes are kept this long; after it, only words typed in at
# least 5 distinct visits stay, in the daily and monthly counts (docs/data-protection.md).
SEARCH_QUERY_TEXT_RETENTION_DAYS = env_int("SEARCH_QUERY_TEXT_RETENTION_DAYS", 30)

# --- Referrals --------------------------------------------------------------------------------
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY")
REFERRAL_RETENTION_DAYS = env_int("REFERRAL_RETENTION_DAYS", 730)
REFERRAL_RATE_LIMIT = env_str("REFERRAL_RATE_LIMIT", "10/h")
# "Follow my request": tries at the reference and date of birth per visitor, and how long a
# correct pair lets the visitor see the request and add to it.
REFERRAL_STATUS_RATE_LIMIT = env_str("REFERRAL_STATUS_RATE_LIMIT", "10/h")
REFERRAL_STATUS_ACCESS_SECONDS = env_int("REFERRAL_STATUS_ACCESS_SECONDS", 30 * 60)
REFERRAL_WEBHOOK_URL = env_str("REFERRAL_WEBHOOK_URL")
REFERRAL_WEBHOOK_SECRET = env_str("REFERRAL_WEBHOOK_SECRET")
REFERRAL_TEAM_EMAILS = {
    "first_contact": env_str("FIRST_CONTACT_EMAIL", "first.contact@council.example"),
    "carers_centre": env_str("CARERS_CENTRE_EMAIL", "carers.centre@council.example"),
}
REFERRAL_WEBHOOK_TIMEOUT = env_int("REFERRAL_WEBHOOK_TIMEOUT", 5)
REFERRAL_OUTBOX_MAX_ATTEMPTS = env_int("REFERRAL_OUTBOX_MAX_ATTEMPTS", 8)
# Unfinished wizard answers (encrypted in the session) expire after this much inactivity.
REFERRAL_WIZARD_TIMEOUT_SECONDS = env_int("REFERRAL_WIZARD_TIMEOUT_SECONDS", 60 * 60)

# --- Logging ------------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
# Every handler scrubs emails, phone numbers and full postcodes (portal/logging.py).
LOG_FILTERS = {
    "scrub_personal_data": {"()": "portal.logging.ScrubPersonalDataFilter"},
    "request_id": {"()": "portal.logging.RequestIdFilter"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_FILTERS,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": list(LOG_FILTERS),
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # runserver's access lines, through the same filters (no query strings, no personal data)
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Health -----------------------------------------------------------------------------------
# name -> dotted path of a function returning (ok, detail); apps add their own.
# /healthz is for the load balancer: 503 only when this node cannot serve (its database answers
# and can be written to: a locked SQLite file or a read-only PostgreSQL fails every form).
LIVENESS_CHECKS = {
    "database": "portal.health.check_database",
    "database_writable": "portal.health.check_database_writable",
}
# /admin/status/ is for staff: every dependency, never a reason to take a node out.
STATUS_CHECKS = {
    **LIVENESS_CHECKS,
    "cache": "portal.health.check_cache",
    # Not a liveness check: every server shares the one Redis and degrades without it.
    "redis": "portal.health.check_redis",
    "outbox": "referrals.health.check_outbox",
    "search": "search.health.check_search_backend",
}

# --- Uploads ------------------------------------------------------------------------------
# Images and documents in Wagtail: an allow-list of types and a size limit for each.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]  # no SVG: it can carry script
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Suggestions (public "suggest a change" / "add your group") -----------------------------
# Submissions per address per period ("5/h", "20/d"), or "off".
SUGGESTION_RATE_LIMIT = env_str("SUGGESTION_RATE_LIMIT", "5/h")

# --- Provider accounts (#25 item 1: providers keep their own organisation's listings) ---------
# Claim codes sent and codes tried, per address per period ("10/h"), or "off". Each code also
# stops after PROVIDER_CLAIM_MAX_ATTEMPTS wrong tries and PROVIDER_CLAIM_CODE_MINUTES.
PROVIDER_CLAIM_RATE_LIMIT = env_str("PROVIDER_CLAIM_RATE_LIMIT", "10/h")
PROVIDER_CLAIM_CODE_MINUTES = env_int("PROVIDER_CLAIM_CODE_MINUTES", 30)
PROVIDER_CLAIM_MAX_ATTEMPTS = 5
PROVIDER_INVITATION_DAYS = env_int("PROVIDER_INVITATION_DAYS", 14)
# Where people without admin access (providers) land after signing in (a URL name).
NON_STAFF_LOGIN_REDIRECT_URL = "providers:home"

# --- GOV.UK Notify ("Send this list to yourself" from the shortlist) ----------------------------
# Sent while the visitor waits, so a short timeout; the address is never stored or logged.
# NOTIFY_BACKEND: portal.notify.NotifyClientBackend (the real API, needs NOTIFY_API_KEY) or
# portal.notify.ConsoleBackend (logs the request, recipient redacted; the default without a key).
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY")
NOTIFY_BACKEND = env_str(
    "NOTIFY_BACKEND",
    "portal.notify.NotifyClientBackend" if NOTIFY_API_KEY else "portal.notify.ConsoleBackend",
)
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_TIMEOUT = env_int("NOTIFY_TIMEOUT", 5)  # seconds to connect, and for the answer
# Notify template ids (docs/operations.md says what each template must contain). Without
# either, "Send this list to yourself" is not offered; with one, only that way is.
NOTIFY_SHORTLIST_EMAIL_TEMPLATE_ID = env_str("NOTIFY_SHORTLIST_EMAIL_TEMPLATE_ID")
NOTIFY_SHORTLIST_SMS_TEMPLATE_ID = env_str("NOTIFY_SHORTLIST_SMS_TEMPLATE_ID")
# Sends per visitor per period ("5/h"), or "off".
SHORTLIST_SEND_RATE_LIMIT = env_str("SHORTLIST_SEND_RATE_LIMIT", "5/h")

# --- Service feedback (the phase banner's "feedback" link; anonymous) -----------------------
SERVICE_FEEDBACK_RATE_LIMIT = env_str("SERVICE_FEEDBACK_RATE_LIMIT", "5/h")
SERVICE_FEEDBACK_RETENTION_DAYS = env_int("SERVICE_FEEDBACK_RETENTION_DAYS", 730)
# "Was it easy to find information about support?" (ASCOF 3D): answers stored per client
# address per period; more are thanked but not stored (one visit answers once anyway).
INFORMATION_EASE_RATE_LIMIT = env_str("INFORMATION_EASE_RATE_LIMIT", "30/h")

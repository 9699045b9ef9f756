"""Tests: fast hashing, mail kept in memory, no network geocoder."""

from portal.settings.base import *  # noqa: F403
from portal.settings.env import cache_settings, email_settings, env_str

SECRET_KEY = "test-only-secret-key"  # noqa: S105
FIELD_ENCRYPTION_KEY = "dGVzdC1vbmx5LWZpZWxkLWtleS0zMi1ieXRlcy1sb24="
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail kept in memory; a drill serving the app from another process can point it at a server.
globals().update(email_settings(env_str("TEST_EMAIL_URL", "locmem://")))
GEOCODER = env_str("TEST_GEOCODER", "none")
REFERRAL_RATE_LIMIT = "off"
# A drill serving the app from several processes can share a Redis (tests/robustness/
# test_two_servers.py) and switch a rate limit on; otherwise one process's memory, limits off.
REFERRAL_STATUS_RATE_LIMIT = env_str("TEST_REFERRAL_STATUS_RATE_LIMIT", "off")
REDIS_URL = env_str("TEST_REDIS_URL")
globals().update(cache_settings(REDIS_URL))
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
SUGGESTION_RATE_LIMIT = "off"
PROVIDER_CLAIM_RATE_LIMIT = "off"
# GOV.UK Notify: requests kept in portal.notify.outbox, never sent.
NOTIFY_BACKEND = "portal.notify.LocmemBackend"
NOTIFY_API_KEY = ""
NOTIFY_SHORTLIST_EMAIL_TEMPLATE_ID = "test-shortlist-email-template"
NOTIFY_SHORTLIST_SMS_TEMPLATE_ID = "test-shortlist-sms-template"
SHORTLIST_SEND_RATE_LIMIT = "off"

SERVICE_FEEDBACK_RATE_LIMIT = "off"

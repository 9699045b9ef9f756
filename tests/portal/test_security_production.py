"""Production settings: secure cookies, HSTS, CSP, JSON logs that carry request ids."""

import json

from tests.portal.test_settings import SAFE_ENV, run_manage

PRINT_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "hsts": s.SECURE_HSTS_SECONDS,
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "session_secure": s.SESSION_COOKIE_SECURE,
    "csrf_secure": s.CSRF_COOKIE_SECURE,
    "session_cookie": s.SESSION_COOKIE_NAME,
    "httponly": s.SESSION_COOKIE_HTTPONLY,
    "samesite": s.SESSION_COOKIE_SAMESITE,
    "referrer": s.SECURE_REFERRER_POLICY,
    "nosniff": s.SECURE_CONTENT_TYPE_NOSNIFF,
    "csp": "CONTENT_SECURITY_POLICY" in dir(s),
    "proxy_header": getattr(s, "SECURE_PROXY_SSL_HEADER", None),
    "formatter": s.LOGGING["formatters"]["json"]["()"],
    "filters": s.LOGGING["handlers"]["console"]["filters"],
    "conn_max_age": s.DATABASES["default"]["CONN_MAX_AGE"],
}))
"""


def production_settings(drop=(), **extra_env):
    result = run_manage(
        "shell", "-c", PRINT_SETTINGS, env_overrides={**SAFE_ENV, **extra_env}, drop=drop
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_and_headers_are_secure():
    values = production_settings()
    assert values["hsts"] >= 31_536_000
    assert values["ssl_redirect"] and values["session_secure"] and values["csrf_secure"]
    assert values["session_cookie"].startswith("__Host-")
    assert values["httponly"] and values["samesite"] == "Lax"
    assert values["referrer"] == "strict-origin-when-cross-origin"
    assert values["nosniff"] and values["csp"]
    assert values["proxy_header"] is None


def test_proxy_ssl_header_is_opt_in():
    values = production_settings(
        SECURE_PROXY_SSL_HEADER_NAME="HTTP_X_FORWARDED_PROTO", TRUSTED_PROXY_COUNT="1"
    )
    assert values["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_behind_a_proxy_without_a_trusted_proxy_count_production_refuses_to_start():
    for count in (None, "0"):
        env = {**SAFE_ENV, "SECURE_PROXY_SSL_HEADER_NAME": "HTTP_X_FORWARDED_PROTO"}
        drop = ["TRUSTED_PROXY_COUNT"] if count is None else []
        if count is not None:
            env["TRUSTED_PROXY_COUNT"] = count
        result = run_manage("check", env_overrides=env, drop=drop)
        assert result.returncode != 0
        assert "TRUSTED_PROXY_COUNT must say how many proxies" in result.stderr


def test_database_connections_are_kept_open_unless_told_otherwise():
    assert production_settings(drop=["DATABASE_CONN_MAX_AGE"])["conn_max_age"] == 60
    assert production_settings(DATABASE_CONN_MAX_AGE="0")["conn_max_age"] == 0


def test_production_logs_are_json_scrubbed_and_tagged():
    values = production_settings()
    assert values["formatter"] == "pythonjsonlogger.json.JsonFormatter"
    assert set(values["filters"]) == {"scrub_personal_data", "request_id"}

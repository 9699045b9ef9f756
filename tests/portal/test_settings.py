"""Production settings refuse unsafe starts; `check --deploy` is clean when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAFE_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-secret-for-the-check-deploy-test-" + "y" * 20,
    "ALLOWED_HOSTS": "signpost.council.example",
    "FIELD_ENCRYPTION_KEY": "dGVzdC1vbmx5LWZpZWxkLWtleS0zMi1ieXRlcy1sb24=",
    "DATABASE_URL": f"sqlite:///{ROOT / 'unused-check-deploy.sqlite3'}",
}


def run_manage(*args, env_overrides, drop=()):
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must"),
        ("FIELD_ENCRYPTION_KEY", "FIELD_ENCRYPTION_KEY must be set"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = {key: value for key, value in SAFE_ENV.items() if key != missing}
    result = run_manage("check", env_overrides=env, drop=(missing,))
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_development_secret_key():
    result = run_manage("check", env_overrides={**SAFE_ENV, "SECRET_KEY": "dev-only-insecure-key"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=SAFE_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_default_database_is_sqlite_in_wal_mode_with_immediate_transactions(settings):
    from portal.settings import base

    options = base.SQLITE_OPTIONS
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_email_url_parsing():
    from portal.settings.env import email_settings

    smtp = email_settings("smtp://user:p%40ss@mail.example:2525?timeout=5")
    assert smtp["EMAIL_HOST"] == "mail.example" and smtp["EMAIL_PORT"] == 2525
    assert smtp["EMAIL_HOST_PASSWORD"] == "p@ss" and smtp["EMAIL_TIMEOUT"] == 5
    assert email_settings("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    files = email_settings("file:///srv/mail%20drill")
    assert files["EMAIL_BACKEND"].endswith("filebased.EmailBackend")
    assert files["EMAIL_FILE_PATH"] == "/srv/mail drill"

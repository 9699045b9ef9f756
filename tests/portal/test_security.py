"""Security controls: CSP and headers, rate limits, idle timeout, uploads, log scrubbing."""

import logging
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal import roles
from portal.logging import RequestIdFilter, ScrubPersonalDataFilter
from portal.middleware import LAST_ACTIVITY_KEY
from portal.privacy import scrub_text
from tests.factories.accounts import PASSWORD, activate_totp, current_totp_code, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def csp_of(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {name: values for name, *values in directives}


def test_public_pages_have_a_strict_nonce_based_csp(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    policy = csp_of(response)
    nonces = [value for value in policy["script-src"] if value.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0].removeprefix("'nonce-").removesuffix("'")
    assert f'nonce="{nonce}"' in response.content.decode()
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_sign_in_page_has_the_strict_csp(client):
    policy = csp_of(client.get(reverse("account_login")))
    assert "'unsafe-inline'" not in policy["script-src"]


def test_admin_pages_have_the_admin_csp(client):
    client.force_login(staff_user(roles.EDITOR))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = csp_of(response)
    # Wagtail's inline panels and date pickers need inline script; no nonce, or browsers
    # would ignore 'unsafe-inline'.
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_security_headers_on_every_response(client, home_page):
    response = client.get("/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        response["Referrer-Policy"] == "same-origin"
    )  # Django's default; production: strict-origin-when-cross-origin
    assert len(response["X-Request-ID"]) >= 8


def test_a_sane_incoming_request_id_is_kept_and_a_bad_one_replaced(client, home_page):
    kept = client.get("/", headers={"X-Request-ID": "abc-123-def-456"})
    assert kept["X-Request-ID"] == "abc-123-def-456"
    replaced = client.get("/", headers={"X-Request-ID": "<script>"})
    assert replaced["X-Request-ID"] != "<script>"


def test_repeated_failed_logins_are_rate_limited(client):
    editor = staff_user(roles.EDITOR)
    for _attempt in range(5):
        response = client.post(
            reverse("account_login"), {"login": editor.email, "password": "wrong-password"}
        )
        assert response.status_code == 200
    # Even the right password is refused while the limit applies.
    response = client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_mfa_code_attempts_are_rate_limited(client):
    first_contact = staff_user(roles.FIRST_CONTACT)
    secret = activate_totp(first_contact)
    client.post(reverse("account_login"), {"login": first_contact.email, "password": PASSWORD})
    for _attempt in range(5):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_idle_staff_sessions_are_signed_out_with_a_message(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 1800
    client.force_login(staff_user(roles.EDITOR))
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 1801
    session.save()
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "signed out after 30 minutes without activity" in page.content.decode()


def test_active_staff_sessions_stay_signed_in(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 1800
    client.force_login(staff_user(roles.EDITOR))
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 1700
    session.save()
    assert client.get("/admin/").status_code == 200
    assert client.session[LAST_ACTIVITY_KEY] >= int(time.time()) - 5


def test_documents_over_the_size_limit_are_refused(settings):
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document

    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    form_class = get_document_form(Document)
    too_big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"x" * 2048, "application/pdf")
    form = form_class(data={"title": "Big"}, files={"file": too_big})
    assert not form.is_valid()
    assert "too big" in str(form.errors["file"])
    small = SimpleUploadedFile("small.pdf", b"%PDF-1.4 tiny", "application/pdf")
    form = form_class(data={"title": "Small"}, files={"file": small})
    form.is_valid()
    assert "file" not in form.errors


def test_documents_of_other_types_are_refused():
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document

    form_class = get_document_form(Document)
    script = SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")
    form = form_class(data={"title": "Exe"}, files={"file": script})
    assert not form.is_valid()
    assert "file" in form.errors


def test_svg_images_are_not_accepted(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Referral from jo.bloggs@example.com", "Referral from [email]"),
        ("Call 0114 273 4908 or 07700 900123", "Call [phone] or [phone]"),
        ("+44 (0)114 2734908", "[phone]"),
        ("Lives at S10 2TN", "Lives at S10 ***"),
        ("lives at sw1a1aa", "lives at SW1A ***"),
        ("searches near S10", "searches near S10"),
        ("reference SP-7K3M-Q9 page 2 of 10", "reference SP-7K3M-Q9 page 2 of 10"),
    ],
)
def test_scrub_text(text, expected):
    assert scrub_text(text) == expected


def test_log_records_are_scrubbed_and_carry_a_request_id():
    record = logging.LogRecord(
        "signpost",
        logging.INFO,
        __file__,
        1,
        "Sent to %s about %s",
        ("a@b.example", "S1 2HH"),
        None,
    )
    assert ScrubPersonalDataFilter().filter(record)
    assert RequestIdFilter().filter(record)
    assert record.getMessage() == "Sent to [email] about S1 ***"
    assert record.request_id == "-"


def test_logged_exceptions_are_scrubbed():
    try:
        raise ValueError("bad email jo@example.com")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "signpost", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    ScrubPersonalDataFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "jo@example.com" not in formatted
    assert "[email]" in formatted


def test_json_log_lines_in_production_are_scrubbed():
    from pythonjsonlogger.json import JsonFormatter

    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x/07700900123",), None
    )
    ScrubPersonalDataFilter().filter(record)
    RequestIdFilter().filter(record)
    line = JsonFormatter("%(levelname)s %(request_id)s %(message)s").format(record)
    assert "07700900123" not in line
    assert '"request_id": "-"' in line

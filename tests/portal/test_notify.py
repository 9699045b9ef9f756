"""portal.notify: the backends (GOV.UK's client mocked, never the network) and the settings
that choose them."""

import logging
import uuid
from unittest import mock

import pytest
import requests
from notifications_python_client.errors import HTTPError

from portal import notify
from tests.portal.test_settings import SAFE_ENV, run_manage

NOTIFY_KEY = f"signpost_test-{uuid.uuid4()}-{uuid.uuid4()}"
EMAIL = "sam.visitor@example.org"


def email_request(**personalisation) -> notify.NotifyRequest:
    return notify.NotifyRequest(
        channel="email",
        template_id="template-1",
        personalisation=personalisation or {"listings": "Darnall Lunch Club"},
        recipient=EMAIL,
    )


@pytest.fixture
def client_backend(settings):
    settings.NOTIFY_BACKEND = "portal.notify.NotifyClientBackend"
    settings.NOTIFY_API_KEY = NOTIFY_KEY
    settings.NOTIFY_TIMEOUT = 4
    with mock.patch("portal.notify.NotificationsAPIClient") as client_class:
        yield client_class


def test_the_real_backend_sends_through_govuk_notifys_client(client_backend, settings):
    notify.send(email_request(listings="Darnall Lunch Club", count="1 service"))

    client_backend.assert_called_once_with(NOTIFY_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=4)
    client_backend.return_value.send_email_notification.assert_called_once_with(
        email_address=EMAIL,
        template_id="template-1",
        personalisation={"listings": "Darnall Lunch Club", "count": "1 service"},
    )


def test_the_real_backend_sends_text_messages_to_the_phone_number(client_backend):
    notify.send(
        notify.NotifyRequest("sms", "template-2", {"listings": "x"}, recipient="+447700900123")
    )
    client_backend.return_value.send_sms_notification.assert_called_once_with(
        phone_number="+447700900123", template_id="template-2", personalisation={"listings": "x"}
    )


@pytest.mark.parametrize(
    "error",
    [
        HTTPError(message="Bad request: email_address sam.visitor@example.org"),
        requests.ConnectionError("sam.visitor@example.org"),
    ],
)
def test_a_failed_send_raises_notify_unavailable_and_logs_no_address(client_backend, caplog, error):
    client_backend.return_value.send_email_notification.side_effect = error
    caplog.set_level(logging.DEBUG)
    with pytest.raises(notify.NotifyUnavailable) as raised:
        notify.send(email_request())

    assert "sam.visitor" not in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    [record] = [record for record in caplog.records if record.name == "portal.notify"]
    assert record.levelname == "WARNING"
    assert type(error).__name__ in record.getMessage()
    assert all("sam.visitor" not in record.getMessage() for record in caplog.records)


def test_the_console_backend_logs_the_request_with_the_recipient_redacted(
    settings, caplog, notify_outbox
):
    settings.NOTIFY_BACKEND = "portal.notify.ConsoleBackend"
    caplog.set_level(logging.INFO, logger="portal.notify")
    notify.send(email_request(listings="Darnall Lunch Club\nhttp://testserver/services/1/"))

    [record] = caplog.records
    assert record.getMessage() == (
        "Notify email to [redacted], template template-1\n"
        "  ((listings)):\n    Darnall Lunch Club\n    http://testserver/services/1/"
    )
    assert notify_outbox == []  # the console backend keeps nothing


def test_the_test_backend_keeps_each_request(notify_outbox):
    notify.send(email_request())
    notify.send(email_request())
    assert len(notify_outbox) == 2
    assert notify_outbox[0].recipient == EMAIL


def test_a_request_never_shows_its_recipient():
    assert "sam.visitor" not in repr(email_request())
    assert "sam.visitor" not in email_request().describe()


def test_switched_off_nothing_is_sent(settings, notify_outbox):
    settings.NOTIFY_BACKEND = ""
    assert not notify.is_enabled()
    with pytest.raises(notify.NotifyUnavailable):
        notify.send(email_request())
    assert notify_outbox == []


def production_notify_backend(**env) -> tuple[int, str]:
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(repr(settings.NOTIFY_BACKEND))",
        env_overrides={**SAFE_ENV, **env},
        drop=("NOTIFY_BACKEND", "NOTIFY_API_KEY"),
    )
    return result.returncode, (result.stdout.strip().splitlines() or [""])[-1] + result.stderr


def test_production_without_an_api_key_switches_sending_off():
    assert production_notify_backend() == (0, "''")


def test_production_with_an_api_key_uses_govuk_notify():
    assert production_notify_backend(NOTIFY_API_KEY=NOTIFY_KEY) == (
        0,
        "'portal.notify.NotifyClientBackend'",
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NOTIFY_BACKEND": "portal.notify.ConsoleBackend"}, "cannot be the console backend"),
        (
            {"NOTIFY_BACKEND": "portal.notify.NotifyClientBackend", "NOTIFY_API_KEY": "short"},
            "must be a whole GOV.UK Notify API key",
        ),
    ],
)
def test_production_refuses_a_console_backend_or_a_broken_key(env, message):
    returncode, output = production_notify_backend(**env)
    assert returncode != 0
    assert message in output

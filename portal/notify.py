"""GOV.UK Notify: one email or text message sent while the visitor waits, through a backend
chosen by settings, as Django chooses an email backend.

`NOTIFY_BACKEND` names the backend class:
- `portal.notify.NotifyClientBackend`: the real GOV.UK Notify API through GOV.UK's own client
  (`notifications-python-client`), with `NOTIFY_API_KEY` and a short `NOTIFY_TIMEOUT`;
- `portal.notify.ConsoleBackend` (development): logs the request (template id and
  personalisation) with the recipient redacted, and sends nothing;
- `portal.notify.LocmemBackend` (tests): the same log line, and the request kept in
  `portal.notify.outbox` for assertions, as `django.core.mail.outbox` keeps emails;
- empty: sending is switched off (production without an API key); `is_enabled()` says so.

The recipient (an email address or a phone number) is used for one send and never stored or
logged: requests carry it in a field that their repr leaves out, failures are logged with the
error's type and status only, and `NotifyUnavailable` carries neither.
"""

import logging
import textwrap
from dataclasses import dataclass, field
from typing import Literal

import requests
from django.conf import settings
from django.utils.module_loading import import_string
from notifications_python_client.errors import APIError, TokenError
from notifications_python_client.notifications import NotificationsAPIClient

logger = logging.getLogger(__name__)

Channel = Literal["email", "sms"]
REDACTED = "[redacted]"

# Requests kept by LocmemBackend, oldest first (tests empty it; see tests/conftest.py).
outbox: list["NotifyRequest"] = []


class NotifyUnavailable(Exception):
    """Notify could not be reached, or refused the request. Holds no personal data."""


@dataclass(frozen=True)
class NotifyRequest:
    """One message to send: its channel, Notify template and personalisation fields."""

    channel: Channel
    template_id: str
    personalisation: dict[str, str]
    recipient: str = field(repr=False)  # never in a repr, a log line or a traceback

    def describe(self) -> str:
        """The request for a log line, with the recipient redacted."""
        fields = "".join(
            f"\n  (({name})):\n{textwrap.indent(value, '    ')}"
            for name, value in sorted(self.personalisation.items())
        )
        return f"Notify {self.channel} to {REDACTED}, template {self.template_id}{fields}"


def is_enabled() -> bool:
    """Whether a backend is configured (production leaves it empty without an API key)."""
    return bool(settings.NOTIFY_BACKEND)


def send(notify_request: NotifyRequest) -> None:
    """Send one message now through the configured backend; raises NotifyUnavailable."""
    if not is_enabled():
        raise NotifyUnavailable("Sending by GOV.UK Notify is switched off (NOTIFY_BACKEND)")
    backend_class = import_string(settings.NOTIFY_BACKEND)
    # A new backend per send: GOV.UK's client keeps a requests.Session and is not thread-safe.
    backend_class().send(notify_request)


class ConsoleBackend:
    """Development: the request goes to the log (the console), recipient redacted."""

    def send(self, notify_request: NotifyRequest) -> None:
        logger.info("%s", notify_request.describe())


class LocmemBackend(ConsoleBackend):
    """Tests: the console line, and the request kept in `outbox`."""

    def send(self, notify_request: NotifyRequest) -> None:
        super().send(notify_request)
        outbox.append(notify_request)


class NotifyClientBackend:
    """GOV.UK Notify's API, through GOV.UK's client (it makes the JWT and raises HTTPError)."""

    def __init__(self):
        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY,
            base_url=settings.NOTIFY_BASE_URL,
            timeout=settings.NOTIFY_TIMEOUT,
        )

    def send(self, notify_request: NotifyRequest) -> None:
        try:
            if notify_request.channel == "email":
                self.client.send_email_notification(
                    email_address=notify_request.recipient,
                    template_id=notify_request.template_id,
                    personalisation=notify_request.personalisation,
                )
            else:
                self.client.send_sms_notification(
                    phone_number=notify_request.recipient,
                    template_id=notify_request.template_id,
                    personalisation=notify_request.personalisation,
                )
        except (APIError, TokenError, requests.RequestException) as error:
            # The error's type and status only: a message could quote what was sent.
            status = getattr(error, "status_code", "-")
            logger.warning(
                "Notify: a %s could not be sent (%s, status %s)",
                notify_request.channel,
                type(error).__name__,
                status,
            )
            raise NotifyUnavailable(f"{type(error).__name__} {status}") from None

"""Email to members of staff (password reset links, account notifications, invitations)
leaves through a queue that another app registers, never from the request.

Sending inside a request made a password reset for a real account slow, or a 500, when the
mail server was slow or down, while an unknown address answered at once: the timing told
anyone which staff accounts exist. `referrals` registers its outbox from its
AppConfig.ready() (portal is the lowest layer and imports no other app); `process_outbox`
then sends with retries. With nothing registered, mail is sent at once as a fallback and a
failure is logged, never raised.
"""

import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

logger = logging.getLogger(__name__)

_queue: Callable | None = None


def register_queue(queue: Callable | None) -> None:
    """Set (or, with None, clear) the function that queues a staff email. It is called as
    `queue(to=[...], subject=..., text=..., html=..., idempotency_key=...)`."""
    global _queue  # noqa: PLW0603 - a one-slot registry
    _queue = queue


def queue_email(
    to: str | list[str],
    subject: str,
    text: str,
    html: str | None = None,
    idempotency_key: str | None = None,
) -> bool:
    """Queue an email to staff (call inside the transaction that makes it necessary).
    Returns whether it was queued, or, without a queue, sent."""
    recipients = [to] if isinstance(to, str) else list(to)
    if _queue is not None:
        _queue(
            to=recipients, subject=subject, text=text, html=html, idempotency_key=idempotency_key
        )
        return True
    logger.warning("No email queue is registered: sending a staff email from the request")
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        # The type only: an SMTP error can quote the recipient's address.
        logger.error("Staff email could not be sent: %s", type(error).__name__)
        return False
    return True

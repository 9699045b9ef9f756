"""The notification outbox: every email and webhook about a referral, and every email to a
member of staff (password reset, account notifications, invitations: see portal.mail),
leaves from here.

Messages are written in the same transaction as their referral, so a referral is never
stored without its notifications nor notified without being stored. Delivery claims a
message with one conditional UPDATE (a lease), sends it outside any transaction (a slow
mail server never holds a database lock), then marks it sent. Failures are retried with
exponential backoff and dead-lettered after REFERRAL_OUTBOX_MAX_ATTEMPTS tries.
"""

import hashlib
import hmac
import http.client
import json
import logging
import smtplib
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from referrals import crypto, routing
from referrals.events import referrer_notified
from referrals.models import OutboxMessage, Partner, Referral

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
BACKOFF_BASE_SECONDS = 60
BACKOFF_CAP_SECONDS = 60 * 60


class DeliveryError(Exception):
    """A delivery failed; the message says why without any personal data."""


def max_attempts() -> int:
    return getattr(settings, "REFERRAL_OUTBOX_MAX_ATTEMPTS", 8)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd … failure, capped at an hour."""
    return timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS)
    )


def webhook_enabled() -> bool:
    return bool(settings.REFERRAL_WEBHOOK_URL and settings.REFERRAL_WEBHOOK_SECRET)


def enqueue_for_referral(referral: Referral, confirmation_to: str = "") -> list[OutboxMessage]:
    """Create this referral's notifications (call inside the referral's transaction)."""
    facts = {"reference": referral.reference, "team": referral.team}
    messages = [
        OutboxMessage(
            referral=referral,
            kind=OutboxMessage.Kind.TEAM_EMAIL,
            idempotency_key=f"{referral.reference}:team_email",
            payload=facts,
        )
    ]
    if confirmation_to:
        messages.append(
            OutboxMessage(
                referral=referral,
                kind=OutboxMessage.Kind.CONFIRMATION_EMAIL,
                idempotency_key=f"{referral.reference}:confirmation_email",
                payload={**facts, "to_encrypted": crypto.encrypt_json(confirmation_to)},
            )
        )
    if webhook_enabled():
        messages.append(
            OutboxMessage(
                referral=referral,
                kind=OutboxMessage.Kind.WEBHOOK,
                idempotency_key=f"{referral.reference}:webhook",
                payload=webhook_body(referral),
            )
        )
    elif settings.REFERRAL_WEBHOOK_URL:
        logger.warning("REFERRAL_WEBHOOK_URL is set without REFERRAL_WEBHOOK_SECRET: not sending.")
    return OutboxMessage.objects.bulk_create(messages)


def enqueue_update_email(referral: Referral, update_id: int) -> OutboxMessage:
    """Tell the team's inbox the person added something (call inside the update's
    transaction). The reference only: staff read the update in Signpost."""
    return OutboxMessage.objects.create(
        referral=referral,
        kind=OutboxMessage.Kind.UPDATE_EMAIL,
        idempotency_key=f"{referral.reference}:update:{update_id}",
        payload={"reference": referral.reference, "team": referral.team},
    )


def enqueue_partner_email(referral: Referral, partner: Partner, event_id: int) -> OutboxMessage:
    """Tell a partner's inbox a referral has been passed to it (call inside the handover's
    transaction). The reference only: the partner's staff read it in Signpost."""
    return OutboxMessage.objects.create(
        referral=referral,
        kind=OutboxMessage.Kind.PARTNER_EMAIL,
        idempotency_key=f"{referral.reference}:partner:{event_id}",
        payload={"reference": referral.reference, "partner": partner.pk},
    )


# What each notification to the person who referred says happened (nothing else).
REFERRER_NEWS = {
    OutboxMessage.Kind.REFERRER_ACCEPTED: "has been accepted",
    OutboxMessage.Kind.REFERRER_CLOSED: "has been closed",
}
REFERRER_TOLD_FIELDS = {
    OutboxMessage.Kind.REFERRER_ACCEPTED: "referrer_told_accepted_at",
    OutboxMessage.Kind.REFERRER_CLOSED: "referrer_told_closed_at",
}


def enqueue_referrer_notice(referral: Referral, kind: str) -> OutboxMessage | None:
    """Queue the notification of `kind` (REFERRER_ACCEPTED or REFERRER_CLOSED) to the person
    who referred (routing.referrer_email), once per referral and kind: accepting again, or
    reopening and closing again, queues nothing more. None if they gave no email address."""
    recipient = routing.referrer_email(referral.answers)
    if not recipient:
        return None
    message, _created = OutboxMessage.objects.get_or_create(
        idempotency_key=f"{referral.reference}:{kind}",
        defaults={
            "referral": referral,
            "kind": kind,
            "payload": {
                "reference": referral.reference,
                "to_encrypted": crypto.encrypt_json(recipient),
            },
        },
    )
    return message


def absolute_url(name: str, *args) -> str:
    """The absolute address of a named URL, for a message read outside the site."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def status_page_url() -> str:
    """The absolute address of the page where a person follows their request."""
    return absolute_url("referrals:follow")


def enqueue_account_email(
    *, to: list[str], subject: str, text: str, html=None, idempotency_key=None
) -> OutboxMessage:
    """Queue an email to a member of staff (portal.mail's queue; call it inside the
    transaction that makes it necessary). Recipient, subject and bodies are encrypted: a
    reset or invitation link lets whoever reads it into the account."""
    key = f"account:{idempotency_key or uuid.uuid4().hex}"[:80]
    email = {"to": to, "subject": subject, "text": text, "html": html or ""}
    message, _created = OutboxMessage.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "kind": OutboxMessage.Kind.ACCOUNT_EMAIL,
            "payload": {"email_encrypted": crypto.encrypt_json(email)},
        },
    )
    return message


def webhook_body(referral: Referral) -> dict:
    """What the case-management system receives: the reference and routing facts only.
    Staff open the referral in Signpost to read the personal details."""
    return {
        "event": "referral.created",
        "reference": referral.reference,
        "created_at": referral.created_at.isoformat(),
        "team": referral.team,
        "area_code": referral.area.code if referral.area_id else "",
        "postcode_district": referral.postcode_district,
        "is_carer": referral.is_carer,
        "carer_assessment_requested": referral.carer_assessment_requested,
        "needs": referral.needs,
        "url": absolute_url("referrals_admin:detail", referral.pk),
    }


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _email_team(message: OutboxMessage, subject: str, news: str) -> None:
    """An email to the team's inbox about a referral: what happened, by reference only, and
    a link to the queue (staff read the details in Signpost)."""
    recipient = settings.REFERRAL_TEAM_EMAILS.get(message.payload["team"])
    if not recipient:
        raise DeliveryError(f"no inbox configured for team {message.payload['team']}")
    link = absolute_url("referrals_admin:index")
    send_mail(
        subject,
        f"{news}\n\nOpen the queue to read it: {link}\n\n"
        "This email contains no personal details. Do not reply to it.",
        settings.DEFAULT_FROM_EMAIL,
        [recipient],
        fail_silently=False,
    )


def _send_team_email(message: OutboxMessage) -> None:
    reference = message.payload["reference"]
    _email_team(
        message,
        f"New self-referral {reference} is waiting in Signpost",
        f"New self-referral {reference} is waiting in Signpost.",
    )


def _send_update_email(message: OutboxMessage) -> None:
    reference = message.payload["reference"]
    _email_team(
        message,
        f"Self-referral {reference}: the person has added something",
        f"The person who sent self-referral {reference} has added something that has "
        "changed. It is on the referral's page.",
    )


def _send_confirmation_email(message: OutboxMessage) -> None:
    reference = message.payload["reference"]
    recipient = crypto.decrypt_json(message.payload["to_encrypted"])
    send_mail(
        f"Your request for help: reference {reference}",
        f"Thank you. We have your request for help. Your reference is {reference}.\n\n"
        "Someone from the team will contact you within 5 working days.\n\n"
        "If someone is in danger now, call 999.",
        settings.DEFAULT_FROM_EMAIL,
        [recipient],
        fail_silently=False,
    )


def _send_partner_email(message: OutboxMessage) -> None:
    partner = Partner.objects.filter(pk=message.payload["partner"]).first()
    if partner is None or not partner.inbox_email:
        raise DeliveryError(f"no inbox configured for partner {message.payload['partner']}")
    reference = message.payload["reference"]
    link = absolute_url("referrals_admin:index")
    send_mail(
        f"Referral {reference} has been passed to you in Signpost",
        f"Referral {reference} has been passed to you. Please accept or decline it.\n\n"
        f"Open your referrals to read it: {link}\n\n"
        "This email contains no personal details. Do not reply to it.",
        settings.DEFAULT_FROM_EMAIL,
        [partner.inbox_email],
        fail_silently=False,
    )


def referrer_notice(reference: str, kind: str) -> tuple[str, str]:
    """The subject and body of a notification to the person who referred: the reference,
    what happened in plain words and the status page's address; nothing personal."""
    news = REFERRER_NEWS[kind]
    return (
        f"Your request for help {reference} {news}",
        f"Your request for help, reference {reference}, {news}.\n\n"
        f"To see where it has got to, go to {status_page_url()} and enter your reference.\n\n"
        "If someone is in danger now, call 999. Do not reply to this email.",
    )


def _send_referrer_notice(message: OutboxMessage) -> None:
    recipient = crypto.decrypt_json(message.payload["to_encrypted"])
    subject, body = referrer_notice(message.payload["reference"], message.kind)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)


def _send_account_email(message: OutboxMessage) -> None:
    email = crypto.decrypt_json(message.payload["email_encrypted"])
    mail = EmailMultiAlternatives(
        email["subject"], email["text"], settings.DEFAULT_FROM_EMAIL, email["to"]
    )
    if email["html"]:
        mail.attach_alternative(email["html"], "text/html")
    mail.send(fail_silently=False)


def _send_webhook(message: OutboxMessage) -> None:
    url = settings.REFERRAL_WEBHOOK_URL
    if urlsplit(url).scheme not in {"http", "https"} or not settings.REFERRAL_WEBHOOK_SECRET:
        raise DeliveryError("webhook URL or secret not configured")
    body = json.dumps(message.payload, separators=(",", ":"), sort_keys=True).encode()
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Signpost-referrals/1",
            "Idempotency-Key": message.idempotency_key,
            "X-Signpost-Signature": sign(body, settings.REFERRAL_WEBHOOK_SECRET),
        },
    )
    timeout = getattr(settings, "REFERRAL_WEBHOOK_TIMEOUT", 5)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        raise DeliveryError(f"webhook answered HTTP {error.code}") from error
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        raise DeliveryError(f"webhook unreachable ({type(error).__name__})") from error
    if not 200 <= status < 300:
        raise DeliveryError(f"webhook answered HTTP {status}")


SENDERS = {
    OutboxMessage.Kind.TEAM_EMAIL: _send_team_email,
    OutboxMessage.Kind.UPDATE_EMAIL: _send_update_email,
    OutboxMessage.Kind.CONFIRMATION_EMAIL: _send_confirmation_email,
    OutboxMessage.Kind.WEBHOOK: _send_webhook,
    OutboxMessage.Kind.ACCOUNT_EMAIL: _send_account_email,
    OutboxMessage.Kind.PARTNER_EMAIL: _send_partner_email,
    OutboxMessage.Kind.REFERRER_ACCEPTED: _send_referrer_notice,
    OutboxMessage.Kind.REFERRER_CLOSED: _send_referrer_notice,
}


def _take(message_id: int, now) -> bool:
    """The lease: one conditional UPDATE that only one worker can win for a due message."""
    return bool(
        OutboxMessage.objects.due(now)
        .filter(pk=message_id)
        .update(next_attempt_at=now + LEASE, attempts=F("attempts") + 1)
    )


def claim(message_id: int, now) -> OutboxMessage | None:
    """Take a due message for sending (atomic; only one worker can win), or None."""
    return OutboxMessage.objects.get(pk=message_id) if _take(message_id, now) else None


def claim_batch(due, now, size: int) -> tuple[list[OutboxMessage], int]:
    """Take up to `size` of the `due` messages for sending, in one short transaction; returns
    (the messages won, how many another worker won first).

    On PostgreSQL the rows another worker is claiming at this moment are skipped (SELECT …
    FOR UPDATE SKIP LOCKED) rather than waited for, and once claimed a message is not due
    (its lease), so two workers split the queue between them. The lease UPDATE stays the
    guard that makes sending exactly-once (SQLite has no row locks: there the select is a
    plain one, and process_outbox lets only one worker run). Batches are small: a message is
    leased for LEASE from here, and must be sent well before the lease runs out."""
    with transaction.atomic():
        ids = list(
            due.order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:size]
        )
        won = [message_id for message_id in ids if _take(message_id, now)]
    messages = OutboxMessage.objects.in_bulk(won)
    return [messages[message_id] for message_id in won], len(ids) - len(won)


def deliver(message: OutboxMessage, now) -> bool:
    """Send a claimed message and record the result. True if it was sent."""
    try:
        SENDERS[message.kind](message)
    except (DeliveryError, smtplib.SMTPException, OSError, crypto.InvalidToken) as error:
        reason = str(error) if isinstance(error, DeliveryError) else type(error).__name__
        return _record_failure(message, now, reason)
    except Exception as error:  # a bug must not stop the other messages; it is logged
        logger.exception("Outbox message %s failed unexpectedly", message.pk)
        return _record_failure(message, now, f"unexpected {type(error).__name__}")
    # Sent: the recipient (and a staff email's body) are not kept.
    payload = {k: v for k, v in message.payload.items() if not k.endswith("_encrypted")}
    sent_at = timezone.now()
    with transaction.atomic():
        marked = OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxMessage.Status.PENDING
        ).update(status=OutboxMessage.Status.SENT, sent_at=sent_at, last_error="", payload=payload)
        if marked and message.kind in REFERRER_TOLD_FIELDS and message.referral_id:
            _record_referrer_told(message, sent_at)
    logger.info("Outbox message %s (%s) sent", message.pk, message.kind)
    return True


def _record_referrer_told(message: OutboxMessage, sent_at) -> None:
    """Note on the referral when the referrer was told, and say so (referrer_notified)."""
    field = REFERRER_TOLD_FIELDS[message.kind]
    Referral.objects.filter(pk=message.referral_id).update(**{field: sent_at})
    referral = Referral.objects.filter(pk=message.referral_id).first()
    if referral is not None:
        referrer_notified.send(Referral, referral=referral, kind=message.kind)


def _record_failure(message: OutboxMessage, now, reason: str) -> bool:
    reason = reason[:250]
    if message.attempts >= max_attempts():
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.DEAD, last_error=reason
        )
        logger.error(
            "Outbox message %s (%s) dead after %s tries: %s",
            message.pk,
            message.kind,
            message.attempts,
            reason,
        )
    else:
        OutboxMessage.objects.filter(pk=message.pk).update(
            next_attempt_at=now + backoff(message.attempts), last_error=reason
        )
        logger.warning(
            "Outbox message %s (%s) failed, will retry: %s", message.pk, message.kind, reason
        )
    return False


CLAIM_BATCH = 20  # messages leased at a time (sent one by one)


def process(now=None, limit: int = 500, ids=None) -> dict:
    """Send what is due (optionally only `ids`). Returns counts: sent, failed, skipped
    (taken by another worker first)."""
    now = now or timezone.now()
    due = OutboxMessage.objects.due(now)
    if ids is not None:
        due = due.filter(pk__in=ids)
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    remaining = limit
    while remaining > 0:
        # Each claimed message stops being due (sent, leased or backing off): this ends.
        messages, skipped = claim_batch(due, now, min(CLAIM_BATCH, remaining))
        if not messages and not skipped:
            break
        counts["skipped"] += skipped
        remaining -= len(messages) + skipped
        for message in messages:
            counts["sent" if deliver(message, now) else "failed"] += 1
    return counts


def retry_dead(now=None) -> int:
    """Give every dead message a fresh set of tries, due now (after the mail server or
    webhook is mended). Returns how many."""
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.DEAD).update(
        status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=now or timezone.now()
    )


def dead_count() -> int:
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.DEAD).count()


def backlog() -> int:
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()

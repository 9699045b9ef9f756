"""The outbox: retries with backoff, dead letters, signed webhooks, nothing lost or doubled."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from referrals import outbox, retention
from referrals.models import OutboxMessage, Referral
from tests.factories.referrals import referral

pytestmark = pytest.mark.django_db
FAILING = "tests.referrals.backends.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def webhook_server():
    """A local case-management system: answers with the queued status codes, records bodies."""
    received, statuses = [], []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(statuses.pop(0) if statuses else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {
        "url": f"http://127.0.0.1:{server.server_port}/hook",
        "received": received,
        "statuses": statuses,
    }
    server.shutdown()


def later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def test_failing_mail_server_never_loses_the_referral_and_retries_with_backoff(settings):
    settings.EMAIL_BACKEND = FAILING
    made = referral()
    assert Referral.objects.filter(pk=made.pk).exists()
    message = OutboxMessage.objects.get(kind="team_email")
    call_command("process_outbox")
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.last_error == "SMTPServerDisconnected"
    first_retry = message.next_attempt_at
    assert timedelta(seconds=50) < first_retry - timezone.now() < timedelta(seconds=70)
    # Not due yet: nothing is tried.
    assert outbox.process()["failed"] == 0
    outbox.process(now=later(2))
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at - later(2) > timedelta(seconds=110)  # 2 minutes
    # The mail server comes back: sent once, and never again.
    settings.EMAIL_BACKEND = LOCMEM
    outbox.process(now=later(10))
    outbox.process(now=later(100))
    message.refresh_from_db()
    assert message.status == "sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["first.contact@council.example"]
    assert made.reference in mail.outbox[0].subject


def test_dead_letter_after_max_attempts(settings):
    settings.EMAIL_BACKEND = FAILING
    settings.REFERRAL_OUTBOX_MAX_ATTEMPTS = 3
    referral()
    for hours in range(1, 6):
        outbox.process(now=timezone.now() + timedelta(hours=hours * 2))
    message = OutboxMessage.objects.get(kind="team_email")
    assert (message.status, message.attempts) == ("dead", 3)


def test_a_claimed_message_is_not_sent_twice():
    referral()
    message = OutboxMessage.objects.get(kind="team_email")
    now = timezone.now()
    assert outbox.claim(message.pk, now) is not None
    assert outbox.claim(message.pk, now) is None  # a second worker loses
    assert outbox.process(now=now)["sent"] == 0


def test_confirmation_email_has_only_the_reference_and_forgets_the_address():
    made = referral(wants_confirmation_email=True)
    message = OutboxMessage.objects.get(kind="confirmation_email")
    assert "margaret@example.com" not in json.dumps(message.payload)
    outbox.process()
    sent = [m for m in mail.outbox if m.to == ["margaret@example.com"]]
    assert len(sent) == 1 and made.reference in sent[0].body
    assert "Margaret" not in sent[0].body
    message.refresh_from_db()
    assert "to_encrypted" not in message.payload


def test_signed_webhook_retried_after_failure_and_sent_once(settings, webhook_server):
    settings.REFERRAL_WEBHOOK_URL = webhook_server["url"]
    settings.REFERRAL_WEBHOOK_SECRET = "s3cret"
    webhook_server["statuses"].extend([503])
    made = referral()
    outbox.process()
    message = OutboxMessage.objects.get(kind="webhook")
    assert (message.status, message.last_error) == ("pending", "webhook answered HTTP 503")
    outbox.process(now=later(2))
    outbox.process(now=later(60))
    message.refresh_from_db()
    assert message.status == "sent"
    assert len(webhook_server["received"]) == 2  # one failure, one success, no duplicate
    headers, body = webhook_server["received"][-1]
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Signpost-Signature"] == expected
    assert headers["Idempotency-Key"] == f"{made.reference}:webhook"
    payload = json.loads(body)
    assert payload["reference"] == made.reference
    assert "Margaret" not in body.decode() and "S1 2HH" not in body.decode()


def test_unreachable_webhook_is_retried_not_raised(settings):
    settings.REFERRAL_WEBHOOK_URL = "http://127.0.0.1:9/nothing-listens-here"
    settings.REFERRAL_WEBHOOK_SECRET = "s3cret"
    referral()
    counts = outbox.process()
    assert counts == {"sent": 1, "failed": 1, "skipped": 0}
    message = OutboxMessage.objects.get(kind="webhook")
    assert message.status == "pending" and "unreachable" in message.last_error


def test_submitting_only_queues_the_notifications(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING  # nothing may try to send while the referral is stored
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        made = referral()
    assert Referral.objects.filter(pk=made.pk).exists()
    assert callbacks == []
    message = OutboxMessage.objects.get(kind="team_email")
    assert (message.status, message.attempts, message.last_error) == ("pending", 0, "")


def test_staff_emails_are_retried_rotated_and_dead_ones_expire(settings):
    settings.EMAIL_BACKEND = FAILING
    message = outbox.enqueue_account_email(
        to=["staff@council.example"], subject="Reset", text="Your link: /secret/"
    )
    outbox.process()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)  # retried like the others
    assert "email_encrypted" in message.payload

    old_key = settings.FIELD_ENCRYPTION_KEY
    settings.FIELD_ENCRYPTION_KEY = f"{Fernet.generate_key().decode()},{old_key}"
    call_command("rotate_referral_keys", stdout=StringIO())
    settings.FIELD_ENCRYPTION_KEY = settings.FIELD_ENCRYPTION_KEY.split(",")[0]  # old key gone
    settings.EMAIL_BACKEND = LOCMEM
    outbox.process(now=later(10))
    assert mail.outbox[0].to == ["staff@council.example"]
    assert mail.outbox[0].body == "Your link: /secret/"

    dead = outbox.enqueue_account_email(to=["gone@council.example"], subject="S", text="T")
    OutboxMessage.objects.filter(pk=dead.pk).update(status="dead")
    retention.purge_account_emails(now=timezone.now(), dry_run=False, stdout=StringIO())
    assert OutboxMessage.objects.filter(pk=dead.pk).exists()  # its link may still work
    expiry = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    retention.purge_account_emails(now=timezone.now() + expiry, dry_run=False, stdout=StringIO())
    assert not OutboxMessage.objects.filter(pk=dead.pk).exists()
    assert OutboxMessage.objects.filter(pk=message.pk).exists()  # sent ones keep no address

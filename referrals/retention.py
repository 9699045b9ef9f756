"""Retention: personal data leaves a referral REFERRAL_RETENTION_DAYS after it closed.

The referral row stays, anonymised (reference, team, area, status, outcome, dates), so
counts by team, area, outcome and month survive; so does its analytics.ReferralEvent.
Called by `manage.py purge_expired`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from referrals import crypto
from referrals.models import (
    CaseNote,
    HandoverEvent,
    OutboxMessage,
    Referral,
    ReferralAuditEntry,
    ReferralUpdate,
)


def purge(now, dry_run: bool, stdout) -> int:
    """Remove personal data from expired referrals; returns how many (would be) purged."""
    due = Referral.objects.purge_due(now, settings.REFERRAL_RETENTION_DAYS)
    ids = list(due.values_list("pk", flat=True))
    if dry_run:
        stdout.write(f"Referrals: {len(ids)} closed referrals would have personal data removed.")
        return len(ids)
    with transaction.atomic():
        CaseNote.objects.filter(referral_id__in=ids).delete()
        ReferralUpdate.objects.filter(referral_id__in=ids).delete()
        # Handover steps stay (partner, step, reason code), their free text does not.
        HandoverEvent.objects.filter(referral_id__in=ids).update(
            text_encrypted=crypto.encrypt_json("")
        )
        for message in OutboxMessage.objects.filter(referral_id__in=ids):
            if "to_encrypted" in message.payload:
                message.payload = {k: v for k, v in message.payload.items() if k != "to_encrypted"}
                message.save(update_fields=["payload"])
        Referral.objects.filter(pk__in=ids).update(
            answers_encrypted="", assigned_to=None, purged_at=now
        )
        ReferralAuditEntry.objects.bulk_create(
            ReferralAuditEntry(
                referral_id=pk,
                reference=reference,
                action=ReferralAuditEntry.Action.PURGED,
                details="retention period passed",
                created_at=now,
            )
            for pk, reference in Referral.objects.filter(pk__in=ids).values_list("pk", "reference")
        )
    stdout.write(f"Referrals: personal data removed from {len(ids)} closed referrals.")
    return len(ids)


def purge_account_emails(now, dry_run: bool, stdout) -> int:
    """Delete staff emails that failed every try (dead) and are older than
    PASSWORD_RESET_TIMEOUT: the link inside no longer works, and the row still holds the
    encrypted address. (Sent ones keep no address; pending ones are still being tried.)"""
    expired = OutboxMessage.objects.filter(
        kind=OutboxMessage.Kind.ACCOUNT_EMAIL,
        status=OutboxMessage.Status.DEAD,
        created_at__lt=now - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
    )
    if dry_run:
        count = expired.count()
        stdout.write(f"Staff emails: {count} dead staff emails would be deleted.")
        return count
    count, _by_model = expired.delete()
    stdout.write(f"Staff emails: {count} dead staff emails deleted.")
    return count

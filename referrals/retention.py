"""Retention: personal data leaves a referral REFERRAL_RETENTION_DAYS after it closed.

The referral row stays, anonymised (reference, team, area, status, outcome, dates), so
counts by team, area, outcome and month survive; so does its analytics.ReferralEvent.
Called by `manage.py purge_expired`.
"""

from django.conf import settings
from django.db import transaction

from referrals.models import CaseNote, OutboxMessage, Referral, ReferralAuditEntry


def purge(now, dry_run: bool, stdout) -> int:
    """Remove personal data from expired referrals; returns how many (would be) purged."""
    due = Referral.objects.purge_due(now, settings.REFERRAL_RETENTION_DAYS)
    ids = list(due.values_list("pk", flat=True))
    if dry_run:
        stdout.write(f"Referrals: {len(ids)} closed referrals would have personal data removed.")
        return len(ids)
    with transaction.atomic():
        CaseNote.objects.filter(referral_id__in=ids).delete()
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

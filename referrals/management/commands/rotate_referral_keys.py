"""Re-encrypt stored referral data with the newest FIELD_ENCRYPTION_KEY:
`manage.py rotate_referral_keys`. Put the new key first, run this, then drop the old key."""

from django.core.management.base import BaseCommand
from django.db import transaction

from referrals import crypto
from referrals.models import CaseNote, OutboxMessage, Referral

BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt referral answers, case notes and unsent emails in the outbox with the "
        "newest key."
    )

    def handle(self, *args, **options):
        counts = {
            "referrals": self._rotate(
                Referral.objects.exclude(answers_encrypted=""), "answers_encrypted"
            ),
            "notes": self._rotate(CaseNote.objects.all(), "text_encrypted"),
        }
        rotated = 0
        for message in OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT):
            secrets = [key for key in message.payload if key.endswith("_encrypted")]
            if secrets:  # a confirmation's address, a staff email's address and body
                for key in secrets:
                    message.payload[key] = crypto.rotate_token(message.payload[key])
                message.save(update_fields=["payload"])
                rotated += 1
        counts["unsent emails"] = rotated
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()) + " re-encrypted.")

    def _rotate(self, queryset, field: str) -> int:
        done = 0
        ids = list(queryset.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                for obj in queryset.model.objects.filter(pk__in=ids[start : start + BATCH]).only(
                    "pk", field
                ):
                    setattr(obj, field, crypto.rotate_token(getattr(obj, field)))
                    obj.save(update_fields=[field])
                    done += 1
        return done

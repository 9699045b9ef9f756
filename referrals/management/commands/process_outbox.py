"""Send due referral notifications: `manage.py process_outbox [--limit N]` (run every minute)."""

from django.core.management.base import BaseCommand

from referrals import outbox


class Command(BaseCommand):
    help = "Send pending referral emails and webhooks, retrying failures with backoff."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Most messages to try this run.")

    def handle(self, *args, limit: int, **options):
        counts = outbox.process(limit=limit)
        self.stdout.write(
            f"Outbox: {counts['sent']} sent, {counts['failed']} failed, "
            f"{counts['skipped']} taken by another worker, {outbox.backlog()} pending."
        )

"""Send due referral notifications: `manage.py process_outbox [--limit N] [--retry-dead]`
(run every minute).

`--retry-dead` first gives every dead-lettered message a fresh set of tries, for after a mail
server or webhook outage is mended. While dead messages remain, each run logs a warning: the
line to alert on.
"""

from django.core.management.base import BaseCommand

from referrals import outbox


class Command(BaseCommand):
    help = "Send pending referral emails and webhooks, retrying failures with backoff."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Most messages to try this run.")
        parser.add_argument(
            "--retry-dead",
            action="store_true",
            help="First give every dead message (failed every retry) a fresh set of tries.",
        )

    def handle(self, *args, limit: int, retry_dead: bool, **options):
        if retry_dead:
            self.stdout.write(f"Outbox: {outbox.retry_dead()} dead messages queued again.")
        counts = outbox.process(limit=limit)
        dead = outbox.dead_count()
        self.stdout.write(
            f"Outbox: {counts['sent']} sent, {counts['failed']} failed, "
            f"{counts['skipped']} taken by another worker, {outbox.backlog()} pending, "
            f"{dead} dead."
        )
        if dead:
            outbox.logger.warning(
                "Outbox: %s dead messages need attention (process_outbox --retry-dead)", dead
            )

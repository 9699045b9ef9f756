"""Email each coordinator a digest of their overdue listings: `manage.py send_review_reminders [--dry-run]`.

Run daily or weekly from the scheduler. Listings go to their curator, or else to the
coordinators of the patches they are in.
"""

from django.core.management.base import BaseCommand

from directory.reviews import send_review_reminders


class Command(BaseCommand):
    help = "Send coordinators a digest of listings that are overdue for review."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be emailed; send nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        result = send_review_reminders(dry_run=dry_run)
        for digest in result["digests"]:
            verb = "would email" if dry_run else "emailed"
            self.stdout.write(f"{verb} {digest.email}: {len(digest.services)} listing(s)")
        if result["unassigned"]:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(result['unassigned'])} overdue listing(s) have no curator or coordinator."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result['sent']} digest(s) sent for {result['listings']} overdue listing(s)."
            )
        )

"""Apply retention rules: `manage.py purge_expired [--dry-run]`.

Each app with retention rules registers `purge(now, dry_run, stdout)` in `portal.retention`
(e.g. referrals remove personal data after REFERRAL_RETENTION_DAYS; analytics roll old search
events up into daily counts).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal import retention


class Command(BaseCommand):
    help = "Delete or anonymise data that is past its retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would go; change nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        now = timezone.now()
        for _name, purge in retention.rules():
            purge(now=now, dry_run=dry_run, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS("Retention rules applied." if not dry_run else "Dry run done.")
        )

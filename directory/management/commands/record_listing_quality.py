"""Record today's quality counts of live listings: `manage.py record_listing_quality`.

Run daily from the scheduler: the directory-health report's quality trend reads these rows.
Running it again the same day replaces that day's counts.
"""

from django.core.management.base import BaseCommand

from directory.quality import CHECKS, record_listing_quality


class Command(BaseCommand):
    help = "Record how many live listings fail each quality check today (for trends)."

    def handle(self, *args, **options):
        snapshots = record_listing_quality()
        for snapshot in snapshots:
            label = CHECKS[snapshot.check_code].label
            self.stdout.write(f"{label}: {snapshot.failing} of {snapshot.listings}")
        self.stdout.write(self.style.SUCCESS(f"Recorded {len(snapshots)} check(s) for today."))

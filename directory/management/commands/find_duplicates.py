"""Find possible duplicate listings for the coordinators' queue: `manage.py find_duplicates
[--dry-run]`. Run nightly from the scheduler, or by hand after a big import.

Open pairs are rescored, new ones recorded; a pair a coordinator has decided is never
reopened (directory.duplicates).
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from directory.duplicates import STRONG_SCORE, find_pairs


class Command(BaseCommand):
    help = "Find possible duplicate listings and record them for coordinators to check."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the pairs; record nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        started = time.perf_counter()
        with transaction.atomic():
            pairs = find_pairs()
            if dry_run:
                transaction.set_rollback(True)
        seconds = time.perf_counter() - started
        strong = sum(1 for pair in pairs if pair.score >= STRONG_SCORE)
        verb = "would be open" if dry_run else "open"
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(pairs)} possible duplicate pair(s) {verb}, {strong} strong "
                f"(score {STRONG_SCORE} or more), in {seconds:.1f} s."
            )
        )

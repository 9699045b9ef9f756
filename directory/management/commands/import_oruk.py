"""manage.py import_oruk SOURCE [--publish] [--dry-run]: import Open Referral UK services."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.oruk.importer import import_feed
from directory.oruk.sources import SourceError, open_feed

MAX_REASONS_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Import Open Referral UK (HSDS-UK 3.0) services from a JSON file (a list, a paged "
        "envelope or an export_oruk file) or an ORUK API address. Idempotent by service id; "
        "new and changed services wait as drafts unless --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A JSON file, or an ORUK API base URL.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish new and changed services."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )
        parser.add_argument(
            "--timeout", type=float, default=20, help="Seconds to wait for each API request."
        )

    def handle(self, *args, source, publish, dry_run, timeout, **options):
        try:
            feed = open_feed(source, timeout=timeout)
            summary = import_feed(
                feed,
                publish=publish,
                dry_run=dry_run,
                progress=lambda records: tqdm(
                    records,
                    total=feed.total,
                    unit="service",
                    file=self.stderr._out,
                    disable=options["verbosity"] == 0,
                    mininterval=0.5,
                ),
            )
        except SourceError as error:
            raise CommandError(str(error)) from error
        for reason in summary.reasons[:MAX_REASONS_SHOWN]:
            self.stdout.write(self.style.WARNING(f"Skipped {reason}"))
        if len(summary.reasons) > MAX_REASONS_SHOWN:
            self.stdout.write(f"… and {len(summary.reasons) - MAX_REASONS_SHOWN} more skipped.")
        prefix = "Dry run, nothing saved: " if dry_run else ""
        drafts = "" if publish or dry_run else " (new and changed services wait as drafts)"
        self.stdout.write(self.style.SUCCESS(f"{prefix}{summary}{drafts}"))

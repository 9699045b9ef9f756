"""manage.py import_csv FILE --source NAME [--dry-run] [--partial]: listings from our CSV template."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.csv_import import (
    CsvFileError,
    RowsInvalid,
    check_csv,
    csv_source,
    import_checked,
    log_import,
)
from directory.models import SyncRun
from directory.sources.sync import describe

MAX_PROBLEMS_SHOWN = 100


class Command(BaseCommand):
    help = (
        "Import listings from a CSV file in the Signpost template (docs/csv-import.md). Every "
        "row is checked first; nothing is written unless every row is good (or --partial). "
        "New and changed listings wait as drafts unless the source is trusted."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument(
            "--source", required=True, help="The source's name (a CSV source; made if new)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; change nothing."
        )
        parser.add_argument(
            "--partial", action="store_true", help="Import the good rows even if some are bad."
        )

    def handle(self, *args, file, source, dry_run, partial, **options):
        try:
            with open(file, "rb") as handle:
                checked = check_csv(handle.read())
            source_obj = csv_source(source, create=not dry_run)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        except CsvFileError as error:
            raise CommandError(str(error)) from error
        if checked.note:
            self.stdout.write(checked.note)
        for problem in checked.problems[:MAX_PROBLEMS_SHOWN]:
            self.stdout.write(self.style.WARNING(str(problem)))
        if len(checked.problems) > MAX_PROBLEMS_SHOWN:
            self.stdout.write(f"… and {len(checked.problems) - MAX_PROBLEMS_SHOWN} more")
        counts = f"{checked.rows} rows: {len(checked)} ready, {len(checked.bad_rows)} with problems"
        try:
            run = import_checked(
                source_obj,
                checked,
                partial=partial,
                dry_run=dry_run,
                progress=lambda records: tqdm(
                    records,
                    total=len(checked),
                    unit="row",
                    file=self.stderr._out,
                    disable=options["verbosity"] == 0,
                    mininterval=0.5,
                ),
            )
        except RowsInvalid as error:
            raise CommandError(
                f"{counts}. Nothing imported: fix the rows above, or use --partial to import "
                "the good rows."
            ) from error
        if not dry_run:
            log_import(source_obj, checked, run, user=None)
        if run.status == SyncRun.Status.FAILED:
            raise CommandError(f"{counts}. {describe(run)}")
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{counts}. {describe(run)}"))

"""Load areas of one type from a postcode-to-area CSV:
`manage.py load_areas FILE --type pcn [--dry-run] [--partial]`.

FILE has a postcode, an area code and an area name on each row (docs/areas.md lists the
header names accepted). Every row is checked first: with any error nothing is saved (unless
--partial, which leaves the bad rows out). Each ward then goes to the area holding most of
its postcodes (best fit; a tie goes to the lowest code). Idempotent: the same file again
changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.areas import AreasFileError, area_kind, load_areas, loadable_kinds
from directory.models import Area

SHOW_ERRORS = 20
SHOW_SPLIT = 10


class Command(BaseCommand):
    help = "Load areas of one type (PCN, locality, LAC patch…) from a postcode-to-area CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--type",
            dest="area_type",
            required=True,
            help=f"The type of area: one of {', '.join(loadable_kinds())}.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; save nothing."
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Save the good rows even when some rows have errors (those are left out).",
        )

    def handle(self, *args, file: Path, area_type: str, dry_run: bool, partial: bool, **options):
        kind = area_kind(area_type)
        if kind is None:
            raise CommandError(
                f"Unknown area type “{area_type}”: use one of {', '.join(loadable_kinds())}"
            )
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        try:
            result = load_areas(file, kind, dry_run=dry_run, partial=partial)
        except AreasFileError as error:
            raise CommandError(str(error)) from error
        label = Area.Kind(kind).label
        for error in result.errors[:SHOW_ERRORS]:
            self.stderr.write(str(error))
        if len(result.errors) > SHOW_ERRORS:
            self.stderr.write(f"… and {len(result.errors) - SHOW_ERRORS} more rows with errors.")
        write = self.stdout.write
        write(f"{file.name}: {result.rows} rows, {len(result.errors)} with errors.")
        write(
            f"{label} areas: {len(result.created)} new, {len(result.updated)} updated"
            + (f", {len(result.emptied)} not in the file (wards cleared)" if result.emptied else "")
            + "."
        )
        write(
            f"Postcodes: {result.postcodes_matched} matched, "
            f"{result.postcodes_unknown} not in the gazetteer"
            + (
                f", {result.postcodes_without_ward} with no ward"
                if result.postcodes_without_ward
                else ""
            )
            + "."
        )
        write(
            f"Wards: {result.wards_mapped} mapped, {len(result.split_wards)} split between areas"
            + (f", {len(result.wards_in_none)} in no area" if result.wards_in_none else "")
            + (
                f", {len(result.wards_not_loaded)} ward codes with no ward loaded"
                if result.wards_not_loaded
                else ""
            )
            + "."
        )
        for split in sorted(result.split_wards, key=lambda split: -split.outvoted_percent)[
            :SHOW_SPLIT
        ]:
            write(
                f"  {split.ward.name} → {split.area_name}: {split.outvoted} of its "
                f"{split.postcodes} postcodes ({split.outvoted_percent}%) are in other areas"
            )
        if len(result.split_wards) > SHOW_SPLIT:
            write(f"  … and {len(result.split_wards) - SHOW_SPLIT} more split wards.")
        if result.wards_in_none:
            write(f"  In no area: {', '.join(result.wards_in_none)}")
        if result.saved:
            self.stdout.write(self.style.SUCCESS(f"Saved the {label.lower()} areas."))
        elif dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        else:
            raise CommandError(
                f"Nothing was saved: {len(result.errors)} rows have errors. Fix them, or run "
                "again with --partial to save the other rows."
            )

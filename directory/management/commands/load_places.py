"""Load place names into the gazetteer: `manage.py load_places [FILE] [--source NAME] [--derive-wards]`.

FILE is a CSV of `name, kind, latitude, longitude[, area_code]` (docs/places.md says how to
make one from the ONS Index of Place Names or OS Open Names). With --derive-wards (or no FILE)
every ward with postcodes also gets a place at the mean of its postcodes. Idempotent: running
it again updates the same rows.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.gazetteer import PlacesFileError, derive_ward_places, load_places_csv
from directory.models import PlaceName


class Command(BaseCommand):
    help = "Load place names (wards, neighbourhoods, localities, towns) from an open CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument(
            "--source", default="", help="Label for these rows (default: file name)."
        )
        parser.add_argument(
            "--derive-wards",
            action="store_true",
            help="Also give each ward a place at the centre of its postcodes.",
        )

    def handle(self, *args, file: Path | None, source: str, derive_wards: bool, **options):
        if file is not None:
            if not file.exists():
                raise CommandError(f"No such file: {file}")
            try:
                loaded, skipped = load_places_csv(file, source=source)
            except (PlacesFileError, UnicodeDecodeError) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Places from {file.name}: {loaded} loaded, {skipped} skipped.")
        if derive_wards or file is None:
            self.stdout.write(f"Ward places from postcodes: {derive_ward_places()}.")
        self.stdout.write(self.style.SUCCESS(f"Gazetteer: {PlaceName.objects.count()} places."))

"""Load an open postcode CSV into the gazetteer: `manage.py load_postcodes FILE [--wards FILE]`.

The CSV needs `postcode, latitude, longitude` and optionally `ward_code, district_code`
(OS Code-Point Open style, as in directory/data/). Idempotent: existing postcodes are updated.
With --wards, a CSV of `ward_code, ward_name` creates or renames the ward Areas. Afterwards every
ward with postcodes gets a place-name gazetteer entry at their mean (directory.gazetteer), so
search finds "Hillsborough" offline; `load_places` adds other place names.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from directory.gazetteer import derive_ward_places
from directory.models import Area, Postcode
from directory.postcodes import normalise_postcode

BATCH_SIZE = 2000


class Command(BaseCommand):
    help = "Load postcodes (and optionally wards) from open data CSV files."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--wards", type=Path, help="CSV of ward_code, ward_name.")

    def handle(self, *args, file: Path, wards: Path | None, **options):
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        if wards:
            self.load_wards(wards)
        loaded, skipped = self.load_postcodes(file)
        self.stdout.write(self.style.SUCCESS(f"Postcodes: {loaded} loaded, {skipped} skipped."))
        self.stdout.write(f"Ward places from postcodes: {derive_ward_places()}.")

    def load_wards(self, path: Path) -> None:
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            Area.objects.update_or_create(
                kind=Area.Kind.WARD, code=row["ward_code"], defaults={"name": row["ward_name"]}
            )
        self.stdout.write(f"Wards: {len(rows)} loaded.")

    def load_postcodes(self, path: Path) -> tuple[int, int]:
        loaded = skipped = 0
        batch: list[Postcode] = []
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = {"postcode", "latitude", "longitude"} - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"{path} is missing the columns: {', '.join(sorted(missing))}")
            for row in tqdm(reader, desc="Postcodes", unit=" rows", disable=options_quiet(self)):
                postcode = normalise_postcode(row["postcode"])
                try:
                    latitude, longitude = float(row["latitude"]), float(row["longitude"])
                except (TypeError, ValueError):
                    latitude = longitude = None
                if not postcode or latitude is None:
                    skipped += 1
                    continue
                batch.append(
                    Postcode(
                        postcode=postcode,
                        outcode=postcode.split(" ")[0],
                        latitude=latitude,
                        longitude=longitude,
                        ward_code=(row.get("ward_code") or "").strip(),
                        district_code=(row.get("district_code") or "").strip(),
                    )
                )
                if len(batch) >= BATCH_SIZE:
                    loaded += self.save(batch)
                    batch = []
        loaded += self.save(batch)
        return loaded, skipped

    @staticmethod
    def save(batch: list[Postcode]) -> int:
        if not batch:
            return 0
        with transaction.atomic():
            Postcode.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["postcode"],
                update_fields=["outcode", "latitude", "longitude", "ward_code", "district_code"],
            )
        return len(batch)


def options_quiet(command: BaseCommand) -> bool:
    """No progress bar when output is not a terminal (CI logs, tests)."""
    return not command.stdout.isatty()

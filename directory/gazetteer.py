"""Filling the place-name gazetteer (PlaceName): from an open CSV, and wards from the postcodes.

`load_places_csv(path)` reads the format in docs/places.md (`name, kind, latitude, longitude`
and optionally `area_code`), also accepting the kind words of the ONS Index of Place Names and
OS Open Names. `derive_ward_places()` gives every ward Area that has postcodes a place at the
mean of its postcodes, so a fresh install answers "Hillsborough" with no file and no network.
Both are idempotent upserts keyed on (normalised name, kind, area code).
"""

import csv
from pathlib import Path

from django.db import transaction
from django.db.models import Avg, Count

from directory.models import Area, PlaceName, Postcode
from directory.placenames import normalise_place_name

DERIVED_SOURCE = "postcodes"
BATCH_SIZE = 2000
REQUIRED_COLUMNS = {"name", "kind", "latitude", "longitude"}

# The kind column: ours, plus the words the open gazetteers use (docs/places.md).
KIND_ALIASES = {
    **{kind.value: kind.value for kind in PlaceName.Kind},
    # OS Open Names LOCAL_TYPE
    "city": PlaceName.Kind.TOWN,
    "town": PlaceName.Kind.TOWN,
    "suburban area": PlaceName.Kind.NEIGHBOURHOOD,
    "village": PlaceName.Kind.LOCALITY,
    "hamlet": PlaceName.Kind.LOCALITY,
    "other settlement": PlaceName.Kind.LOCALITY,
    # ONS Index of Place Names descnm
    "wd": PlaceName.Kind.WARD,
    "loc": PlaceName.Kind.LOCALITY,
    "bua": PlaceName.Kind.TOWN,
    "buasd": PlaceName.Kind.NEIGHBOURHOOD,
    "par": PlaceName.Kind.LOCALITY,
}


class PlacesFileError(ValueError):
    """The file cannot be read as a places CSV; the message says why."""


def kind_of(text: str) -> str | None:
    return KIND_ALIASES.get(" ".join((text or "").lower().replace("_", " ").split()))


def upsert(places: list[PlaceName]) -> int:
    """Insert or update by (normalised, kind, area_code); the last of any duplicates wins."""
    unique = {}
    for place in places:
        place.normalised = normalise_place_name(place.name)
        if place.normalised:
            unique[(place.normalised, place.kind, place.area_code)] = place
    rows = list(unique.values())
    for start in range(0, len(rows), BATCH_SIZE):
        PlaceName.objects.bulk_create(
            rows[start : start + BATCH_SIZE],
            update_conflicts=True,
            unique_fields=["normalised", "kind", "area_code"],
            update_fields=["name", "latitude", "longitude", "area", "source"],
        )
    return len(rows)


def derive_ward_places() -> int:
    """A ward place for every ward Area with postcodes, at the mean of its postcodes."""
    wards = {area.code: area for area in Area.objects.filter(kind=Area.Kind.WARD).exclude(code="")}
    centres = (
        Postcode.objects.filter(ward_code__in=wards)
        .values("ward_code")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"), n=Count("postcode"))
    )
    places = [
        PlaceName(
            name=wards[row["ward_code"]].name,
            kind=PlaceName.Kind.WARD,
            latitude=round(row["lat"], 6),
            longitude=round(row["lon"], 6),
            area_code=row["ward_code"],
            area=wards[row["ward_code"]],
            source=DERIVED_SOURCE,
        )
        for row in centres
    ]
    with transaction.atomic():
        # a renamed ward leaves no place under its old name
        keep = {(normalise_place_name(place.name), place.area_code) for place in places}
        stale = [
            place.pk
            for place in PlaceName.objects.filter(kind=PlaceName.Kind.WARD, source=DERIVED_SOURCE)
            if (place.normalised, place.area_code) not in keep
        ]
        PlaceName.objects.filter(pk__in=stale).delete()
        return upsert(places)


def load_places_csv(path: Path, source: str = "") -> tuple[int, int]:
    """Load a places CSV (docs/places.md); returns (loaded, skipped)."""
    source = (source or path.name)[:100]
    areas = {}
    for area in Area.objects.exclude(code="").order_by("kind"):
        # a ward wins over any other area with the same code
        if area.code not in areas or area.kind == Area.Kind.WARD:
            areas[area.code] = area
    places, skipped = [], 0
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = {name.strip().lower() for name in reader.fieldnames or []}
        missing = REQUIRED_COLUMNS - columns
        if missing:
            raise PlacesFileError(f"{path} is missing the columns: {', '.join(sorted(missing))}")
        for raw in reader:
            row = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items()}
            kind = kind_of(row["kind"])
            try:
                latitude, longitude = float(row["latitude"]), float(row["longitude"])
            except ValueError:
                latitude = longitude = None
            if (
                not row["name"]
                or kind is None
                or latitude is None
                or not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
            ):
                skipped += 1
                continue
            area_code = row.get("area_code", "")[:20]
            places.append(
                PlaceName(
                    name=row["name"][:200],
                    kind=kind,
                    latitude=latitude,
                    longitude=longitude,
                    area_code=area_code,
                    area=areas.get(area_code),
                    source=source,
                )
            )
    with transaction.atomic():
        loaded = upsert(places)
    return loaded, skipped + len(places) - loaded

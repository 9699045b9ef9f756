"""Areas made of wards (primary care networks, localities, LAC patches…) from a
postcode-to-area CSV: `load_areas(path, kind)`, behind `manage.py load_areas FILE --type pcn`.

Events and listings only know their ward (full postcodes are never kept), so an area of any
other type is stored as the wards it covers, by best fit, as ONS publishes its best-fit
lookups: each ward goes to the area holding most of its postcodes in the file (a tie goes to
the lowest area code), so every ward is in exactly one area of the type. The file format, and
where the real NHS and ONS lookups come from, are in docs/areas.md.

Every row is checked before anything is written; with errors nothing is saved unless
`partial` is set (then the bad rows are left out). Loading the same file again changes
nothing; areas of the type that are not in the file keep their names but lose their wards.
"""

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from directory.models import Area, Postcode
from directory.postcodes import normalise_postcode

LOOKUP_BATCH = 2000
CODE_LENGTH = Area._meta.get_field("code").max_length
NAME_LENGTH = Area._meta.get_field("name").max_length

# Column names (compared lower-case, with spaces and hyphens read as underscores); the
# `{type}_code` / `{type}_name` forms are accepted too (pcn_code, locality_name…).
POSTCODE_COLUMNS = ("postcode", "pcd", "pcds", "pcd2", "pcd7", "pcd8", "post_code")
CODE_COLUMNS = ("area_code", "code")
NAME_COLUMNS = ("area_name", "name")

# The --type words: Area.Kind values and labels, and a few short forms.
TYPE_ALIASES = {
    "pcn": Area.Kind.PCN,
    "pcns": Area.Kind.PCN,
    "lac": Area.Kind.LAC_PATCH,
    "patch": Area.Kind.LAC_PATCH,
    "la": Area.Kind.LOCAL_AUTHORITY,
}


class AreasFileError(ValueError):
    """The file cannot be read as a postcode-to-area CSV; the message says why."""


@dataclass
class RowError:
    row: int  # the line in the file, the header being row 1 (as a spreadsheet shows it)
    message: str

    def __str__(self):
        return f"Row {self.row}: {self.message}"


@dataclass
class SplitWard:
    ward: Area
    area_name: str
    outvoted: int  # the ward's postcodes in the file that lie in other areas
    postcodes: int  # all the ward's postcodes in the file

    @property
    def outvoted_percent(self) -> float:
        return round(self.outvoted * 100 / self.postcodes, 1)


@dataclass
class AreasLoad:
    """What `load_areas` found and did (or, for a dry run, would do)."""

    kind: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    emptied: list[str] = field(default_factory=list)  # of the type, not in the file
    postcodes_matched: int = 0
    postcodes_unknown: int = 0  # not in the gazetteer (left out with partial)
    postcodes_without_ward: int = 0
    wards_mapped: int = 0
    wards_not_loaded: list[str] = field(default_factory=list)  # ward codes with no ward Area
    wards_in_none: list[str] = field(default_factory=list)  # ward Areas no postcode reached
    split_wards: list[SplitWard] = field(default_factory=list)
    saved: bool = False


def area_kind(text: str) -> str | None:
    """The Area.Kind a --type word names ("pcn", "locality", "LAC patch"…), or None.
    Wards are not loaded this way: they come with the postcodes."""
    word = re.sub(r"[\s_-]+", " ", (text or "").strip().lower())
    kinds = {kind.value.replace("_", " "): kind.value for kind in Area.Kind}
    kinds.update({str(kind.label).lower(): kind.value for kind in Area.Kind})
    kind = kinds.get(word) or TYPE_ALIASES.get(word)
    return None if kind == Area.Kind.WARD else kind


def loadable_kinds() -> list[str]:
    return [kind.value for kind in Area.Kind if kind != Area.Kind.WARD]


def _column_key(name: str) -> str:
    return re.sub(r"[\s-]+", "_", (name or "").strip().lower())


def find_columns(fieldnames, kind: str) -> dict[str, str]:
    """{"postcode"|"code"|"name": the header in the file}; AreasFileError if one is missing."""
    headers = {_column_key(name): name for name in fieldnames or [] if name}
    short = "pcn" if kind == Area.Kind.PCN else kind
    wanted = {
        "postcode": POSTCODE_COLUMNS,
        "code": (*CODE_COLUMNS, f"{short}_code", f"{kind}_code", f"{short}cd"),
        "name": (*NAME_COLUMNS, f"{short}_name", f"{kind}_name", f"{short}nm"),
    }
    found, missing = {}, []
    for role, names in wanted.items():
        header = next((headers[name] for name in names if name in headers), None)
        if header is None:
            missing.append(f"{role} (one of: {', '.join(dict.fromkeys(names))})")
        else:
            found[role] = header
    if missing:
        raise AreasFileError(f"The file is missing the columns: {'; '.join(missing)}")
    return found


def read_rows(path: Path, kind: str) -> tuple[list[tuple[int, str, str, str]], list[RowError]]:
    """The file's rows as (row number, normalised postcode, code, name), and the errors of
    the rows that cannot be read (the gazetteer is not consulted here)."""
    rows, errors = [], []
    names: dict[str, tuple[str, int]] = {}  # code -> (name, first row)
    seen: dict[str, tuple[str, int]] = {}  # postcode -> (code, first row)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = find_columns(reader.fieldnames, kind)
            for number, raw in enumerate(reader, start=2):
                text = (raw.get(columns["postcode"]) or "").strip()
                code = (raw.get(columns["code"]) or "").strip()
                name = " ".join((raw.get(columns["name"]) or "").split())
                if not (text or code or name):
                    continue  # a blank line
                postcode = normalise_postcode(text)
                problems = []
                if not text:
                    problems.append("the postcode is blank")
                elif postcode is None:
                    problems.append(f"“{text[:20]}” is not a full postcode")
                if not code:
                    problems.append("the area code is blank")
                elif len(code) > CODE_LENGTH:
                    problems.append(f"the area code is longer than {CODE_LENGTH} characters")
                if not name:
                    problems.append("the area name is blank")
                elif len(name) > NAME_LENGTH:
                    problems.append(f"the area name is longer than {NAME_LENGTH} characters")
                if code and name and not problems:
                    first_name, first_row = names.setdefault(code, (name, number))
                    if first_name != name:
                        problems.append(
                            f"area {code} is named “{name}” here but “{first_name}” "
                            f"on row {first_row}"
                        )
                if postcode and code and not problems:
                    first_code, first_row = seen.setdefault(postcode, (code, number))
                    if first_code != code:
                        problems.append(
                            f"{postcode} is in area {code} here but in {first_code} "
                            f"on row {first_row}"
                        )
                    elif first_row != number:
                        continue  # the same postcode and area again: harmless
                if problems:
                    errors.append(RowError(number, "; ".join(problems)))
                else:
                    rows.append((number, postcode, code, name))
    except UnicodeDecodeError as error:
        raise AreasFileError(f"{path.name} is not UTF-8 text: save it as CSV UTF-8") from error
    except csv.Error as error:
        raise AreasFileError(f"{path.name} cannot be read as CSV: {error}") from error
    return rows, errors


def ward_codes_of(postcodes: list[str]) -> dict[str, str]:
    """{postcode: its ward code ("" for none)} for those in the gazetteer."""
    found = {}
    for start in range(0, len(postcodes), LOOKUP_BATCH):
        found.update(
            Postcode.objects.filter(
                postcode__in=postcodes[start : start + LOOKUP_BATCH]
            ).values_list("postcode", "ward_code")
        )
    return found


def best_fit(votes: dict[str, Counter]) -> dict[str, str]:
    """{ward code: the area code holding most of its postcodes}; a tie goes to the lowest
    area code, so the answer never depends on the order of the file."""
    return {
        ward_code: min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
        for ward_code, counts in votes.items()
    }


def load_areas(path: Path, kind: str, *, dry_run: bool = False, partial: bool = False):
    """Read, check and (unless `dry_run`, or errors without `partial`) save the areas of
    `kind` in a postcode-to-area CSV. Returns an `AreasLoad`; AreasFileError when the file
    cannot be read at all."""
    if kind not in loadable_kinds():
        raise AreasFileError(f"Areas of type “{kind}” cannot be loaded from postcodes")
    result = AreasLoad(kind=kind)
    rows, result.errors = read_rows(path, kind)
    result.rows = len(rows) + len(result.errors)
    wards_of = ward_codes_of([postcode for _row, postcode, _code, _name in rows])
    known = []
    for number, postcode, code, name in rows:
        if postcode in wards_of:
            known.append((postcode, code, name))
        else:
            result.errors.append(RowError(number, f"{postcode} is not in the postcode gazetteer"))
    result.errors.sort(key=lambda error: error.row)
    result.postcodes_matched = len(known)
    result.postcodes_unknown = len(rows) - len(known)

    names: dict[str, str] = {}
    votes: dict[str, Counter] = defaultdict(Counter)
    points: dict[str, list[str]] = defaultdict(list)
    for postcode, code, name in known:
        names[code] = name
        points[code].append(postcode)
        if wards_of[postcode]:
            votes[wards_of[postcode]][code] += 1
        else:
            result.postcodes_without_ward += 1
    fit = best_fit(votes)
    wards = {ward.code: ward for ward in Area.objects.filter(kind=Area.Kind.WARD).exclude(code="")}
    result.wards_not_loaded = sorted(code for code in fit if code not in wards)
    members: dict[str, list[Area]] = defaultdict(list)
    for ward_code, area_code in sorted(fit.items()):
        if ward_code not in wards:
            continue
        members[area_code].append(wards[ward_code])
        counts = votes[ward_code]
        total = sum(counts.values())
        if len(counts) > 1:
            result.split_wards.append(
                SplitWard(wards[ward_code], names[area_code], total - counts[area_code], total)
            )
    result.wards_mapped = sum(len(members_) for members_ in members.values())
    result.wards_in_none = sorted(ward.name for code, ward in wards.items() if code not in fit)
    existing = {area.code: area for area in Area.objects.filter(kind=kind).exclude(code="")}
    result.created = sorted(names[code] for code in names if code not in existing)
    result.updated = sorted(names[code] for code in names if code in existing)
    result.emptied = sorted(area.name for code, area in existing.items() if code not in names)

    if dry_run or (result.errors and not partial):
        return result
    centres = _centres(points)
    with transaction.atomic():
        for code, name in names.items():
            latitude, longitude = centres.get(code, (None, None))
            area, _created = Area.objects.update_or_create(
                kind=kind,
                code=code,
                defaults={
                    "name": name,
                    "centroid_latitude": latitude,
                    "centroid_longitude": longitude,
                },
            )
            area.wards.set(members.get(code, []))
        for code, area in existing.items():
            if code not in names:
                area.wards.clear()
    result.saved = True
    return result


def _centres(points: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """{area code: the mean latitude and longitude of its postcodes}."""
    where = {}
    everything = [postcode for postcodes in points.values() for postcode in postcodes]
    for start in range(0, len(everything), LOOKUP_BATCH):
        where.update(
            (postcode, (latitude, longitude))
            for postcode, latitude, longitude in Postcode.objects.filter(
                postcode__in=everything[start : start + LOOKUP_BATCH]
            ).values_list("postcode", "latitude", "longitude")
        )
    centres = {}
    for code, postcodes in points.items():
        located = [where[postcode] for postcode in postcodes if postcode in where]
        if located:
            centres[code] = (
                round(sum(lat for lat, _lon in located) / len(located), 6),
                round(sum(lon for _lat, lon in located) / len(located), 6),
            )
    return centres

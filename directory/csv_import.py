"""Listings from a spreadsheet: our CSV template -> checked rows -> an ORUK Feed -> the directory.

`check_csv(data)` reads the file (UTF-8, with or without a BOM, else Windows cp1252), checks
the header, then checks EVERY row into a report of `RowProblem`s ("Row 7: postcode 'DN15 6X'
is not a valid postcode"; the header is row 1, as in a spreadsheet). Each good row becomes an
ORUK 3.0 service dict and is passed through `directory.oruk.mapping.map_service`, so anything
the importer would refuse is a row problem too. `import_checked(...)` writes nothing unless
every row is good (or `partial=True`: the good rows only), through `write_feed`.

The columns are documented in docs/csv-import.md; directory/data/listings-template.csv is
the template (and a test imports it, so the two stay true).
"""

import csv
import html
import io
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.log_actions import log

from directory.models import Service, Source, SourceRecord, SyncRun, TaxonomyTerm
from directory.oruk.mapping import (
    HOW_TO_ACCESS,
    SIGNPOST_NAMESPACE,
    SUMMARY_MAX,
    InvalidRecord,
    clean_email,
    clean_url,
    map_service,
)
from directory.oruk.sources import Feed
from directory.patches import is_patch_limited, limit_to_patches
from directory.postcodes import normalise_postcode
from directory.sources.importer import external_id_of
from directory.sources.sync import describe, pull
from directory.vocabulary import WEEKDAYS
from portal.phones import tel_href

CSV_IMPORTED = "directory.csv_import"  # the audit action (registered in wagtail_hooks)
TEMPLATE_PATH = Path(__file__).parent / "data" / "listings-template.csv"
MAX_FILE_BYTES = 5 * 1024 * 1024
REQUIRED_COLUMNS = ("organisation_name", "service_name")
COLUMNS = (
    "external_id",
    "organisation_name",
    "organisation_website",
    "organisation_email",
    "organisation_phone",
    "organisation_charity_number",
    "service_name",
    "summary",
    "description",
    "kind",
    "how_to_access",
    "website",
    "email",
    "phone",
    "address_1",
    "address_2",
    "town",
    "postcode",
    "opening_times",
    "opening_description",
    "categories",
    "free",
    "costs",
    "who_it_is_for",
    "min_age",
    "max_age",
)
OPENING_TIMES_EXAMPLE = "Mon-Fri 09:00-17:00; Sat 10:00-12:00"
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
DAYS = {name[:3].lower(): number for number, name in WEEKDAYS.items()} | {
    name.lower(): number for number, name in WEEKDAYS.items()
}
DAY_CODE = {number: name[:2].upper() for number, name in WEEKDAYS.items()}
TIME_RE = r"([01]?\d|2[0-3])[:.]([0-5]\d)"
SESSION_RE = re.compile(rf"^(?P<days>[A-Za-z ,\-]+?)\s+{TIME_RE}\s*[-–]\s*{TIME_RE}$")
CHARITY_RE = re.compile(r"^[A-Z0-9\-]{1,20}$", re.IGNORECASE)


class CsvFileError(ValueError):
    """The file as a whole cannot be read (encoding, empty, header); safe to show."""


@dataclass(frozen=True)
class RowProblem:
    row: int  # as a spreadsheet shows it: the header is row 1
    column: str
    reason: str  # starts with the column's name, in plain English

    def __str__(self):
        return f"Row {self.row}: {self.reason}"


@dataclass
class CheckedFile:
    """Every row of a file, checked: the good ones as ORUK service dicts, the bad ones' reasons."""

    records: list[tuple[int, dict]] = field(default_factory=list)  # (row, ORUK service)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0  # data rows (blank ones not counted)
    note: str = ""  # about the file as a whole, e.g. the encoding it was read in

    @property
    def bad_rows(self) -> list[int]:
        return sorted({problem.row for problem in self.problems})

    @property
    def is_clean(self) -> bool:
        return not self.problems

    def feed(self) -> Feed:
        return Feed(services=iter([record for _row, record in self.records]), total=len(self))

    def __len__(self):
        return len(self.records)


class RowsInvalid(Exception):
    """Some rows have problems and a partial import was not asked for: nothing was written."""

    def __init__(self, checked: CheckedFile):
        self.checked = checked
        super().__init__(f"{len(checked.bad_rows)} of {checked.rows} rows have problems")


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and a note on how it was read; CsvFileError if it isn't text."""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "The file was not UTF-8; it was read as Windows text."
    except UnicodeDecodeError as error:
        raise CsvFileError(
            "The file is not text we can read. In your spreadsheet, choose "
            "Save as… and the type 'CSV UTF-8 (comma delimited)'."
        ) from error


def column_name(heading: str) -> str:
    """A header cell as a column name: "Service name " -> "service_name"."""
    return re.sub(r"[^a-z0-9]+", "_", heading.strip().lower()).strip("_")


def check_csv(data: bytes | str) -> CheckedFile:
    """Read and check every row; raises CsvFileError if the file itself is unusable."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise CsvFileError(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        text, note = decode(data)
    else:
        text, note = data.removeprefix("\ufeff"), ""
    if not text.strip():
        raise CsvFileError("The file is empty.")
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise CsvFileError(f"The file is not a CSV file we can read: {error}.") from error
    header = [column_name(cell) for cell in lines[0]]
    _check_header(header)
    checker = RowChecker(header)
    checked = CheckedFile(note=note)
    seen_ids: dict[str, int] = {}
    for index, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        checked.rows += 1
        problems, record = checker.check(index, cells)
        if record is not None:
            earlier = seen_ids.setdefault(record["id"], index)
            if earlier != index:
                problems.append(
                    RowProblem(
                        index,
                        "external_id",
                        f"this is the same listing as row {earlier} (the same external_id, or "
                        "the same organisation, service name and postcode)",
                    )
                )
        if problems:
            checked.problems.extend(problems)
        else:
            checked.records.append((index, record))
    if not checked.rows:
        raise CsvFileError("The file has a header row but no listings.")
    return checked


def _check_header(header: list[str]) -> None:
    problems = []
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        problems.append(f"it has no {' or '.join(missing)} column")
    # Blank headings (a spreadsheet's trailing empty columns) are allowed; rows are checked.
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        problems.append(f"these columns are not in the template: {', '.join(unknown)}")
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        problems.append(f"these columns appear twice: {', '.join(repeated)}")
    if problems:
        raise CsvFileError(
            "The header row (row 1) does not match the template: " + "; ".join(problems) + "."
        )


class RowChecker:
    """Checks one row at a time against the header; knows our categories (one query)."""

    def __init__(self, header: list[str]):
        self.header = header
        self.present = set(header)
        self.terms: dict[str, TaxonomyTerm] = {}
        for term in TaxonomyTerm.objects.select_related("taxonomy"):
            self.terms.setdefault(term.name.strip().lower(), term)
        for term in TaxonomyTerm.objects.select_related("taxonomy"):
            self.terms[term.code.lower()] = term  # a code wins over a name that looks like one

    def check(self, row: int, cells: list[str]) -> tuple[list[RowProblem], dict | None]:
        """The row's problems, and its ORUK service dict when it has none."""
        problems: list[RowProblem] = []

        def problem(column: str, reason: str) -> None:
            problems.append(RowProblem(row, column, reason))

        headings = self.header + [""] * max(0, len(cells) - len(self.header))
        if any(cell.strip() and not name for name, cell in zip(headings, cells, strict=False)):
            problem("", "it has a value in a column with no heading")
        values = {
            name: (cells[i].strip() if i < len(cells) else "")
            for i, name in enumerate(self.header)
            if name
        }
        record = self._record(values, problem)
        if problems:
            return problems, None
        try:
            map_service(record)
        except InvalidRecord as error:
            problem("", f"the listing cannot be used: {error}")
            return problems, None
        return problems, record

    def _record(self, values: dict, problem: Callable[[str, str], None]) -> dict:
        """The row as an ORUK 3.0 service dict; columns absent from the file are left out."""
        get = values.get
        present = self.present
        for name in REQUIRED_COLUMNS:
            if not get(name):
                problem(name, f"{name} is empty")
        for name, limit in (
            ("organisation_name", 255),
            ("service_name", 255),
            ("summary", SUMMARY_MAX),
        ):
            if len(get(name) or "") > limit:
                problem(name, f"{name} is {len(get(name))} characters long; the most is {limit}")
        postcode = ""
        if get("postcode"):
            postcode = normalise_postcode(get("postcode")) or ""
            if not postcode:
                problem("postcode", f"postcode '{get('postcode')}' is not a valid postcode")
        organisation = {"name": get("organisation_name") or ""}
        if "organisation_website" in present:
            organisation["website"] = self._url(values, "organisation_website", problem)
        if "organisation_email" in present:
            organisation["email"] = self._email(values, "organisation_email", problem)
        if "organisation_phone" in present:
            number = self._phone(values, "organisation_phone", problem)
            organisation["phones"] = [{"number": number}] if number else []
        if "organisation_charity_number" in present:
            charity = get("organisation_charity_number")
            if charity and not CHARITY_RE.match(charity):
                problem(
                    "organisation_charity_number",
                    f"organisation_charity_number '{charity}' is not a charity number (letters, "
                    "digits and hyphens, up to 20)",
                )
            organisation["organization_identifiers"] = (
                [{"identifier_scheme": "GB-CHC", "identifier": charity}] if charity else []
            )
        record = {
            "id": listing_id(values, postcode),
            "name": get("service_name") or "",
            "status": "active",
            "organization": organisation,
        }
        if "summary" in present:
            record["summary"] = get("summary")
        if "description" in present:
            record["description"] = paragraphs(get("description"))
        if "kind" in present:
            record["kind"] = self._kind(values, problem)
        if "how_to_access" in present and get("how_to_access"):
            record["attending_access"] = self._how_to_access(values, problem)
        if "website" in present:
            record["url"] = self._url(values, "website", problem)
        if "email" in present:
            record["email"] = self._email(values, "email", problem)
        if "phone" in present:
            number = self._phone(values, "phone", problem)
            record["phones"] = [{"number": number}] if number else []
        if present & {"address_1", "address_2", "town", "postcode"}:
            address = {
                "address_1": get("address_1") or "",
                "address_2": get("address_2") or "",
                "city": get("town") or "",
                "postal_code": postcode,
            }
            record["service_at_locations"] = (
                [{"location": {"addresses": [address]}}] if any(address.values()) else []
            )
        if present & {"opening_times", "opening_description"}:
            record["schedules"] = self._schedules(values, problem)
        if "categories" in present:
            record["taxonomy_terms"] = self._categories(values, problem)
        if present & {"free", "costs"}:
            record["fees_description"] = self._fees(values, problem)
        if "who_it_is_for" in present:
            record["eligibility_description"] = get("who_it_is_for")
        for column, key in (("min_age", "minimum_age"), ("max_age", "maximum_age")):
            if column in present:
                record[key] = self._age(values, column, problem)
        ages = (record.get("minimum_age"), record.get("maximum_age"))
        if None not in ages and ages[0] > ages[1]:
            problem("min_age", f"min_age {ages[0]} is more than max_age {ages[1]}")
        return record

    # --- one column each -------------------------------------------------------------------
    @staticmethod
    def _url(values, column, problem) -> str:
        value = values.get(column)
        cleaned = clean_url(value)
        if value and not cleaned:
            problem(column, f"{column} '{value}' is not a web address, like https://example.org")
        return cleaned

    @staticmethod
    def _email(values, column, problem) -> str:
        value = values.get(column)
        cleaned = clean_email(value)
        if value and not cleaned:
            problem(column, f"{column} '{value}' is not an email address, like name@example.org")
        return cleaned

    @staticmethod
    def _phone(values, column, problem) -> str:
        value = values.get(column)
        if value and not tel_href(value):  # a number the listing page can make tappable
            problem(column, f"{column} '{value}' is not a phone number, like 01724 296000")
            return ""
        return value

    @staticmethod
    def _kind(values, problem) -> str:
        value = values.get("kind")
        if not value:
            return Service.Kind.SERVICE
        for code, label in Service.Kind.choices:
            if value.lower() in (code, label.lower()):
                return code
        problem(
            "kind",
            f"kind '{value}' is not one of: {', '.join(label for _c, label in Service.Kind.choices)}",
        )
        return ""

    @staticmethod
    def _how_to_access(values, problem) -> str:
        """A code, a label or one of the importer's phrases ("drop in"), as importer text."""
        value = values.get("how_to_access")
        labels = dict(Service.HowToAccess.choices)
        if value.lower() in labels:
            return labels[value.lower()]
        if value.lower().rstrip(".") in HOW_TO_ACCESS:
            return value
        problem(
            "how_to_access",
            f"how_to_access '{value}' is not one of: " + "; ".join(labels.values()),
        )
        return ""

    @staticmethod
    def _schedules(values, problem) -> list[dict]:
        schedules = []
        opening_times = values.get("opening_times")
        if opening_times:
            try:
                sessions = parse_opening_times(opening_times)
            except ValueError as error:
                problem(
                    "opening_times",
                    f"opening_times '{opening_times}' is not in the form "
                    f"'{OPENING_TIMES_EXAMPLE}' ({error})",
                )
                sessions = []
            for weekdays, opens, closes in sessions:
                schedules.append(
                    {
                        "byday": ",".join(DAY_CODE[day] for day in weekdays),
                        "opens_at": opens,
                        "closes_at": closes,
                    }
                )
        if values.get("opening_description"):
            schedules.append({"description": values["opening_description"]})
        return schedules

    def _categories(self, values, problem) -> list[dict]:
        terms = []
        for wanted in filter(
            None, (part.strip() for part in (values.get("categories") or "").split(";"))
        ):
            term = self.terms.get(wanted.lower())
            if term is None:
                problem(
                    "categories",
                    f"category '{wanted}' is not one of our categories (use a code or name "
                    "from the Categories list in the admin)",
                )
                continue
            terms.append(
                {
                    "id": str(term.pk),
                    "code": term.code,
                    "name": term.name,
                    "taxonomy_detail": {"id": str(term.taxonomy_id), "name": term.taxonomy.name},
                }
            )
        return terms

    @staticmethod
    def _fees(values, problem) -> str:
        free, costs = (values.get("free") or "").lower(), values.get("costs") or ""
        costs_say_free = bool(re.match(r"^\s*free\b", costs, re.IGNORECASE))
        if free and free not in YES | NO:
            problem("free", f"free '{values['free']}' should be yes or no")
            return costs
        if free in YES and not costs_say_free:
            return f"Free. {costs}" if costs else "Free"
        if free in NO and costs_say_free:
            problem("free", "free is 'no' but costs starts with 'Free'")
        return costs

    @staticmethod
    def _age(values, column, problem) -> int | None:
        value = values.get(column)
        if not value:
            return None
        if not value.isdigit() or int(value) > 150:
            problem(column, f"{column} '{value}' is not an age in whole years (0 to 150)")
            return None
        return int(value)


def parse_opening_times(value: str) -> list[tuple[list[int], str, str]]:
    """ "Mon-Fri 09:00-17:00; Sat 10:00-12:00" -> [([1..5], "09:00", "17:00"), ([6], …)].

    Raises ValueError saying which part it could not read.
    """
    sessions = []
    for part in filter(None, (piece.strip() for piece in value.split(";"))):
        match = SESSION_RE.match(part)
        if not match:
            raise ValueError(f"could not read '{part}'")
        weekdays = weekdays_from(match.group("days"))
        opens = f"{int(match.group(2)):02d}:{match.group(3)}"
        closes = f"{int(match.group(4)):02d}:{match.group(5)}"
        if opens == closes:
            raise ValueError(f"'{part}' opens and closes at the same time")
        sessions.append((weekdays, opens, closes))
    return sessions


def weekdays_from(text: str) -> list[int]:
    """ "Mon-Wed, Fri" -> [1, 2, 3, 5]; ranges may wrap ("Sat-Mon")."""
    days = set()
    for piece in filter(None, (p.strip().lower() for p in text.split(","))):
        ends = [end.strip() for end in piece.split("-")]
        if len(ends) > 2 or any(end not in DAYS for end in ends):
            raise ValueError(f"'{piece}' is not a day or a range of days like Mon-Fri")
        first, last = DAYS[ends[0]], DAYS[ends[-1]]
        span = (last - first) % 7
        days.update((first - 1 + step) % 7 + 1 for step in range(span + 1))
    if not days:
        raise ValueError(f"no days in '{text}'")
    return sorted(days)


def paragraphs(text: str) -> str:
    """Plain text -> escaped HTML paragraphs (blank lines separate paragraphs)."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text or "") if block.strip()]
    return "".join(f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in blocks)


def listing_id(values: dict, postcode: str) -> str:
    """The row's external id, or a stable one from organisation + service name + postcode."""
    if values.get("external_id"):
        return values["external_id"][:255]
    key = "|".join(
        re.sub(r"\s+", " ", part).strip().lower()
        for part in (
            values.get("organisation_name") or "",
            values.get("service_name") or "",
            postcode,
        )
    )
    return str(uuid.uuid5(SIGNPOST_NAMESPACE, f"csv:{key}"))


def service_ids(checked: CheckedFile, source_name: str) -> dict[uuid.UUID, int]:
    """The id of the listing each good row already is (under that source) -> its row number;
    rows new to the source have none yet (their provenance: `SourceRecord`)."""
    rows = {external_id_of(record): row for row, record in checked.records}
    known = SourceRecord.objects.filter(
        source__name=source_name.strip(), external_id__in=rows, service__isnull=False
    )
    return {
        service: rows[external] for external, service in known.values_list("external_id", "service")
    }


def refuse_outside_patches(checked: CheckedFile, source_name: str, user) -> None:
    """For a coordinator limited to their patches: a row that would change a listing they may
    not open becomes a row problem (new listings are theirs to add, as in the editor)."""
    if not is_patch_limited(user):
        return
    rows = service_ids(checked, source_name)
    existing = set(rows)
    allowed = set(
        limit_to_patches(Service.objects.filter(pk__in=existing), user).values_list("pk", flat=True)
    )
    refused = {rows[pk] for pk in existing - allowed}
    if not refused:
        return
    checked.problems.extend(
        RowProblem(row, "", "this would change a listing outside your patches")
        for row in sorted(refused)
    )
    checked.problems.sort(key=lambda problem: problem.row)
    checked.records = [(row, record) for row, record in checked.records if row not in refused]


def write_feed(
    source: Source,
    feed: Feed,
    *,
    dry_run: bool,
    complete: bool,
    progress: Callable[[Iterable], Iterable] = iter,
) -> SyncRun:
    """Write a feed of ORUK services as coming from `source` (the one place CSV imports write):
    a pull of the source with the file as its feed. Only a `complete` file (every row good)
    flags the source's listings missing from it as withdrawn."""
    return pull(source, feed=feed, dry_run=dry_run, complete=complete, progress=progress)


def import_checked(
    source: Source,
    checked: CheckedFile,
    *,
    partial: bool = False,
    dry_run: bool = False,
    progress: Callable[[Iterable], Iterable] = iter,
) -> SyncRun:
    """Write the checked file's good rows; RowsInvalid (nothing written) if any row is bad and
    `partial` is not asked for."""
    if not checked.is_clean and not partial:
        raise RowsInvalid(checked)
    return write_feed(
        source, checked.feed(), dry_run=dry_run, complete=checked.is_clean, progress=progress
    )


def csv_source(name: str, *, create: bool = True) -> Source:
    """The CSV source of that name, made if new (unsaved unless `create`); CsvFileError if the
    name belongs to a source of another kind."""
    name = name.strip()
    if not name:
        raise CsvFileError("Give the source a name.")
    if len(name) > Source._meta.get_field("name").max_length:
        raise CsvFileError("The source's name is too long.")
    defaults = {"kind": Source.Kind.CSV, "trust": Source.Trust.MODERATE}
    if create:
        source, _created = Source.objects.get_or_create(name=name, defaults=defaults)
    else:
        source = Source.objects.filter(name=name).first() or Source(name=name, **defaults)
    if source.kind != Source.Kind.CSV:
        raise CsvFileError(
            f"'{name}' is a source of another kind ({source.get_kind_display()}); "
            "choose another name for spreadsheet imports."
        )
    return source


def log_import(source: Source, checked: CheckedFile, run: SyncRun, *, user) -> None:
    """An audit entry on the source: who imported how many rows, and what came of them."""
    log(
        instance=source,
        action=CSV_IMPORTED,
        user=user,
        data={
            "rows": checked.rows,
            "imported_rows": len(checked),
            "bad_rows": checked.bad_rows[:1000],
            "summary": describe(run),
        },
    )

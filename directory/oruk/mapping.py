"""Open Referral UK (HSDS-UK 3.0) records -> plain Python dicts shaped like our models.

Pure functions, no database: `map_service(record)` turns one ORUK service (a full record, a
list-endpoint summary, or an OpenPlace-style payload like North Lincolnshire's) into a
`MappedService`, or raises `InvalidRecord` with a reason a person can act on.
Optional fields that are malformed are dropped (and the record kept); only a missing or
unusable id, name or status makes a record invalid.
"""

import datetime
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.text import slugify

from directory.models.services import Service
from directory.postcodes import normalise_postcode
from directory.sanitise import html_to_text, sanitise_html
from directory.vocabulary import WEEKDAYS

# Deterministic UUIDs for ids that are not UUIDs, and for sub-records without an id.
SIGNPOST_NAMESPACE = uuid.UUID("6f1c2a6e-8f0e-4d7b-9a55-3b1f1e0c5a10")
STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
# iCalendar BYDAY codes (MO … SU) -> ISO weekday numbers.
DAY_CODES = {name[:2].upper(): number for number, name in WEEKDAYS.items()}
CODE_OF_DAY = {number: code for code, number in DAY_CODES.items()}
# ORUK attending_access / application_process text -> Service.HowToAccess values
HOW_TO_ACCESS = {
    "drop-in": "drop_in",
    "drop in": "drop_in",
    "appointment": "booking",
    "booking": "booking",
    "book a place": "booking",
    "self referral": "self_referral",
    "self-referral": "self_referral",
    "contact them yourself": "self_referral",
    "referral": "professional_referral",
    "professional referral": "professional_referral",
    "a professional must refer you": "professional_referral",
    "drop in, no need to book": "drop_in",
}
# Location accessibility entries we publish for the booleans; matched back on import.
ACCESSIBILITY_FEATURES = {
    "step_free_access": "Step-free access",
    "hearing_loop": "Hearing loop",
    "accessible_toilet": "Accessible toilet",
    "parking": "Parking",
}
SUMMARY_MAX = 300
# org-id.guide schemes of the UK charity registers (England and Wales, Scotland, Northern Ireland)
CHARITY_SCHEMES = {"GB-CHC", "GB-SC", "GB-NIC"}
# Model field -> the ORUK keys it comes from. A field whose keys are all absent from a record
# (a list-endpoint summary, say) is left as it is, not blanked.
FIELD_SOURCES = {
    "description": ("description",),
    "summary": ("summary", "description"),
    "url": ("url",),
    "email": ("email",),
    "is_free": ("fees", "fees_description"),
    "fees_description": ("fees", "fees_description"),
    "min_age": ("minimum_age",),
    "max_age": ("maximum_age",),
    "languages": ("languages",),
    "eligibility": ("eligibility_description", "pc_targetAudience"),
    "last_reviewed": ("assured_date",),
}
# Child relation -> the ORUK keys that carry it; relations absent from a record are kept.
RELATION_SOURCES = {
    "locations": ("service_at_locations",),
    "schedules": ("schedules", "service_at_locations"),
    "contacts": ("contacts",),
    "phones": ("phones",),
    "cost_options": ("cost_options",),
    "terms": ("attributes", "taxonomy_terms"),
    "areas": ("service_areas",),
    "organisation": ("organization",),
}

_url_validator = URLValidator(schemes=["http", "https"])
_email_validator = EmailValidator()


class InvalidRecord(ValueError):
    """The record cannot become a listing; `str(error)` says why."""


@dataclass
class MappedService:
    id: uuid.UUID
    fields: dict
    organisation: dict | None = None
    locations: list[dict] = field(default_factory=list)
    schedules: list[dict] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)
    phones: list[dict] = field(default_factory=list)
    cost_options: list[dict] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)
    areas: list[dict] = field(default_factory=list)
    relations: set[str] = field(default_factory=set)  # the relations the record carries


def as_uuid(value, *, scope: str = "") -> uuid.UUID | None:
    """The value as a UUID; other non-empty ids become a stable uuid5 (within `scope`)."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        return uuid.UUID(text)
    except ValueError:
        return uuid.uuid5(SIGNPOST_NAMESPACE, f"{scope}:{text}")


def derived_uuid(parent: uuid.UUID, *parts) -> uuid.UUID:
    """A stable id for a sub-record that has none of its own."""
    return uuid.uuid5(parent, ":".join(str(part) for part in parts))


def text(value, max_length: int | None = None) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    result = str(value).strip()
    return result[:max_length].strip() if max_length else result


def clean_url(value, max_length: int = 500) -> str:
    candidate = text(value)
    if not candidate or len(candidate) > max_length:
        return ""
    if "://" not in candidate and re.match(r"^www\.", candidate, re.IGNORECASE):
        candidate = f"https://{candidate}"
    try:
        _url_validator(candidate)
    except ValidationError:
        return ""
    return candidate


def clean_email(value) -> str:
    candidate = text(value, 254)
    try:
        _email_validator(candidate)
    except ValidationError:
        return ""
    return candidate


def clean_age(value) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        age = int(float(value))
    except (TypeError, ValueError):
        return None
    return age if 0 <= age <= 150 else None


def clean_date(value) -> datetime.date | None:
    candidate = text(value)[:10]
    try:
        return datetime.date.fromisoformat(candidate) if candidate else None
    except ValueError:
        return None


def clean_time(value) -> datetime.time | None:
    candidate = text(value).upper().removesuffix("Z")
    if not candidate:
        return None
    candidate = re.sub(r"[+-]\d{2}:?\d{2}$", "", candidate)
    try:
        return datetime.time.fromisoformat(candidate).replace(tzinfo=None)
    except ValueError:
        return None


def clean_coordinate(value, limit: float) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if -limit <= number <= limit else None


def clean_amount(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None
    return amount if Decimal("0") <= amount < Decimal("1000000") else None


def summary_from(description_html: str) -> str:
    """The first sentence or two of the description, as plain text, within SUMMARY_MAX."""
    plain = html_to_text(description_html)
    if len(plain) <= SUMMARY_MAX:
        return plain
    cut = plain[:SUMMARY_MAX]
    sentence_end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence_end >= 40:
        return cut[: sentence_end + 1]
    return cut[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"


def weekdays_from_byday(byday) -> list[int]:
    """ "MO,TU" or "1MO,-1FR" -> [1, 2] / [1, 5] (ISO weekday numbers, sorted, unique)."""
    days = set()
    for part in text(byday).upper().split(","):
        code = re.sub(r"[^A-Z]", "", part)
        if code in DAY_CODES:
            days.add(DAY_CODES[code])
    return sorted(days)


def byday_from_weekdays(weekdays) -> str:
    return ",".join(CODE_OF_DAY[day] for day in sorted(weekdays or []) if day in CODE_OF_DAY)


def how_to_access_from(record: dict) -> str | None:
    for key in ("attending_access", "application_process"):
        value = text(record.get(key)).lower().rstrip(".")
        if value in HOW_TO_ACCESS:
            return HOW_TO_ACCESS[value]
    return None


def map_organisation(data) -> dict | None:
    if not isinstance(data, dict) or not text(data.get("name")):
        return None
    name = text(data.get("name"), 255)
    return {
        "id": as_uuid(data.get("id"), scope="organization")
        or derived_uuid(SIGNPOST_NAMESPACE, "org", name),
        "name": name,
        "description": sanitise_html(text(data.get("description"))),
        "email": clean_email(data.get("email")),
        "url": clean_url(data.get("website") or data.get("url")),
        "logo_url": clean_url(data.get("logo")),
        "uri": clean_url(data.get("uri")),
        # Only when the record carries them, so a feed without them doesn't blank ours.
        **({"phone": _first_phone(data["phones"])} if "phones" in data else {}),
        **(
            {"charity_number": _charity_number(data["organization_identifiers"])}
            if "organization_identifiers" in data
            else {}
        ),
    }


def _first_phone(phones) -> str:
    numbers = [text(p.get("number")) for p in phones or [] if isinstance(p, dict)]
    return next((number.strip('"')[:40] for number in numbers if number), "")


def _charity_number(identifiers) -> str:
    """The Charity Commission number (scheme GB-CHC, GB-SC or GB-NIC) among the identifiers."""
    for item in identifiers or []:
        if (
            isinstance(item, dict)
            and text(item.get("identifier_scheme")).upper() in CHARITY_SCHEMES
        ):
            return text(item.get("identifier"), 20)
    return ""


def map_location(sal: dict, service_id: uuid.UUID, index: int) -> dict | None:
    """One service_at_location (with its nested location) -> a location dict, or None."""
    location = sal.get("location") if isinstance(sal.get("location"), dict) else None
    if location is None and isinstance(sal.get("addresses"), list):
        location = sal  # a bare location
    if location is None:
        return None
    location_id = as_uuid(location.get("id"), scope="location") or derived_uuid(
        service_id, "location", index
    )
    addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
    physical = [a for a in addresses if a.get("address_type") != "postal"] or addresses
    address = physical[0] if physical else {}
    postcode_text = text(address.get("postal_code"))
    features = dict.fromkeys(ACCESSIBILITY_FEATURES, False)
    notes = []
    for item in location.get("accessibility") or []:
        if not isinstance(item, dict):
            continue
        description = text(item.get("description") or item.get("accessibility"))
        matched = [key for key, label in ACCESSIBILITY_FEATURES.items() if label == description]
        if matched:
            features[matched[0]] = True
            continue
        notes.extend(part for part in (description, text(item.get("details"))) if part)
    return {
        "sal_id": (
            as_uuid(sal.get("id"), scope="service_at_location") if sal is not location else None
        )
        or derived_uuid(service_id, "sal", location_id),
        "sal_description": text(sal.get("description")) if sal is not location else "",
        "location": {
            "id": location_id,
            "name": text(location.get("name"), 255),
            "description": html_to_text(text(location.get("description"))),
            "address_1": text(address.get("address_1"), 255),
            "address_2": text(address.get("address_2"), 255),
            "city": text(address.get("city"), 100),
            "postcode": normalise_postcode(postcode_text) or postcode_text[:8],
            "latitude": clean_coordinate(location.get("latitude"), 90),
            "longitude": clean_coordinate(location.get("longitude"), 180),
            **features,
            "accessibility_notes": "\n".join(dict.fromkeys(notes)),
        },
    }


def map_schedule(data: dict, service_id: uuid.UUID, index: int, sal_id=None) -> dict | None:
    if not isinstance(data, dict):
        return None
    schedule = {
        "id": as_uuid(data.get("id"), scope="schedule")
        or derived_uuid(service_id, "schedule", index),
        "service_at_location_id": sal_id,
        "weekdays": weekdays_from_byday(data.get("byday")),
        "opens_at": clean_time(data.get("opens_at")),
        "closes_at": clean_time(data.get("closes_at")),
        "valid_from": clean_date(data.get("valid_from")),
        "valid_to": clean_date(data.get("valid_to")),
        "description": html_to_text(text(data.get("description")))[:255],
    }
    meaningful = (schedule["weekdays"], schedule["opens_at"], schedule["description"])
    return schedule if any(meaningful) else None


def map_phone(data: dict, parent: uuid.UUID, index: int) -> dict | None:
    if not isinstance(data, dict) or not text(data.get("number")):
        return None
    return {
        "id": as_uuid(data.get("id"), scope="phone") or derived_uuid(parent, "phone", index),
        "number": text(data.get("number")).strip('"')[:40],
        "description": text(data.get("description"), 120),
    }


def map_contact(data: dict, service_id: uuid.UUID, index: int) -> dict | None:
    if not isinstance(data, dict):
        return None
    phones = [p for p in data.get("phones") or [] if isinstance(p, dict) and text(p.get("number"))]
    contact = {
        "id": as_uuid(data.get("id"), scope="contact")
        or derived_uuid(service_id, "contact", index),
        "name": text(data.get("name"), 120),
        "title": text(data.get("title"), 120),
        "email": clean_email(data.get("email")),
        "phone": text(phones[0].get("number")).strip('"')[:40] if phones else "",
    }
    return contact if any((contact["name"], contact["email"], contact["phone"])) else None


def map_cost_option(data: dict, service_id: uuid.UUID, index: int) -> dict | None:
    if not isinstance(data, dict):
        return None
    option = {
        "id": as_uuid(data.get("id"), scope="cost_option")
        or derived_uuid(service_id, "cost", index),
        "option": text(data.get("option"), 255),
        "amount": clean_amount(data.get("amount")),
        "currency": (text(data.get("currency")) or "GBP")[:3].upper(),
        "amount_description": text(data.get("amount_description"), 255),
    }
    return option if option["option"] or option["amount"] is not None else None


def map_term(data) -> dict | None:
    """An ORUK taxonomy_term -> a term dict (with its taxonomy), or None."""
    if not isinstance(data, dict):
        return None
    name = text(data.get("name") or data.get("term"), 200)
    if not name:
        return None
    detail = data.get("taxonomy_detail") if isinstance(data.get("taxonomy_detail"), dict) else {}
    taxonomy_name = text(detail.get("name") or data.get("taxonomy"), 200)
    taxonomy_id = as_uuid(detail.get("id") or data.get("taxonomy_id"), scope="taxonomy")
    return {
        "id": as_uuid(data.get("id"), scope="taxonomy_term")
        or derived_uuid(SIGNPOST_NAMESPACE, "term", name),
        "code": slugify(text(data.get("code")))[:100],
        "name": name,
        "description": text(data.get("description")),
        "parent_id": as_uuid(data.get("parent_id"), scope="taxonomy_term"),
        "term_uri": clean_url(data.get("term_uri"), 200),
        "taxonomy": {
            "id": taxonomy_id,
            "name": taxonomy_name or "Imported categories",
            "description": text(detail.get("description")),
            "uri": clean_url(detail.get("uri"), 200),
            "version": text(detail.get("version"), 50),
        },
    }


def map_area(data) -> dict | None:
    if not isinstance(data, dict):
        return None
    name = text(data.get("name") or data.get("service_area"), 200)
    if not name:
        return None
    return {
        "id": as_uuid(data.get("id"), scope="service_area")
        or derived_uuid(SIGNPOST_NAMESPACE, "area", name),
        "name": name,
    }


def _languages(record: dict) -> list[str]:
    names = []
    for item in record.get("languages") or []:
        if isinstance(item, str):
            names.append(text(item, 60))
        elif isinstance(item, dict):
            names.append(text(item.get("name") or item.get("language") or item.get("code"), 60))
    return list(dict.fromkeys(name for name in names if name))


def _eligibility(record: dict) -> str:
    if text(record.get("eligibility_description")):
        return html_to_text(text(record.get("eligibility_description")))
    audiences = [
        text(item.get("audienceType"))
        for item in record.get("pc_targetAudience") or []
        if isinstance(item, dict)
    ]
    audiences = [a for a in audiences if a]
    return ", ".join(dict.fromkeys(audiences))


def map_service(record) -> MappedService:
    """One ORUK service record -> MappedService, or raise InvalidRecord."""
    if not isinstance(record, dict):
        raise InvalidRecord("not a JSON object")
    service_id = as_uuid(record.get("id"), scope="service")
    if service_id is None:
        raise InvalidRecord("has no id")
    name = text(record.get("name"))
    if not name:
        raise InvalidRecord(f"{service_id}: has no name")
    status = text(record.get("status") or "active").lower()
    if status not in STATUSES:
        raise InvalidRecord(f"{service_id}: unknown status {status[:40]!r}")

    description = sanitise_html(text(record.get("description")))
    fees = text(record.get("fees_description") or record.get("fees"))
    fields = {
        "name": name[:255],
        "description": description,
        "summary": text(record.get("summary"), SUMMARY_MAX) or summary_from(description),
        "url": clean_url(record.get("url")),
        "email": clean_email(record.get("email")),
        "status": status,
        "is_free": bool(re.match(r"^\s*free\b", fees, re.IGNORECASE)),
        "fees_description": fees,
        "min_age": clean_age(record.get("minimum_age")),
        "max_age": clean_age(record.get("maximum_age")),
        "languages": _languages(record),
        "eligibility": _eligibility(record),
        "last_reviewed": clean_date(record.get("assured_date")),
    }
    fields = {
        name: value
        for name, value in fields.items()
        if name not in FIELD_SOURCES or any(key in record for key in FIELD_SOURCES[name])
    }
    how_to_access = how_to_access_from(record)
    if how_to_access:
        fields["how_to_access"] = how_to_access
    if text(record.get("kind")) in Service.Kind.values:  # our own extension (the CSV import)
        fields["kind"] = text(record.get("kind"))

    mapped = MappedService(id=service_id, fields=fields)
    mapped.relations = {
        name for name, keys in RELATION_SOURCES.items() if any(key in record for key in keys)
    }
    mapped.organisation = map_organisation(record.get("organization"))

    seen_locations = set()
    for index, sal in enumerate(record.get("service_at_locations") or []):
        if not isinstance(sal, dict):
            continue
        location = map_location(sal, service_id, index)
        if location and location["location"]["id"] not in seen_locations:
            seen_locations.add(location["location"]["id"])
            mapped.locations.append(location)
            for sched_index, schedule in enumerate(sal.get("schedules") or []):
                mapped_schedule = map_schedule(
                    schedule, service_id, f"sal{index}-{sched_index}", location["sal_id"]
                )
                if mapped_schedule:
                    mapped.schedules.append(mapped_schedule)
    for index, schedule in enumerate(record.get("schedules") or []):
        mapped_schedule = map_schedule(schedule, service_id, index)
        if mapped_schedule:
            mapped.schedules.append(mapped_schedule)
    mapped.contacts = _unique(
        map_contact(item, service_id, index)
        for index, item in enumerate(record.get("contacts") or [])
    )
    mapped.phones = _unique(
        map_phone(item, service_id, index) for index, item in enumerate(record.get("phones") or [])
    )
    mapped.cost_options = _unique(
        map_cost_option(item, service_id, index)
        for index, item in enumerate(record.get("cost_options") or [])
    )
    raw_terms = [record.get("taxonomy_terms") or []]
    raw_terms.append(
        [a.get("taxonomy_term") for a in record.get("attributes") or [] if isinstance(a, dict)]
    )
    mapped.terms = _unique(map_term(item) for group in raw_terms for item in group)
    mapped.areas = _unique(map_area(item) for item in record.get("service_areas") or [])
    return mapped


def _unique(items) -> list[dict]:
    """Drop Nones and repeated ids, keeping the first."""
    result, seen = [], set()
    for item in items:
        if item and item["id"] not in seen:
            seen.add(item["id"])
            result.append(item)
    return result

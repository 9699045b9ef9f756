"""Import Open Referral UK services into the directory, idempotently by id.

Policy (so coordinators stay in charge of what the public sees):
- A new service is saved as a draft with a revision; with `publish=True` that revision is
  published.
- A changed existing service gets a new revision. With `publish=True` it is published;
  otherwise it waits as a draft revision and the live listing is left as it was.
- "unchanged" means the mapped fields, children, categories and locations equal those of
  the service's latest revision (or its row): no new revision is made.
- Organisations, taxonomy terms, areas and locations are shared records without
  moderation: they are created or updated directly.
- A record that cannot be used is counted as invalid with its reason; the import goes on.
"""

import logging
import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from directory.geography import PlaceNotFound, area_for_postcode, resolve_postcode
from directory.models import (
    Area,
    Contact,
    CostOption,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.oruk.mapping import (
    InvalidRecord,
    MappedService,
    map_organisation,
    map_service,
    map_term,
)
from directory.oruk.sources import Feed

ORGANISATION_KEYS = {"website", "logo", "organization_identifiers", "parent_organization_id"}
LOCATION_FIELDS = [
    "name",
    "description",
    "address_1",
    "address_2",
    "city",
    "postcode",
    "latitude",
    "longitude",
    "step_free_access",
    "hearing_loop",
    "accessible_toilet",
    "parking",
    "accessibility_notes",
]


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    reasons: list[str] = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.created} created / {self.updated} updated / "
            f"{self.unchanged} unchanged / {self.invalid} invalid"
        )


@dataclass
class Prepared:
    """A mapped service with the shared records it points to saved: what it should become."""

    mapped: MappedService
    desired: dict
    terms: dict
    areas: dict
    locations_changed: bool


@contextmanager
def quiet_revision_logging():
    """Hush per-record INFO logs (Wagtail's "pk=%d" can't even format our UUID keys)."""
    loggers = [logging.getLogger(name) for name in ("wagtail", "django_tasks")]
    previous = [each.level for each in loggers]
    for each in loggers:
        each.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for each, level in zip(loggers, previous, strict=True):
            each.setLevel(level)


class Importer:
    """Applies mapped ORUK records to the database; one instance per import run."""

    def __init__(self, *, publish: bool = False):
        self.publish = publish
        self.summary = ImportSummary()
        self._terms: dict = {}  # incoming term id -> TaxonomyTerm
        self._taxonomies: dict = {}
        self._areas: dict = {}
        self._organisations: dict = {}

    # --- shared records -----------------------------------------------------------------
    def taxonomy_for(self, data: dict) -> Taxonomy:
        key = data["id"] or data["name"]
        if key in self._taxonomies:
            return self._taxonomies[key]
        taxonomy = None
        if data["id"]:
            taxonomy = Taxonomy.objects.filter(pk=data["id"]).first()
        if taxonomy is None:
            taxonomy = Taxonomy.objects.filter(name=data["name"]).first()
        if taxonomy is None:
            taxonomy = Taxonomy.objects.create(
                **({"id": data["id"]} if data["id"] else {}),
                name=data["name"],
                description=data["description"],
                uri=data["uri"],
                version=data["version"],
            )
        self._taxonomies[key] = taxonomy
        return taxonomy

    def term_for(self, data: dict) -> TaxonomyTerm:
        """The existing term with this id (or code), or a new one under its own taxonomy."""
        if data["id"] in self._terms:
            return self._terms[data["id"]]
        term = TaxonomyTerm.objects.filter(pk=data["id"]).first()
        if term is None and data["code"]:
            term = TaxonomyTerm.objects.filter(code=data["code"]).first()
        if term is None:
            code = data["code"] or slugify(data["name"])[:80] or "term"
            if TaxonomyTerm.objects.filter(code=code).exists():
                code = f"{code[:80]}-{str(data['id'])[:8]}"
            parent = (
                TaxonomyTerm.objects.filter(pk=data["parent_id"]).first()
                if data["parent_id"]
                else None
            )
            term = TaxonomyTerm.objects.create(
                id=data["id"],
                taxonomy=self.taxonomy_for(data["taxonomy"]),
                code=code,
                name=data["name"],
                description=data["description"],
                parent=parent,
                term_uri=data["term_uri"],
                # Another publisher's vocabulary stays out of the public filters until curated.
                is_public_category=False,
            )
        self._terms[data["id"]] = term
        return term

    def import_taxonomy(self, data: dict) -> None:
        """A taxonomy from a full export, with its terms (parents before children)."""
        terms = [t for t in data.get("taxonomy_terms") or [] if isinstance(t, dict)]
        if not terms and data.get("name"):
            detail = map_term({"name": "-", "taxonomy_detail": data})["taxonomy"]
            self.taxonomy_for(detail)
        by_id = {}
        for raw in terms:
            raw = {
                **raw,
                "taxonomy_detail": {k: v for k, v in data.items() if k != "taxonomy_terms"},
            }
            mapped = map_term(raw)
            if mapped:
                by_id[mapped["id"]] = mapped
        remaining = dict(by_id)
        while remaining:
            ready = [
                t
                for t in remaining.values()
                if not t["parent_id"] or t["parent_id"] not in remaining
            ]
            for term in ready or list(remaining.values()):
                self.term_for(term)
                remaining.pop(term["id"])

    def area_for(self, data: dict) -> Area:
        if data["id"] in self._areas:
            return self._areas[data["id"]]
        area = (
            Area.objects.filter(pk=data["id"]).first()
            or Area.objects.filter(name__iexact=data["name"]).first()
            or Area.objects.create(id=data["id"], name=data["name"], kind=Area.Kind.LOCAL_AUTHORITY)
        )
        self._areas[data["id"]] = area
        return area

    def organisation_for(self, data: dict | None) -> Organisation | None:
        if data is None:
            return None
        if data["id"] in self._organisations:
            return self._organisations[data["id"]]
        organisation = Organisation.objects.filter(pk=data["id"]).first()
        values = {k: v for k, v in data.items() if k != "id"}
        if organisation is None:
            organisation = Organisation.objects.create(id=data["id"], **values)
        elif any(getattr(organisation, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(organisation, key, value)
            organisation.save()
        self._organisations[data["id"]] = organisation
        return organisation

    @staticmethod
    def locate(location: dict) -> None:
        """Fill in missing coordinates from the postcode gazetteer (no network)."""
        if location["latitude"] is not None and location["longitude"] is not None:
            return
        location["latitude"] = location["longitude"] = None
        if not location["postcode"]:
            return
        try:
            place = resolve_postcode(location["postcode"])
        except PlaceNotFound:
            return
        location["latitude"], location["longitude"] = place.latitude, place.longitude

    def save_locations(self, mapped: MappedService) -> bool:
        """Create or update the service's locations; True if any changed."""
        changed = False
        existing = Location.objects.in_bulk([item["location"]["id"] for item in mapped.locations])
        for item in mapped.locations:
            data = item["location"]
            self.locate(data)
            location = existing.get(data["id"])
            if location is not None and all(
                getattr(location, name) == data[name] for name in LOCATION_FIELDS
            ):
                continue
            changed = True
            if location is None:
                location = Location(id=data["id"])
            for name in LOCATION_FIELDS:
                setattr(location, name, data[name])
            location.area = area_for_postcode(data["postcode"])
            location.save()
        return changed

    # --- services -----------------------------------------------------------------------
    def prepare(self, mapped: MappedService) -> "Prepared":
        """Save the shared records a service points to; what the service should become."""
        organisation = self.organisation_for(mapped.organisation)
        terms = {term.pk: term for term in map(self.term_for, mapped.terms)}
        areas = {area.pk: area for area in map(self.area_for, mapped.areas)}
        locations_changed = self.save_locations(mapped)
        desired = desired_state(mapped, organisation, terms, areas)
        return Prepared(mapped, desired, terms, areas, locations_changed)

    @staticmethod
    def create_service(prepared: "Prepared"):
        """A new (not live) service with its first revision; returns (service, revision)."""
        mapped = prepared.mapped
        service = Service(id=mapped.id, live=False)
        apply_state(service, mapped, prepared.desired, prepared.terms, prepared.areas)
        service.full_clean(exclude=["taxonomy_terms", "service_areas"])
        service.save()
        return service, service.save_revision()

    def import_record(self, record) -> str:
        """Import one record; returns "created", "updated" or "unchanged"."""
        mapped = map_service(record)
        with transaction.atomic():
            prepared = self.prepare(mapped)
            desired, terms, areas = prepared.desired, prepared.terms, prepared.areas
            locations_changed = prepared.locations_changed
            existing = Service.objects.filter(pk=mapped.id).first()
            if existing is None:
                _service, revision = self.create_service(prepared)
                if self.publish:
                    revision.publish()
                return "created"
            current = (
                existing.get_latest_revision_as_object()
                if existing.latest_revision_id
                else existing
            )
            if current_state(current, desired) == desired and not locations_changed:
                if self.publish and (not existing.live or existing.has_unpublished_changes):
                    (existing.latest_revision or existing.save_revision()).publish()
                    return "updated"
                return "unchanged"
            apply_state(existing, mapped, desired, terms, areas)
            revision = existing.save_revision()
            if self.publish:
                revision.publish()
            return "updated"

    def run(self, feed: Feed, progress: Callable[[Iterable], Iterable] = iter) -> ImportSummary:
        for taxonomy in feed.taxonomies:
            self.import_taxonomy(taxonomy)
        with quiet_revision_logging():
            for position, item in enumerate(progress(feed.services), start=1):
                try:
                    for record in self.services_in(item):
                        outcome = self.import_record(record)
                        setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)
                except InvalidRecord as error:
                    self._invalid(position, str(error))
                except ValidationError as error:
                    self._invalid(position, _describe_validation(item, error))
                except (DatabaseError, ValueError, TypeError) as error:
                    self._invalid(position, f"{_record_id(item)}: {type(error).__name__}: {error}")
        return self.summary

    def services_in(self, item) -> list:
        """The services an item holds: itself, an organisation's, or a service_at_location's.

        Taxonomies and terms are imported on the way; other records are invalid here.
        """
        if not isinstance(item, dict):
            raise InvalidRecord("not a JSON object")
        keys = set(item)
        if keys & {"status", "service_at_locations", "organization"}:
            return [item]
        if isinstance(item.get("services"), list) or keys & ORGANISATION_KEYS:
            organisation = {k: v for k, v in item.items() if k != "services"}
            if self.organisation_for(map_organisation(organisation)) is None:
                raise InvalidRecord(f"{_record_id(item)}: an organization without a name")
            return [{"organization": organisation, **s} for s in item.get("services") or []]
        if isinstance(item.get("service"), dict):  # a service_at_location
            service = item["service"]
            sal = {k: v for k, v in item.items() if k != "service"}
            known = service.get("service_at_locations") or []
            if not any(isinstance(s, dict) and s.get("id") == sal.get("id") for s in known):
                service = {**service, "service_at_locations": [*known, sal]}
            return [service]
        if "location_type" in keys or "addresses" in keys:
            raise InvalidRecord(f"{_record_id(item)}: a location, not a service")
        if isinstance(item.get("taxonomy_terms"), list) or "version" in keys:
            self.import_taxonomy(item)
            return []
        if keys & {"term", "parent_id", "taxonomy", "taxonomy_id", "code", "term_uri"}:
            term = map_term(item)
            if term is None:
                raise InvalidRecord(f"{_record_id(item)}: a taxonomy term without a name")
            self.term_for(term)
            return []
        raise InvalidRecord(f"{_record_id(item)}: not a service (it has no status)")

    def _invalid(self, position: int, reason: str) -> None:
        self.summary.invalid += 1
        self.summary.reasons.append(f"record {position}: {reason}"[:500])


def _by_id(rows) -> list[tuple]:
    """Rows sorted by their first element (an id), so None elsewhere can't break sorting."""
    return sorted(rows, key=lambda row: str(row[0]))


def _record_id(record) -> str:
    return str(record.get("id", "?"))[:60] if isinstance(record, dict) else "?"


def _describe_validation(record, error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    else:
        problems = " ".join(error.messages)
    return f"{_record_id(record)}: {problems}"


def desired_state(mapped: MappedService, organisation, terms: dict, areas: dict) -> dict:
    """What the service should look like, as comparable plain values."""
    fields = dict(mapped.fields)
    if "organisation" in mapped.relations:
        fields["organisation_id"] = organisation.pk if organisation else None
    state = {
        "fields": fields,
        "locations": _by_id(
            (item["sal_id"], item["location"]["id"], item["sal_description"])
            for item in mapped.locations
        ),
        "schedules": _by_id(
            (
                s["id"],
                s["service_at_location_id"],
                tuple(s["weekdays"]),
                s["opens_at"],
                s["closes_at"],
                s["valid_from"],
                s["valid_to"],
                s["description"],
            )
            for s in mapped.schedules
        ),
        "contacts": _by_id(
            (c["id"], c["name"], c["title"], c["email"], c["phone"]) for c in mapped.contacts
        ),
        "phones": _by_id((p["id"], p["number"], p["description"]) for p in mapped.phones),
        "cost_options": _by_id(
            (c["id"], c["option"], c["amount"], c["currency"], c["amount_description"])
            for c in mapped.cost_options
        ),
        "terms": sorted(terms),
        "areas": sorted(areas),
    }
    return {
        key: value for key, value in state.items() if key == "fields" or key in mapped.relations
    }


def _uuid(value):
    """A child's key as a UUID: a revision's objects carry their keys as text."""
    return uuid.UUID(value) if isinstance(value, str) else value


def current_state(service: Service, desired: dict) -> dict:
    """The same shape as `desired_state`, read from a service (row or revision object)."""
    state = {
        "fields": {name: getattr(service, name) for name in desired["fields"]},
        "locations": _by_id(
            (_uuid(sal.pk), _uuid(sal.location_id), sal.description)
            for sal in service.service_at_locations.all()
        ),
        "schedules": _by_id(
            (
                _uuid(s.pk),
                _uuid(s.service_at_location_id),
                tuple(s.weekdays or []),
                s.opens_at,
                s.closes_at,
                s.valid_from,
                s.valid_to,
                s.description,
            )
            for s in service.schedules.all()
        ),
        "contacts": _by_id(
            (_uuid(c.pk), c.name, c.title, c.email, c.phone)
            for c in service.contacts.all()
            if c.is_public
        ),
        "phones": _by_id((_uuid(p.pk), p.number, p.description) for p in service.phones.all()),
        "cost_options": _by_id(
            (_uuid(c.pk), c.option, c.amount, c.currency, c.amount_description)
            for c in service.cost_options.all()
        ),
        "terms": sorted(term.pk for term in service.taxonomy_terms.all()),
        "areas": sorted(area.pk for area in service.service_areas.all()),
    }
    return {key: value for key, value in state.items() if key in desired}


def _child(model, existing: dict, pk, **values):
    """An existing child updated with values, or a new one that saves as update-or-insert."""
    child = existing.get(pk) or model(id=pk)
    child._state.adding = False  # explicit UUID: let Django UPDATE, then INSERT if missing
    for key, value in values.items():
        setattr(child, key, value)
    return child


def apply_state(service: Service, mapped: MappedService, desired: dict, terms, areas) -> None:
    """Set fields, children and categories on the (unsaved) service object."""
    for name, value in desired["fields"].items():
        setattr(service, name, value)
    existing = {}
    if service.pk and not service._state.adding:
        existing = {
            "sal": {c.pk: c for c in service.service_at_locations.all()},
            "schedule": {c.pk: c for c in service.schedules.all()},
            "contact": {c.pk: c for c in service.contacts.all()},
            "phone": {c.pk: c for c in service.phones.all()},
            "cost": {c.pk: c for c in service.cost_options.all()},
        }
    if "locations" in desired:
        service.service_at_locations = [
            _child(
                ServiceAtLocation,
                existing.get("sal", {}),
                item["sal_id"],
                location_id=item["location"]["id"],
                description=item["sal_description"],
                sort_order=order,
            )
            for order, item in enumerate(mapped.locations)
        ]
    sal_ids = {item["sal_id"] for item in mapped.locations}
    if "schedules" in desired:
        service.schedules = [
            _child(
                Schedule,
                existing.get("schedule", {}),
                s["id"],
                service_at_location_id=s["service_at_location_id"]
                if s["service_at_location_id"] in sal_ids
                else None,
                weekdays=s["weekdays"],
                opens_at=s["opens_at"],
                closes_at=s["closes_at"],
                valid_from=s["valid_from"],
                valid_to=s["valid_to"],
                description=s["description"],
                sort_order=order,
            )
            for order, s in enumerate(mapped.schedules)
        ]
    # Contacts in a published feed are public already; staff-only ones we hold are kept.
    staff_only = [c for c in existing.get("contact", {}).values() if not c.is_public]
    staff_only = [c for c in staff_only if c.pk not in {m["id"] for m in mapped.contacts}]
    if "contacts" in desired:
        service.contacts = [
            _child(
                Contact,
                existing.get("contact", {}),
                c["id"],
                name=c["name"],
                title=c["title"],
                email=c["email"],
                phone=c["phone"],
                is_public=True,
                sort_order=order,
            )
            for order, c in enumerate(mapped.contacts)
        ] + staff_only
    if "phones" in desired:
        service.phones = [
            _child(
                Phone,
                existing.get("phone", {}),
                p["id"],
                number=p["number"],
                description=p["description"],
                is_public=True,
                sort_order=order,
            )
            for order, p in enumerate(mapped.phones)
        ]
    if "cost_options" in desired:
        service.cost_options = [
            _child(
                CostOption,
                existing.get("cost", {}),
                c["id"],
                option=c["option"],
                amount=c["amount"],
                currency=c["currency"],
                amount_description=c["amount_description"],
                sort_order=order,
            )
            for order, c in enumerate(mapped.cost_options)
        ]
    if "terms" in desired:
        service.taxonomy_terms = list(terms.values())
    if "areas" in desired:
        service.service_areas = list(areas.values())


def import_feed(
    feed: Feed,
    *,
    publish: bool = False,
    dry_run: bool = False,
    progress: Callable[[Iterable], Iterable] = iter,
) -> ImportSummary:
    """Import every record of the feed; with dry_run nothing is kept."""
    importer = Importer(publish=publish)
    with transaction.atomic():
        summary = importer.run(feed, progress=progress)
        if dry_run:
            transaction.set_rollback(True)
    return summary

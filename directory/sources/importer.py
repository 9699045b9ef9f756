"""The ORUK importer for a `Source`: each record becomes that source's own listing.

On top of `directory.oruk.importer.Importer` (which `import_oruk` uses unchanged):
- Identity: a record is keyed by (source, external id) through `SourceRecord`. The service's
  id and its children's ids (service_at_location, schedule, contact, phone, cost option) are
  remapped as `uuid5(source.id, original id)`, so two sources carrying the same feed make two
  listings that never update each other. Organisations, locations, categories and areas stay
  shared by their own ids.
- Provenance: each record's SourceRecord keeps the SHA-256 of the canonical JSON that came in,
  first and last seen, and the revision the source last wrote. An unchanged hash is counted
  "unchanged" without any mapping (a fast second pull).
- Trust: `Source.Trust.PUBLISH` publishes new and changed listings; `MODERATE` saves them as
  draft revisions (the live listing stays as it was until a coordinator publishes).
- A listing edited here (its latest revision is not the one the source wrote, and says
  something else) is not overwritten: the incoming change waits as a `ChangeSuggestion`
  ("Update from source …") and is counted "held". Its hash is kept, so the same incoming
  record does not make a second suggestion.
- A trusted source's new listing that strongly matches a live listing from elsewhere
  (`directory.duplicates.strong_match`) is not published: it waits as a draft with an open
  pair in the coordinators' duplicates queue, so a feed pulled under two source names makes
  pairs, not twins in search results. Listings of the same source are not compared: its
  publisher already says they are different services.
- A listing merged into another (`Service.merged_into`), or deleted here, takes nothing
  from its source: counted "unchanged", never resurrected.
"""

import dataclasses
import hashlib
import json
import uuid

from django.db import transaction
from django.utils import timezone

from directory.duplicates import candidates, common_details, load_listings, strong_match
from directory.models import ChangeSuggestion, Service, Source, SourceRecord
from directory.oruk.importer import (
    Importer,
    ImportSummary,
    Prepared,
    apply_state,
    current_state,
)
from directory.oruk.mapping import MappedService, map_service
from directory.sanitise import html_to_text
from directory.suggestions.fields import SUGGESTIBLE_FIELDS, is_applied

# The parts of a listing that are not suggested field by field, named for the suggestion.
OTHER_PARTS = {
    "locations": "locations",
    "schedules": "opening times",
    "contacts": "contacts",
    "phones": "phone numbers",
    "cost_options": "prices",
    "terms": "categories",
    "areas": "areas served",
}

SEEN_BATCH = 200


def content_hash(record) -> str:
    """SHA-256 of the record's canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(
        record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def external_id_of(record) -> str:
    return str(record.get("id") or "").strip()[:255] if isinstance(record, dict) else ""


def remap(mapped: MappedService, namespace: uuid.UUID) -> MappedService:
    """The service and its children under ids of their own for this source."""

    def own(pk):
        return uuid.uuid5(namespace, str(pk)) if pk is not None else None

    return dataclasses.replace(
        mapped,
        id=own(mapped.id),
        locations=[{**item, "sal_id": own(item["sal_id"])} for item in mapped.locations],
        schedules=[
            {**s, "id": own(s["id"]), "service_at_location_id": own(s["service_at_location_id"])}
            for s in mapped.schedules
        ],
        contacts=[{**c, "id": own(c["id"])} for c in mapped.contacts],
        phones=[{**p, "id": own(p["id"])} for p in mapped.phones],
        cost_options=[{**c, "id": own(c["id"])} for c in mapped.cost_options],
    )


@dataclasses.dataclass
class SyncSummary(ImportSummary):
    held: int = 0
    possible_duplicates: int = 0

    def __str__(self):
        text = f"{super().__str__()} / {self.held} held"
        if self.possible_duplicates:
            text += f" / {self.possible_duplicates} waiting as possible duplicates"
        return text


class SourcedImporter(Importer):
    """Applies one source's records; one instance per pull."""

    def __init__(self, source: Source):
        super().__init__(publish=source.trust == Source.Trust.PUBLISH)
        self.source = source
        self.summary = SyncSummary()
        self.seen: set[str] = set()
        self._pending_seen: list[int] = []
        self.records = {
            record.external_id: record
            for record in SourceRecord.objects.filter(source=source).select_related("service")
        }
        self._common_details = None  # worked out once, at the first new listing

    def may_publish_new(self, service: Service) -> bool:
        """Whether a trusted source's new listing may be published straight away: not when it
        looks like a live listing from elsewhere (the pair is recorded for the queue)."""
        if self._common_details is None:
            self._common_details = common_details(load_listings(candidates()))
        if strong_match(service, self._common_details, besides_source=self.source) is None:
            return True
        self.summary.possible_duplicates += 1
        return False

    def import_record(self, record) -> str:
        """Import one service record; "created", "updated", "unchanged" or "held"."""
        external_id = external_id_of(record)
        self.seen.add(external_id)  # even if it turns out invalid: it is still listed there
        digest = content_hash(record)
        known = self.records.get(external_id)
        if known is not None:
            self._seen_again(known)
        if known is not None and (
            known.content_hash == digest
            or known.service is None  # deleted here: not brought back
            or known.service.merged_into_id  # merged: its listing lives elsewhere
        ):
            return "unchanged"
        mapped = remap(map_service(record), self.source.id)
        with transaction.atomic():
            prepared = self.prepare(mapped)
            existing = known.service if known else Service.objects.filter(pk=mapped.id).first()
            if existing is None:
                service, revision = self.create_service(prepared)
                if self.publish and self.may_publish_new(service):
                    revision.publish()
                outcome = "created"
            else:
                outcome, revision = self._update(existing, known, prepared, digest)
            self._remember(external_id, known, existing or service, digest, revision)
        return outcome

    def _update(self, service: Service, known, prepared: Prepared, digest: str):
        """Apply a changed record to an existing listing; (outcome, revision written)."""
        desired = prepared.desired
        current = service.get_latest_revision_as_object() if service.latest_revision_id else service
        if current_state(current, desired) == desired and not prepared.locations_changed:
            # It says what the source says (edited here or not): nothing to apply or hold.
            return "unchanged", service.latest_revision
        if known is not None and edited_here(known, service, current, desired):
            self._hold(service, current, prepared)
            return "held", known.applied_revision
        # On the latest revision, so a draft's other changes are kept.
        apply_state(current, prepared.mapped, desired, prepared.terms, prepared.areas)
        revision = current.save_revision()
        if self.publish and self._may_publish(service):
            revision.publish()
        return "updated", revision

    def _may_publish(self, service: Service) -> bool:
        """A trusted source republishes a live listing; one never published counts as new;
        one a coordinator took down stays down (the change waits as a draft)."""
        if service.live:
            return True
        return service.first_published_at is None and self.may_publish_new(service)

    def _hold(self, service: Service, current, prepared: Prepared) -> None:
        fields = suggested_fields(current, prepared)
        desired = prepared.desired
        now = current_state(current, desired)
        others = [
            OTHER_PARTS[key]
            for key in OTHER_PARTS
            if key in desired and now[key] != desired[key] and not (key == "phones" and fields)
        ]
        others += [
            str(Service._meta.get_field(name).verbose_name)
            for name, value in desired["fields"].items()
            if name not in SUGGESTIBLE_FIELDS and now["fields"].get(name) != value
        ]
        details = f"Update from source {self.source.name}: the listing was edited here, so "
        details += "the source's change was not applied."
        if others:
            details += f" Also changed there (not shown field by field): {', '.join(others)}."
        ChangeSuggestion.objects.create(
            service=service,
            kind=ChangeSuggestion.Kind.CHANGE,
            details=details,
            suggested_fields=fields,
        )

    def _remember(self, external_id, known, service, digest, revision) -> None:
        now = timezone.now()
        if known is None:
            known = SourceRecord(source=self.source, external_id=external_id, first_seen=now)
        known.service = service
        known.content_hash = digest
        known.applied_revision = revision
        known.last_seen = now
        known.withdrawn_at = None
        known.save()
        self.records[external_id] = known

    def _seen_again(self, known: SourceRecord) -> None:
        """Note that the source still lists it (saved in batches: `flush_seen`)."""
        self._pending_seen.append(known.pk)
        if len(self._pending_seen) >= SEEN_BATCH:
            self.flush_seen()

    def flush_seen(self) -> None:
        """Save last_seen (and clear any withdrawn flag) for the records seen again."""
        pending, self._pending_seen = self._pending_seen, []
        if pending:
            SourceRecord.objects.filter(pk__in=pending).update(
                last_seen=timezone.now(), withdrawn_at=None
            )

    def run(self, feed, progress=iter):
        try:
            return super().run(feed, progress=progress)
        finally:
            self.flush_seen()  # also when the feed fails part way: those were seen


def edited_here(known: SourceRecord, service: Service, current, desired: dict) -> bool:
    """Whether someone here changed the listing since its source last wrote it.

    A later revision that says the same as the source's (a coordinator publishing the
    source's draft through the editor, say) is not an edit.
    """
    if service.latest_revision_id is None or service.latest_revision_id == (
        known.applied_revision_id
    ):
        return False
    if known.applied_revision is None:
        return True
    written = known.applied_revision.as_object()
    return current_state(current, desired) != current_state(written, desired)


def suggested_fields(current, prepared: Prepared) -> dict:
    """The incoming values that differ, keyed as `directory.suggestions.fields` expects."""
    fields = prepared.desired["fields"]
    incoming = {key: fields[key] for key in SUGGESTIBLE_FIELDS if key in fields}
    if "description" in incoming:
        incoming["description"] = html_to_text(incoming["description"])
    if "phones" in prepared.desired and prepared.mapped.phones:
        incoming["phone"] = prepared.mapped.phones[0]["number"]
    return {
        key: str(value)
        for key, value in incoming.items()
        if value not in (None, "") and not is_applied(current, key, str(value))
    }

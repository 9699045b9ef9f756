"""#25 done when: the North Lincolnshire feed pulled under two source names.

Each service is once in search results and the copies wait in the duplicates queue; a second
pull with one change updates one listing; a removed service is flagged, not deleted. One test,
because pulling the real feed (738 services) is the expensive part and every step builds on
the one before.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from directory.models import DuplicatePair, Service, Source, SourceRecord, SyncRun
from directory.sources.sync import pull
from search.api import search_services
from search.models import SearchIndexEntry
from search.query import ServiceQuery

FEED = Path(__file__).parents[1] / "fixtures" / "oruk" / "north-lincolnshire-services.json"

pytestmark = pytest.mark.django_db


def file_source(name: str, path: Path) -> Source:
    return Source.objects.create(
        name=name, kind=Source.Kind.FILE, location=str(path), trust=Source.Trust.PUBLISH
    )


def listings_of(source: Source):
    return Service.objects.filter(provenance__source=source)


def test_the_same_feed_under_two_sources_makes_pairs_not_twins(tmp_path):
    records = json.loads(FEED.read_text(encoding="utf-8"))
    feed = tmp_path / "north-lincolnshire.json"
    feed.write_text(json.dumps(records), encoding="utf-8")
    first = file_source("North Lincolnshire", feed)
    second = file_source("North Lincolnshire again", feed)

    run = pull(first)
    assert run.status == SyncRun.Status.COMPLETED, run.reasons
    assert run.created + run.failed == len(records)
    assert run.created > 700
    live = set(listings_of(first).filter(live=True).values_list("pk", flat=True))
    assert len(live) == run.created

    again = pull(second)
    assert again.status == SyncRun.Status.COMPLETED, again.reasons
    assert again.created == run.created
    copies = listings_of(second)
    # Every copy waits unpublished, paired with its original in the queue.
    assert not copies.filter(live=True).exists()
    open_pairs = DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN)
    paired = {pk for pair in open_pairs for pk in (pair.first_id, pair.second_id)}
    assert set(copies.values_list("pk", flat=True)) <= paired
    originals = {
        record.external_id: record.service_id
        for record in SourceRecord.objects.filter(source=first)
    }
    # Each copy is paired with a listing of the first source; a copy of a service whose name
    # the feed uses once, with its own original.
    first_ids = set(originals.values())
    once = {name for name, count in Counter(r["name"] for r in records).items() if count == 1}
    for record in SourceRecord.objects.filter(source=second).select_related("service"):
        partners = {
            pk
            for pair in open_pairs
            if record.service_id in (pair.first_id, pair.second_id)
            for pk in (pair.first_id, pair.second_id)
        } - {record.service_id}
        assert partners & first_ids, record.service.name
        if record.service.name in once:
            assert originals[record.external_id] in partners, record.service.name

    # Each service once in search: the index holds the first source's listings only, and a
    # search for a name finds it as many times as the feed lists that name, no more.
    indexed = set(SearchIndexEntry.objects.values_list("service_id", flat=True))
    assert indexed == live
    names = Counter(record["name"].strip() for record in records)
    copy_ids = set(copies.values_list("pk", flat=True))
    for name in sorted(names)[:: len(names) // 10]:
        hits = search_services(ServiceQuery(text=name, per_page=50)).hits
        assert len({hit.service.id for hit in hits}) == len(hits)
        assert not {hit.service.id for hit in hits} & copy_ids
        assert sum(hit.service.name == name for hit in hits) == names[name], name

    # A second pull with one change updates that one listing.
    changed = json.loads(json.dumps(records))
    changed[5]["description"] = "<p>Now meets on Thursday mornings at the library.</p>"
    feed.write_text(json.dumps(changed), encoding="utf-8")
    update = pull(first)
    assert (update.created, update.updated, update.withdrawn) == (0, 1, 0)
    assert update.unchanged == run.created - 1
    service = SourceRecord.objects.get(source=first, external_id=records[5]["id"]).service
    service.refresh_from_db()
    assert "Thursday mornings at the library" in service.description
    assert service.live

    # A service the feed no longer lists is flagged, and kept.
    removed = changed.pop(9)
    feed.write_text(json.dumps(changed), encoding="utf-8")
    withdrawal = pull(first)
    assert (withdrawal.created, withdrawal.updated, withdrawal.withdrawn) == (0, 0, 1)
    gone = SourceRecord.objects.get(source=first, external_id=removed["id"])
    assert gone.withdrawn_at is not None
    assert Service.objects.filter(pk=gone.service_id).exists()
    assert SourceRecord.objects.filter(source=first, withdrawn_at__isnull=False).count() == 1

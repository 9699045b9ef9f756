"""The index follows publish, unpublish, draft edits, moves and deletes; the rebuild command."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from directory.models import Location, Service
from search.api import search_services
from search.backends.database import DatabaseBackend
from search.models import SearchIndexEntry, SearchIndexPoint
from search.query import ServiceQuery
from tests.factories.search import OUTCODES, listing, seed_categories

pytestmark = pytest.mark.django_db


def found(text, **filters):
    return [hit.service.name for hit in search_services(ServiceQuery(text=text, **filters)).hits]


def test_publishing_adds_and_unpublishing_removes():
    service = Service.objects.create(name="Riverside Memory Club", live=False)
    assert found("memory club") == []
    service.save_revision().publish()
    assert found("memory club") == ["Riverside Memory Club"]
    Service.objects.get(pk=service.pk).unpublish()
    assert found("memory club") == []
    assert not SearchIndexEntry.objects.filter(service=service).exists()


def test_a_draft_edit_does_not_change_what_is_found():
    service = listing("Riverside Memory Club", "Weekly club.")
    service.name = "Renamed In Draft"
    service.save_revision()
    assert found("riverside") == ["Riverside Memory Club"]
    assert found("renamed") == []


def test_deleting_a_service_removes_it_from_the_index():
    service = listing("Riverside Memory Club", "Weekly club.", outcode="S6")
    service.delete()
    assert found("riverside") == []
    assert SearchIndexEntry.objects.count() == 0
    assert SearchIndexPoint.objects.count() == 0


def test_status_change_removes_a_live_service():
    service = listing("Riverside Memory Club", "Weekly club.")
    service.status = Service.Status.DEFUNCT
    service.save()
    assert found("riverside") == []


def test_moving_a_location_moves_the_service():
    seed_categories()
    service = listing("Riverside Memory Club", "Weekly club.", ["memory-dementia"], outcode="S6")
    s6, s13 = OUTCODES["S6"], OUTCODES["S13"]
    assert found("", latitude=s6[0], longitude=s6[1], radius_miles=1) == ["Riverside Memory Club"]
    location = Location.objects.get(service_at_locations__service=service)
    location.latitude, location.longitude = s13
    location.save()
    assert found("", latitude=s6[0], longitude=s6[1], radius_miles=1) == []
    assert found("memory", latitude=s13[0], longitude=s13[1], radius_miles=1) == [
        "Riverside Memory Club"
    ]


def test_category_changes_are_indexed():
    terms = seed_categories()
    service = listing("Riverside Club", "Weekly club.")
    assert found("", categories=("memory-dementia",)) == []
    service.taxonomy_terms.set([terms["memory-dementia"]])
    service.save()
    assert found("", categories=("memory-dementia",)) == ["Riverside Club"]


def test_rebuild_command_replaces_the_index(capsys):
    listing("Riverside Memory Club", "Weekly club.", outcode="S6")
    listing("Hillside Walking Group", "Walks.", outcode="S10")
    SearchIndexEntry.objects.all().delete()  # a stale, empty index
    assert found("riverside") == []
    call_command("search_index", "--rebuild", "--no-progress")
    assert "Indexed 2 live services with the database backend" in capsys.readouterr().out
    assert found("riverside") == ["Riverside Memory Club"]
    assert found("walking") == ["Hillside Walking Group"]


def test_rebuild_command_needs_a_flag():
    with pytest.raises(CommandError):
        call_command("search_index")


def card(text):
    return search_services(ServiceQuery(text=text)).hits[0].service


def test_results_carry_what_the_card_shows_and_follow_changes():
    import datetime

    from tests.factories.directory import ScheduleFactory

    terms = seed_categories()
    service = listing(
        "Riverside Memory Club", "Weekly club.", codes=["memory-dementia"], terms=terms
    )
    shown = card("riverside")
    assert (shown.id, shown.name, shown.summary) == (service.pk, service.name, "Weekly club.")
    assert shown.organisation == "Riverside Memory Club Trust"
    assert shown.categories == (terms["memory-dementia"].name,)
    assert shown.get_absolute_url() == service.get_absolute_url()
    assert shown.schedules == ()

    schedule = ScheduleFactory(service=service, weekdays=[2], opens_at=datetime.time(10))
    assert card("riverside").schedules[0].weekdays == (2,)
    assert card("riverside").schedules[0].opens_at == datetime.time(10)
    schedule.delete()
    assert card("riverside").schedules == ()

    service.organisation.name = "Riverside Friends"
    service.organisation.save()
    assert card("riverside").organisation == "Riverside Friends"


def index_names():
    """The indexes of the search tables, as the database reports them."""
    with connection.cursor() as cursor:
        return {
            table: sorted(
                name
                for name, info in connection.introspection.get_constraints(cursor, table).items()
                if info["index"]
            )
            for table in (
                "search_searchindexentry",
                "search_searchindexpoint",
                "search_searchindexcategory",
            )
        }


def test_rebuild_leaves_the_same_indexes():
    # On SQLite a rebuild drops the entry, point and category indexes and builds them again after
    # filling the tables (quicker than keeping them up to date row by row).
    listing("Riverside Memory Club", "Weekly club.", outcode="S6")
    before = index_names()
    assert "searchpoint_entry_code" in before["search_searchindexpoint"]
    assert "searchcat_code_entry" in before["search_searchindexcategory"]
    assert any("sort_name" in name for name in before["search_searchindexentry"])
    DatabaseBackend().rebuild()
    assert index_names() == before
    assert found("riverside") == ["Riverside Memory Club"]


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_outside_a_transaction_tidies_up_after_its_commit_and_finds_the_same():
    """Outside any transaction (as `search_index --rebuild` runs) PostgreSQL's index tables
    are vacuumed after the commit; the index then holds the same listings, text and places."""
    seed_categories()
    listing("Walking Friends", "A weekly walking group", codes=("physical-activity",), outcode="S6")
    listing(
        "Memory Café", "For people living with dementia", codes=("memory-dementia",), outcode="S1"
    )
    before = search_services(ServiceQuery(text="walking")).total
    indexes_before = index_names()
    gin_before = gin_index_id()

    assert DatabaseBackend().rebuild() == 2

    assert before == search_services(ServiceQuery(text="walking")).total == 1
    near = search_services(
        ServiceQuery(text="memory", latitude=OUTCODES["S1"][0], longitude=OUTCODES["S1"][1])
    )
    assert [hit.service.name for hit in near.hits] == ["Memory Café"]
    # The GIN index was built again beside the old one (PostgreSQL): one valid index, under
    # its own name, and nothing left of the build.
    assert index_names() == indexes_before
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname, i.indisvalid FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = 'search_searchindextext'"
            )
            assert sorted(cursor.fetchall()) == [
                ("search_searchindextext_pkey", True),
                ("search_text_document_gin", True),
            ]
        assert gin_index_id() != gin_before  # a new index, under the old one's name


def gin_index_id():
    """The full-text GIN index's object id on PostgreSQL (None on SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'search_text_document_gin'::regclass::oid")
        return cursor.fetchone()[0]

"""`search_index --check`: whether the database index is in step with the live listings."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.models import SearchIndexEntry
from tests.factories.directory import ServiceFactory

pytestmark = pytest.mark.django_db


def check() -> str:
    out = StringIO()
    call_command("search_index", "--check", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_an_index_kept_in_step_by_publishing_passes_the_check():
    ServiceFactory.create_batch(3)
    ServiceFactory(live=False)
    assert "Search index in step: 3 live listings." in check()


def test_missing_and_withdrawn_listings_fail_the_check_with_their_ids():
    kept, lost, withdrawn = ServiceFactory.create_batch(3)
    SearchIndexEntry.objects.filter(service=lost).delete()  # as if an index write had failed
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(live=False)  # no signal: stale entry
    errors = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("search_index", "--check", stdout=StringIO(), stderr=errors)
    message = str(failed.value)
    assert "1 live listings missing from the index" in message
    assert "1 entries for listings no longer live" in message
    assert "the vocabulary counts 3 listings, the index has 2" in message
    assert f"missing: {lost.pk}" in errors.getvalue()
    assert f"stale: {withdrawn.pk}" in errors.getvalue()
    call_command("search_index", "--rebuild", "--no-progress", stdout=StringIO())
    assert "Search index in step: 2 live listings." in check()


def test_editing_a_listing_keeps_the_vocabulary_exact():
    service = ServiceFactory(name="Lunch club")
    service.name = "Supper club"
    service.save()
    assert "Search index in step: 1 live listings." in check()
    assert SearchIndexEntry.objects.get(service=service).name == "Supper club"

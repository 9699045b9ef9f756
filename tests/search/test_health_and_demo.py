"""The search health check and the demo-data hook."""

import io

import pytest

from demo.search import load
from search.health import check_search_backend
from search.models import SearchIndexEntry
from tests.factories.search import listing

pytestmark = pytest.mark.django_db


def test_health_check_reports_the_backend(settings):
    assert check_search_backend() == (True, "database")
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = ""
    assert check_search_backend() == (True, "elasticsearch unavailable, using database")


def test_demo_load_rebuilds_the_index():
    listing("Hillsborough Lunch Club", "Hot lunch.")
    SearchIndexEntry.objects.all().delete()
    out = io.StringIO()
    load(out)
    load(out)  # idempotent
    assert SearchIndexEntry.objects.count() == 1
    assert "1 live services" in out.getvalue()

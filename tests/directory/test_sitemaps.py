"""sitemap.xml lists live services; robots.txt keeps searches and the shortlist out."""

import pytest

from tests.factories.directory import ServiceFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_services_only(client, site):
    live = ServiceFactory()
    draft = ServiceFactory(live=False)
    content = client.get("/sitemap.xml").content.decode()
    assert f"/services/{live.id}/" in content
    assert f"/services/{draft.id}/" not in content


def test_robots_keeps_result_pages_and_the_shortlist_out(client):
    content = client.get("/robots.txt").content.decode()
    assert "Disallow: /services/?" in content
    assert "Disallow: /shortlist/" in content

"""The Wagtail site and SiteSettings come from the cache on public pages, and a change to
either shows on the next request."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from portal import sitecache
from portal.models import SiteSettings

pytestmark = pytest.mark.django_db

PAGE = "/self-referral/"  # a public page that shows the site settings, with no other queries


def test_site_and_settings_are_read_once_then_cached(client, site, django_assert_num_queries):
    client.get(PAGE)
    with django_assert_num_queries(0):
        response = client.get(PAGE)
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_site == site


def test_changed_settings_show_at_once(client, site):
    client.get(PAGE)
    settings_row = SiteSettings.for_site(site)
    settings_row.first_contact_phone = "0114 000 1234"
    settings_row.save()
    assert "0114 000 1234" in client.get(PAGE).content.decode()


def test_a_changed_site_or_page_is_looked_up_again(client, site, home_page):
    client.get("/")
    assert cache.get(sitecache.SITES_KEY)
    home_page.title = "Welcome"
    home_page.save_revision().publish()
    assert cache.get(sitecache.SITES_KEY) is None
    client.get("/")
    site.site_name = "Council"
    site.save()
    assert cache.get(sitecache.SITES_KEY) is None
    assert client.get("/").wsgi_request._wagtail_site.site_name == "Council"


def test_unknown_hosts_are_refused_before_any_lookup(client, site):
    response = client.get(PAGE, HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert not cache.get(sitecache.SITES_KEY)


def test_no_site_for_the_host_still_works(client):
    Site.objects.all().delete()
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_site is None


def test_a_database_failure_is_left_to_the_view(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper
    from django.db.utils import OperationalError

    def broken_execute(self, sql, params=None):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken_execute)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert not hasattr(response.wsgi_request, "_wagtail_site")


def test_a_page_reads_its_section_links_from_the_cache_once(client, site, monkeypatch):
    client.get("/")  # the sections are in the cache now
    reads = []
    real_get = cache.get
    monkeypatch.setattr(
        cache,
        "get",
        lambda key, *args, **kwargs: reads.append(key) or real_get(key, *args, **kwargs),
    )
    assert client.get("/").status_code == 200
    assert reads.count(sitecache.SECTIONS_KEY) == 1  # the header and footer link to several

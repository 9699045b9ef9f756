"""Project-wide pytest fixtures."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from directory import geography
from portal import notify


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: nothing cached from another test's rolled-back
    data (the site and its settings, rate-limit counters)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def notify_outbox():
    """GOV.UK Notify requests made by this test (the test settings' LocmemBackend keeps them),
    like Django's mail.outbox."""
    notify.outbox.clear()
    yield notify.outbox
    notify.outbox.clear()


@pytest.fixture
def site(db):
    """The default Wagtail site (created by the portal's migration)."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def no_geocoder(monkeypatch, settings):
    """A geocoder is configured, but the test fails if anything asks it."""

    def geocoder():
        raise AssertionError("the geocoder was asked")

    settings.GEOCODER = "nominatim"
    monkeypatch.setattr(geography, "get_geocoder", geocoder)

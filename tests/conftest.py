"""Project-wide pytest fixtures."""

import pytest
from wagtail.models import Site


@pytest.fixture
def site(db):
    """The default Wagtail site (created by the portal's migration)."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific

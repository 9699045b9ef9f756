"""axe-core finds no WCAG 2.2 A/AA violations on any public page type, at 320 and 1280 px,
with and without JavaScript; nothing scrolls sideways at 320 px; every asset loads."""

import pytest

from tests.e2e.browser import assert_no_axe_violations, assert_no_broken_assets
from tests.e2e.pages import page_checks


@pytest.mark.parametrize(("public_page", "width", "js"), list(page_checks()))
def test_public_page_is_accessible(page_at, public_page, width, js):
    path = public_page.path
    if "{service_id}" in path:
        path = path.format(service_id=demo_service_id())
    page = page_at(path, width=width, js=js, status=public_page.status)
    assert page.locator("h1").count() == 1, "each page has exactly one main heading"
    if width == 320:
        # WCAG 1.4.10 Reflow: no sideways scrolling at 320 CSS pixels.
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow} px wider than a 320 px screen"
    assert_no_axe_violations(page, public_page.name)
    assert_no_broken_assets(page)


def demo_service_id() -> str:
    """A live demo service with a location, so the detail page shows as much as it can."""
    from directory.models import Service

    service = (
        Service.objects.live().filter(service_at_locations__isnull=False).order_by("name").first()
    )
    assert service is not None, "the demo data has no live service with a location"
    return str(service.pk)

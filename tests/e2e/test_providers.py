"""Provider accounts (#25 item 1) in a browser: a provider signs in, lands on their own home
(not the admin), opens the change form, sees an error summary and sends a change; the claim
page for a listing. Each page at 320 and 1280 px, checked with axe-core.

Transactional: the provider and their membership must be committed for the live server.
"""

import re

import pytest
from django.contrib.auth.models import Group

from directory.models import ProviderMembership, Service
from portal import roles
from tests.e2e.browser import WIDTHS, assert_no_axe_violations, assert_no_broken_assets
from tests.factories.accounts import PASSWORD, StaffUserFactory


def sign_in(page_at, user, width):
    page = page_at("/accounts/login/", width=width)
    page.locator('[name="login"]').fill(user.email)
    page.locator('[name="password"]').fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/provider/$"))
    return page


@pytest.mark.django_db(transaction=True)
def test_a_provider_claims_and_updates_listings_at_both_widths(page_at):
    """One test (a transactional test empties the database after it: the demo data too)."""
    service = (
        Service.objects.live()
        .filter(organisation__isnull=False)
        .exclude(email="")
        .order_by("name")
        .first()
    )
    for width in WIDTHS:
        claim_page(page_at, service, width)
    for width in WIDTHS:
        update_listing(page_at, service, width)


def claim_page(page_at, service, width):
    page = page_at(f"/services/{service.pk}/", width=width, js=False)
    page.get_by_role("link", name="Update this listing").click()
    page.wait_for_url(re.compile(r"/claim/$"))
    assert "•••@" in page.locator("main").inner_text()
    assert_no_axe_violations(page, "provider-claim")


def update_listing(page_at, service, width):
    user = StaffUserFactory(email=f"provider{width}@example.org")
    user.groups.add(Group.objects.get(name=roles.PROVIDER))
    ProviderMembership.objects.create(user=user, organisation=service.organisation)

    page = sign_in(page_at, user, width)
    assert service.name in page.locator("main").inner_text()
    assert_no_axe_violations(page, "provider-home")
    assert_no_broken_assets(page)

    page.locator("main").get_by_role("link", name=f"Update {service.name}").click()
    page.wait_for_url(re.compile(r"/change/$"))
    page.get_by_label("Phone number").fill("call us")
    page.get_by_role("button", name="Send for checking").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_no_axe_violations(page, "provider-change-error")

    page.get_by_label("Phone number").fill("0114 273 4567")
    page.get_by_label("Summary").fill(f"Updated by the provider at {width} px.")
    page.get_by_role("button", name="Send for checking").click()
    page.wait_for_url(re.compile(r"/sent/$"))
    assert_no_axe_violations(page, "provider-change-sent")
    service.refresh_from_db()
    assert not service.summary.startswith("Updated by the provider")
    assert service.workflow_in_progress

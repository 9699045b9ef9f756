"""Follow my request in a browser (#23, item 1): a resident who sent a request through the
wizard finds it with the reference and date of birth on a phone, keyboard only, adds what
has changed, and First Contact sees it on the referral: one referral, the story told once.

Transactional, in its own module (the live server must see the committed referral)."""

import re

import pytest

from referrals.models import Referral, ReferralUpdate
from tests.e2e.browser import activate, assert_no_axe_violations, tab_to
from tests.e2e.test_referral_page import sign_in
from tests.factories.accounts import StaffUserFactory, activate_totp
from tests.factories.referrals import role_group
from tests.live_server import Journey

CHANGE = "My husband has gone into hospital, so I am on my own at night now."


@pytest.mark.django_db(transaction=True)
def test_a_resident_follows_their_request_and_adds_a_change(page_at, site_url):
    before = Referral.objects.count()
    reference = Journey(site_url, "myself").send()

    page = page_at("/self-referral/", width=320)
    activate(page, page.get_by_role("link", name=re.compile("Follow your request")))
    page.wait_for_url("**/self-referral/status/")
    assert_no_axe_violations(page, "i23-follow-find")

    # A wrong date of birth: the same answer as a wrong reference, nothing in the URL.
    tab_to(page, page.get_by_label("Reference number"))
    page.keyboard.type(reference.lower())
    for label, value in (("Day", "27"), ("Month", "3"), ("Year", "1943")):
        tab_to(page, page.get_by_label(label, exact=True))
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "We could not find a request" in summary.inner_text()
    assert reference not in page.url and "1943" not in page.url
    assert_no_axe_violations(page, "i23-follow-not-found")

    year = page.get_by_label("Year", exact=True)
    year.fill("")
    year.focus()
    page.keyboard.type("1942")
    page.keyboard.press("Enter")
    page.wait_for_url("**/self-referral/status/your-request/")
    main = page.locator("main")
    assert reference in main.inner_text() and "Received" in main.inner_text()
    assert_no_axe_violations(page, "i23-follow-request")

    tab_to(page, page.get_by_label("What has changed?"), max_presses=80)
    page.keyboard.type(CHANGE)
    activate(page, page.get_by_role("button", name="Send to the team"))
    main.get_by_text("We have added this to your request").wait_for()  # the same address
    assert CHANGE in main.inner_text()
    assert_no_axe_violations(page, "i23-follow-added")

    referral = Referral.objects.get(reference=reference)
    assert Referral.objects.count() == before + 1  # added to, not sent again
    assert ReferralUpdate.objects.get().referral == referral

    officer = StaffUserFactory(email="first.contact@council.example")
    officer.groups.add(role_group("First Contact"))
    secret = activate_totp(officer)
    staff = page_at("/admin/referrals/", status=None)
    sign_in(staff, officer, secret)
    staff.get_by_role("link", name=reference).click()
    staff.wait_for_url(re.compile(rf"/admin/referrals/{referral.pk}/$"))
    updates = staff.locator("#updates")
    assert "Added by the person since sending" in updates.inner_text()
    assert CHANGE in updates.inner_text()

"""A First Contact officer signs in with a password and an authenticator app, opens a referral
from the triage queue, moves it on and closes it with an outcome; every step is audited.

Its own module because the staff user and referral must be committed for the live server to
see them (on PostgreSQL it reads through another connection): the test is transactional, and
the database it empties afterwards is put back when the module's demo data is removed.
"""

import re

import pytest

from referrals.models import ReferralAuditEntry
from tests.e2e.browser import screenshot
from tests.factories.accounts import (
    PASSWORD,
    StaffUserFactory,
    activate_totp,
    current_totp_code,
)
from tests.factories.referrals import referral, role_group


@pytest.mark.django_db(transaction=True)
def test_first_contact_signs_in_with_mfa_and_closes_a_referral(page_at):
    officer = StaffUserFactory(email="first.contact@council.example")
    officer.groups.add(role_group("First Contact"))
    secret = activate_totp(officer)
    made = referral()

    page = page_at("/admin/referrals/", status=None)
    page.wait_for_url("**/accounts/login/**")
    page.locator('[name="login"]').fill(officer.email)
    page.locator('[name="password"]').fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()

    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert not page.url.endswith("/admin/referrals/"), "a password alone is not enough"
    page.locator('[name="code"]').fill(current_totp_code(secret))
    page.locator("form[method=post] button[type=submit]").first.click()

    page.wait_for_url(re.compile(r"/admin/referrals/$"))
    page.get_by_role("link", name=made.reference).click()
    page.wait_for_url(re.compile(rf"/admin/referrals/{made.pk}/$"))
    assert made.reference in page.content()

    page.get_by_label("Status").select_option("in_review")
    page.get_by_role("button", name="Update status").click()
    page.get_by_text("Saved.").first.wait_for()

    # Closing needs an outcome: without one the form says so.
    page.get_by_label("Status").select_option("closed")
    page.get_by_label("Outcome").select_option("")
    page.get_by_role("button", name="Update status").click()
    error = page.locator(".errorlist").first
    error.wait_for()
    assert "outcome" in error.inner_text().lower()
    made.refresh_from_db()
    assert made.status == "in_review", "not closed without an outcome"
    page.get_by_label("Status").select_option("closed")
    page.get_by_label("Outcome").select_option("community_asset")
    page.get_by_role("button", name="Update status").click()
    page.get_by_text("Saved.").first.wait_for()
    screenshot(page, "journey-staff-referral-closed")

    made.refresh_from_db()
    assert (made.status, made.outcome) == ("closed", "community_asset")
    entries = ReferralAuditEntry.objects.filter(referral=made, user=officer)
    actions = list(entries.values_list("action", flat=True))
    assert "viewed" in actions
    assert actions.count("status_changed") == 2, actions

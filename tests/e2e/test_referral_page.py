"""A First Contact officer (who also works the Carers Centre queue) signs in, finds the
overdue referral at the top of the queue, and reads a self-referral and a carer's referral in
plain English: every answer by its label, no vocabulary code and no ISO date on the page (#22).

Transactional, in its own module, like test_staff_journey.py: the officer and the referrals
must be committed for the live server to see them. The self and carer referrals are sent
through the wizard's own pages on the live server (tests.live_server.Journey), question by
question, as a resident's browser sends them.
"""

import datetime
import re

import pytest
from django.utils import timezone

from referrals.models import Referral
from tests.e2e.browser import assert_no_axe_violations, screenshot
from tests.factories.accounts import (
    PASSWORD,
    StaffUserFactory,
    activate_totp,
    current_totp_code,
)
from tests.factories.referrals import referral, role_group
from tests.live_server import Journey
from tests.referrals.test_referral_page import CODES, ISO_DATE

SELF_LABELS = [
    "About the person",
    "Contact and best time",
    "Communication needs",
    "What is happening",
    "What matters to them",
    "What would help",
    "GP",
    "Services they looked at",
    "Consent",
    "Myself",
    "Margaret Example",
    "27 March 1942 (age",
    "Phone",
    "Mornings",
    "Easy read information",
    "Moving around and using my home safely",
    "Seeing family and friends, and not feeling lonely",
    "Test Surgery",
    "Finding the stairs hard.",
    "Staying at home.",
]
CARER_LABELS = [
    "Caring role",
    "I am a carer and want support for my caring role",
    "A break from caring",
    "My own health",
    "50 hours a week or more",
    "Support for me as a carer",
    "Carer under strain",
]


def sign_in(page, officer, secret):
    page.wait_for_url("**/accounts/login/**")
    page.locator('[name="login"]').fill(officer.email)
    page.locator('[name="password"]').fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator('[name="code"]').fill(current_totp_code(secret))
    page.locator("form[method=post] button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/referrals/$"))


def assert_plain_english(page, labels):
    main = page.locator("main")
    text = main.inner_text()
    for label in labels:
        assert label in text, label
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    for code in CODES:
        if "_" in code:
            assert code not in text, code
    for value in main.locator("dd").all_inner_texts():
        for part in re.split(r"[,·\n]\s*", value):
            assert part.strip() not in CODES, (part, value)


@pytest.mark.django_db(transaction=True)
def test_first_contact_reads_referrals_in_plain_english_overdue_first(page_at, site_url):
    officer = StaffUserFactory(email="triage.officer@council.example")
    officer.groups.add(role_group("First Contact"), role_group("Carers Centre"))
    secret = activate_totp(officer)
    mine = Referral.objects.get(reference=Journey(site_url, "myself").send())
    carers = Referral.objects.get(reference=Journey(site_url, "carer").send())
    overdue = referral()
    Referral.objects.filter(pk=overdue.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=2)
    )

    page = page_at("/admin/referrals/", status=None)
    sign_in(page, officer, secret)
    rows = page.locator("main table tbody tr")
    texts = rows.all_inner_texts()
    position = {
        made.reference: i
        for i, row in enumerate(texts)
        for made in (mine, carers, overdue)
        if made.reference in row
    }
    assert position[overdue.reference] < position[mine.reference]
    assert position[overdue.reference] < position[carers.reference]
    assert "Overdue" in texts[position[overdue.reference]]
    tagged = ["Overdue" in row for row in texts]
    assert tagged == sorted(tagged, reverse=True), "every overdue referral before the others"
    assert_no_axe_violations(page, "referral-queue-due-dates")

    page.get_by_role("link", name=mine.reference).click()
    page.wait_for_url(re.compile(rf"/admin/referrals/{mine.pk}/$"))
    assert_plain_english(page, SELF_LABELS)
    assert_no_axe_violations(page, "referral-page-self")

    page.goto(page.url.replace(f"/{mine.pk}/", f"/{carers.pk}/"))
    assert_plain_english(page, CARER_LABELS)
    screenshot(page, "referral-page-carer")
    page.emulate_media(media="print")
    screenshot(page, "referral-page-carer-print")
    assert not page.get_by_role("button", name="Update status").is_visible()
    assert not page.locator("#wagtail-sidebar").is_visible()
    assert page.get_by_text("A break from caring").first.is_visible()

"""Closing the loop (#23, done when): on a phone, a resident searches, opens a listing, says
how easy it was to find information, asks for help; later finds the request with the
reference and date of birth and adds what has changed; First Contact sees both on the one
referral. Afterwards the analytics count one search followed by a referral and one answer
to the ASCOF 3D question.

Transactional, in its own module (the live server must see the committed rows)."""

import re

import pytest

from analytics.models import InformationEaseAnswer, SearchEvent
from analytics.reports import ReportFilter, information_ease_tables, search_to_support
from referrals.models import Referral, ReferralUpdate
from tests.e2e.browser import activate, assert_no_axe_violations, choose_radio, tab_to
from tests.e2e.test_one_question_journeys import (
    answer_by_keyboard,
    send_by_keyboard,
)
from tests.e2e.test_referral_page import sign_in
from tests.factories.accounts import StaffUserFactory, activate_totp
from tests.factories.referrals import role_group, step_data

CHANGE = "I had a fall last week and now I cannot manage the stairs."


def ask_for_help(page) -> str:
    """The self-referral from its start page to the confirmation, by keyboard."""
    activate(page, page.locator("main a.govuk-button--start").first)
    for step, fields in step_data("myself"):
        page.wait_for_url(f"**/self-referral/{step}/")
        answer_by_keyboard(page, step, fields)
        send_by_keyboard(page)
    page.wait_for_url("**/self-referral/done/")
    return page.locator(".signpost-reference").inner_text().strip()


@pytest.mark.django_db(transaction=True)
def test_search_listing_help_follow_and_the_measures(page_at):
    referrals_before = Referral.objects.count()
    followed_before = SearchEvent.objects.filter(followed_by_referral=True).count()
    answers_before = InformationEaseAnswer.objects.count()

    # A search from the home page on a phone, then one of its results.
    page = page_at("/", width=320)
    tab_to(page, page.get_by_label("What are you looking for?"))
    page.keyboard.type("club")
    tab_to(page, page.get_by_label("Where? Postcode or place"))
    page.keyboard.type("S1 2HH")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/services/\?.*postcode=S1"))
    results = page.locator(".signpost-results .signpost-result h3 a")
    assert results.count() >= 1
    activate(page, results.first)
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}/"))

    # Below the listing: "Was it easy to find information about support?", once a visit.
    question = page.locator("#information-ease-section")
    choose_radio(page, question.locator("input[name=answer]"), "fairly_easy")
    activate(page, question.get_by_role("button", name="Send"))
    question.get_by_text("Thank you").wait_for()
    assert_no_axe_violations(page, "i23-loop-listing-thanked")

    # Ask for help from the header (the menu at 320 px).
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():
        activate(page, menu)
    activate(page, page.get_by_role("link", name="Ask for help"))
    page.wait_for_url("**/self-referral/")
    reference = ask_for_help(page)
    assert page.locator("#information-ease-section").count() == 0  # answered this visit

    # Later: follow the request and add what has changed.
    page.goto(page.url.split("/self-referral/")[0] + "/self-referral/status/")
    tab_to(page, page.get_by_label("Reference number"))
    page.keyboard.type(reference)
    for label, value in (("Day", "27"), ("Month", "3"), ("Year", "1942")):
        tab_to(page, page.get_by_label(label, exact=True))
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    page.wait_for_url("**/self-referral/status/your-request/")
    tab_to(page, page.get_by_label("What has changed?"), max_presses=80)
    page.keyboard.type(CHANGE)
    activate(page, page.get_by_role("button", name="Send to the team"))
    page.locator("main").get_by_text("We have added this to your request").wait_for()

    # One referral, two entries: what they sent, and what they added.
    referral = Referral.objects.get(reference=reference)
    assert Referral.objects.count() == referrals_before + 1
    assert list(ReferralUpdate.objects.values_list("referral", flat=True)) == [referral.pk]

    officer = StaffUserFactory(email="loop.first.contact@council.example")
    officer.groups.add(role_group("First Contact"))
    secret = activate_totp(officer)
    staff = page_at("/admin/referrals/", status=None)
    sign_in(staff, officer, secret)
    staff.get_by_role("link", name=reference).click()
    staff.wait_for_url(re.compile(rf"/admin/referrals/{referral.pk}/$"))
    assert CHANGE in staff.locator("#updates").inner_text()
    assert "Margaret Example" in staff.locator("main").inner_text()

    # The measures: the search is marked as followed by a referral, the answer is counted.
    assert SearchEvent.objects.filter(followed_by_referral=True).count() == followed_before + 1
    assert SearchEvent.objects.filter(followed_by_referral=True).latest("pk").query == "club"
    assert InformationEaseAnswer.objects.count() == answers_before + 1
    answer = InformationEaseAnswer.objects.latest("pk")
    assert (answer.answer, answer.page_kind) == ("fairly_easy", "listing")
    today = ReportFilter.default()
    assert search_to_support(today)["followed_by_referral"] >= 1
    answered = {row["answer"]: row for row in information_ease_tables(today)[0].rows}
    assert answered["fairly_easy"]["answers"] >= 1

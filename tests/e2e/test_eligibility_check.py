"""The indicative Care Act checks (#24 items 1 and 2) as people use them: keyboard only at
320 px, axe on every page (an error state included), through to a "likely to be eligible"
result whose answers are carried, by choice, into the self-referral, a "probably not" result
with local support near a postcode, and the carer check to its result; every journey with
JavaScript on and off (#24's done-when: end to end at 320 px, keyboard only, JavaScript off,
axe 0 violations); the results at 1280 px without JavaScript."""

import pytest

from tests.e2e.browser import activate, assert_no_axe_violations, choose_radio, focused, tab_to
from tests.e2e.test_one_question_journeys import answer_by_keyboard, send_by_keyboard
from tests.factories.referrals import step_data

# One answer a page, in order (checks.eligibility_questions.ADULT_PAGES / CARER_PAGES).
ADULT_LIKELY = [
    "myself",
    "yes",
    "needs_help",  # eating and drinking
    "pain",  # washing
    "can",
    "can",
    "risk",  # moving around the home
    "can",
    "can",
    "not_applicable",  # work
    "can",
    "not_applicable",  # caring for a child
    "significant",
]
ADULT_PROBABLY_NOT = [
    "someone_else",
    "yes",
    "can",
    "can",
    "can",
    "can",
    "can",
    "can",
    "needs_help",  # relationships: the only thing that is hard
    "not_applicable",
    "can",
    "not_applicable",
    "some",
]
CARER_LIKELY = [
    "yes",
    "worse",
    "not_applicable",
    "not_applicable",
    "can",
    "pain",  # eating well
    "can",
    "can",
    "can",
    "needs_help",  # time for themselves
    "significant",
]


def press_button(page, button):
    """Tab to a button and press Enter; the answer is a new page at the same address."""
    tab_to(page, button, max_presses=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def continue_button(page):
    return page.locator("main form[method=post] button[type=submit]").last


def answer_every_question(page, values, name, *, error_first=True):
    total = len(values)
    for number, value in enumerate(values, start=1):
        caption = page.locator("main .govuk-caption-l").inner_text()
        assert caption == f"Question {number} of {total}", caption
        assert page.locator("main h1").count() == 1
        assert page.locator("main form .govuk-form-group").count() == 1
        if (
            number == 1 and error_first
        ):  # nothing chosen: the error summary, linked to the first option
            press_button(page, continue_button(page))
            summary = page.locator(".govuk-error-summary")
            summary.wait_for()
            assert page.title().startswith("Error:")
            assert page.locator(summary.get_by_role("link").first.get_attribute("href")).count()
            assert_no_axe_violations(page, f"i24-{name}-error")
        choose_radio(page, page.locator('main input[name="answer"]'), value)
        assert_no_axe_violations(page, f"i24-{name}-q{number}")
        press_button(page, continue_button(page))
    assert page.locator("main h1").inner_text() == "Check your answers"
    assert_no_axe_violations(page, f"i24-{name}-check")
    press_button(page, page.get_by_role("button", name="See your result"))
    page.wait_for_url("**/result/")


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_adult_check_by_keyboard_to_likely_and_the_self_referral(page_at, js):
    page = page_at("/check/", width=320, js=js)
    assert page.get_by_text("We do not store your answers.").is_visible()
    assert_no_axe_violations(page, "i24-adult-start")
    activate(page, page.locator("main a.govuk-button--start"))
    page.wait_for_url("**/check/questions/")
    answer_every_question(page, ADULT_LIKELY, "adult-likely")
    heading = page.locator("main h1").inner_text()
    assert heading == "You are likely to be eligible for care and support"
    assert page.get_by_text("This is an indication, not a decision.").is_visible()
    assert_no_axe_violations(page, "i24-adult-likely-result")
    assert page.get_by_text("Nothing has been stored yet.", exact=False).is_visible()
    assert page.get_by_role("link", name="Ask without these answers").count()
    # Tell it once (#24 item 4): bring the answers, by choice, into the self-referral.
    press_button(
        page, page.get_by_role("button", name="Ask for an assessment and bring these answers")
    )
    page.wait_for_url("**/self-referral/urgent/")
    for step, fields in step_data("myself"):
        page.wait_for_url(f"**/self-referral/{step}/")
        if step == "who":  # who is filling in: already chosen from the check
            assert page.locator('main input[value="myself"]').is_checked()
        elif step == "outcomes":  # asked, with what they find hard already ticked
            boxes = page.locator('main input[name="outcomes-outcomes"]')
            ticked = {
                boxes.nth(i).get_attribute("value")
                for i in range(boxes.count())
                if boxes.nth(i).is_checked()
            }
            assert ticked == {"nutrition", "personal_hygiene", "home_safe"}
            assert_no_axe_violations(page, "i24-adult-carried-outcomes")
        elif step == "check":  # the answers from the check can still be left out
            row = page.locator("main .govuk-summary-list__row", has_text="Answers from the check")
            assert "Yes (likely to be eligible)" in row.inner_text()
            activate(page, row.get_by_role("link"))
            page.wait_for_url("**/self-referral/from-check/send/")
            assert_no_axe_violations(page, "i24-adult-carried-send-or-not")
            choose_radio(page, page.locator('main input[name="send"]'), "no")
            press_button(page, page.get_by_role("button", name="Continue"))
            page.wait_for_url("**/self-referral/check/")
            row = page.locator("main .govuk-summary-list__row", has_text="Answers from the check")
            assert row.locator(".govuk-summary-list__value").inner_text().strip() == "No"
            break
        else:
            answer_by_keyboard(page, step, fields)
        send_by_keyboard(page)


def test_adult_check_by_keyboard_to_probably_not_with_local_support(page_at):
    page = page_at("/check/questions/", width=320, js=False)
    # Back by keyboard keeps the answer given
    choose_radio(page, page.locator('main input[name="answer"]'), "someone_else")
    press_button(page, continue_button(page))
    assert "Do they have" in page.locator("main h1").inner_text()
    back = page.get_by_role("button", name="Back")
    press_button(page, back)
    assert page.locator('main input[value="someone_else"]').is_checked()
    answer_every_question(page, ADULT_PROBABLY_NOT, "adult-probably-not", error_first=False)
    heading = page.locator("main h1").inner_text()
    assert heading == "They are probably not eligible for council-funded care"
    assert page.get_by_text("Your answers show fewer than 2.", exact=False).is_visible()
    postcode = page.get_by_label("Their postcode")
    tab_to(page, postcode)
    page.keyboard.type("S6 2LN")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    support = page.locator("main .signpost-service-hits li")
    assert support.count() >= 1, "no local support shown near S6 2LN"
    assert page.locator("main").get_by_text("Seeing family and friends", exact=False).count()
    assert page.get_by_role("heading", name="Your local area coordinator").is_visible()
    assert_no_axe_violations(page, "i24-adult-probably-not-support")
    first_listing = support.first.get_by_role("link").first
    tab_to(page, first_listing, max_presses=80)
    assert focused(page)["href"].startswith("/services/")


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_carer_check_by_keyboard_to_its_result(page_at, js):
    page = page_at("/check/carer/", width=320, js=js)
    assert_no_axe_violations(page, "i24-carer-start")
    activate(page, page.locator("main a.govuk-button--start"))
    page.wait_for_url("**/check/carer/questions/")
    answer_every_question(page, CARER_LIKELY, "carer-likely")
    assert page.locator("main h1").inner_text() == (
        "You are likely to be eligible for support as a carer"
    )
    assert_no_axe_violations(page, "i24-carer-result")
    assert page.get_by_role("link", name="Advice, support groups and breaks for carers").count()
    activate(page, page.get_by_role("link", name="Ask without these answers"))
    page.wait_for_url("**/self-referral/?as=carer")
    assert page.locator("main h1").inner_text() == "Get support as a carer"


@pytest.mark.parametrize("width", [320, 1280])
def test_results_without_javascript(page_at, width):
    page = page_at("/check/questions/", width=width, js=False)
    for value in ADULT_PROBABLY_NOT:
        page.locator(f'main input[name="answer"][value="{value}"]').check()
        with page.expect_navigation():
            continue_button(page).click()
    with page.expect_navigation():
        page.get_by_role("button", name="See your result").click()
    page.get_by_label("Their postcode").fill("S6 2LN")
    with page.expect_navigation():
        page.get_by_role("button", name="Find support").click()
    assert page.locator("main .signpost-service-hits li").count() >= 1
    assert_no_axe_violations(page, "i24-probably-not-nojs")
    reflow = page.evaluate("document.documentElement.scrollWidth") <= width
    assert reflow, "the result scrolls sideways"

"""#24 "What you might pay" (/check/cost/) as people use it: keyboard only at 320 px, with
JavaScript on and off, axe on every page (an error state included), ending on the estimate.

The worked example, by hand (national figures for 2025 to 2026, the defaults):
- care at home, aged 25 to State Pension age, savings £16,100;
- capital £16,100 is between the limits: £16,100 - £14,250 = £1,850 = 7 whole steps of £250
  and a part of one, so tariff income is £8 a week;
- weekly income: other pensions £50 + benefits £200.50 = £250.50; with the tariff income
  £258.50;
- Minimum Income Guarantee: £112.50 (single, 25 to Pension Credit age) + £49.65 disability
  premium (a standard-rate disability benefit) = £162.15;
- disability-related costs £10;
- £258.50 - £162.15 - £10.00 = £86.35 a week, under the £300 the care costs: £86.35.
"""

import pytest

from tests.e2e.browser import activate, assert_no_axe_violations, choose_radio, focused, tab_to

# (step, {field: value}) in the order the pages come; radios by value, amounts typed.
JOURNEY = [
    ("where", {"where": "home"}),
    ("age", {"age_band": "25_to_pension"}),
    ("savings", {"savings": "16,100"}),
    ("income", {"other_pensions": "50", "benefits": "200.50"}),
    ("disability-benefit", {"disability_benefit": "standard"}),
    ("carer", {"carers_allowance": "no"}),
    ("disability-costs", {"disability_costs": "10"}),
    ("care-cost", {"care_cost": "300"}),
]

ERROR_STEPS = {"where", "savings"}  # a radio question and an amount, each sent empty first


def answer_by_keyboard(page, fields):
    for name, value in fields.items():
        inputs = page.locator(f'main form [name="{name}"]')
        if inputs.first.get_attribute("type") == "radio":
            choose_radio(page, inputs, value)
        else:
            tab_to(page, inputs)
            page.keyboard.type(value)


def send(page):
    activate(page, page.get_by_role("button", name="Continue"))


def current_step(page):
    return page.locator('main form input[name="step"]').get_attribute("value")


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_cost_check_by_keyboard_to_the_estimate(page_at, js):
    page = page_at("/check/cost/", width=320, js=js)
    assert page.get_by_text("We do not store your answers.").is_visible()
    assert_no_axe_violations(page, "i24-cost-start")
    activate(page, page.get_by_role("button", name="Start now"))
    for step, fields in JOURNEY:
        page.wait_for_selector(f'main form input[name="step"][value="{step}"]', state="attached")
        assert page.locator("main h1").count() == 1, step
        if step in ERROR_STEPS:  # sent empty: the error summary, linked to the question
            send(page)
            summary = page.locator(".govuk-error-summary")
            summary.wait_for()
            assert page.title().startswith("Error:")
            if js:  # GOV.UK Frontend moves focus to the summary
                assert "govuk-error-summary" in focused(page)["classes"]
            assert page.locator(summary.get_by_role("link").first.get_attribute("href")).count()
            assert_no_axe_violations(page, f"i24-cost-{step}-error")
        answer_by_keyboard(page, fields)
        assert_no_axe_violations(page, f"i24-cost-{step}")
        send(page)
    heading = page.get_by_role("heading", name="Your estimate", level=1)
    heading.wait_for()
    amount = page.locator(".signpost-estimate-amount").first.inner_text()
    assert amount == "£86.35 a week"
    working = page.locator(".govuk-summary-list").first.inner_text()
    assert "£8.00" in working and "£162.15" in working
    assert page.get_by_text("This is an estimate, not a decision").is_visible()
    assert page.get_by_text("national figures for 2025 to 2026").is_visible()
    assert_no_axe_violations(page, "i24-cost-result")
    # Back (a button posting the answers back) returns to the last question, answer kept.
    activate(page, page.get_by_role("button", name="Back"), backwards=False)
    page.wait_for_selector('main form input[name="step"][value="care-cost"]', state="attached")
    assert page.locator('main [name="care_cost"]').input_value() == "300"


def test_cost_check_result_at_1280(page_at):
    page = page_at("/check/cost/", width=1280)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("In a care home, living there permanently").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("State Pension age or over").check()
    page.get_by_role("button", name="Continue").click()
    page.locator('[name="savings"]').fill("3000")
    page.get_by_role("button", name="Continue").click()
    page.locator("main form").get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    page.locator('[name="home_value"]').fill("180000")
    page.get_by_role("button", name="Continue").click()
    page.locator("main form").get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    page.locator('[name="state_pension"]').fill("230.25")
    page.get_by_role("button", name="Continue").click()
    assert current_step(page) == "care-cost"
    page.locator('[name="care_cost"]').fill("850")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your estimate").wait_for()
    # £230.25 - £30.65 personal expenses allowance for the first 12 weeks; then the full cost.
    amounts = page.locator(".signpost-estimate-amount").all_inner_texts()
    assert amounts == ["£199.60 a week", "£850.00 a week"]
    assert_no_axe_violations(page, "i24-cost-care-home-result")

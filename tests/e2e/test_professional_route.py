"""Professional referrals (#23) as a professional uses them: from the self-referral page's
"Are you a professional?" to the confirmation, keyboard only at 320 px, with JavaScript on
and off; every page (and each question's error state) checked with axe; the stored referral
keeps the referrer's details and the consent."""

import pytest

from tests.e2e.browser import activate, assert_no_axe_violations, focused
from tests.e2e.test_one_question_journeys import (
    answer_by_keyboard,
    check_one_question,
    send_by_keyboard,
)
from tests.factories.referrals import consent_date, step_data

# Steps where sending the page empty is an error (the rest are optional or preset).
REQUIRED = {
    "urgent",
    "your-name",
    "your-role",
    "your-organisation",
    "your-contact",
    "consent-given-by",
    "consent-date",
    "name",
    "date-of-birth",
    "address",
    "contact",
    "best-time",
    "situation",
    "outcomes",
}


def walk(page, *, js):
    for step, fields in step_data("professional"):
        page.wait_for_url(f"**/self-referral/{step}/")
        check_one_question(page, step)
        assert page.locator(".govuk-caption-l").inner_text() == "Refer someone", step
        if step in REQUIRED:
            send_by_keyboard(page)  # nothing answered: the error summary, linked to the field
            summary = page.locator(".govuk-error-summary")
            summary.wait_for()
            assert page.title().startswith("Error:"), step
            if js:  # GOV.UK Frontend moves focus to the summary
                assert "govuk-error-summary" in focused(page)["classes"], step
            link = summary.get_by_role("link").first
            assert page.locator(link.get_attribute("href")).count() == 1, step
            assert_no_axe_violations(page, f"i23-professional-{step}-error")
        if step == "who":  # the start page preset the answer
            assert page.locator('input[value="professional"]').is_checked()
        answer_by_keyboard(page, step, fields)
        assert_no_axe_violations(page, f"i23-professional-{step}")
        send_by_keyboard(page)
    page.wait_for_url("**/self-referral/done/")
    assert_no_axe_violations(page, "i23-professional-done")
    return page.locator(".signpost-reference").inner_text().strip()


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_professional_refers_someone_by_keyboard_at_320px(page_at, js):
    from referrals.models import Referral

    page = page_at("/self-referral/", width=320, js=js)
    activate(page, page.get_by_role("link", name="Refer someone as a GP", exact=False))
    page.wait_for_url("**/self-referral/professional/")
    assert_no_axe_violations(page, "i23-professional-start")
    activate(page, page.locator("main a.govuk-button--start"))
    reference = walk(page, js=js)
    done = page.locator("main").inner_text()
    assert "When the referral is closed, we will email you" in done
    assert "a••••@nhs.example" in done

    referral = Referral.objects.get(reference=reference)
    assert referral.filled_in_by == "professional" and referral.team == "first_contact"
    answers = referral.answers
    assert answers["referrer"]["referrer_name"] == "Dr Asha Rahman"
    assert answers["referrer"]["role"] == "social_prescriber"
    assert answers["referrer"]["organisation"] == "Walkley Social Prescribing"
    assert answers["referrer"]["referrer_phone"] == "0114 496 0123"
    assert answers["referrer"]["referrer_email"] == "asha@nhs.example"
    assert answers["consent"] == {
        "consent_given_by": "attorney",
        "consent_date": consent_date().isoformat(),
    }
    assert answers["person"]["full_name"] == "Margaret Example"
    assert answers["person"]["postcode"] == "S1 2HH"

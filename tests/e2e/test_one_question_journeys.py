"""The self-referral one question a page (#21), as people use it: with the keyboard alone at
320 px, with JavaScript on and off, for someone asking for themselves and for a carer; axe on
every step, error states included; and the "Keep going" warning before answers expire."""

import re

import pytest

from tests.e2e.browser import activate, assert_no_axe_violations, choose_radio, focused, tab_to
from tests.factories.referrals import step_data

# Steps where sending the page empty is an error (the rest are optional or preset).
REQUIRED = {
    "urgent",
    "who",
    "consent",
    "name",
    "date-of-birth",
    "address",
    "contact",
    "best-time",
    "situation",
    "outcomes",
    "carer-hours",
    "carer-support",
    "carers-assessment",
    "about-cared-for",
    "cared-for",
}
PRESET = {"who"}  # the carers' hub preselects "I look after someone"

DOM_INDEX = """(el) => [...document.querySelectorAll('main form input, main form textarea')]
    .indexOf(el)"""


def actions(page, step, fields):
    """What to do on this page, in the order the keyboard meets it: [(index, kind, ...)]."""
    todo = []
    for name, value in fields.items():
        inputs = page.locator(f'main form [name="{step}-{name}"]')
        kind = inputs.first.get_attribute("type")
        if kind == "radio":
            todo.append((inputs.first.evaluate(DOM_INDEX), "radio", inputs, value))
        elif kind == "checkbox":
            for each in value if isinstance(value, list) else [value]:
                box = (
                    inputs
                    if inputs.count() == 1
                    else inputs.and_(page.locator(f'[value="{each}"]'))
                )
                todo.append((box.evaluate(DOM_INDEX), "checkbox", box, None))
        else:
            todo.append((inputs.evaluate(DOM_INDEX), "type", inputs, value))
    return sorted(todo, key=lambda item: item[0])


def answer_by_keyboard(page, step, fields):
    for _index, kind, locator, value in actions(page, step, fields):
        if kind == "radio":
            choose_radio(page, locator, value)
        elif kind == "checkbox":
            tab_to(page, locator)
            if not locator.is_checked():
                page.keyboard.press("Space")
            assert locator.is_checked()
        else:
            tab_to(page, locator)
            page.keyboard.type(value)


def send_by_keyboard(page):
    button = page.locator("main form[method=post] button[type=submit]").last
    tab_to(page, button, max_presses=80)
    page.keyboard.press("Enter")


def check_one_question(page, step):
    form = page.locator("main form[method=post]")
    assert page.locator("main h1").count() == 1, step
    if step != "check":
        groups = form.locator(":scope > .govuk-form-group")
        assert groups.count() == 1, f"{step}: {groups.count()} questions on the page"


def walk(page, path, *, js):
    steps = step_data(path, tell_about_cared_for=True)
    for step, fields in steps:
        page.wait_for_url(f"**/self-referral/{step}/")
        check_one_question(page, step)
        if step in REQUIRED and step not in PRESET:
            send_by_keyboard(page)  # nothing answered: the error summary, linked to the field
            summary = page.locator(".govuk-error-summary")
            summary.wait_for()
            assert page.title().startswith("Error:"), step
            if js:  # GOV.UK Frontend moves focus to the summary
                assert "govuk-error-summary" in focused(page)["classes"], step
            link = summary.get_by_role("link").first
            assert page.locator(link.get_attribute("href")).count() == 1, step
            assert_no_axe_violations(page, f"i21-{path}-{step}-error")
        answer_by_keyboard(page, step, fields)
        assert_no_axe_violations(page, f"i21-{path}-{step}")
        send_by_keyboard(page)
    page.wait_for_url("**/self-referral/done/")
    assert_no_axe_violations(page, f"i21-{path}-done")
    return page.locator(".signpost-reference").inner_text().strip()


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("path", ["myself", "carer"])
def test_a_whole_journey_by_keyboard_one_question_a_page(page_at, path, js):
    from referrals.models import Referral

    start = "/self-referral/?as=carer" if path == "carer" else "/self-referral/"
    page = page_at(start, width=320, js=js)
    activate(page, page.locator("main a.govuk-button--start").first)
    reference = walk(page, path, js=js)
    referral = Referral.objects.get(reference=reference)
    answers = referral.answers
    assert answers["person"]["full_name"] == "Margaret Example"
    assert answers["person"]["date_of_birth"] == "1942-03-27"
    assert answers["person"]["postcode"] == "S1 2HH"
    assert answers["person"]["contact_method"] == "either"
    assert answers["communication"]["needs"] == ["easy_read"]
    assert referral.is_carer == (path == "carer")


def test_an_option_reveals_its_box_and_only_its_answer_is_kept(page_at):
    from referrals.models import Referral

    page = page_at("/self-referral/", width=320)
    page.locator("main a.govuk-button--start").first.click()
    for step, fields in step_data("myself"):
        if step == "best-time":
            continue  # an email-only contact is not asked when to call
        page.wait_for_url(f"**/self-referral/{step}/")
        if step == "contact":
            phone = page.get_by_label("Your phone number")
            assert phone.is_hidden(), "the box shows only once its option is ticked"
            page.get_by_label("Phone", exact=True).check()
            assert phone.is_visible()
            phone.fill("0114 496 0000")
            page.get_by_label("Phone", exact=True).uncheck()  # changed their mind
            page.get_by_label("Email", exact=True).check()
            page.get_by_label("Your email address").fill("m@example.com")
            assert_no_axe_violations(page, "i21-contact-revealed")
            page.locator("main form button[type=submit]").click()
            continue
        for name, value in fields.items():
            field = page.locator(f'[name="{step}-{name}"]')
            if field.first.get_attribute("type") in {"radio", "checkbox"}:
                for each in value if isinstance(value, list) else [value]:
                    target = (
                        field
                        if field.count() == 1
                        else field.and_(page.locator(f'[value="{each}"]'))
                    )
                    target.check()
            else:
                field.fill(value)
        page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_url("**/self-referral/done/")
    reference = page.locator(".signpost-reference").inner_text().strip()
    person = Referral.objects.get(reference=reference).answers["person"]
    assert person["contact_method"] == "email" and person["phone"] == ""


def test_keep_going_before_the_answers_expire(page_at):
    page = page_at("/self-referral/", width=320)
    page.clock.install()
    page.locator("main a.govuk-button--start").first.click()
    page.wait_for_url("**/self-referral/urgent/")
    dialog = page.locator("dialog[data-signpost-timeout]")
    assert dialog.is_hidden()
    page.clock.fast_forward("55:01")  # 5 minutes before the 60 would be up
    dialog.wait_for(state="visible")
    assert dialog.get_by_role("heading", name="Do you need more time?").is_visible()
    assert focused(page)["text"] == "Keep going"
    assert_no_axe_violations(page, "i21-keep-going")
    with page.expect_response(re.compile(r"/self-referral/keep-going/$")) as reply:
        page.keyboard.press("Enter")
    assert reply.value.status == 204
    dialog.wait_for(state="hidden")
    page.clock.fast_forward("55:01")  # the time started again: warned again, not expired
    dialog.wait_for(state="visible")
    assert dialog.get_by_role("button", name="Keep going").is_visible()
    page.clock.fast_forward("05:00")
    assert dialog.get_by_role("heading", name="We have deleted your answers").is_visible()
    assert dialog.get_by_role("link", name="Start again").is_visible()

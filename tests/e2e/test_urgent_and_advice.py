"""Urgent help on a phone, advice that reads like GOV.UK, the phase banner and feedback.

The urgent route is tapped through at 320 px with the clock fixed (portal.hours.now, read by
the live server, which runs in this process): a weekday afternoon gives the office-hours
safeguarding line, a Sunday night the out-of-hours line (demo site settings: 0114 273 4908
and 0114 496 0999). Screenshots of each page at 320 and 1280 px go to tests/e2e/screenshots/.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest

from portal import hours
from tests.e2e.browser import WIDTHS, assert_no_axe_violations, screenshot

LONDON = ZoneInfo("Europe/London")
WEDNESDAY_AFTERNOON = datetime.datetime(2026, 12, 9, 14, 0, tzinfo=LONDON)
SUNDAY_NIGHT = datetime.datetime(2026, 12, 13, 23, 30, tzinfo=LONDON)
OFFICE_HREF, OFFICE = "tel:+441142734908", "0114 273 4908"
OUT_OF_HOURS_HREF, OUT_OF_HOURS = "tel:+441144960999", "0114 496 0999"
GOVUK_FONT = "Arial"  # the start of the GOV.UK Frontend stack this build uses (no GDS Transport)


@pytest.mark.parametrize(
    ("when", "href", "number", "label"),
    [
        (WEDNESDAY_AFTERNOON, OFFICE_HREF, OFFICE, "weekday-afternoon"),
        (SUNDAY_NIGHT, OUT_OF_HOURS_HREF, OUT_OF_HOURS, "sunday-night"),
    ],
)
def test_urgent_route_at_320px_gives_the_number_answered_now(
    page_at, monkeypatch, when, href, number, label
):
    monkeypatch.setattr(hours, "now", lambda: when)
    page = page_at("/", width=320)
    # On a phone the urgent box is straight under the search, before the popular needs.
    box = page.locator("aside.signpost-urgent")
    search_bottom = page.locator("form.signpost-search, .signpost-search").first.bounding_box()
    needs_top = page.get_by_role("heading", name="Popular needs").bounding_box()
    box_top = box.bounding_box()["y"]
    assert search_bottom["y"] + search_bottom["height"] <= box_top < needs_top["y"]
    assert box.locator(f'a[href="{href}"]').inner_text() == number
    assert box.locator('a[href="tel:999"]').inner_text() == "999"
    assert_no_axe_violations(page, f"urgent-home-{label}")

    page.locator("main").get_by_role("link", name="Ask the council for help").click()
    page.wait_for_url("**/self-referral/")
    page.locator("main a.govuk-button--start").first.click()
    page.wait_for_url("**/self-referral/urgent/")
    page.get_by_label("Yes, I think an adult is being abused or neglected").check()
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_url("**/self-referral/urgent-help/?reason=abuse")

    lead = page.locator("main p.govuk-body-l")
    call_now = lead.locator("a[href^='tel:']")
    assert call_now.get_attribute("href") == href
    assert call_now.inner_text() == number
    main = page.locator("main")
    assert main.locator(f'a[href="{href}"]').count() == 1, "the number to call is given once"
    assert main.locator('a[href="tel:999"]').count() == 1
    assert_no_axe_violations(page, f"urgent-exit-{label}")


def test_screenshots_of_the_pages_touched(page_at, monkeypatch):
    """Home, an urgent exit page, an advice page and the feedback form at 320 and 1280 px."""
    monkeypatch.setattr(hours, "now", lambda: WEDNESDAY_AFTERNOON)
    pages = {
        "i21-home": "/",
        "i21-urgent": "/self-referral/urgent-help/?reason=abuse",
        "i21-advice": "/advice/feeling-lonely/",
        "i21-feedback": "/feedback/",
        "i21-contact": "/contact/",
        "i21-carers": "/carers/",
        "i21-advice-index": "/advice/",
    }
    for name, path in pages.items():
        for width in WIDTHS:
            page = page_at(path, width=width)
            assert page.locator(".govuk-phase-banner .govuk-tag").inner_text() == "Beta"
            assert_no_axe_violations(page, name)  # also saves the screenshot
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways at {width} px"


@pytest.mark.parametrize("path", ["/advice/feeling-lonely/", "/carers/"])
def test_body_text_uses_the_govuk_font(page_at, path):
    page = page_at(path, width=1280)
    paragraph = page.locator(".signpost-prose p:not([class])").first
    item = page.locator(".signpost-prose li:not([class])").first
    for element in (paragraph, item):
        style = element.evaluate(
            "el => { const s = getComputedStyle(el); return [s.fontFamily, s.fontSize]; }"
        )
        assert style[0].startswith(GOVUK_FONT), f"{path}: {style[0]}"
        assert style[1] == "19px", f"{path}: body text is {style[1]}, GOV.UK body is 19px"
    heading = page.locator("h1").evaluate("el => getComputedStyle(el).fontFamily")
    assert paragraph.evaluate("el => getComputedStyle(el).fontFamily") == heading


def test_advice_index_lists_each_page_once(page_at):
    page = page_at("/advice/", width=320)
    assert page.locator("main").get_by_role("link", name="Feeling lonely", exact=True).count() == 1


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_advice_feedback_thank_you_replaces_the_form(page_at, js):
    page = page_at("/advice/feeling-lonely/", width=320, js=js)
    feedback = page.locator("#feedback")
    feedback.get_by_label("Yes").check()
    feedback.get_by_role("button", name="Send feedback").click()
    thanks = page.locator("#feedback-thanks")
    thanks.wait_for()
    assert page.locator("#feedback form").count() == 0
    assert thanks.is_visible()
    in_view = thanks.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
    assert in_view, "the thank-you is on screen"
    if js:
        assert page.evaluate("() => document.activeElement.id") == "feedback-thanks"
    else:
        assert page.url.endswith("#feedback")
    assert_no_axe_violations(page, f"i21-advice-feedback-sent-{'js' if js else 'nojs'}")


def test_phase_banner_feedback_form_at_320px(page_at):
    from portal.models import ServiceFeedback

    page = page_at("/advice/", width=320)
    page.locator(".govuk-phase-banner").get_by_role("link", name="give your feedback").click()
    page.wait_for_url("**/feedback/")
    page.get_by_role("button", name="Send feedback").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert_no_axe_violations(page, "i21-feedback-error")
    summary.get_by_role("link").first.click()
    assert page.evaluate("() => document.activeElement.id") == "rating"
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_label("How could we improve this service? (optional)").fill("Clear advice.")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/thanks/")
    assert page.locator("h1").inner_text() == "Thank you for your feedback"
    screenshot(page, "i21-feedback-thanks")
    assert ServiceFeedback.objects.filter(rating="satisfied", comment="Clear advice.").exists()

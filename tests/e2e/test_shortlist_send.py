"""'Send this list to yourself' at 320 px, with JavaScript on and off: add a listing, send the
shortlist by email, see the confirmation. The live server uses the test settings' Notify
backend (portal.notify.LocmemBackend), so the request is kept in memory, never sent."""

import re

import pytest

from tests.e2e.browser import assert_no_axe_violations, screenshot

EMAIL = "sam.visitor@example.org"


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_send_the_shortlist_by_email_at_320px(page_at, notify_outbox, js):
    page = page_at("/services/?q=club", width=320, js=js)
    link = page.locator(".signpost-results .signpost-result h3 a").first
    name = link.inner_text().strip()
    link.click()
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}/"))
    page.locator("main").get_by_role("button", name="Add to shortlist").first.click()
    page.locator("main").get_by_role("button", name="Remove from shortlist").first.wait_for()

    page.goto(page.url.split("/services/")[0] + "/shortlist/")
    page.locator("main").get_by_role("link", name="Send this list to yourself").click()
    page.wait_for_url("**/shortlist/send/")
    main = page.locator("main")
    # Each way's field shows under its choice, with or without JavaScript (no conditional
    # reveal: GOV.UK's script puts aria-expanded on the radios, which axe rightly reports).
    assert main.get_by_label("Email address").is_visible()
    assert main.get_by_label("UK mobile phone number").is_visible()
    assert_no_axe_violations(page, "shortlist-send")

    main.get_by_role("button", name="Send my list").click()
    page.wait_for_load_state("load")
    assert (
        "Select how you want to get your list" in page.locator(".govuk-error-summary").inner_text()
    )
    assert_no_axe_violations(page, "shortlist-send-error")

    main.get_by_label("Email", exact=True).check()
    main.get_by_label("Email address").fill(EMAIL)
    main.get_by_role("button", name="Send my list").click()
    page.wait_for_url("**/shortlist/sent/?by=email")
    assert "We have sent your list" in page.locator(".govuk-panel").inner_text()
    assert "to your email address" in page.locator(".govuk-panel").inner_text()
    assert EMAIL not in page.url
    assert_no_axe_violations(page, "shortlist-sent")
    screenshot(page, "shortlist-sent")

    assert len(notify_outbox) == 1
    assert notify_outbox[0].recipient == EMAIL
    assert name in notify_outbox[0].personalisation["listings"]

"""The shortlist survives a browser restart (a signed cookie kept 30 days, not the session),
and "Remove all from shortlist" empties it, with JavaScript on and off."""

import re
from urllib.parse import urljoin

import pytest

from tests.e2e.browser import VIEWPORT_HEIGHT, assert_no_axe_violations, screenshot


def restarted(page, browser, site_url, *, js: bool):
    """A new browser context with the cookies a restarted browser keeps: those with an expiry
    (session cookies, such as the session id, are gone)."""
    state = page.context.storage_state()
    state["cookies"] = [cookie for cookie in state["cookies"] if cookie["expires"] > 0]
    context = browser.new_context(
        storage_state=state,
        viewport={"width": page.viewport_size["width"], "height": VIEWPORT_HEIGHT},
        java_script_enabled=js,
        locale="en-GB",
    )
    new_page = context.new_page()
    new_page.signpost_js = js
    new_page.goto(urljoin(site_url, "/shortlist/"), wait_until="load")
    return context, new_page


@pytest.mark.parametrize(("js", "width"), [(True, 1280), (False, 320)])
def test_shortlist_survives_a_browser_restart_and_remove_all_empties_it(
    page_at, browser, site_url, js, width
):
    page = page_at("/services/?q=club", width=width, js=js)
    link = page.locator(".signpost-results .signpost-result h3 a").first
    name = link.inner_text().strip()
    link.click()
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}/"))
    page.locator("main").get_by_role("button", name="Add to shortlist").first.click()
    page.locator("main").get_by_role("button", name="Remove from shortlist").first.wait_for()

    context, page = restarted(page, browser, site_url, js=js)
    try:
        main = page.locator("main")
        assert main.get_by_text(name).first.is_visible()
        assert main.get_by_text("kept on this device for 30 days").is_visible()
        assert_no_axe_violations(page, "shortlist-after-restart")
        screenshot(page, "shortlist-after-restart")

        main.get_by_role("button", name="Remove all from shortlist").click()
        page.wait_for_url("**/shortlist/")
        banner = page.locator(".govuk-notification-banner--success")
        assert "You have removed all the services from your shortlist." in banner.inner_text()
        assert main.get_by_text("You have not saved any services yet.").is_visible()
        assert_no_axe_violations(page, "shortlist-removed-all")
        screenshot(page, "shortlist-removed-all")
    finally:
        context.close()

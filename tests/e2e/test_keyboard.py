"""Keyboard and small-screen behaviour of the page furniture every page shares."""

import pytest

from tests.e2e.browser import activate, focused, screenshot


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_main_content(page_at, js):
    page = page_at("/", width=1280, js=js)
    page.keyboard.press("Tab")
    first = focused(page)
    assert "govuk-skip-link" in first["classes"], f"first Tab stop was {first}"
    assert page.locator(".govuk-skip-link").is_visible(), "the skip link shows when focused"
    page.keyboard.press("Enter")
    # The jump to the fragment can land a moment after the key press (a cold first page).
    page.wait_for_url("**/#main-content", timeout=5000)
    assert page.url.endswith("#main-content")
    if js:
        # GOV.UK Frontend's skip link moves focus to <main> itself.
        assert focused(page)["id"] == "main-content"
    # Either way the next Tab stop is inside the main content, past the header's links.
    page.keyboard.press("Tab")
    after = focused(page)
    assert after["insideMain"], f"after the skip link, Tab went to {after}"


def test_header_menu_without_javascript_shows_every_link_at_320px(page_at):
    page = page_at("/", width=320, js=False)
    navigation = page.locator("#navigation")
    assert navigation.is_visible()
    assert page.locator(".govuk-header__menu-button").is_hidden(), "no button that does nothing"
    links = navigation.get_by_role("link")
    assert links.count() >= 5
    for index in range(links.count()):
        assert links.nth(index).is_visible()
    # ...and each is reachable with the keyboard.
    activate(page, navigation.get_by_role("link", name="Carers"))
    page.wait_for_url("**/carers/")
    screenshot(page, "header-menu-nojs")


def test_header_menu_opens_and_closes_with_the_keyboard_at_320px(page_at):
    page = page_at("/", width=320, js=True)
    button = page.get_by_role("button", name="Menu")
    navigation = page.locator("#navigation")
    assert button.is_visible()
    assert navigation.is_hidden(), "the menu starts closed on a small screen"
    assert button.get_attribute("aria-expanded") == "false"
    activate(page, button)
    assert button.get_attribute("aria-expanded") == "true"
    assert navigation.get_by_role("link", name="Find support").is_visible()
    screenshot(page, "header-menu-open")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "false"
    assert navigation.is_hidden()


def test_header_menu_is_always_open_on_a_wide_screen(page_at):
    page = page_at("/", width=1280, js=True)
    assert page.get_by_role("button", name="Menu").is_hidden()
    assert page.locator("#navigation").get_by_role("link", name="Find support").is_visible()

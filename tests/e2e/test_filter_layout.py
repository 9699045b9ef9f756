"""The results page on a 320 × 640 phone (#20): the filters are collapsed behind "Filter results"
(details and summary, so without JavaScript too), the chosen filters are removable tags, and the
first result is on the first screen after the search box. At 1280 px the filters show beside
the results as before, with JavaScript and without."""

import re
import urllib.parse

import pytest

from tests.e2e.browser import activate, assert_no_axe_violations, screenshot, tab_to

SEARCH = "/services/?q=lunch+club&postcode=S6+2LN"
PHONE = {"width": 320, "height": 640}


def phone_page(page_at, path, js):
    page = page_at(path, width=320, js=js)
    page.set_viewport_size(PHONE)
    return page


def first_category_code(page) -> str:
    """A category among these results' facets (the checkbox is there even when collapsed)."""
    return page.locator(".signpost-filters input[name=category]").first.get_attribute("value")


def assert_first_result_on_first_screen(page):
    """The first result starts less than one screen (640 px) below the search box's bottom."""
    search_box = page.locator("form[role=search]").bounding_box()
    first = page.locator(".signpost-results .signpost-result").first
    assert first.count() == 1, "the search has results"
    top = first.bounding_box()["y"]
    gap = top - (search_box["y"] + search_box["height"])
    assert gap < PHONE["height"], f"first result starts {gap:.0f} px below the search box"
    return gap


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_filters_collapsed_and_first_result_on_first_screen_at_320(page_at, js):
    page = phone_page(page_at, SEARCH, js)
    panel = page.locator("details.signpost-filter-panel")
    assert panel.get_attribute("open") is None
    assert page.get_by_text("Filter results", exact=True).is_visible()
    assert not page.get_by_role("button", name="Apply filters").is_visible()
    assert_first_result_on_first_screen(page)
    assert_no_axe_violations(page, "filters-collapsed")

    code = first_category_code(page)
    chosen = phone_page(page_at, f"{SEARCH}&category={code}&radius=5", js)
    assert chosen.get_by_text(re.compile(r"Filter results \(2 chosen\)")).is_visible()
    tags = chosen.locator(".signpost-chosen-filters a.signpost-chosen-filter")
    assert tags.count() == 2 and tags.first.is_visible()
    assert chosen.get_by_role("link", name="Clear filters").is_visible()
    assert_first_result_on_first_screen(chosen)
    assert_no_axe_violations(chosen, "filters-chosen")

    # Opening the control shows the form; a tag removes its filter; clearing keeps the search.
    chosen.locator("details.signpost-filter-panel summary").click()
    assert chosen.get_by_role("button", name="Apply filters").is_visible()
    assert chosen.locator(f"#category-{code}").is_checked()
    chosen.get_by_role("link", name="Remove filter: Within 5 miles").click()
    chosen.wait_for_url(re.compile(r"/services/\?"))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(chosen.url).query)
    assert query.get("category") == [code] and "radius" not in query
    chosen.get_by_role("link", name="Clear filters").click()
    chosen.wait_for_url(re.compile(r"/services/\?"))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(chosen.url).query)
    assert query == {"q": ["lunch club"], "postcode": ["S6 2LN"]}
    assert chosen.locator(".signpost-chosen-filters").count() == 0


def test_filter_results_by_keyboard_at_320(page_at):
    page = phone_page(page_at, SEARCH, True)
    code = first_category_code(page)
    activate(page, page.locator("details.signpost-filter-panel summary"))
    checkbox = page.locator(f"#category-{code}")
    tab_to(page, checkbox)
    page.keyboard.press("Space")
    activate(page, page.get_by_role("button", name="Apply filters"))
    page.wait_for_url(re.compile(rf"category={re.escape(code)}"))
    tag = page.locator(".signpost-chosen-filters a.signpost-chosen-filter").first
    presses = tab_to(page, tag)
    assert presses <= 40, "the tags come soon after the search box and the filters control"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "category=" not in url)


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_filters_shown_beside_the_results_at_1280(page_at, js):
    page = page_at(SEARCH + "&cost=free", width=1280, js=js)
    assert page.get_by_role("button", name="Apply filters").is_visible()
    assert page.locator("label[for=filter-open-now]").is_visible()
    assert not page.locator("details.signpost-filter-panel summary").is_visible()
    heading = page.get_by_role("heading", name="Filter", exact=True)
    assert heading.is_visible()
    filters_box = page.locator(".signpost-filters").bounding_box()
    results_box = page.locator("#results-heading").bounding_box()
    assert filters_box["x"] + filters_box["width"] <= results_box["x"], "filters on the left"
    assert page.get_by_role("link", name="Remove filter: Free to use").is_visible()
    screenshot(page, "filters-desktop")
    if js:
        assert_no_axe_violations(page, "filters-desktop-axe")

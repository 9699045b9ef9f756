"""A listing on a phone: tap to call, directions with the destination only, back to the same
results, and no blank gap where the map would be when no map tiles can be reached."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.browser import assert_no_axe_violations, screenshot

TILES = "https://tile.openstreetmap.org/**"


def open_first_result(page):
    page.get_by_label("What are you looking for?").fill("club")
    page.get_by_label("Where? Postcode or place").fill("S1 2HH")
    page.locator("form[role=search]").get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/services/\?.*q=club"))
    results_url = page.url
    page.locator(".signpost-results .signpost-result h3 a").first.click()
    # not "load": with tiles that never answer the page never finishes loading
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}/"), wait_until="domcontentloaded")
    return results_url


@pytest.mark.parametrize("tiles", ["refused", "never answer"])
def test_listing_at_320_calls_directs_and_goes_back(page_at, tiles):
    page = page_at("/services/", width=320)
    if tiles == "refused":
        page.context.route(TILES, lambda route: route.abort())
    else:
        page.context.route(TILES, lambda route: None)  # the request hangs: gone after 8 s
    results_url = open_first_result(page)

    # The map area is gone, not a blank box: only the plain "View on OpenStreetMap" link stays.
    maps = page.locator(".signpost-map")
    if maps.count():
        page.wait_for_function(
            "() => !document.querySelector('.signpost-map__tiles')", timeout=15_000
        )
        assert maps.first.bounding_box()["height"] < 60

    phone = page.locator("main a[href^='tel:']").first
    assert re.fullmatch(r"tel:\+44\d{9,10}", phone.get_attribute("href"))
    assert page.locator("main a[href^='mailto:']").count() >= 1
    assert page.locator("main").get_by_role("link", name=re.compile(r"^Visit the .* website$"))
    directions = page.locator("main").get_by_role("link", name=re.compile("^Get directions"))
    query = parse_qs(urlsplit(directions.first.get_attribute("href")).query)
    assert list(query) == ["to"], "the map service is given the destination only"

    assert_no_axe_violations(page, f"listing-links-{tiles.replace(' ', '-')}")
    screenshot(page, "listing-links")

    page.get_by_role("link", name="Back to results").click()
    page.wait_for_url(re.compile(r"/services/\?"))
    assert parse_qs(urlsplit(page.url).query) == parse_qs(urlsplit(results_url).query)
    assert page.locator(".signpost-results .signpost-result").count() >= 1

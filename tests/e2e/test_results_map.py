"""The map of results and the listing's map (#20), in a browser with fake tiles.

Tiles are served by Playwright from a PNG made here (or refused, or left unanswered), so the
tests run offline and count every request that would have gone to the tile server.
"""

import re
import struct
import zlib

import pytest

from tests.e2e.browser import activate, assert_no_axe_violations, screenshot, tab_to

SEARCH = "/services/?q=lunch&postcode=S1+2HH"
BROWSE = "/services/?postcode=S1+2HH&radius=5"  # a full page of results
TILES = "https://tile.openstreetmap.org/**"
LISTING = re.compile(r"^/services/[0-9a-f-]{36}/$")


def grey_png(size: int = 256) -> bytes:
    """A plain light grey PNG tile."""
    row = b"\x00" + b"\xe8" * size
    chunks = [
        (b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)),
        (b"IDAT", zlib.compress(row * size)),
        (b"IEND", b""),
    ]
    body = b"".join(
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        for kind, data in chunks
    )
    return b"\x89PNG\r\n\x1a\n" + body


TILE = grey_png()


class TileServer:
    """Answers the tile host's requests for a browser context, counting them."""

    def __init__(self, context, behaviour: str = "serve"):
        self.requests = []
        self.behaviour = behaviour
        context.route(TILES, self.answer)

    def answer(self, route):
        self.requests.append(route.request.url)
        if self.behaviour == "serve":
            route.fulfill(status=200, content_type="image/png", body=TILE)
        elif self.behaviour == "refuse":
            route.abort()
        # "never answer": the request hangs until the page goes


def open_with_tiles(page_at, path, *, width, behaviour="serve"):
    """Open `path` with the tile host answered by a TileServer set up before the page loads."""
    page = page_at("/accessibility-statement/", width=width)
    tiles = TileServer(page.context, behaviour)
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_errors.append(message.text)
        ),
    )
    page.leaflet_requests = []
    page.on(
        "request",
        lambda request: (
            "/vendor/leaflet/" in request.url and page.leaflet_requests.append(request.url)
        ),
    )
    page.goto(page.url.replace("/accessibility-statement/", path), wait_until="load")
    return page, tiles


def show_map(page):
    activate(page, page.get_by_role("link", name="Skip to results"))  # past the filters
    activate(page, page.get_by_role("button", name="Show map"))
    page.wait_for_selector(".signpost-map--results .leaflet-tile-loaded")


def marker_links(page):
    return page.locator(".signpost-map--results a.signpost-map__pin-link")


def expected_places(page) -> list[tuple[str, str]]:
    """(name, listing address) of each result on the map, in result order."""
    places = page.locator(".signpost-map__places li")
    return [
        (places.nth(index).inner_text().strip(), places.nth(index).get_attribute("data-href"))
        for index in range(places.count())
    ]


def reached_by_keyboard(page) -> list[tuple[str, str]]:
    """Tab through the markers: (name, address) of each listing reached, opening groups with
    Enter (focus goes to their list; Escape brings it back to the group)."""
    reached = []
    markers = page.locator(".signpost-map--results .signpost-map__pin-link")
    assert markers.count() >= 2
    for index in range(markers.count()):
        marker = markers.nth(index)
        tab_to(page, marker, max_presses=10)
        if marker.evaluate("el => el.tagName") == "A":
            assert LISTING.match(marker.get_attribute("href"))
            reached.append((marker.inner_text().strip(), marker.get_attribute("href")))
            continue
        assert marker.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.activeElement.closest('.signpost-map__group-list') !== null"
        )
        assert marker.get_attribute("aria-expanded") == "true"
        # the open list (a closed one may still be fading out)
        names = [
            tuple(pair)
            for pair in page.evaluate(
                """() => [...document.activeElement.closest('ul').querySelectorAll('a')]
                    .map((a) => [a.textContent, a.getAttribute('href')])"""
            )
        ]
        assert marker.get_attribute("aria-label").startswith(f"{len(names)} results here: ")
        reached.extend(names)
        page.keyboard.press("Escape")
        assert page.evaluate("(el) => el === document.activeElement", marker.element_handle())
    return reached


@pytest.mark.parametrize(("width", "path"), [(320, SEARCH), (1280, SEARCH), (1280, BROWSE)])
def test_results_map_only_when_asked_for_with_markers_by_keyboard(page_at, width, path):
    page, tiles = open_with_tiles(page_at, path, width=width)
    results = page.locator(".signpost-results .signpost-result")
    assert results.count() >= 2
    toggle = page.get_by_role("button", name="Show map")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#results-map").is_visible()
    # The list comes first: nothing from the tile server, not even Leaflet, until asked.
    assert tiles.requests == [] and page.leaflet_requests == []
    assert toggle.bounding_box()["y"] < results.first.bounding_box()["y"]

    show_map(page)
    assert tiles.requests, "tiles are fetched once the map is shown"
    assert all(url.startswith("https://tile.openstreetmap.org/") for url in tiles.requests)
    assert page.get_by_role("button", name="Hide map").get_attribute("aria-expanded") == "true"
    places = page.locator(".signpost-map__places li")
    count_text = page.locator(".signpost-map__count").inner_text()
    assert re.fullmatch(r"\d+ of \d+ results on this page are shown on the map\.", count_text)
    assert count_text.startswith(f"{places.count()} of {results.count()} ")
    assert page.get_by_text("OpenStreetMap", exact=True).is_visible()  # the tiles' credit

    # Each marker is a link to its listing, named by it, reached with Tab in result order;
    # results too close to tell apart share a marker that lists them.
    assert sorted(reached_by_keyboard(page)) == sorted(expected_places(page))
    assert page.csp_errors == []
    name = "results-map" if path == SEARCH else "results-map-full-page"
    assert_no_axe_violations(page, f"{name}-shown")
    screenshot(page, name)

    # Hidden and shown again, it is the same map; a marker opens its listing.
    hide = page.get_by_role("button", name="Hide map")
    hide.click()
    assert not page.locator("#results-map").is_visible()
    page.get_by_role("button", name="Show map").click()
    first = marker_links(page).first
    href = first.get_attribute("href")
    tab_to(page, first, max_presses=40)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href) + "$"))


@pytest.mark.parametrize("behaviour", ["refuse", "never answer"])
def test_results_map_area_goes_without_tiles_leaving_no_gap(page_at, behaviour):
    page, tiles = open_with_tiles(page_at, SEARCH, width=320, behaviour=behaviour)
    activate(page, page.get_by_role("link", name="Skip to results"))  # past the filters
    activate(page, page.get_by_role("button", name="Show map"))
    page.wait_for_selector("[data-signpost-map]", state="detached", timeout=15_000)
    assert tiles.requests
    assert page.locator(".leaflet-container, .signpost-map__tiles, #results-map").count() == 0
    note = page.locator(".signpost-map__unavailable")
    assert note.inner_text() == (
        "The map could not be loaded. Each result below links to its listing."
    )
    assert page.evaluate("document.activeElement.classList.contains('signpost-map__unavailable')")
    note_box = note.bounding_box()
    first = page.locator(".signpost-results .signpost-result").first.bounding_box()
    assert note_box["height"] < 60
    assert first["y"] - (note_box["y"] + note_box["height"]) < 40, "no blank gap"
    assert_no_axe_violations(page, f"results-map-{behaviour.replace(' ', '-')}")


def test_no_map_or_toggle_without_javascript(page_at):
    page = page_at(SEARCH, width=320, js=False)
    assert page.locator(".signpost-results .signpost-result").count() >= 2
    assert page.get_by_role("button", name="Show map").count() == 0
    assert not page.locator("#results-map").is_visible()


def first_listing_with_a_map(page) -> str:
    """The address of a listing among the results that has a located place."""
    return page.locator(".signpost-map__places li").first.get_attribute("data-href")


@pytest.mark.parametrize("behaviour", ["serve", "refuse"])
def test_listing_map_shows_with_tiles_and_goes_without(page_at, behaviour):
    finder = page_at(SEARCH, width=320)
    path = first_listing_with_a_map(finder)
    page, tiles = open_with_tiles(page_at, path, width=320, behaviour=behaviour)
    area = page.locator("[data-signpost-map=place]").first
    link = area.get_by_role("link", name=re.compile("^View on OpenStreetMap"))
    if behaviour == "serve":
        page.wait_for_selector(".signpost-map__tiles .leaflet-tile-loaded")
        assert (
            area.locator(".leaflet-container")
            .get_attribute("aria-label")
            .startswith("Map showing ")
        )
        assert area.bounding_box()["height"] >= 300
        assert page.csp_errors == []
        assert_no_axe_violations(page, "listing-map-shown")
    else:
        page.wait_for_selector(".signpost-map__tiles", state="detached", timeout=15_000)
        assert area.bounding_box()["height"] < 60, "the map's room is given back"
        assert_no_axe_violations(page, "listing-map-refused")
    assert tiles.requests
    assert link.is_visible()
    assert page.locator("main").get_by_role("link", name=re.compile("^Get directions")).count()

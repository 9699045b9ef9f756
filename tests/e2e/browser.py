"""Helpers for browser tests, so that a journey reads like the steps a person takes.

page = page_at("/services/?q=lunch", width=320, js=False)
assert_no_axe_violations(page, "search-results")
screenshot(page, "search-results")
tab_to(page, page.get_by_role("link", name="Lunch club"))
page.keyboard.press("Enter")
"""

import os
import re
import shutil
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).parent / "screenshots"
WIDTHS = (320, 1280)  # the narrowest screen we promise to work on, and a desktop
VIEWPORT_HEIGHT = 900

# WCAG 2.0, 2.1 and 2.2, levels A and AA: the rules we promise in the accessibility statement.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium (never Playwright's own download); SIGNPOST_CHROMIUM overrides."""
    configured = os.environ.get("SIGNPOST_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium")


def browser_required() -> bool:
    """In CI (`SIGNPOST_REQUIRE_BROWSER=1`) a missing browser fails the run instead of skipping."""
    return os.environ.get("SIGNPOST_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def no_browser(reason: str):
    """Skip, or fail in CI, with a reason that says how to get a browser."""
    message = (
        f"{reason}. Browser tests need Debian's Chromium: `sudo apt-get install chromium` "
        "(or set SIGNPOST_CHROMIUM to a Chromium binary)."
    )
    if browser_required():
        pytest.fail(message + " SIGNPOST_REQUIRE_BROWSER is set, so this is a failure.")
    pytest.skip(message)


def page_width(page) -> int:
    return page.viewport_size["width"]


def page_label(page, name: str) -> str:
    """`home-320`, or `home-320-nojs` when the page was opened with JavaScript off."""
    js_enabled = getattr(page, "signpost_js", True)
    return f"{name}-{page_width(page)}" + ("" if js_enabled else "-nojs")


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot to tests/e2e/screenshots/<name>-<width>[-nojs].png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{page_label(page, name)}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path


def axe_violations(page, *, exclude: list[str] | None = None) -> list[dict]:
    """Run axe-core (WCAG 2.2 A and AA rules) on the page as it is now; the violations found.

    axe-core needs timers, which don't run in a page opened with JavaScript off, so such a
    page is checked as a copy: its DOM, scripts removed and <noscript> content kept, loaded
    at the same address and width in a context where only axe runs.
    """
    if getattr(page, "signpost_js", True):
        return _run_axe(page, exclude)
    html = NOSCRIPT_TAG.sub("", SCRIPT_ELEMENT.sub("", page.content()))
    context = page.context.browser.new_context(viewport=page.viewport_size, locale="en-GB")
    try:
        context.route(
            page.url,
            lambda route: route.fulfill(status=200, content_type="text/html", body=html),
        )
        # The copy must not run anything of the page's own, even from other files.
        context.route("**/*.js", lambda route: route.abort())
        copy = context.new_page()
        copy.goto(page.url, wait_until="load")
        return _run_axe(copy, exclude)
    finally:
        context.close()


SCRIPT_ELEMENT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
NOSCRIPT_TAG = re.compile(r"</?noscript\b[^>]*>", re.IGNORECASE)


def _run_axe(page, exclude: list[str] | None) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, context=context, options=options).response["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", " ")
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def assert_no_axe_violations(page, name: str, *, exclude: list[str] | None = None) -> None:
    """Fail with a readable list of axe-core violations; also saves a screenshot of the page."""
    violations = axe_violations(page, exclude=exclude)
    screenshot(page, name)
    assert not violations, (
        f"axe-core found {len(violations)} WCAG 2.2 A/AA violation(s) on {name} "
        f"({page.url}, {page_width(page)} px):\n{format_violations(violations)}"
    )


def assert_no_broken_assets(page) -> None:
    """No stylesheet, script or image on the page failed to load."""
    broken = getattr(page, "signpost_broken_assets", [])
    assert not broken, f"Assets failed to load on {page.url}: {broken}"


def focused(page) -> dict:
    """What has keyboard focus: tag, id, classes, text and href of document.activeElement."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el) return {};
            return {tag: el.tagName.toLowerCase(), id: el.id, classes: [...el.classList],
                    text: (el.innerText || el.value || '').trim().slice(0, 80),
                    href: el.getAttribute('href'), insideMain: !!el.closest('main')};
        }"""
    )


def tab_to(page, locator, *, max_presses: int = 60, backwards: bool = False) -> int:
    """Press Tab (or Shift+Tab) until `locator` has focus; returns how many presses it took.

    Keyboard-only journeys use this instead of clicking: if an element can't be reached
    with Tab, the journey fails here.
    """
    key = "Shift+Tab" if backwards else "Tab"
    handle = locator.element_handle()
    for presses in range(1, max_presses + 1):
        page.keyboard.press(key)
        if page.evaluate("(el) => el === document.activeElement", handle):
            return presses
    raise AssertionError(
        f"Could not reach {locator} with {max_presses} presses of {key}; focus ended on {focused(page)}"
    )


def activate(page, locator, **kwargs) -> None:
    """Keyboard-only "click": Tab to the element, then press Enter."""
    tab_to(page, locator, **kwargs)
    page.keyboard.press("Enter")


def choose_radio(page, radios, value):
    """Tab into a radio group (it lands on the chosen option, else the first), then move
    with the arrow keys, which also select."""
    values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
    chosen = [i for i in range(radios.count()) if radios.nth(i).is_checked()]
    here = chosen[0] if chosen else 0
    tab_to(page, radios.nth(here))
    if not chosen:
        page.keyboard.press("Space")
    target = values.index(value)
    key = "ArrowDown" if target > here else "ArrowUp"
    for _ in range(abs(target - here)):
        page.keyboard.press(key)
    assert radios.nth(target).is_checked()

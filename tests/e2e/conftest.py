"""Fixtures for browser tests: per module, one Chromium and one live server with demo data.

Every test in tests/e2e/ is marked `e2e` (so `make test-fast` skips them). Without Chromium
they skip with a reason, or fail when SIGNPOST_REQUIRE_BROWSER=1 (as in CI).
"""

import os
from urllib.parse import urljoin

import pytest

from tests.e2e.browser import (
    CHROMIUM_ARGS,
    VIEWPORT_HEIGHT,
    browser_required,
    chromium_path,
    no_browser,
)
from tests.e2e.demo_data import demo_data_loaded

NAVIGATION_TIMEOUT_MS = 15_000
ACTION_TIMEOUT_MS = 5_000


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every test here `e2e`, and `django_db` so pytest-django creates the test database
    (each test then runs in a transaction that is rolled back; the module's demo data stays)."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright's sync API, for one test module.

    Per module, not per session, so that DJANGO_ALLOW_ASYNC_UNSAFE is only set while browser
    tests run (subprocesses started by other tests, like `check --deploy`, must not see it).
    """
    executable = chromium_path()
    if executable is None:
        no_browser("Chromium was not found")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        no_browser("The playwright package is not installed")
    # Playwright's sync API keeps an event loop on this thread, which Django's async-safety
    # check mistakes for async code when fixtures and tests use the ORM between browser calls.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as error:
            if browser_required():
                raise
            pytest.skip(f"Chromium at {executable} would not start: {error}")
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def site_url(browser, django_db_setup, django_db_blocker):
    """Base URL of a live Signpost with every app's demo data, shared by one test module.

    Not pytest-django's `live_server`: that fixture would empty the database after every
    test, and demo data is too slow to load per test.
    """
    from pytest_django.live_server_helper import LiveServer

    with demo_data_loaded(django_db_blocker):
        server = LiveServer("127.0.0.1:0")
        try:
            yield server.url
        finally:
            server.stop()


@pytest.fixture
def page_at(browser, site_url):
    """Open a path in a fresh browser context: `page_at("/", width=320, js=False)`.

    `status` (default 200) is checked on the first response. The page remembers whether
    JavaScript was on (for screenshot names) and which assets failed to load.
    """
    contexts = []

    def open_page(path: str, *, width: int = 1280, js: bool = True, status: int | None = 200):
        context = browser.new_context(
            viewport={"width": width, "height": VIEWPORT_HEIGHT},
            java_script_enabled=js,
            locale="en-GB",
            timezone_id="Europe/London",
            reduced_motion="reduce",
        )
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.signpost_js = js
        page.signpost_broken_assets = []
        page.on(
            "response",
            lambda response: (
                response.request.resource_type in {"stylesheet", "script", "image", "font"}
                and response.status >= 400
                and page.signpost_broken_assets.append(f"{response.status} {response.url}")
            ),
        )
        response = page.goto(urljoin(site_url, path), wait_until="load")
        if status is not None:
            assert response is not None and response.status == status, (
                f"GET {path} gave {response.status if response else 'no response'}, expected {status}"
            )
        return page

    yield open_page
    for context in contexts:
        context.close()

"""In a real browser: public pages and the Wagtail admin work under our Content-Security-Policy.

Signs in through allauth with a TOTP code, opens the main admin screens (page editor
included) and fails on any CSP violation the browser reports.
"""

import contextlib
import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from portal import roles
from tests.factories.accounts import PASSWORD, activate_totp, current_totp_code, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADMIN_SCREENS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/staff/invite/",
    "/admin/reports/site-history/",
]


def settle(page, timeout_ms=5_000):
    """Give a loaded page's scripts time to run (and any policy violation time to be
    logged): until the network is quiet, or `timeout_ms` at most. A page that keeps a
    request open (the admin's and the userbar's scripts may) is not a failure here: on a
    slow machine "networkidle" never came within 30 s (CI, 2026-12-07)."""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_load_state("networkidle", timeout=timeout_ms)


def ensure_home_page():
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    from portal.models import HomePage

    # A transactional test run before this one in the same worker may have flushed the
    # default locale that Wagtail's migration made (pages need one).
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))
        home = root.add_child(instance=HomePage(title="Home", slug="home"))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM must still work.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        page = browser.new_page()
        yield page
        browser.close()


def test_admin_works_under_the_content_security_policy(live_server, browser_page):
    from django.core.management import call_command

    call_command("migrate", "portal", verbosity=0)
    home = ensure_home_page()  # earlier transactional tests may have flushed the tree
    roles.sync_roles()
    administrator = staff_user(roles.ADMINISTRATOR)
    secret = activate_totp(administrator)
    page = browser_page
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )

    # Public pages under the strict policy: the nonce'd inline script runs.
    page.goto(f"{live_server.url}/")
    assert "js-enabled" in page.evaluate("document.body.className")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login", administrator.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.fill("#id_code", current_totp_code(secret))
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    # The page editor has inline-script widgets (date pickers for scheduled publishing).
    for path in [*ADMIN_SCREENS, f"/admin/pages/{home.pk}/edit/", f"/admin/pages/{home.pk}/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        settle(page)
    # Wagtail's sidebar is rendered by JavaScript: it only appears if scripts ran.
    page.goto(f"{live_server.url}/admin/")
    page.wait_for_selector("[data-wagtail-sidebar] a, #wagtail-sidebar a", timeout=10_000)
    # A public page with the Wagtail userbar that signed-in staff see.
    page.goto(f"{live_server.url}/")
    # The userbar's script defines its element: it only is if the script ran under the policy.
    page.wait_for_function("customElements.get('wagtail-userbar') !== undefined", timeout=10_000)
    settle(page)
    assert violations == []

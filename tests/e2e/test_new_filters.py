"""The access, language, referral and opening filters (#20) at 320 × 640, with JavaScript and
without: chosen in the collapsed filter panel, shown as removable tags, first result still on
the first screen, no axe violations."""

import re
import urllib.parse

import pytest

from tests.e2e.browser import assert_no_axe_violations
from tests.e2e.test_filter_layout import PHONE, SEARCH, assert_first_result_on_first_screen


def _count(label: str) -> int:
    match = re.search(r"\((\d+)\)\s*$", label)
    return int(match.group(1)) if match else 0


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_choose_new_filters_at_320(page_at, js):
    page = page_at(SEARCH, width=320, js=js)
    page.set_viewport_size(PHONE)
    panel = page.locator("details.signpost-filter-panel")
    assert panel.get_attribute("open") is None
    panel.locator("summary").click()
    step_free = page.locator("label[for=access-step_free]")
    no_referral = page.locator("label[for=filter-no-referral]")
    assert step_free.is_visible() and no_referral.is_visible()
    assert _count(step_free.inner_text()) > 0, "the demo has step-free listings near S6"
    assert page.get_by_role("group", name="Open on").is_visible()
    assert page.get_by_role("group", name="Language spoken").is_visible()
    page.locator("#access-step_free").check()
    page.locator("#filter-no-referral").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"access=step_free"))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
    assert query["access"] == ["step_free"] and query["no_referral"] == ["1"]

    assert page.locator("details.signpost-filter-panel").get_attribute("open") is None
    assert page.get_by_text(re.compile(r"Filter results \(2 chosen\)")).is_visible()
    assert page.get_by_role("link", name="Remove filter: Step-free access").is_visible()
    assert page.get_by_role(
        "link", name="Remove filter: Drop in or contact them yourself (no referral needed)"
    ).is_visible()
    if page.locator(".signpost-results .signpost-result").count():
        assert_first_result_on_first_screen(page)
    assert_no_axe_violations(page, f"new-filters-chosen-{'js' if js else 'nojs'}")

    page.get_by_role("link", name="Remove filter: Step-free access").click()
    page.wait_for_url(lambda url: "access=" not in url)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
    assert query["no_referral"] == ["1"]
    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_url(lambda url: "no_referral" not in url)
    assert page.locator(".signpost-chosen-filters").count() == 0

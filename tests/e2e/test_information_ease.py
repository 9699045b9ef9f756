"""ASCOF 3D, "Was it easy to find information about support?", in a real browser: below a
listing, answered with JavaScript off (POST, back to the listing, "Thank you") and on, then
not asked again in the visit; axe finds nothing wrong with the question or the thanks."""

import re

import pytest

from analytics.models import InformationEaseAnswer
from tests.e2e.browser import assert_no_axe_violations, screenshot

QUESTION = "Was it easy to find information about support?"


@pytest.mark.parametrize(("js", "width"), [(False, 320), (True, 1280)])
def test_answer_below_a_listing_once_per_visit(page_at, js, width):
    page = page_at("/services/?q=club", width=width, js=js)
    page.locator(".signpost-results .signpost-result h3 a").first.click()
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}/"))
    listing = page.url.split("#")[0]
    question = page.locator("#information-ease-section")
    assert QUESTION in question.inner_text()
    assert_no_axe_violations(page, "information-ease-question")

    question.get_by_label("Fairly easy to find").check()
    question.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(r"#information-ease-section$"))
    assert page.url.split("#")[0] == listing
    thanks = page.locator("#information-ease-section")
    assert "Thank you" in thanks.inner_text()
    assert_no_axe_violations(page, "information-ease-thanks")
    screenshot(page, "information-ease-thanks")
    assert InformationEaseAnswer.objects.filter(answer="fairly_easy", page_kind="listing").exists()

    page.goto(listing)
    assert page.locator("#information-ease-section").count() == 0

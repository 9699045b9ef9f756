"""#24 item 7: words set by content staff in Settings → Check texts, on the checks' start
pages at 320 px and 1280 px without JavaScript, in GOV.UK typography, axe 0 violations."""

import pytest
from wagtail.models import Site

from checks.models import CheckTexts
from tests.e2e.browser import assert_no_axe_violations, screenshot

INTRO = (
    "<p>Our own introduction, written by the council.</p>"
    '<ul><li>It can have a list</li><li>and <a href="/check/carer/">a link</a></li></ul>'
)


@pytest.mark.django_db(transaction=True)  # the live server sees the row; one test a module
def test_staff_words_on_the_start_pages(page_at):
    site = Site.objects.get(is_default_site=True)
    CheckTexts.objects.update_or_create(
        site=site, defaults={"adult_intro": INTRO, "cost_intro": INTRO}
    )
    pages = [("/check/", "i24-texts-adult-start"), ("/check/cost/", "i24-texts-cost")]
    for (path, name), width in [(p, w) for p in pages for w in (320, 1280)]:
        page = page_at(path, width=width, js=False)
        main = page.locator("main")
        assert main.get_by_text("Our own introduction, written by the council.").is_visible()
        assert main.locator("ul li", has_text="It can have a list").is_visible()
        assert main.get_by_text("We do not store your answers.").is_visible()
        assert_no_axe_violations(page, name)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, name)

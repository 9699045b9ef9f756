"""Whole journeys in a real browser, the way people use Signpost: find a service and shortlist
it, go from advice to a listing, ask for help as a carer, find a local area coordinator.

Each page on the way is checked with axe-core. The search journey is also done with the
keyboard alone at 320 px, and the self-referral with JavaScript off.
"""

import re

import pytest

from referrals.choices import WellbeingOutcome
from tests.e2e.browser import activate, assert_no_axe_violations, screenshot, tab_to
from tests.factories.referrals import CARER_OUTCOMES, step_data

# --- a. Search, filter, open a service, shortlist it, print the shortlist ---------------------


def first_category(page):
    """The first category checkbox among the result filters (facets of these results)."""
    checkbox = page.locator(".signpost-filters input[name=category]").first
    return checkbox, checkbox.get_attribute("value")


def test_search_filter_open_shortlist_and_print(page_at):
    page = page_at("/services/", width=1280)
    page.get_by_label("What are you looking for?").fill("club")
    page.get_by_label("Where? Postcode or place").fill("S1 2HH")
    page.locator("form[role=search]").get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/services/\?.*postcode=S1"))
    assert_no_axe_violations(page, "journey-search-results")

    checkbox, code = first_category(page)
    checkbox.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(rf"category={re.escape(code)}"))
    assert page.locator(f"#category-{code}").is_checked(), "the chosen category stays ticked"
    results = page.locator(".signpost-results .signpost-result h3 a")
    assert results.count() >= 1, "a category taken from the facets has results"
    name = results.first.inner_text().strip()

    results.first.click()
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}/"))
    assert page.locator("h1").inner_text().strip() == name
    assert_no_axe_violations(page, "journey-service-detail")

    page.locator("main").get_by_role("button", name="Add to shortlist").first.click()
    expect_status(page)

    page.goto(page.url.split("/services/")[0] + "/shortlist/")
    assert page.locator("h1").inner_text().strip() == "Your shortlist"
    assert page.locator("main").get_by_text(name).first.is_visible()
    assert_no_axe_violations(page, "journey-shortlist")

    # The print view: the page furniture and the buttons go, the addresses of listings appear.
    page.emulate_media(media="print")
    assert page.locator(".govuk-header").is_hidden()
    assert page.locator(".govuk-footer").is_hidden()
    assert page.locator("main").get_by_role("button", name=re.compile("Remove")).first.is_hidden()
    assert page.locator(".signpost-print-only").first.is_visible()
    assert page.locator("main").get_by_text(name).first.is_visible()
    screenshot(page, "journey-shortlist-print")


def expect_status(page):
    """The shortlist button's status message says the service is on the shortlist ("Added to
    your shortlist" from JavaScript, "On your shortlist" after the form's reload without)."""
    status = page.locator(".signpost-shortlist-status", has_text=re.compile("shortlist"))
    status.first.wait_for(state="visible")


def test_search_by_keyboard_only_at_320px(page_at):
    page = page_at("/services/", width=320)
    tab_to(page, page.get_by_label("What are you looking for?"))
    page.keyboard.type("club")
    tab_to(page, page.get_by_label("Where? Postcode or place"))
    page.keyboard.type("S1 2HH")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/services/\?.*postcode=S1"))

    checkbox, code = first_category(page)
    activate(page, page.locator("details.signpost-filter-panel summary"))  # collapsed at 320 px
    tab_to(page, checkbox)
    page.keyboard.press("Space")
    assert checkbox.is_checked()
    activate(page, page.get_by_role("button", name="Apply filters"))
    page.wait_for_url(re.compile(rf"category={re.escape(code)}"))

    link = page.locator(".signpost-results .signpost-result h3 a").first
    name = link.inner_text().strip()
    activate(page, link, max_presses=120)
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}/"))
    assert page.locator("h1").inner_text().strip() == name

    activate(page, page.locator("main").get_by_role("button", name="Add to shortlist").first)
    expect_status(page)
    activate(page, page.get_by_role("button", name="Menu"), max_presses=80, backwards=True)
    activate(page, page.locator("#navigation").get_by_role("link", name="Your shortlist"))
    page.wait_for_url("**/shortlist/")
    assert page.locator("main").get_by_text(name).first.is_visible()
    assert_no_axe_violations(page, "journey-keyboard-shortlist")


# --- b. Advice article → related services → a listing -----------------------------------------


def test_advice_article_leads_to_a_listing(page_at):
    page = page_at("/advice/", width=320)
    page.locator("main").get_by_role("link", name="Staying independent at home").first.click()
    page.wait_for_url("**/advice/staying-independent-at-home/")
    related = page.locator(".signpost-related-services").first
    listing = related.locator(".signpost-service-hits a").first
    name = listing.inner_text().strip()
    listing.click()
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}/"))
    assert page.locator("h1").inner_text().strip() == name


# --- c. Carers' hub → self-referral as a carer → confirmation -------------------------------


CARER_CAPTION = "Get support as a carer"
CARED_FOR_LABELS = [str(label) for label in WellbeingOutcome.labels]


def fill_step(page, step, fields):
    """Answer one wizard step with the same answers tests/referrals post (step_data)."""
    for name, value in fields.items():
        field = page.locator(f'[name="{step}-{name}"]')
        kind = field.first.get_attribute("type")
        values = value if isinstance(value, list) else [value]
        if kind in {"radio", "checkbox"}:
            for each in values:
                if kind == "checkbox" and field.count() == 1:
                    field.check()
                else:
                    page.locator(f'[name="{step}-{name}"][value="{each}"]').check()
        elif field.first.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def submit_step(page):
    page.locator("main form[method=post] button[type=submit]").last.click()


def complete_referral_as_carer(page, *, check_pages: bool):
    steps = step_data("carer")
    for step, fields in steps:
        page.wait_for_url(f"**/self-referral/{step}/")
        if step == "who":
            checked = page.locator('[name="who-filled_in_by"]:checked')
            assert checked.get_attribute("value") == "carer", "carer mode is chosen already"
        if step == "address" and check_pages:
            submit_step(page)  # nothing filled in: an error summary linked to the fields
            summary = page.locator(".govuk-error-summary")
            summary.wait_for()
            assert page.title().startswith("Error:")
            first_error = summary.get_by_role("link").first
            target = first_error.get_attribute("href")
            assert target.startswith("#") and page.locator(target).count() == 1
            assert_no_axe_violations(page, "journey-referral-error")
        # Written for the carer (#21): their caption, and never the cared-for person's needs.
        main_text = page.locator("main").inner_text()
        assert page.locator("main .govuk-caption-l").inner_text().strip() == CARER_CAPTION
        assert not [label for label in CARED_FOR_LABELS if label in main_text], step
        if step == "outcomes":
            assert page.get_by_label("A break from caring").is_visible()
            assert page.get_by_label("My own health").is_visible()
        if step == "check":  # check answers, the declaration and "Accept and send"
            assert page.locator("main").get_by_text("Margaret Example").first.is_visible()
            assert page.get_by_role("link", name="Change your address").is_visible()
            assert page.get_by_role("button", name="Accept and send").is_visible()
        fill_step(page, step, fields)
        if check_pages and step in {
            "urgent",
            "who",
            "address",
            "outcomes",
            "about-cared-for",
            "check",
        }:
            assert_no_axe_violations(page, f"journey-referral-{step}")
        submit_step(page)
    page.wait_for_url("**/self-referral/done/")
    reference = page.locator(".signpost-reference").inner_text().strip()
    assert re.fullmatch(r"SP-[0-9A-Z-]+", reference), reference
    main = page.locator("main")
    assert main.get_by_text("Someone from the Carers Centre will contact you by").is_visible()
    assert main.get_by_text("m\u2022\u2022\u2022\u2022@example.com").is_visible()
    assert main.locator('a[href^="tel:"]').count() >= 2  # the team, and urgent help
    if check_pages:
        assert_no_axe_violations(page, "journey-referral-done")
    return reference


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_carer_asks_for_help_from_the_carers_hub(page_at, js):
    from referrals.models import Referral

    page = page_at("/carers/", width=320, js=js)
    page.locator("main a.govuk-button--start").first.click()
    page.wait_for_url("**/self-referral/?as=carer")
    landing = page.locator("main").inner_text()
    assert CARER_CAPTION in landing
    assert "address and date of birth of the person who needs help" not in landing
    if js:
        assert_no_axe_violations(page, "journey-referral-landing-carer")
    page.locator("main a.govuk-button--start").first.click()
    page.wait_for_url("**/self-referral/urgent/")
    reference = complete_referral_as_carer(page, check_pages=js)
    if js:
        assert_no_axe_violations(page, "journey-referral-done")
    referral = Referral.objects.get(reference=reference)
    assert referral.team == "carers_centre"
    assert referral.filled_in_by == "carer"
    assert referral.answers["outcomes"] == CARER_OUTCOMES


# --- d. Local area coordination ---------------------------------------------------------------


def test_local_area_coordinator_found_by_postcode(page_at):
    page = page_at("/local-area-coordination/", width=320)
    page.get_by_label(re.compile("postcode", re.I)).first.fill("S6 2LN")
    page.locator("main form").get_by_role("button").first.click()
    page.wait_for_url(re.compile(r"postcode=S6"))
    results = page.locator("#results")
    assert "S6 2LN" in results.inner_text()
    coordinators = page.locator("main h3.govuk-heading-m")
    assert coordinators.count() >= 1 and coordinators.first.inner_text().strip()

"""Every public page type, in one list: each is checked with axe-core at 320 and 1280 px,
with and without JavaScript, screenshotted, and checked for reflow at 320 px
(test_public_pages.py).

Adding a page type is one line. Use paths that exist in the demo data (`load_demo_data`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicPage:
    name: str  # screenshot and test id: tests/e2e/screenshots/<name>-<width>[-nojs].png
    path: str
    status: int = 200
    known_issue: str = ""  # a reason to expect failure until another branch fixes it


PUBLIC_PAGES = [
    PublicPage("home", "/"),
    PublicPage("accessibility-statement", "/accessibility-statement/"),
    PublicPage("privacy", "/privacy/"),
    PublicPage("cookies", "/cookies/"),
    PublicPage("not-found", "/this-page-does-not-exist/", status=404),
    PublicPage("sign-in", "/accounts/login/"),
    # After the directory, advice, carers, LAC and referral apps are merged, add e.g.:
    # PublicPage("search-results", "/services/?q=lunch&postcode=S1+2HH"),
    # PublicPage("search-no-results", "/services/?q=zzzzzz"),
    # PublicPage("search-bad-postcode", "/services/?postcode=NOT+A+POSTCODE"),
    # PublicPage("shortlist", "/shortlist/"),
    # PublicPage("advice-index", "/advice/"),
    # PublicPage("carers-hub", "/carers/"),
    # PublicPage("lac-finder", "/local-area-coordination/?postcode=S6+2LN"),
    # PublicPage("self-referral-start", "/self-referral/"),
]

# Each page at these (width, JavaScript) combinations; the home page at all four.
CHECKS = [(320, True), (1280, True), (320, False)]
HOME_EXTRA_CHECKS = [(1280, False)]


def page_checks():
    """(page, width, js) for every check, with an xfail mark on pages with a known issue."""
    import pytest

    for public_page in PUBLIC_PAGES:
        extra = HOME_EXTRA_CHECKS if public_page.path == "/" else []
        for width, js in CHECKS + extra:
            marks = (
                [pytest.mark.xfail(reason=public_page.known_issue, strict=False)]
                if public_page.known_issue
                else []
            )
            yield pytest.param(
                public_page,
                width,
                js,
                marks=marks,
                id=f"{public_page.name}-{width}-{'js' if js else 'nojs'}",
            )

"""Every public page type, in one list: each is checked with axe-core at 320 and 1280 px,
with and without JavaScript, screenshotted, and checked for reflow at 320 px
(test_public_pages.py).

Adding a page type is one line. Use paths that exist in the demo data (`load_demo_data`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicPage:
    name: str  # screenshot and test id: tests/e2e/screenshots/<name>-<width>[-nojs].png
    path: str  # {service_id}: a published demo service (test_public_pages.py fills it in)
    status: int = 200
    known_issue: str = ""  # a reason to expect failure until another branch fixes it


PUBLIC_PAGES = [
    PublicPage("home", "/"),
    PublicPage("accessibility-statement", "/accessibility-statement/"),
    PublicPage("privacy", "/privacy/"),
    PublicPage("cookies", "/cookies/"),
    PublicPage("contact", "/contact/"),
    PublicPage("service-feedback", "/feedback/"),
    PublicPage("not-found", "/this-page-does-not-exist/", status=404),
    PublicPage("sign-in", "/accounts/login/"),
    # Directory (DESIGN §3)
    PublicPage("search-start", "/services/"),
    PublicPage("search-results", "/services/?q=lunch&postcode=S1+2HH"),
    PublicPage("search-filtered", "/services/?postcode=S10+2TN&open_now=1&cost=free&sort=distance"),
    PublicPage("search-no-results", "/services/?q=zzzzzzqqqq"),
    PublicPage("search-bad-postcode", "/services/?postcode=ZZ99"),
    PublicPage("service-detail", "/services/{service_id}/"),
    PublicPage("shortlist", "/shortlist/"),
    # Content
    PublicPage("advice-index", "/advice/"),
    PublicPage("advice-article", "/advice/staying-independent-at-home/"),
    PublicPage("carers-hub", "/carers/"),
    PublicPage("lac-finder", "/local-area-coordination/"),
    PublicPage("lac-finder-result", "/local-area-coordination/?postcode=S6+2LN"),
    PublicPage("lac-finder-error", "/local-area-coordination/?postcode=NOT+A+POSTCODE", status=400),
    # Self-referral (DESIGN §8): the landing page and the first question (/start/ redirects
    # there); the other steps, an error state and the confirmation are checked on the way
    # through in test_journeys.py, since they need answers in the session.
    PublicPage("self-referral-landing", "/self-referral/"),
    PublicPage("self-referral-first-step", "/self-referral/start/"),
    PublicPage("self-referral-professional", "/self-referral/professional/"),
    PublicPage("self-referral-urgent-help", "/self-referral/urgent-help/?reason=danger"),
    PublicPage("self-referral-urgent-abuse", "/self-referral/urgent-help/?reason=abuse"),
    # Care Act checks (#24): the start pages and first questions; the rest, errors and
    # results are checked on the way through in test_eligibility_check.py.
    PublicPage("eligibility-check-start", "/check/"),
    PublicPage("eligibility-check-first-question", "/check/questions/"),
    PublicPage("carer-check-start", "/check/carer/"),
    PublicPage("carer-check-first-question", "/check/carer/questions/"),
    # "What you might pay" (#24): the questions and the estimate are checked in
    # test_cost_check.py (each is a POST carrying the answers so far).
    PublicPage("cost-check-start", "/check/cost/"),
    PublicPage("cost-check-first-question", "/check/cost/questions/"),
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

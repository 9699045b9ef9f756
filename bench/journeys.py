"""What the load benchmark's visitors do, as plain functions over a minimal HTTP client.

No Django and no locust imports here: bench/locustfile.py drives these through locust's
client, and tests/bench/ drives them through Django's test client (with CSRF checks on),
so the load test submits referrals exactly as a browser without JavaScript would.

A client is anything with `get(path, name)` and `post(path, data, name)` that return a
`Reply` and never follow redirects.
"""

import html
import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlencode

# The searches residents run (bench/load.py hands them to wrk, or locust runs them).
SEARCHES = [
    "/services/?q=lunch+club&postcode=S1+2HH",
    "/services/?q=memory&postcode=S10",
    "/services/?q=money+advice",
    "/services/?postcode=S6+2LN&radius=2",
    "/services/?q=carers&category=carers-support",
    "/services/?q=walking&open_now=1&cost=free",
]
START = "/self-referral/start/"
FINISHED = "/self-referral/finished/"  # formtools' done step: stores, then redirects to DONE
DONE = "/self-referral/done/"
MAX_STEPS = 40  # the wizard has 25 at most; more means it is going round in circles

_STEP_PATH = re.compile(r"^/self-referral/(?P<step>[a-z-]+)/$")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="(?P<token>[^"]+)"')
_REFERENCE = re.compile(r'class="signpost-reference">(?P<reference>SP-[0-9A-Z]{4}-[0-9A-Z]{2})<')
_SERVICE_LINK = re.compile(r'href="(?P<href>/services/[0-9a-f-]{36}/(?:\?[^"]*)?)"')

# The answers a resident gives on each step, by who is filling the form in. Postcode S1 2HH
# is in the demo gazetteer. Field names without the step prefix, as in tests.factories.
COMMON_ANSWERS = {
    "urgent": {"situation": "none"},
    "consent": {"agrees": "on"},
    "name": {"full_name": "Margaret Example"},
    "date-of-birth": {"dob_day": "27", "dob_month": "3", "dob_year": "1942"},
    "address": {"postcode": "S1 2HH", "address_line_1": "1 Test Street", "town": "Sheffield"},
    "contact": {
        "methods": ["phone", "email"],
        "phone": "0114 496 0000",
        "email": "margaret@example.com",
    },
    "best-time": {"best_time": "morning"},
    "contact-notes": {},
    "communication": {"needs": ["easy_read"]},
    "situation": {"what_is_happening": "Finding the stairs hard."},
    "what-matters": {"what_matters": "Staying at home."},
    "outcomes": {"outcomes": ["home_safe", "relationships"]},
    "gp": {"gp_practice": "Test Surgery"},
    "services": {},  # asked only when something was saved to the shortlist
    "tried": {},
    "check": {"send_confirmation": "on"},  # "Accept and send"
}
ANSWERS = {
    "myself": {**COMMON_ANSWERS, "who": {"filled_in_by": "myself"}},
    "carer": {
        **COMMON_ANSWERS,
        "who": {"filled_in_by": "carer"},
        "outcomes": {"outcomes": ["carer_break", "carer_health"]},  # a carer's own outcomes
        "carer-hours": {"hours": "50_plus"},
        "carer-support": {"support_for": "carer"},
        "carers-assessment": {"wants_assessment": "yes"},
        "about-cared-for": {"tell_about_cared_for": "no"},
    },
}


@dataclass(frozen=True)
class Reply:
    status: int
    location: str = ""
    text: str = ""


class Client(Protocol):
    def get(self, path: str, name: str) -> Reply: ...
    def post(self, path: str, data: dict, name: str) -> Reply: ...


class JourneyError(Exception):
    """The journey did not reach its end; the message says where it stopped."""


def csrf_token(page: str) -> str:
    """The CSRF token in a page's form, or "" when there is none."""
    match = _CSRF.search(page)
    return html.unescape(match["token"]) if match else ""


def confirmation_reference(page: str) -> str:
    """The referral reference shown on the confirmation page (e.g. SP-7K3M-Q9), or ""."""
    match = _REFERENCE.search(page)
    return match["reference"] if match else ""


def service_links(page: str, limit: int = 20) -> list[str]:
    """Links to service detail pages in a search results page, as a browser would follow them
    (with `?from=search&pos=N`), first `limit` of them, without duplicates."""
    links = [html.unescape(match["href"]) for match in _SERVICE_LINK.finditer(page)]
    return list(dict.fromkeys(links))[:limit]


def step_name(path: str) -> str:
    match = _STEP_PATH.match(path)
    return match["step"] if match else ""


def step_fields(step: str, answers: dict, token: str) -> dict:
    """The POST data for one wizard step: CSRF token, formtools' step field, the answers."""
    data = {"csrfmiddlewaretoken": token, "referral_wizard-current_step": step}
    for name, value in answers.items():
        data[f"{step}-{name}"] = value
    return data


def form_body(data: dict) -> str:
    """A form's fields url-encoded as a browser sends them: a field once per value of a list."""
    return urlencode(data, doseq=True)


def _redirect(reply: Reply, after: str) -> str:
    if reply.status != 302 or not reply.location.startswith("/"):
        raise JourneyError(f"{after}: expected a redirect, got {reply.status}")
    return reply.location


def submit_referral(client: Client, answers: dict | None = None) -> str:
    """Walk the self-referral wizard from the start to the confirmation page: GET each step,
    POST its CSRF token and answers, follow the redirect to the next step. Returns the
    reference shown on the confirmation page; raises JourneyError anywhere short of it.
    `answers` maps each step to its fields (default: ANSWERS["myself"])."""
    answers = answers or ANSWERS["myself"]
    location = _redirect(client.get(START, name=START), "start")
    for _ in range(MAX_STEPS):
        if location == DONE:
            break
        if location == FINISHED:
            location = _redirect(client.get(FINISHED, name=FINISHED), "finished")
            continue
        step = step_name(location)
        if step not in answers:
            raise JourneyError(f"sent to {location} instead of a question")
        page = client.get(location, name="/self-referral/<step>/")
        if page.status != 200:
            raise JourneyError(f"{step}: page answered {page.status}")
        token = csrf_token(page.text)
        if not token:
            raise JourneyError(f"{step}: no CSRF token in the form")
        reply = client.post(
            location, step_fields(step, answers[step], token), name="/self-referral/<step>/"
        )
        if reply.status == 200:
            raise JourneyError(f"{step}: answers refused (the form came back with errors)")
        location = _redirect(reply, step)
    else:
        raise JourneyError(f"no confirmation after {MAX_STEPS} steps")
    page = client.get(DONE, name=DONE)
    reference = confirmation_reference(page.text) if page.status == 200 else ""
    if not reference:
        raise JourneyError(f"confirmation page ({page.status}) shows no reference")
    return reference

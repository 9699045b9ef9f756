"""One question a page (#21): every step of the self, someone-else, carer and professional
(#23) journeys has one h1, the question itself unless the page says something first, and the
page title says the same; follow-up boxes revealed under an option; and "Keep going" before
the answers would be deleted for inactivity."""

import re
import time

import pytest

from referrals.wizard import STEPS
from tests.factories.referrals import post_fields, step_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]

H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAGS = re.compile(r"<[^>]+>")
QUESTION_HEADING = re.compile(
    r'<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1|'
    r'<h1 class="govuk-label-wrapper"><label'
)


def text(html_fragment: str) -> str:
    return " ".join(TAGS.sub(" ", html_fragment).split())


def journey_pages(client, path):
    """[(step, html)] for every question page of a journey, read before answering it."""
    client.get("/self-referral/start/")
    pages = []
    for step, fields in step_data(path):
        if step == "check":
            break
        pages.append((step, client.get(f"/self-referral/{step}/").content.decode()))
        response = client.post(f"/self-referral/{step}/", post_fields(step, fields))
        assert response.status_code == 302, step
    return pages


@pytest.mark.parametrize("path", ["myself", "someone_else", "carer", "professional"])
def test_each_page_asks_one_question_and_it_is_the_heading(client, path):
    pages = journey_pages(client, path)
    with_intro = {"urgent", "consent", "services"}
    for step, html in pages:
        headings = H1.findall(html)
        assert len(headings) == 1, step
        title = re.search(r"<title>(.*?) –", html, re.S).group(1)
        assert text(headings[0]) == title.strip(), step
        if step not in with_intro:
            assert QUESTION_HEADING.search(html), f"{step}: the question is not the h1"
        form = html[html.index('<form method="post"') : html.index("</form>")]
        # one question: one legend or one label at page level, whatever it holds
        assert form.count("govuk-fieldset__legend--l") + form.count("govuk-label--l") <= 1, step
        assert form.count("govuk-fieldset__legend--m") <= 1, step


def test_the_about_you_questions_are_on_pages_of_their_own(client):
    steps = [step for step, _html in journey_pages(client, "myself")]
    about_you = ["name", "date-of-birth", "address", "contact", "best-time", "contact-notes"]
    assert [step for step in steps if step in about_you] == about_you


def test_the_address_page_asks_for_the_postcode_first(client):
    pages = dict(journey_pages(client, "myself"))
    html = pages["address"]
    assert html.index('name="address-postcode"') < html.index('name="address-address_line_1"')
    assert 'autocomplete="postal-code"' in html


def test_options_reveal_their_follow_up_boxes(client):
    pages = dict(journey_pages(client, "myself"))
    contact = pages["contact"]
    assert 'data-aria-controls="conditional-id_contact-phone"' in contact
    assert 'id="conditional-id_contact-phone"' in contact
    communication = pages["communication"]
    assert 'data-aria-controls="conditional-id_communication-language"' in communication
    assert 'data-aria-controls="conditional-id_communication-other_needs"' in communication


def test_the_steps_are_the_ones_the_journeys_use():
    names = [name for name, _form in STEPS]
    for path in ("myself", "someone_else", "carer", "professional"):
        assert {step for step, _fields in step_data(path)} <= set(names)


# --- Keep going --------------------------------------------------------------------------------


def keep_going(client):
    return client.post("/self-referral/keep-going/", headers={"Signpost-Fragment": "keep-going"})


def test_keep_going_keeps_the_answers_past_the_first_deadline(client, monkeypatch, settings):
    settings.REFERRAL_WIZARD_TIMEOUT_SECONDS = 3600
    client.get("/self-referral/start/")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    page = client.get("/self-referral/who/").content.decode()
    assert 'data-timeout-seconds="3600"' in page and "Keep going" in page

    now = time.time()
    monkeypatch.setattr("cryptography.fernet.time.time", lambda: now + 3300)  # 55 minutes
    assert keep_going(client).status_code == 204
    monkeypatch.setattr("cryptography.fernet.time.time", lambda: now + 6000)  # 100 minutes
    response = client.get("/self-referral/who/")
    assert response.status_code == 200  # kept: 45 minutes since "Keep going"


def test_without_keep_going_the_answers_expire(client, monkeypatch, settings):
    settings.REFERRAL_WIZARD_TIMEOUT_SECONDS = 3600
    client.get("/self-referral/start/")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    now = time.time()
    monkeypatch.setattr("cryptography.fernet.time.time", lambda: now + 3700)
    assert client.get("/self-referral/who/")["Location"] == "/self-referral/start/"
    assert keep_going(client).status_code == 410


def test_keep_going_with_nothing_to_keep_is_gone_not_an_error(client):
    assert keep_going(client).status_code == 410
    assert client.get("/self-referral/keep-going/").status_code == 405


def test_keep_going_posted_as_a_form_returns_to_the_question(client):
    client.get("/self-referral/start/")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    response = client.post("/self-referral/keep-going/")
    assert response.status_code == 302 and response["Location"] == "/self-referral/who/"


def test_an_error_on_a_choice_links_to_its_first_option(client):
    client.get("/self-referral/start/")
    html = client.post("/self-referral/urgent/", post_fields("urgent", {})).content.decode()
    assert 'href="#id_urgent-situation_0"' in html and 'id="id_urgent-situation_0"' in html

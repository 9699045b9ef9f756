"""Professional referrals (#23): a route for GPs, social prescribers, hospital discharge teams
and other professionals, from its own start page: their name, role, organisation and work
contact, who consented to the referral and when, then the person's pages as for someone
else. Stored with the referrer's details (the feedback on closing goes to their work email),
routed to First Contact, shown to staff as "Referred by" with tappable contacts."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from demo.referrals import DemoReferrals
from demo.synthetic import SyntheticReferral
from referrals.choices import FilledInBy, Route, Team, route_for
from referrals.models import OutboxMessage, Referral
from tests.factories.referrals import (
    StaffFactory,
    answers,
    consent_date,
    post_fields,
    referral,
    step_data,
)
from tests.referrals.conftest import walk
from tests.referrals.test_referral_page import assert_no_codes_or_iso_dates, page_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]

H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAGS = re.compile(r"<[^>]+>")
KEY = re.compile(r'<dt class="govuk-summary-list__key">(.*?)</dt>')
SECTION = re.compile(r'<h2 class="govuk-heading-m">(.*?)</h2>')
PROFESSIONAL_STEPS = [
    "your-name",
    "your-role",
    "your-organisation",
    "your-contact",
    "consent-given-by",
    "consent-date",
]


def text(fragment: str) -> str:
    return " ".join(TAGS.sub(" ", fragment).split())


def start(client):
    response = client.get("/self-referral/start/?as=professional")
    assert response.status_code == 302
    return response


def answer_until(client, stop_before: str):
    """Start as a professional and answer every step before `stop_before`."""
    start(client)
    for step, fields in step_data("professional"):
        if step == stop_before:
            return
        response = client.post(f"/self-referral/{step}/", post_fields(step, fields))
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    raise AssertionError(f"{stop_before} is not a step of the professional route")


def errors_for(client, step: str, fields: dict) -> list[str]:
    """The error summary's messages after sending `fields` on `step`."""
    answer_until(client, step)
    response = client.post(f"/self-referral/{step}/", post_fields(step, fields))
    assert response.status_code == 200, step
    html = response.content.decode()
    begins = html.index("govuk-error-summary__list")
    summary = html[begins : html.index("</ul>", begins)]
    return [text(item) for item in re.findall(r"<a [^>]*>(.*?)</a>", summary, re.S)]


# --- The start page and the route ------------------------------------------------------------


def test_the_landing_page_offers_the_professional_route(client):
    html = client.get("/self-referral/").content.decode()
    assert "Are you a professional?" in html
    assert 'href="/self-referral/professional/"' in html


def test_the_professional_start_page_explains_and_starts_the_route(client):
    response = client.get("/self-referral/professional/")
    assert response.status_code == 200
    html = response.content.decode()
    assert [text(h) for h in H1.findall(html)] == ["Refer someone to the council as a professional"]
    assert "we will email you to tell you what happened" in html
    assert "best-interests decision" in html
    assert 'href="/self-referral/start/?as=professional"' in html


def test_starting_as_a_professional_presets_who_is_filling_in(client):
    start(client)
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    html = client.get("/self-referral/who/").content.decode()
    assert re.search(r'type="radio" value="professional" checked', html)
    assert '<span class="govuk-caption-l">Refer someone</span>' in html


def test_the_who_question_offers_the_professional_route(client):
    client.get("/self-referral/start/")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    html = client.get("/self-referral/who/").content.decode()
    assert 'value="professional"' in html and "I am a professional referring someone" in html
    assert 'value="professional" checked' not in html
    response = client.post(
        "/self-referral/who/", post_fields("who", {"filled_in_by": "professional"})
    )
    assert response["Location"] == "/self-referral/your-name/"


def professional_pages(client):
    """[(step, html)] of every question page, each read before it is answered."""
    start(client)
    pages = []
    for step, fields in step_data("professional"):
        pages.append((step, client.get(f"/self-referral/{step}/").content.decode()))
        response = client.post(f"/self-referral/{step}/", post_fields(step, fields))
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    pages.append(("done", client.get(response["Location"], follow=True).content.decode()))
    return pages


def test_every_page_has_one_h1_and_the_title_says_it(client):
    pages = professional_pages(client)
    steps = [step for step, _html in pages]
    assert steps[2:8] == PROFESSIONAL_STEPS
    assert "consent" not in steps and "relationship" not in steps
    for step, html in pages:
        headings = H1.findall(html)
        assert len(headings) == 1, step
        if step == "done":
            continue
        title = re.search(r"<title>(.*?) – Refer someone", html, re.S)
        assert title, step
        assert text(headings[0]) == title.group(1).strip(), step
    html = dict(pages)
    assert "What is your role?" in html["your-role"]
    assert "What is the name of your organisation?" in html["your-organisation"]
    assert "What are your work contact details?" in html["your-contact"]
    assert "Who gave consent for this referral?" in html["consent-given-by"]
    assert "When was consent given?" in html["consent-date"]
    # The person's pages speak about them, not to the professional.
    assert "What is their full name?" in html["name"]
    assert "What is their address?" in html["address"]


def test_consent_options_each_have_a_hint(client):
    answer_until(client, "consent-given-by")
    html = client.get("/self-referral/consent-given-by/").content.decode()
    for index in range(3):
        option = f"id_consent-given-by-consent_given_by_{index}"
        assert f'aria-describedby="{option}-item-hint"' in html
        assert f'id="{option}-item-hint" class="govuk-hint govuk-radios__hint"' in html
    assert "lasting power of attorney" in html and "best-interests decision" in html


def test_other_role_has_a_box_under_it(client):
    answer_until(client, "your-role")
    html = client.get("/self-referral/your-role/").content.decode()
    other = html.index('value="other"')
    box = html.index(
        '<div class="govuk-radios__conditional" id="conditional-id_your-role-role_other">'
    )
    assert other < box and "If other, what is your role?" in html[box:]
    # Shown, not revealed by GOV.UK's script (which would put aria-expanded on a radio).
    assert "data-aria-controls" not in html and "conditional--hidden" not in html


# --- Validation -----------------------------------------------------------------------------


def test_a_missing_role_is_an_error(client):
    assert errors_for(client, "your-role", {}) == ["Select your role"]


def test_other_without_a_role_is_an_error(client):
    assert errors_for(client, "your-role", {"role": "other"}) == ["Enter your role"]


def test_a_role_typed_without_javascript_counts_as_other(client):
    answer_until(client, "your-role")
    response = client.post(
        "/self-referral/your-role/", post_fields("your-role", {"role_other": "Pharmacist"})
    )
    assert response.status_code == 302


def test_a_role_typed_under_an_unticked_other_is_dropped(client):
    start(client)
    for step, fields in step_data("professional"):
        if step == "your-role":
            fields = {"role": "gp", "role_other": "Pharmacist"}  # JavaScript hid the box
        client.post(f"/self-referral/{step}/", post_fields(step, fields), follow=True)
    assert Referral.objects.get().answers["referrer"]["role"] == "gp"
    assert Referral.objects.get().answers["referrer"]["role_other"] == ""


def test_work_contact_details_are_marked_as_work_ones_for_autofill(client):
    answer_until(client, "your-contact")
    html = client.get("/self-referral/your-contact/").content.decode()
    assert 'autocomplete="work tel"' in html and 'autocomplete="work email"' in html
    assert "Work phone number" in html and "Work email address" in html


def test_a_missing_organisation_is_an_error(client):
    errors = errors_for(client, "your-organisation", {})
    assert errors == ["Enter the name of your organisation"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"referrer_phone": "0114 496 0123", "referrer_email": "asha@nhs"},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
        (
            {"referrer_phone": "0114 496 0123", "referrer_email": "asha nhs.example"},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
        ({"referrer_phone": "0114 496 0123"}, ["Enter your work email address"]),
        ({"referrer_email": "asha@nhs.example"}, ["Enter your work phone number"]),
        (
            {"referrer_phone": "call me", "referrer_email": "asha@nhs.example"},
            ["Enter a phone number, like 01632 960 001 or 07700 900 982"],
        ),
        ({}, ["Enter your work phone number", "Enter your work email address"]),
    ],
)
def test_work_contact_needs_a_phone_and_a_real_email(client, fields, expected):
    assert errors_for(client, "your-contact", fields) == expected


def test_someone_else_still_needs_only_one_way_to_contact_them(client):
    client.get("/self-referral/start/")
    for step, fields in step_data("someone_else"):
        if step == "your-contact":
            break
        client.post(f"/self-referral/{step}/", post_fields(step, fields))
    response = client.post(
        "/self-referral/your-contact/",
        post_fields("your-contact", {"referrer_phone": "0114 496 0001"}),
    )
    assert response.status_code == 302


def test_who_gave_consent_is_required(client):
    errors = errors_for(client, "consent-given-by", {})
    assert errors == ["Select who gave consent for this referral"]


def date_fields(day, month, year):
    return {"consent_day": day, "consent_month": month, "consent_year": year}


def test_a_consent_date_in_the_future_is_an_error(client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    fields = date_fields(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year))
    errors = errors_for(client, "consent-date", fields)
    assert errors == ["Date consent was given must be today or in the past"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (date_fields("", "", ""), "Enter the date consent was given"),
        (date_fields("3", "", "2026"), "Date consent was given must include a month"),
        (date_fields("3", "12", ""), "Date consent was given must include a year"),
        (date_fields("31", "2", "2026"), "Date consent was given must be a real date"),
        (date_fields("3", "12", "26"), "Date consent was given must be a real date"),
        (date_fields("three", "12", "2026"), "Date consent was given must be a real date"),
        (date_fields("3", "12", "1999"), "Date consent was given must be the same as or after"),
    ],
)
def test_consent_date_errors_follow_govuk(client, fields, expected):
    errors = errors_for(client, "consent-date", fields)
    assert len(errors) == 1 and errors[0].startswith(expected), errors


def test_a_missing_month_links_to_the_month(client):
    answer_until(client, "consent-date")
    html = client.post(
        "/self-referral/consent-date/", post_fields("consent-date", date_fields("3", "", "2026"))
    ).content.decode()
    assert 'href="#id_consent-date-consent_month"' in html
    assert "govuk-input--error" in html


def test_todays_date_is_accepted(client):
    today = timezone.localdate()
    answer_until(client, "consent-date")
    response = client.post(
        "/self-referral/consent-date/",
        post_fields("consent-date", date_fields(str(today.day), str(today.month), str(today.year))),
    )
    assert response.status_code == 302


# --- Check your answers, storing, routing, confirmation ----------------------------------------


def test_check_answers_shows_your_details_and_about_the_person(client):
    walk(client, "professional", stop_before="check")
    html = client.get("/self-referral/check/").content.decode()
    sections = [unescape(title) for title in SECTION.findall(html)]
    assert sections.index("Your details") < sections.index("The person's consent")
    assert sections.index("The person's consent") < sections.index("About the person")
    labels = KEY.findall(html)
    for label in (
        "Your name",
        "Your role",
        "Organisation",
        "Work phone number",
        "Work email address",
        "Consent given by",
        "Date consent was given",
    ):
        assert label in labels, label
    assert "Social prescriber or link worker" in html
    assert "Someone with lasting power of attorney, or a deputy, for health and welfare" in html
    given = consent_date()
    assert f"{given.day} {given:%B %Y}" in html
    assert "Email me a confirmation" not in html
    assert "has agreed to it as you have told us" in html
    assert "Check your answers before sending your referral" in html
    assert "Now send your referral" in html


def test_the_stored_referral_keeps_the_referrer_and_the_consent(client):
    walk(client, "professional")
    referral = Referral.objects.get()
    assert referral.filled_in_by == FilledInBy.PROFESSIONAL
    assert route_for(referral.filled_in_by) == Route.PROFESSIONAL
    assert referral.team == Team.FIRST_CONTACT
    stored = referral.answers
    assert stored["referrer"] == {
        "referrer_name": "Dr Asha Rahman",
        "role": "social_prescriber",
        "role_other": "",
        "organisation": "Walkley Social Prescribing",
        "referrer_phone": "0114 496 0123",
        "referrer_email": "asha@nhs.example",
    }
    assert stored["consent"] == {
        "consent_given_by": "attorney",
        "consent_date": consent_date().isoformat(),
    }
    assert stored["person"]["full_name"] == "Margaret Example"
    assert stored["wants_confirmation_email"] is False
    # No confirmation email to anyone at sending: the referrer hears when it is closed.
    kinds = set(OutboxMessage.objects.filter(referral=referral).values_list("kind", flat=True))
    assert OutboxMessage.Kind.CONFIRMATION_EMAIL not in kinds


def test_the_confirmation_tells_the_professional_about_feedback(client):
    html = walk(client, "professional").content.decode()
    reference = Referral.objects.get().reference
    assert "Referral sent" in html and reference in html
    assert "When the referral is closed, we will email you at" in html
    assert "a\u2022\u2022\u2022\u2022@nhs.example" in html
    assert "asha@nhs.example" not in html
    assert "give it to the person you referred" in html
    assert 'href="/self-referral/status/"' in html and "their date of birth" in html
    assert "contact the person you referred by" in html


def test_someone_elses_confirmation_is_unchanged(client):
    html = walk(client, "someone_else").content.decode()
    assert "Request sent" in html and "When the referral is closed" not in html


# --- The staff referral page --------------------------------------------------------------------


def staff_page(client, made):
    client.force_login(StaffFactory(roles=["First Contact"]))
    raw = client.get(f"/admin/referrals/{made.pk}/").content.decode()
    return raw, *page_text(client, made)


def test_the_referral_page_shows_who_referred_and_the_consent(client):
    made = referral(filled_in_by=FilledInBy.PROFESSIONAL)
    raw, page, values = staff_page(client, made)
    assert "Referred by" in page
    assert page.index("Referred by") < page.index("About the person")
    for shown in (
        "Dr Asha Rahman",
        "GP or practice staff",
        "Walkley Road Surgery",
        "0114 496 0123",
        "asha.rahman@nhs.example",
        "Given by the person themselves on 3 December 2026",
        "Dr Asha Rahman (GP or practice staff, Walkley Road Surgery), a professional",
    ):
        assert shown in page, shown
    assert 'href="tel:+441144960123"' in raw
    assert 'href="mailto:asha.rahman@nhs.example"' in raw
    assert "best-interests decision" not in page
    assert "Other answers" not in page  # every answer has its place
    assert_no_codes_or_iso_dates(page, values)


def test_a_best_interests_decision_is_flagged(client):
    made = referral(
        filled_in_by=FilledInBy.PROFESSIONAL,
        consent={"consent_given_by": "best_interests", "consent_date": "2026-11-30"},
    )
    _raw, page, values = staff_page(client, made)
    flags = page[page.index("Look out for") : page.index("Move it on")]
    assert "Consent: a best-interests decision" in flags
    assert (
        "A best-interests decision (the person lacks capacity to decide) made on 30 November 2026"
        in page
    )
    assert_no_codes_or_iso_dates(page, values)


def test_an_other_role_is_shown_as_typed(client):
    referrer = {
        **answers(FilledInBy.PROFESSIONAL)["referrer"],
        "role": "other",
        "role_other": "Community pharmacist",
    }
    made = referral(filled_in_by=FilledInBy.PROFESSIONAL, referrer=referrer)
    _raw, page, _values = staff_page(client, made)
    assert "Community pharmacist" in page


# --- Demo data ------------------------------------------------------------------------------


def test_demo_data_has_a_plausible_share_of_professional_referrals(client):
    now = timezone.now()
    demo = DemoReferrals(seed=23, now=now)
    requests = [
        SyntheticReferral(now - datetime.timedelta(days=n % 30), None, f"s{n}", n % 5 == 0)
        for n in range(500)
    ]
    planned = [demo.answers(request) for request in requests]
    professional = [a for a in planned if a["filled_in_by"] == FilledInBy.PROFESSIONAL]
    assert 0.10 <= len(professional) / len(planned) <= 0.20
    assert {a["referrer"]["role"] for a in professional} >= {"gp", "hospital_discharge"}
    for made in professional:
        assert made["referrer"]["organisation"] and "@" in made["referrer"]["referrer_email"]
        assert made["consent"]["consent_given_by"] in {"person", "attorney", "best_interests"}
        assert datetime.date.fromisoformat(made["consent"]["consent_date"]) <= now.date()
        assert not made["wants_confirmation_email"]
    sent = demo.send_one(requests[planned.index(professional[0])], professional[0])
    assert sent.team == Team.FIRST_CONTACT and sent.filled_in_by == FilledInBy.PROFESSIONAL
    _raw, page, values = staff_page(client, sent)
    assert "Referred by" in page and "Other answers" not in page
    assert_no_codes_or_iso_dates(page, values)

"""Every validation rule of the wizard, with its message, and the abuse defences."""

import pytest

from referrals.models import Referral
from tests.factories.referrals import post_fields, step_data
from tests.referrals.conftest import walk

pytestmark = pytest.mark.django_db


def go_to(client, path, step):
    walk(client, path, stop_before=step)


def post(client, step, fields):
    return client.post(f"/self-referral/{step}/", post_fields(step, fields))


def answer(path, step, **changes):
    """A journey's answer for one step, changed; a change to None leaves that field out."""
    fields = dict(dict(step_data(path))[step])
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def assert_error(response, message):
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert "There is a problem" in html and "govuk-error-summary" in html
    assert message in html, html[html.find("govuk-error-summary") :][:1500]


@pytest.mark.parametrize(
    ("step", "fields", "message"),
    [
        ("urgent", {}, "Select whether anyone is in danger or being abused"),
        ("who", {}, "Select who is filling in this form"),
        ("consent", {}, "Tick the box to agree"),
    ],
)
def test_first_steps_need_an_answer(client, gazetteer, step, fields, message):
    go_to(client, "myself", step)
    assert_error(post(client, step, fields), message)


@pytest.mark.parametrize(
    ("step", "changes", "message"),
    [
        ("name", {"full_name": ""}, "Enter your full name"),
        ("name", {"full_name": "x" * 201}, "Full name must be 200 characters or fewer"),
        (
            "date-of-birth",
            {"dob_day": "", "dob_month": "", "dob_year": ""},
            "Enter your date of birth",
        ),
        ("date-of-birth", {"dob_month": ""}, "Date of birth must include a month"),
        ("date-of-birth", {"dob_day": "31", "dob_month": "2"}, "Date of birth must be a real date"),
        ("date-of-birth", {"dob_year": "42"}, "Date of birth must be a real date"),
        ("date-of-birth", {"dob_day": "x"}, "Date of birth must be a real date"),
        ("date-of-birth", {"dob_year": "2999"}, "Date of birth must be in the past"),
        (
            "date-of-birth",
            {"dob_year": "1850"},
            "Date of birth must be the same as or after 1 January 1900",
        ),
        ("address", {"address_line_1": ""}, "Enter address line 1"),
        ("address", {"town": ""}, "Enter the town or city"),
        ("address", {"postcode": ""}, "Enter a postcode, like S1 2HH"),
        ("address", {"postcode": "not a postcode"}, "Enter a real postcode, like S1 2HH"),
        ("address", {"postcode": "S9 9ZZ"}, "We could not find the postcode S9 9ZZ"),
        (
            "contact",
            {"methods": None, "phone": "", "email": ""},
            "Select how we should contact you",
        ),
        ("contact", {"phone": "123"}, "Enter a phone number, like 01632 960 001"),
        ("contact", {"email": "not-an-email"}, "Enter an email address in the correct format"),
        ("contact", {"methods": ["phone"], "phone": ""}, "Enter a phone number"),
        ("contact", {"methods": ["email"], "email": ""}, "Enter an email address"),
        ("best-time", {"best_time": None}, "Select the best time to call"),
        (
            "contact-notes",
            {"contact_notes": "x" * 501},
            "Contact notes must be 500 characters or fewer",
        ),
    ],
)
def test_person_rules(client, gazetteer, step, changes, message):
    go_to(client, "myself", step)
    assert_error(post(client, step, answer("myself", step, **changes)), message)


def test_contact_keeps_only_the_ways_chosen(client, gazetteer):
    """With JavaScript an unticked option's box is hidden but still sent: its answer is
    dropped. Without JavaScript every box shows: typed in with nothing ticked, it counts."""
    go_to(client, "myself", "contact")
    response = post(
        client,
        "contact",
        {"methods": ["email"], "phone": "0114 496 0000", "email": "m@example.com"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/contact-notes/")  # not phoned: no best time
    go_to(client, "myself", "contact")
    response = post(client, "contact", {"phone": "0114 496 0000"})  # nothing ticked
    assert response["Location"].endswith("/best-time/")


def test_someone_else_labels_and_referrer_rules(client, gazetteer):
    go_to(client, "someone_else", "consent")
    assert_error(post(client, "consent", {}), "Select whether the person knows and agrees")
    post(client, "consent", {"person_agrees": "yes"})
    assert_error(post(client, "your-name", {}), "Enter your full name")
    post(client, "your-name", {"referrer_name": "Sam"})
    assert_error(post(client, "relationship", {}), "Enter how you know the person")
    post(client, "relationship", {"relationship": "friend"})
    assert_error(
        post(client, "your-contact", {}),
        "Enter a phone number or an email address so we can contact you",
    )
    post(client, "your-contact", {"referrer_phone": "07700 900982"})
    response = client.get("/self-referral/name/")
    assert "What is their full name?" in response.content.decode()
    assert_error(post(client, "name", {"full_name": ""}), "Enter their full name")


@pytest.mark.parametrize(
    ("step", "fields", "message"),
    [
        ("communication", {"needs": ["other"]}, "Tell us what else would help with communication"),
        (
            "communication",
            {"needs": ["interpreter"]},
            "Enter the language the interpreter should speak",
        ),
        (
            "communication",
            {"needs": ["interpreter"], "language": "x" * 61},
            "Language must be 60 characters or fewer",
        ),
        ("situation", {}, "Tell us what is happening"),
        (
            "situation",
            {"what_is_happening": "x" * 5001},
            "What is happening? must be 5,000 characters or fewer",
        ),
        ("outcomes", {}, "Select at least one thing that would help"),
        ("outcomes", {"outcomes": ["something_else"]}, "Tell us what else would help"),
        ("gp", {"gp_practice": "x" * 201}, "GP practice name must be 200 characters or fewer"),
    ],
)
def test_later_step_rules(client, gazetteer, step, fields, message):
    go_to(client, "myself", step)
    assert_error(post(client, step, fields), message)


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("carer-hours", "Select how many hours a week you spend caring"),
        ("carer-support", "Select who the support is for"),
        ("carers-assessment", "Select yes if you would like a carer"),
        ("about-cared-for", "Select yes if you want to tell us about the person you care for"),
    ],
)
def test_carer_rules(client, gazetteer, step, message):
    go_to(client, "carer", step)
    assert_error(post(client, step, {}), message)


def test_cared_for_rules(client, gazetteer):
    go_to(client, "carer", "cared-for")
    response = post(client, "cared-for", {})
    assert_error(response, "Enter how the person you care for is related to you")


def test_error_summary_links_to_the_field(client, gazetteer):
    go_to(client, "myself", "name")
    html = post(client, "name", {"full_name": ""}).content.decode()
    assert 'href="#id_name-full_name"' in html and 'id="id_name-full_name"' in html
    assert "<title>Error:" in html


def test_honeypot_rejects_with_a_neutral_message(client, gazetteer):
    go_to(client, "myself", "check")
    client.post("/self-referral/check/", post_fields("check", {"website": "http://spam"}))
    response = client.get("/self-referral/finished/")
    assert response.status_code == 400
    assert "We could not send your request" in response.content.decode()
    assert Referral.objects.count() == 0


def test_rate_limit_per_client(client, gazetteer, settings):
    settings.REFERRAL_RATE_LIMIT = "1/h"
    from django.core.cache import cache

    cache.clear()
    walk(client, "myself")
    assert Referral.objects.count() == 1
    go_to(client, "myself", "check")
    client.post("/self-referral/check/", post_fields("check", {}))
    response = client.get("/self-referral/finished/")
    assert response.status_code == 429
    assert "We could not send your request" in response.content.decode()
    assert Referral.objects.count() == 1


def test_oversized_request_is_refused_not_crashed(client, gazetteer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    go_to(client, "myself", "situation")
    response = post(client, "situation", {"what_is_happening": "x" * 20_000})
    assert response.status_code == 400


def test_a_box_hidden_under_an_unticked_option_causes_no_error(client, gazetteer):
    """Phone ticked, a wrong number typed, Phone unticked (JavaScript hides its box) and
    Email chosen: the hidden number is dropped, not an error the person cannot see."""
    go_to(client, "myself", "contact")
    response = post(
        client, "contact", {"methods": ["email"], "phone": "123", "email": "m@example.com"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/contact-notes/")

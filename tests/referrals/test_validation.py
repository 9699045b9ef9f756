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


def person(**changes):
    fields = dict(dict(step_data("myself"))["person"])
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
    ("changes", "message"),
    [
        ({"full_name": ""}, "Enter your full name"),
        ({"full_name": "x" * 201}, "Full name must be 200 characters or fewer"),
        ({"dob_day": "", "dob_month": "", "dob_year": ""}, "Enter your date of birth"),
        ({"dob_month": ""}, "Date of birth must include a month"),
        ({"dob_day": "31", "dob_month": "2"}, "Date of birth must be a real date"),
        ({"dob_year": "42"}, "Date of birth must be a real date"),
        ({"dob_day": "x"}, "Date of birth must be a real date"),
        ({"dob_year": "2999"}, "Date of birth must be in the past"),
        ({"dob_year": "1850"}, "Date of birth must be the same as or after 1 January 1900"),
        ({"address_line_1": ""}, "Enter address line 1"),
        ({"town": ""}, "Enter the town or city"),
        ({"postcode": ""}, "Enter a postcode, like S1 2HH"),
        ({"postcode": "not a postcode"}, "Enter a real postcode, like S1 2HH"),
        ({"postcode": "S9 9ZZ"}, "We could not find the postcode S9 9ZZ"),
        ({"phone": "", "email": ""}, "Enter a phone number or an email address"),
        ({"phone": "123"}, "Enter a phone number, like 01632 960 001"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        (
            {"phone": "", "contact_method": "phone"},
            "Enter a phone number, or choose to be contacted by email",
        ),
        (
            {"email": "", "contact_method": "email"},
            "Enter an email address, or choose to be contacted by phone",
        ),
        ({"contact_method": None}, "Select how we should contact you"),
        ({"best_time": None}, "Select the best time to contact"),
    ],
)
def test_person_rules(client, gazetteer, changes, message):
    go_to(client, "myself", "person")
    assert_error(post(client, "person", person(**changes)), message)


def test_someone_else_labels_and_referrer_rules(client, gazetteer):
    go_to(client, "someone_else", "consent")
    assert_error(post(client, "consent", {}), "Select whether the person knows and agrees")
    post(client, "consent", {"person_agrees": "yes"})
    assert_error(post(client, "your-details", {}), "Enter your full name")
    assert_error(
        post(client, "your-details", {"referrer_name": "Sam", "relationship": "friend"}),
        "Enter a phone number or an email address so we can contact you",
    )
    post(
        client,
        "your-details",
        {"referrer_name": "Sam", "relationship": "friend", "referrer_phone": "07700 900982"},
    )
    assert_error(post(client, "person", person(full_name="")), "Enter their full name")


@pytest.mark.parametrize(
    ("step", "fields", "message"),
    [
        ("communication", {"needs": ["other"]}, "Tell us what else would help with communication"),
        ("communication", {"language": "x" * 61}, "Language must be 60 characters or fewer"),
        ("situation", {}, "Tell us what is happening"),
        (
            "situation",
            {"what_is_happening": "x" * 5001},
            "What is happening? must be 5,000 characters or fewer",
        ),
        ("outcomes", {}, "Select at least one thing that would help"),
        ("gp", {"gp_practice": "x" * 201}, "GP practice name must be 200 characters or fewer"),
    ],
)
def test_later_step_rules(client, gazetteer, step, fields, message):
    go_to(client, "myself", step)
    assert_error(post(client, step, fields), message)


def test_carer_rules(client, gazetteer):
    go_to(client, "carer", "carer")
    response = post(client, "carer", {})
    for message in (
        "Select how many hours a week you spend caring",
        "Select who the support is for",
        "Select yes if you would like a carer",
        "Select yes if you want to tell us about the person you care for",
    ):
        assert_error(response, message)


def test_cared_for_rules(client, gazetteer):
    go_to(client, "carer", "cared-for")
    response = post(client, "cared-for", {})
    assert_error(response, "Enter how the person you care for is related to you")


def test_error_summary_links_to_the_field(client, gazetteer):
    go_to(client, "myself", "person")
    html = post(client, "person", person(full_name="")).content.decode()
    assert 'href="#id_person-full_name"' in html and 'id="id_person-full_name"' in html
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

"""Check your answers, "Accept and send", and the confirmation's "what happens next" (#21)."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Site

from portal.models import SiteSettings
from referrals.models import Referral
from tests.factories.referrals import post_fields, step_data
from tests.referrals.conftest import walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]

KEY = re.compile(r'<dt class="govuk-summary-list__key">(.*?)</dt>')
HIDDEN = re.compile(r'Change<span class="govuk-visually-hidden"> (.*?)</span>')
MASKED = "m\u2022\u2022\u2022\u2022@example.com"


def check_page(client, path="myself"):
    walk(client, path, stop_before="check")
    response = client.get("/self-referral/check/")
    assert response.status_code == 200
    return response.content.decode()


def send(client, path="myself", **check_fields):
    walk(client, path, stop_before="check")
    return client.post("/self-referral/check/", post_fields("check", check_fields), follow=True)


def test_rows_use_short_labels_without_optional(client):
    labels = KEY.findall(check_page(client))
    assert "Name" in labels and "Date of birth" in labels and "Best time to call" in labels
    assert "Communication needs" in labels and "GP practice" in labels
    assert not [label for label in labels if "optional" in label or label.endswith("?")]


def test_the_address_is_one_row_a_line_each(client):
    html = check_page(client)
    labels = KEY.findall(html)
    assert labels.count("Address") == 1
    assert not {"Address line 1", "Address line 2", "Town or city", "Postcode"} & set(labels)
    assert "1 Test Street<br>Sheffield<br>S1 2HH</dd>" in html


@pytest.mark.parametrize(("path", "whose"), [("myself", "your"), ("someone_else", "their")])
def test_change_links_say_what_they_change(client, path, whose):
    hidden = HIDDEN.findall(check_page(client, path))
    assert f"{whose} address" in hidden and f"{whose} date of birth" in hidden
    assert "GP practice" in hidden and "best time to call" in hidden
    assert not [text for text in hidden if text.lower().startswith("i ") or "optional" in text]
    assert len(hidden) == len(set(hidden))  # each link's text tells it from the others


def test_a_change_returns_to_check_answers(client):
    html = check_page(client)
    assert 'href="/self-referral/address/?change=1"' in html
    assert client.get("/self-referral/address/?change=1").status_code == 200
    address = {**dict(step_data("myself"))["address"], "address_line_1": "2 New Road"}
    response = client.post("/self-referral/address/", post_fields("address", address))
    assert response["Location"] == "/self-referral/check/"
    assert "2 New Road<br>Sheffield" in client.get("/self-referral/check/").content.decode()


def test_the_declaration_is_on_check_answers_with_no_box_to_tick(client):
    html = check_page(client)
    assert "By sending this request you are confirming" in html
    assert ">Accept and send</button>" in html
    assert 'name="check-declaration"' not in html
    assert html.count('type="checkbox"') == 1  # only "Email me a confirmation"
    assert "within 5 working days" in html


def test_accept_and_send_stores_exactly_one_referral(client):
    response = send(client)
    assert response.redirect_chain[-1][0] == "/self-referral/done/"
    referral = Referral.objects.get()
    assert referral.reference in response.content.decode()
    assert all(referral.reference not in url for url, _status in response.redirect_chain)
    again = client.post("/self-referral/check/", post_fields("check", {}), follow=True)
    assert referral.reference in again.content.decode()
    assert Referral.objects.count() == 1


def test_the_confirmation_says_what_happens_next(client, site):
    row = SiteSettings.for_site(site)
    row.referral_response_working_days = 3
    row.first_contact_phone = "0114 273 4567"
    row.save()
    send(client, send_confirmation="on")
    # Sent on Wednesday 23 December 2026: Christmas and the Boxing Day substitute skipped.
    sent = timezone.make_aware(datetime.datetime(2026, 12, 23, 16, 30))
    Referral.objects.update(created_at=sent)
    html = client.get("/self-referral/done/").content.decode()
    assert "Someone from First Contact (the council&#x27;s adult social care team) will" in html
    assert "will contact you by <strong>Wednesday 30 December 2026</strong>" in html
    assert f"confirmation email with your reference number to <strong>{MASKED}</strong>" in html
    assert "We will also email you there when a partner" in html  # the address shown once
    assert html.count(MASKED) == 1
    assert "margaret@example.com" not in html
    assert 'href="tel:+441142734567">0114 273 4567</a>' in html


def test_the_confirmation_says_when_no_email_was_sent(client):
    html = send(client).content.decode()
    assert "We have not sent a confirmation email" in html
    # The address given is still where the "accepted" and "closed" emails go (#23), and the
    # page says so, masked.
    assert f"We will also email <strong>{MASKED}</strong> when a partner" in html
    assert "margaret@example.com" not in html


def test_a_carer_hears_from_the_carers_centre(client, site):
    html = send(client, "carer").content.decode()
    assert "Someone from the Carers Centre will contact you by" in html
    phone = SiteSettings.for_site(site).carers_centre_phone
    assert f">{phone}</a>" in html and 'href="tel:+44' in html


def test_someone_asking_for_another_person_is_told_who_we_contact(client):
    html = send(client, "someone_else").content.decode()
    assert "will contact the person you asked about by" in html


def test_the_confirmation_works_with_no_wagtail_site(client):
    """A database emptied between tests (the live-server drills) has no Site: the settings'
    defaults answer, and the referral already stored is still confirmed."""
    walk(client, "myself", stop_before="check")
    Site.objects.all().delete()
    html = client.post("/self-referral/check/", post_fields("check", {}), follow=True)
    assert Referral.objects.count() == 1
    assert "Someone from First Contact" in html.content.decode()


@pytest.mark.parametrize(
    ("path", "title"),
    [("myself", "About you"), ("carer", "About you"), ("someone_else", "About the person")],
)
def test_the_person_section_says_whose_answers_they_are(client, path, title):
    html = check_page(client, path)
    assert f'<h2 class="govuk-heading-m">{title}</h2>' in html


def test_each_route_promises_its_own_teams_working_days(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.referral_response_working_days = 5
    settings.carers_centre_response_working_days = 3
    settings.save()
    assert "within 3 working days" in check_page(client, "carer")
    assert "within 3 working days" in client.get("/self-referral/?as=carer").content.decode()
    assert "within 5 working days" in client.get("/self-referral/").content.decode()

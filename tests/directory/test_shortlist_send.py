"""'Send this list to yourself' (issue #20): one GOV.UK Notify request per send, through the
test settings' LocmemBackend; the address or number is never stored, logged or put in a URL."""

import logging
import uuid

import pytest
import requests
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import shortlist_send
from tests.factories.directory import LocationFactory, PhoneFactory, ServiceFactory

pytestmark = pytest.mark.django_db

SEND_URL = reverse("directory:shortlist_send")
EMAIL = "sam.visitor@example.org"
MOBILE = "07700 900123"
NOTIFY_KEY = f"test_key-{uuid.uuid4()}-{uuid.uuid4()}"
COULD_NOT_SEND = "We could not send your list just now. Your shortlist is still saved on this device. Try again later, or print it."


@pytest.fixture
def lunch_club():
    service = ServiceFactory(name="Darnall Lunch Club", location=LocationFactory())
    PhoneFactory(service=service, number="0114 273 4567", description="Bookings")
    return service


def shortlist(client, *services):
    for service in services:
        client.post(reverse("directory:shortlist_add"), {"service": str(service.id)})


def page(response) -> str:
    return response.content.decode()


def test_sending_by_email_makes_one_notify_request_with_the_listings(
    client, lunch_club, notify_outbox
):
    shortlist(client, lunch_club)
    response = client.post(SEND_URL, {"by": "email", "email": EMAIL})

    assert response.status_code == 302
    assert response.url == f"{reverse('directory:shortlist_sent')}?by=email"
    assert len(notify_outbox) == 1
    sent = notify_outbox[0]
    assert (sent.channel, sent.recipient) == ("email", EMAIL)
    assert sent.template_id == "test-shortlist-email-template"
    listings = sent.personalisation["listings"]
    location = lunch_club.service_at_locations.get().location
    for line in (
        "Darnall Lunch Club",
        lunch_club.organisation.name,
        "Bookings: 0114 273 4567",
        location.one_line_address,
        f"http://testserver/services/{lunch_club.id}/",
    ):
        assert line in listings
    assert sent.personalisation["count"] == "1 service"

    confirmation = client.get(response.url)
    assert "We have sent your list" in page(confirmation)
    assert "to your email address" in page(confirmation)


def test_sending_by_text_message_sends_a_short_list_to_the_number_in_international_form(
    client, lunch_club, notify_outbox
):
    PhoneFactory(service=lunch_club, number="07700 900999", description="Mobile")
    shortlist(client, lunch_club)
    response = client.post(SEND_URL, {"by": "sms", "phone": MOBILE, "email": "not an address"})

    assert response.status_code == 302
    assert response.url.endswith("?by=sms")
    [sent] = notify_outbox
    assert (sent.channel, sent.recipient) == ("sms", "+447700900123")
    assert sent.template_id == "test-shortlist-sms-template"
    assert sent.personalisation["listings"] == (
        f"Darnall Lunch Club\n0114 273 4567\nhttp://testserver/services/{lunch_club.id}/"
    )
    assert "by text message to your phone" in page(client.get(response.url))


def test_the_address_is_in_no_log_record_session_url_or_database_write(
    client, lunch_club, notify_outbox, caplog
):
    shortlist(client, lunch_club)
    client.get(SEND_URL)  # the site's settings row is made on the first page of a new site
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(SEND_URL, {"by": "email", "email": EMAIL}, follow=True)

    assert response.status_code == 200
    assert len(notify_outbox) == 1
    # The console line: the request with the recipient redacted.
    console = [record for record in caplog.records if record.name == "portal.notify"]
    assert len(console) == 1
    assert "[redacted]" in console[0].getMessage()
    assert "test-shortlist-email-template" in console[0].getMessage()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "sam.visitor" not in logged
    # Not in a URL, the session or the database.
    assert all("sam.visitor" not in url for url, _status in response.redirect_chain)
    assert "sam.visitor" not in response.request["QUERY_STRING"]
    assert "sessionid" not in client.cookies
    assert all("sam.visitor" not in str(value) for value in client.session.values())
    sql = [query["sql"] for query in queries.captured_queries]
    assert not [line for line in sql if line.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert all("sam.visitor" not in line for line in sql)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, ["Select how you want to get your list"]),
        ({"by": "post"}, ["Select how you want to get your list"]),
        ({"by": "email"}, ["Enter your email address"]),
        (
            {"by": "email", "email": "sam.visitor@"},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
        ({"by": "sms"}, ["Enter your mobile phone number"]),
        (
            {"by": "sms", "phone": "0114 273 4567"},
            ["Enter a UK mobile phone number, like 07700 900 982"],
        ),
        (
            {"by": "sms", "phone": "text 07700 900123"},
            ["Enter a UK mobile phone number, like 07700 900 982"],
        ),
    ],
)
def test_a_missing_choice_or_a_bad_address_shows_the_error_summary(
    client, lunch_club, notify_outbox, data, errors
):
    shortlist(client, lunch_club)
    response = client.post(SEND_URL, data)

    assert response.status_code == 400
    html = page(response)
    assert "govuk-error-summary" in html
    assert "<title>Error:" in html
    for error in errors:
        assert error in html
    assert notify_outbox == []


@pytest.mark.parametrize(
    "failure",
    [
        requests.ConnectionError("Connection refused"),
        requests.Timeout("Read timed out"),
        requests.HTTPError("500 Server Error"),
    ],
    ids=["connection-refused", "timeout", "server-error"],
)
def test_when_notify_is_down_the_visitor_is_told_and_nothing_breaks(
    client, lunch_club, settings, monkeypatch, caplog, failure
):
    """The real client, its HTTP session failing: a clear message and a 503, never a 500."""
    settings.NOTIFY_BACKEND = "portal.notify.NotifyClientBackend"
    settings.NOTIFY_API_KEY = NOTIFY_KEY
    asked = []

    def fail(session, method, url, **kwargs):
        asked.append((method, url, kwargs["timeout"]))
        raise failure

    monkeypatch.setattr(requests.Session, "request", fail)
    shortlist(client, lunch_club)
    caplog.set_level(logging.DEBUG)
    response = client.post(SEND_URL, {"by": "email", "email": EMAIL})

    assert asked == [("POST", f"{settings.NOTIFY_BASE_URL}/v2/notifications/email", 5)]
    assert response.status_code == 503
    html = page(response)
    assert COULD_NOT_SEND in html
    assert 'href="/shortlist/?print=1"' in html
    assert "sam.visitor" not in "\n".join(record.getMessage() for record in caplog.records)
    assert "Notify: a email could not be sent" not in html


def test_over_the_rate_limit_nothing_is_sent_and_the_visitor_is_told(
    client, lunch_club, settings, notify_outbox
):
    settings.SHORTLIST_SEND_RATE_LIMIT = "2/h"
    shortlist(client, lunch_club)
    answers = [client.post(SEND_URL, {"by": "email", "email": EMAIL}) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "You have sent your list a lot of times in a short time." in page(answers[2])
    assert len(notify_outbox) == 2
    other_visitor = Client(REMOTE_ADDR="192.0.2.99")
    shortlist(other_visitor, lunch_club)
    assert other_visitor.post(SEND_URL, {"by": "email", "email": EMAIL}).status_code == 302


def test_with_nothing_on_the_shortlist_there_is_nothing_to_send(client, notify_outbox):
    assert "There is nothing to send" in page(client.get(SEND_URL))
    response = client.post(SEND_URL, {"by": "email", "email": EMAIL})
    assert response.status_code == 200
    assert "There is nothing to send" in page(response)
    assert notify_outbox == []


def test_the_shortlist_page_links_to_the_send_page(client, lunch_club):
    shortlist(client, lunch_club)
    assert f'href="{SEND_URL}"' in page(client.get(reverse("directory:shortlist")))
    form = page(client.get(SEND_URL))
    assert 'name="by" type="radio" value="email"' in form
    assert 'name="by" type="radio" value="sms"' in form
    # Both fields show (no GOV.UK conditional reveal, whose aria-expanded on radios axe reports).
    assert 'id="id_email"' in form and 'id="id_phone"' in form
    assert "data-aria-controls" not in form and "govuk-radios__conditional--hidden" not in form


def test_without_notify_sending_is_not_offered(client, lunch_club, settings):
    settings.NOTIFY_BACKEND = ""
    shortlist(client, lunch_club)
    assert SEND_URL not in page(client.get(reverse("directory:shortlist")))
    assert client.get(SEND_URL).status_code == 404


def test_only_the_ways_with_a_template_are_offered(client, lunch_club, settings, notify_outbox):
    settings.NOTIFY_SHORTLIST_SMS_TEMPLATE_ID = ""
    shortlist(client, lunch_club)
    assert 'value="sms"' not in page(client.get(SEND_URL))
    response = client.post(SEND_URL, {"by": "sms", "phone": MOBILE})
    assert response.status_code == 400
    assert notify_outbox == []


def test_a_filled_honeypot_sends_nothing(client, lunch_club, notify_outbox):
    shortlist(client, lunch_club)
    response = client.post(SEND_URL, {"by": "email", "email": EMAIL, "website": "spam.example"})
    assert response.status_code == 302
    assert notify_outbox == []


def test_sending_needs_the_csrf_token(lunch_club, notify_outbox):
    client = Client(enforce_csrf_checks=True)
    shortlist(client, lunch_club)
    assert client.post(SEND_URL, {"by": "email", "email": EMAIL}).status_code == 403
    assert notify_outbox == []


def test_a_long_shortlist_fits_a_text_message_and_counts_the_rest(client, notify_outbox):
    services = [ServiceFactory(name=f"Group with a long name number {n}") for n in range(12)]
    for service in services:
        PhoneFactory(service=service, number="0114 273 4567")
    shortlist(client, *services)
    client.post(SEND_URL, {"by": "sms", "phone": MOBILE})

    listings = notify_outbox[0].personalisation["listings"]
    assert len(listings) <= shortlist_send.SMS_LISTINGS_MAX_CHARS
    shown = listings.count("Group with a long name")
    assert 1 < shown < 12
    assert listings.endswith(f"and {12 - shown} more on your shortlist")
    assert notify_outbox[0].personalisation["count"] == "12 services"


def test_text_messages_use_plain_quotes_and_dashes():
    blocks = [f"Sam’s “Friday” café – {n}" for n in range(2)]
    assert shortlist_send.sms_listings(blocks) == "\n\n".join(blocks)
    service = ServiceFactory(name="Sam’s “Friday” club – Darnall")
    request = shortlist_send.build_request("sms", "+447700900123", [service], lambda path: path)
    assert request.personalisation["listings"].startswith('Sam\'s "Friday" club - Darnall\n')

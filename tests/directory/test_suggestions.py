"""Public suggestion forms: suggest a change, tell us about a group; honeypot, rate limit."""

import uuid

import pytest
from django.core.cache import cache

from directory.models import ChangeSuggestion
from tests.factories.directory import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.SUGGESTION_RATE_LIMIT = "off"
    cache.clear()


def test_suggest_change_page_renders(client):
    service = ServiceFactory(name="Memory café")
    response = client.get(f"/services/{service.pk}/suggest-change/")
    assert response.status_code == 200
    assert b"Suggest a change" in response.content and b"Memory caf" in response.content


def test_suggest_change_only_for_published_services(client):
    draft = ServiceFactory(live=False)
    assert client.get(f"/services/{draft.pk}/suggest-change/").status_code == 404
    assert client.get(f"/services/{uuid.uuid4()}/suggest-change/").status_code == 404


def test_suggest_change_creates_a_suggestion(client):
    service = ServiceFactory()
    response = client.post(
        f"/services/{service.pk}/suggest-change/",
        {"details": "It now meets on Fridays.", "contact_email": "me@example.org"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/services/suggestion-sent/"
    suggestion = ChangeSuggestion.objects.get()
    assert suggestion.service == service
    assert suggestion.kind == ChangeSuggestion.Kind.CHANGE
    assert suggestion.details == "It now meets on Fridays."
    assert suggestion.contact_email == "me@example.org"
    assert suggestion.status == ChangeSuggestion.Status.NEW
    assert client.get(response["Location"]).status_code == 200


def test_errors_are_summarised_and_linked_to_fields(client):
    service = ServiceFactory()
    response = client.post(
        f"/services/{service.pk}/suggest-change/", {"details": "", "contact_email": "not-an-email"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'href="#id_details"' in content and "Enter what needs changing" in content
    assert 'href="#id_contact_email"' in content
    assert ChangeSuggestion.objects.count() == 0


def test_add_service_creates_a_new_suggestion(client):
    assert client.get("/services/add/").status_code == 200
    response = client.post(
        "/services/add/", {"name": "Knit and natter", "details": "Tuesdays 2pm at the library."}
    )
    assert response.status_code == 302
    suggestion = ChangeSuggestion.objects.get()
    assert suggestion.kind == ChangeSuggestion.Kind.NEW
    assert suggestion.service is None
    assert suggestion.suggested_fields == {"name": "Knit and natter"}
    assert suggestion.contact_email == ""


def test_honeypot_submissions_look_sent_but_are_dropped(client):
    response = client.post(
        "/services/add/", {"name": "Spam", "details": "Buy now", "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert ChangeSuggestion.objects.count() == 0


def test_rate_limit(client, settings):
    settings.SUGGESTION_RATE_LIMIT = "2/h"
    data = {"name": "Group", "details": "Details"}
    assert client.post("/services/add/", data).status_code == 302
    assert client.post("/services/add/", data).status_code == 302
    response = client.post("/services/add/", data)
    assert response.status_code == 429
    assert b"Try again" in response.content
    assert ChangeSuggestion.objects.count() == 2

"""The shortlist: session-based, works with plain forms and with fetch."""

import pytest

from tests.factories.directory import ServiceFactory

pytestmark = pytest.mark.django_db


def test_add_and_remove_without_javascript(client):
    service = ServiceFactory(name="Darnall Lunch Club")
    response = client.post(
        "/shortlist/add/", {"service": str(service.id), "next": "/services/?q=lunch"}
    )
    assert response.status_code == 302
    assert response.url == "/services/?q=lunch"
    assert client.session["shortlist"] == [str(service.id)]

    page = client.get("/shortlist/")
    assert "Darnall Lunch Club" in page.content.decode()
    assert 'name="robots" content="noindex' in page.content.decode()

    response = client.post("/shortlist/remove/", {"service": str(service.id)})
    assert response.url == "/shortlist/"
    assert client.session["shortlist"] == []
    assert "You have not saved any services yet." in client.get("/shortlist/").content.decode()


def test_adding_twice_keeps_one_entry_in_order(client):
    first, second = ServiceFactory(), ServiceFactory()
    for service in (first, second, first):
        client.post("/shortlist/add/", {"service": str(service.id)})
    assert client.session["shortlist"] == [str(second.id), str(first.id)]


def test_fetch_gets_json(client):
    service = ServiceFactory()
    response = client.post(
        "/shortlist/add/", {"service": str(service.id)}, HTTP_ACCEPT="application/json"
    )
    assert response.json() == {"count": 1, "in_shortlist": True}
    response = client.post(
        "/shortlist/remove/", {"service": str(service.id)}, HTTP_ACCEPT="application/json"
    )
    assert response.json() == {"count": 0, "in_shortlist": False}


@pytest.mark.parametrize("value", ["", "nonsense", "6f1c2a52-3b4d-4e5f-8a9b-0c1d2e3f4a5b"])
def test_bad_or_unknown_services_are_not_added(client, value):
    response = client.post("/shortlist/add/", {"service": value})
    assert response.status_code == 302
    assert client.session.get("shortlist", []) == []


def test_drafts_cannot_be_added(client):
    draft = ServiceFactory(live=False)
    client.post("/shortlist/add/", {"service": str(draft.id)})
    assert client.session.get("shortlist", []) == []


def test_next_must_be_on_this_site(client):
    service = ServiceFactory()
    response = client.post(
        "/shortlist/add/", {"service": str(service.id), "next": "https://evil.example/"}
    )
    assert response.url == "/shortlist/"


def test_unpublished_services_drop_off_the_shortlist_page(client):
    service = ServiceFactory(name="Closing Group")
    client.post("/shortlist/add/", {"service": str(service.id)})
    service.live = False
    service.save()
    assert "Closing Group" not in client.get("/shortlist/").content.decode()


def test_get_is_not_allowed_for_changes(client):
    assert client.get("/shortlist/add/").status_code == 405


def test_csrf_is_required():
    from django.test import Client

    service = ServiceFactory()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/shortlist/add/", {"service": str(service.id)}).status_code == 403

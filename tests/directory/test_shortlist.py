"""The shortlist: a signed cookie kept 30 days, works with plain forms and with fetch."""

import time
import uuid

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client

from directory import shortlist
from tests.factories.directory import ServiceFactory

pytestmark = pytest.mark.django_db
COOKIE = settings.SHORTLIST_COOKIE_NAME


def saved(client) -> list[str]:
    """The ids in the client's shortlist cookie ([] when it has none)."""
    morsel = client.cookies.get(COOKIE)
    if morsel is None or not morsel.value:
        return []
    return [str(uuid.UUID(item)) for item in signing.loads(morsel.value, salt=shortlist.SALT)]


def test_add_and_remove_without_javascript(client):
    service = ServiceFactory(name="Darnall Lunch Club")
    response = client.post(
        "/shortlist/add/", {"service": str(service.id), "next": "/services/?q=lunch"}
    )
    assert response.status_code == 302
    assert response.url == "/services/?q=lunch"
    assert saved(client) == [str(service.id)]
    assert "sessionid" not in client.cookies  # no session is needed for a shortlist

    page = client.get("/shortlist/")
    assert "Darnall Lunch Club" in page.content.decode()
    assert 'name="robots" content="noindex' in page.content.decode()

    response = client.post("/shortlist/remove/", {"service": str(service.id)})
    assert response.url == "/shortlist/"
    assert saved(client) == []
    assert "You have not saved any services yet." in client.get("/shortlist/").content.decode()


def test_adding_twice_keeps_one_entry_in_order(client):
    first, second = ServiceFactory(), ServiceFactory()
    for service in (first, second, first):
        client.post("/shortlist/add/", {"service": str(service.id)})
    assert saved(client) == [str(second.id), str(first.id)]


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
    assert saved(client) == []


def test_drafts_cannot_be_added(client):
    draft = ServiceFactory(live=False)
    client.post("/shortlist/add/", {"service": str(draft.id)})
    assert saved(client) == []


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
    service = ServiceFactory()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/shortlist/add/", {"service": str(service.id)}).status_code == 403


def test_cookie_lasts_30_days_across_browser_restarts(client):
    service = ServiceFactory()
    client.post("/shortlist/add/", {"service": str(service.id)})
    morsel = client.cookies[COOKIE]
    assert morsel["max-age"] == 30 * 24 * 3600
    assert morsel["httponly"] and morsel["samesite"] == "Lax"
    assert bool(morsel["secure"]) is settings.SESSION_COOKIE_SECURE


def test_kept_after_the_session_cookie_is_gone(client):
    """A browser restart drops the session cookie; a new client with only the shortlist cookie
    still sees its services."""
    service = ServiceFactory(name="Darnall Lunch Club")
    client.post("/shortlist/add/", {"service": str(service.id)})
    restarted = Client()
    restarted.cookies[COOKIE] = client.cookies[COOKIE].value
    page = restarted.get("/shortlist/").content.decode()
    assert "Darnall Lunch Club" in page
    assert "kept on this device for 30 days" in page
    listing = restarted.get(service.get_absolute_url()).content.decode()
    assert "Remove from shortlist" in listing


def test_expires_after_30_days(client, monkeypatch):
    service = ServiceFactory(name="Darnall Lunch Club")
    client.post("/shortlist/add/", {"service": str(service.id)})
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 29 * 24 * 3600)
    assert "Darnall Lunch Club" in client.get("/shortlist/").content.decode()
    monkeypatch.setattr(time, "time", lambda: now + 30 * 24 * 3600 + 60)
    assert "You have not saved any services yet." in client.get("/shortlist/").content.decode()


@pytest.mark.parametrize("how", ["tampered", "other salt", "truncated", "not a list"])
def test_tampered_cookie_is_ignored(client, how):
    service = ServiceFactory(name="Darnall Lunch Club")
    good = shortlist.cookie_value([str(service.id)])
    value = {
        "tampered": good[:-1] + ("A" if good[-1] != "A" else "B"),
        "other salt": signing.dumps([service.id.hex], salt="signpost.last-search"),
        "truncated": good[: len(good) // 2],
        "not a list": signing.dumps({"a": service.id.hex}, salt=shortlist.SALT),
    }[how]
    client.cookies[COOKIE] = value
    page = client.get("/shortlist/").content.decode()
    assert "Darnall Lunch Club" not in page
    assert "You have not saved any services yet." in page


def test_remove_all(client):
    first, second = ServiceFactory(name="Lunch Club"), ServiceFactory(name="Walking Group")
    for service in (first, second):
        client.post("/shortlist/add/", {"service": str(service.id)})
    page = client.get("/shortlist/").content.decode()
    assert 'action="/shortlist/clear/"' in page and "Remove all from shortlist" in page
    response = client.post("/shortlist/clear/", follow=True)
    assert response.redirect_chain == [("/shortlist/", 302)]
    page = response.content.decode()
    assert "govuk-notification-banner--success" in page
    assert "You have removed all the services from your shortlist." in page
    assert "You have not saved any services yet." in page and "Lunch Club" not in page
    assert saved(client) == []
    assert client.get("/shortlist/clear/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.cookies[COOKIE] = shortlist.cookie_value([str(first.id)])
    assert strict.post("/shortlist/clear/").status_code == 403


def test_a_full_shortlist_fits_in_a_cookie(client):
    services = ServiceFactory.create_batch(shortlist.MAX_ITEMS + 2)
    for service in services:
        client.post("/shortlist/add/", {"service": str(service.id)})
    assert saved(client) == [str(s.id) for s in services[-shortlist.MAX_ITEMS :]]
    header = client.cookies[COOKIE].output(header="")
    assert len(header) < 4000, len(header)


def test_an_old_session_shortlist_moves_into_the_cookie(client):
    """Shortlists kept in the session before the cookie are still shown, and the first change
    moves them into the cookie."""
    old, new = ServiceFactory(name="Old Friends Club"), ServiceFactory(name="New Walking Group")
    session = client.session
    session[shortlist.LEGACY_SESSION_KEY] = [str(old.id)]
    session.save()
    assert "Old Friends Club" in client.get("/shortlist/").content.decode()
    client.post("/shortlist/add/", {"service": str(new.id)})
    assert saved(client) == [str(old.id), str(new.id)]
    assert shortlist.LEGACY_SESSION_KEY not in client.session

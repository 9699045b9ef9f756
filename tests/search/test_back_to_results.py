"""The search page remembers the last search on the visitor's device, for "Back to results"."""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing

from directory.last_search import SALT
from tests.factories.directory import ServiceFactory

pytestmark = pytest.mark.django_db

URL = "/services/"


def test_a_search_is_kept_in_a_signed_browser_session_cookie(client):
    response = client.get(URL, {"q": "lunch club", "category": "memory-dementia"})
    cookie = response.cookies[settings.LAST_SEARCH_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # ends with the browser session
    assert signing.loads(cookie.value, salt=SALT) == "q=lunch+club&category=memory-dementia"
    assert not Session.objects.exists()  # searching still gives no one a session


def test_the_same_search_again_sets_no_cookie(client):
    client.get(URL, {"q": "lunch"})
    again = client.get(URL, {"q": "lunch"})
    assert settings.LAST_SEARCH_COOKIE_NAME not in again.cookies


def test_a_plain_search_page_or_a_huge_query_forgets_the_search(client):
    client.get(URL, {"q": "lunch"})
    plain = client.get(URL)
    assert plain.cookies[settings.LAST_SEARCH_COOKIE_NAME].value == ""  # deleted
    client.get(URL, {"q": "lunch"})
    huge = client.get(URL, {"q": "x" * 2000})
    assert huge.cookies[settings.LAST_SEARCH_COOKIE_NAME].value == ""


def test_result_links_carry_nothing_of_the_search(client):
    service = ServiceFactory(name="Walkley Lunch Club", summary="Lunch and company.")
    html = client.get(URL, {"q": "lunch", "postcode": ""}).content.decode()
    links = re.findall(rf'href="(/services/{service.id}/[^"]*)"', html)
    assert links and all("lunch" not in link and "postcode" not in link for link in links)
    # and the listing offers the way back to exactly that search
    listing = client.get(links[0].replace("&amp;", "&")).content.decode()
    assert '<a href="/services/?q=lunch&amp;postcode=" class="govuk-back-link' in listing
    assert "Back to results" in listing

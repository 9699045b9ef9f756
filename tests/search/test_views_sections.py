"""The directory search shows matching advice pages and remembers the place for advice pages."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from directory.remembered_place import last_search_place
from tests.factories.directory import PostcodeFactory


@pytest.mark.django_db
def test_search_remembers_the_place_searched_for_advice_pages(client):
    PostcodeFactory()
    response = client.get("/services/", {"q": "lunch", "postcode": "s1 2hh"})
    cookie = response.cookies[settings.PLACE_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"]  # ends with the browser session
    request = RequestFactory().get("/advice/")
    request.COOKIES[settings.PLACE_COOKIE_NAME] = cookie.value
    stored = last_search_place(request)
    assert stored["label"] == "S1 2HH"
    assert stored["latitude"] == pytest.approx(53.380410)
    # The same place again: the cookie is not set again.
    again = client.get("/services/", {"q": "cafe", "postcode": "S1 2HH"})
    assert settings.PLACE_COOKIE_NAME not in again.cookies


@pytest.mark.django_db
def test_a_tampered_place_cookie_is_ignored(client):
    PostcodeFactory()
    cookie = client.get("/services/", {"postcode": "S1 2HH"}).cookies[settings.PLACE_COOKIE_NAME]
    request = RequestFactory().get("/advice/")
    request.COOKIES[settings.PLACE_COOKIE_NAME] = cookie.value.replace("S", "T", 1) + "x"
    assert last_search_place(request) is None


@pytest.mark.django_db
def test_search_lists_matching_advice_pages_above_listings(client):
    from tests.factories.content import AdviceIndexPageFactory, AdvicePageFactory

    index = AdviceIndexPageFactory()
    AdvicePageFactory(parent=index, title="Living with dementia", summary="After a diagnosis.")
    html = client.get("/services/", {"q": "dementia"}).content.decode()
    assert "Living with dementia" in html
    assert html.index("Living with dementia") < html.index('id="results-heading"')
    assert (
        "Living with dementia" not in client.get("/services/", {"q": "swimming"}).content.decode()
    )

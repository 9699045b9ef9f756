""" "Tell us what was missing" (/services/missing/): counted with the unmet need, nothing personal kept."""

import pytest

from analytics.models import SearchEvent

pytestmark = pytest.mark.django_db

URL = "/services/missing/"


def test_the_link_carries_the_search_not_the_words(client):
    client.get("/services/", {"q": "zumba for the over 90s", "postcode": ""})
    event = SearchEvent.objects.latest("pk")
    content = client.get(URL, {"search": event.pk}).content.decode()
    assert f'name="search" value="{event.pk}"' in content
    assert "zumba" not in content
    assert 'href="tel:01142734908"' in content


def test_what_was_missing_is_recorded_as_a_zero_result_search_scrubbed(client):
    client.get("/services/", {"q": "xylophone lessons"})
    searched = SearchEvent.objects.latest("pk")
    response = client.post(
        URL, {"need": "Toenail cutting for Mrs Jones, call 07700 900123", "search": searched.pk}
    )
    assert response.status_code == 200
    assert "Thank you for telling us" in response.content.decode()
    reported = SearchEvent.objects.latest("pk")
    assert reported.pk != searched.pk
    assert (reported.backend, reported.result_count) == ("reported", 0)
    assert reported.query == "toenail cutting for [name] , call [phone]"
    assert reported.filters == {"reported": True}


def test_an_empty_report_is_an_error_on_the_field(client):
    before = SearchEvent.objects.count()
    content = client.post(URL, {"need": "  "}).content.decode()
    assert "Enter what you were looking for" in content
    assert 'href="#id_need"' in content
    assert SearchEvent.objects.count() == before


def test_reports_are_rate_limited(client, settings):
    settings.SUGGESTION_RATE_LIMIT = "1/h"
    assert client.post(URL, {"need": "boccia"}).status_code == 200
    assert client.post(URL, {"need": "boccia"}).status_code == 429
    assert SearchEvent.objects.filter(backend="reported").count() == 1

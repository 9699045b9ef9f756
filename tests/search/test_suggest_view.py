"""/services/suggest?q= : JSON autocomplete for the search box."""

import pytest

from tests.factories.search import listing, seed_categories

pytestmark = pytest.mark.django_db


def test_suggestions_as_json(client):
    seed_categories()
    listing("Hillsborough Memory Café", "Monthly café.", ["memory-dementia"])
    response = client.get("/services/suggest", {"q": "mem"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["query"] == "mem"
    assert data["suggestions"][0] == "Memory problems and dementia"
    assert "Hillsborough Memory Café" in data["suggestions"]


@pytest.mark.parametrize("q", ["", "a", '"*(', "x" * 5000, "\x00\ud7ff", "NEAR(a b)"])
def test_odd_input_gives_an_empty_or_valid_list(client, q):
    response = client.get("/services/suggest", {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


def test_only_get_is_allowed(client):
    assert client.post("/services/suggest", {"q": "mem"}).status_code == 405

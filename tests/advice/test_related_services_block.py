import pytest
from django.conf import settings

from directory.models import Service
from directory.remembered_place import cookie_value
from tests.factories.content import AdviceIndexPageFactory, AdvicePageFactory
from tests.factories.directory import LocationFactory, TaxonomyTermFactory
from tests.factories.directory import ServiceFactory as BaseServiceFactory


def ServiceFactory(**kwargs):  # noqa: N802
    """ServiceFactory, saved again: its `categories` are ParentalManyToMany, kept in memory until save()."""
    service = BaseServiceFactory(**kwargs)
    service.save()
    return service


RELATED = {
    "type": "related_services",
    "value": {
        "heading": "Memory support near you",
        "categories": ["memory-dementia"],
        "kind": "",
        "limit": 2,
    },
}


@pytest.fixture
def dementia_page(home_page):
    index = AdviceIndexPageFactory(parent=home_page)
    return AdvicePageFactory(parent=index, slug="dementia", body=[RELATED])


@pytest.fixture
def memory_services(db):
    dementia = TaxonomyTermFactory(code="memory-dementia", name="Memory problems and dementia")
    near = ServiceFactory(
        name="Hillsborough Memory Cafe",
        categories=[dementia],
        location=LocationFactory(latitude=53.4033, longitude=-1.4993),
    )
    far = ServiceFactory(
        name="Rotherham Memory Group",
        categories=[dementia],
        location=LocationFactory(latitude=53.4300, longitude=-1.3560),
    )
    ServiceFactory(
        name="Draft Memory Club",
        categories=[dementia],
        live=False,
        location=LocationFactory(latitude=53.4033, longitude=-1.4993),
    )
    ServiceFactory(name="Walking Football", location=LocationFactory())
    return near, far


def _remember_place(client, latitude, longitude, label="S6 2LN"):
    client.cookies[settings.PLACE_COOKIE_NAME] = cookie_value(
        {"latitude": latitude, "longitude": longitude, "label": label}
    )


def test_without_location_shows_live_listings_and_search_link(
    client, dementia_page, memory_services
):
    html = client.get("/advice/dementia/").content.decode()
    assert "Memory support near you" in html
    assert "Hillsborough Memory Cafe" in html and "Rotherham Memory Group" in html
    assert "Draft Memory Club" not in html and "Walking Football" not in html
    assert "miles</span>" not in html  # no distances without a place
    assert 'href="/services/?category=memory-dementia"' in html
    assert "Find these services near you" in html


def test_with_last_search_location_shows_nearest_within_five_miles(
    client, dementia_page, memory_services
):
    _remember_place(client, 53.4033, -1.4993, label="Hillsborough")
    html = client.get("/advice/dementia/").content.decode()
    assert "Nearest to Hillsborough, where you last searched." in html
    assert "Hillsborough Memory Cafe" in html
    assert "<span>less than 0.1 miles</span>" in html  # as the search results write it
    assert "Rotherham Memory Group" not in html  # about 6 miles away
    assert "S6 2LN" not in html


def test_location_with_nothing_nearby_falls_back_to_any_listings(
    client, dementia_page, memory_services
):
    _remember_place(client, 51.5, -0.12, label="London")
    html = client.get("/advice/dementia/").content.decode()
    assert "Hillsborough Memory Cafe" in html
    assert "where you last searched" not in html


def test_kind_filter_and_search_link(client, home_page, db):
    carers = TaxonomyTermFactory(code="carers-support", name="Support for carers")
    ServiceFactory(name="Carers Cafe", kind=Service.Kind.CARERS_SUPPORT, categories=[carers])
    ServiceFactory(name="Carers Walking Group", categories=[carers])
    index = AdviceIndexPageFactory(parent=home_page)
    block = {
        "type": "related_services",
        "value": {
            "heading": "Carers",
            "categories": ["carers-support"],
            "kind": "carers_support",
            "limit": 3,
        },
    }
    AdvicePageFactory(parent=index, slug="carers-rights", body=[block])
    html = client.get("/advice/carers-rights/").content.decode()
    assert "Carers Cafe" in html and "Carers Walking Group" not in html
    assert 'href="/services/?category=carers-support&amp;kind=carers_support"' in html


def test_malformed_remembered_place_is_ignored(client, dementia_page, memory_services):
    client.cookies[settings.PLACE_COOKIE_NAME] = cookie_value({"latitude": "nan", "longitude": "x"})
    response = client.get("/advice/dementia/")
    assert response.status_code == 200
    assert "Hillsborough Memory Cafe" in response.content.decode()


def test_search_failure_still_renders_page_with_link(client, dementia_page, monkeypatch):
    def broken(query, **kwargs):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr("advice.blocks.search_services", broken)
    response = client.get("/advice/dementia/")
    assert response.status_code == 200
    assert 'href="/services/?category=memory-dementia"' in response.content.decode()

"""The map of results on /services/ (#20): marker data only for results with a location,
each linked by the listing's URL; nothing at all when maps are off or no result is located."""

import re

import pytest

from directory.models import ServiceAtLocation
from tests.factories.directory import LocationFactory, PostcodeFactory, ServiceFactory

pytestmark = pytest.mark.django_db

URL = "/services/"
MARKER = re.compile(
    r'<li data-lat="([-\d.]+)" data-lon="([-\d.]+)" data-href="([^"]+)">([^<]+)</li>'
)


@pytest.fixture
def clubs():
    PostcodeFactory(postcode="S1 2HH", latitude=53.380410, longitude=-1.469915)
    near = LocationFactory(postcode="S1 2HH", latitude=53.3810, longitude=-1.4700)
    far = LocationFactory(postcode="S6 2LN", latitude=53.4045, longitude=-1.5005)
    two_places = ServiceFactory(name="Lunch club at two halls", location=far)
    ServiceAtLocation.objects.create(service=two_places, location=near)
    one_place = ServiceFactory(name="Lunch club in Hillsborough", location=far)
    nowhere = ServiceFactory(name="Lunch club by telephone")
    return {"two_places": two_places, "one_place": one_place, "nowhere": nowhere}


def markers(response) -> dict:
    found = MARKER.findall(response.content.decode())
    return {name: (float(lat), float(lon), href) for lat, lon, href, name in found}


def test_one_marker_a_located_result_linked_to_its_listing(client, clubs):
    response = client.get(URL, {"q": "lunch club"})
    content = response.content.decode()
    assert response.context["results"].total == 3
    shown = markers(response)
    assert set(shown) == {"Lunch club at two halls", "Lunch club in Hillsborough"}
    assert shown["Lunch club in Hillsborough"] == (
        53.4045,
        -1.5005,
        f"/services/{clubs['one_place'].id}/",
    )
    assert "2 of 3 results on this page are shown on the map." in content
    assert 'data-signpost-map="results"' in content
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in content
    assert '<script type="module" src="/static/js/maps.js"></script>' in content
    # hidden until "Show map" (which maps.js adds): no map, no button without JavaScript
    assert '<div class="signpost-map__panel" id="results-map" hidden>' in content
    area = content.split('data-signpost-map="results"')[1].split("</ol>")[0]
    assert "<button" not in area.split('<ol class="govuk-list signpost-results"')[0]


def test_a_service_at_two_places_is_marked_at_the_one_nearer_the_point_searched(client, clubs):
    PostcodeFactory(postcode="S6 2LN", latitude=53.4046, longitude=-1.5004)
    near = markers(client.get(URL, {"q": "two halls", "postcode": "S1 2HH"}))
    assert near["Lunch club at two halls"][:2] == (53.381, -1.47)
    far = markers(client.get(URL, {"q": "two halls", "postcode": "S6 2LN"}))
    assert far["Lunch club at two halls"][:2] == (53.4045, -1.5005)
    # without a point: the same place every time (the southernmost)
    first = markers(client.get(URL, {"q": "two halls"}))
    assert first["Lunch club at two halls"][:2] == (53.381, -1.47)


def test_no_map_when_maps_are_off(client, clubs, settings):
    settings.MAP_TILE_URL = ""
    response = client.get(URL, {"q": "lunch club", "postcode": "S1 2HH"})
    content = response.content.decode()
    assert response.context["results_map"] is None
    assert "Lunch club at two halls" in content  # the list stands alone
    for absent in ("signpost-map", "data-tile-url", "maps.js", "leaflet", "Show map"):
        assert absent not in content, absent


def test_no_map_when_no_result_has_a_location(client, clubs):
    response = client.get(URL, {"q": "telephone"})
    content = response.content.decode()
    assert response.context["results"].total == 1
    assert response.context["results_map"] is None
    assert "signpost-map" not in content and "maps.js" not in content


def test_no_map_without_results(client, clubs):
    content = client.get(URL, {"q": "zzzzqqqq"}).content.decode()
    assert "signpost-map" not in content and "maps.js" not in content

import pytest

from directory.models import Area, Service
from tests.factories.directory import (
    AreaFactory,
    LocalAreaCoordinatorFactory,
    LocationFactory,
    PostcodeFactory,
    ServiceFactory,
)

URL = "/local-area-coordination/"


@pytest.fixture
def patch_with_coordinator(db):
    ward = AreaFactory(name="Hillsborough", code="E05010863")
    patch = AreaFactory(name="Hillsborough and Walkley", kind=Area.Kind.LAC_PATCH, code="LAC01")
    patch.wards.add(ward)
    PostcodeFactory(postcode="S6 2LN", latitude=53.4033, longitude=-1.4993, ward_code=ward.code)
    coordinator = LocalAreaCoordinatorFactory(
        name="Amina Patel", phone="0114 273 1111", email="amina.patel@council.example"
    )
    coordinator.patches.add(patch)
    return coordinator


def test_page_explains_local_area_coordination(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Find your local area coordinator" in html
    assert "works in your neighbourhood" in html
    assert 'name="postcode"' in html and "govuk-error-summary" not in html


def test_known_postcode_shows_coordinator_and_nearby_groups(client, patch_with_coordinator):
    ServiceFactory(
        name="Walkley Knit and Natter",
        kind=Service.Kind.COMMUNITY_ASSET,
        location=LocationFactory(latitude=53.4040, longitude=-1.4990),
    )
    ServiceFactory(
        name="Far Away Club",
        kind=Service.Kind.COMMUNITY_ASSET,
        location=LocationFactory(latitude=53.30, longitude=-1.30),
    )
    LocalAreaCoordinatorFactory(name="Retired Coordinator", is_active=False).patches.add(
        *patch_with_coordinator.patches.all()
    )
    response = client.get(URL, {"postcode": "s62ln"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your local area coordinator for S6 2LN" in html
    assert "Amina Patel" in html and "0114 273 1111" in html
    assert "amina.patel@council.example" in html
    assert "Hillsborough and Walkley" in html
    assert "Walkley Knit and Natter" in html
    assert "Far Away Club" not in html
    assert "Retired Coordinator" not in html


def test_one_coordinator_can_cover_many_patches(client, patch_with_coordinator):
    other_ward = AreaFactory(name="Stocksbridge", code="E05010870")
    other_patch = AreaFactory(name="Stocksbridge", kind=Area.Kind.LAC_PATCH, code="LAC02")
    other_patch.wards.add(other_ward)
    patch_with_coordinator.patches.add(other_patch)
    PostcodeFactory(postcode="S36 1AB", latitude=53.48, longitude=-1.59, ward_code=other_ward.code)
    html = client.get(URL, {"postcode": "S36 1AB"}).content.decode()
    assert "Amina Patel" in html


def test_invalid_postcode_shows_error_summary_linked_to_field(client, db):
    response = client.get(URL, {"postcode": "not a postcode"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert '<a href="#postcode">Enter a full postcode, like S1 2HH</a>' in html
    assert 'id="postcode"' in html and "govuk-input--error" in html
    assert "<title>Error:" in html


def test_empty_postcode_asks_for_one(client, db):
    response = client.get(URL, {"postcode": ""})
    assert response.status_code == 400
    assert "Enter your postcode" in response.content.decode()


def test_unknown_postcode_gets_first_contact_number(client, db):
    response = client.get(URL, {"postcode": "ZZ9 9ZZ"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "We do not have a local area coordinator for ZZ9 9ZZ" in html
    assert "0114 273 4908" in html  # First Contact, from site settings


def test_out_of_area_postcode_gets_first_contact_number(client, patch_with_coordinator):
    ward_without_patch = AreaFactory(name="Dore and Totley", code="E05010859")
    PostcodeFactory(
        postcode="S17 3AA", latitude=53.33, longitude=-1.54, ward_code=ward_without_patch.code
    )
    html = client.get(URL, {"postcode": "S17 3AA"}).content.decode()
    assert "We do not have a local area coordinator for S17 3AA" in html
    assert "0114 273 4908" in html
    assert "Amina Patel" not in html


def test_patch_without_active_coordinator_says_so(client, patch_with_coordinator):
    patch_with_coordinator.is_active = False
    patch_with_coordinator.save()
    html = client.get(URL, {"postcode": "S6 2LN"}).content.decode()
    assert "There is no coordinator for your area at the moment" in html
    assert "0114 273 4908" in html

"""Searching near a place name typed on /services/, offline: the gazetteer answers, not geopy."""

import csv
from io import StringIO
from pathlib import Path

import pytest

import directory
from demo import directory as demo
from directory.models import Area, Postcode
from tests.factories.directory import LocationFactory, PlaceNameFactory, ServiceFactory

pytestmark = pytest.mark.django_db

URL = "/services/"
WARDS_CSV = Path(directory.__file__).resolve().parent / "data" / "sheffield-wards.csv"


@pytest.fixture
def listings():
    PlaceNameFactory(name="Hillsborough", latitude=53.405897, longitude=-1.504739)
    PlaceNameFactory(name="East Ecclesfield", latitude=53.4460, longitude=-1.4590)
    PlaceNameFactory(name="West Ecclesfield", latitude=53.4560, longitude=-1.4960)
    near = LocationFactory(postcode="", latitude=53.4040, longitude=-1.5010)  # Hillsborough
    middle = LocationFactory(postcode="", latitude=53.3920, longitude=-1.4900)  # Walkley
    far = LocationFactory(postcode="", latitude=53.3800, longitude=-1.4700)  # city centre
    return [
        ServiceFactory(name="City lunch club", location=far),
        ServiceFactory(name="Hillsborough memory café", location=near),
        ServiceFactory(name="Walkley walking group", location=middle),
    ]


def test_a_place_name_gives_results_nearest_first(client, listings, no_geocoder):
    response = client.get(URL, {"postcode": "hillsborough"})
    content = response.content.decode()
    assert not response.context["form"].errors
    assert "within 3 miles of Hillsborough" in content
    hits = response.context["results"].hits
    assert [hit.service.name for hit in hits] == [
        "Hillsborough memory café",
        "Walkley walking group",
        "City lunch club",
    ]
    distances = [hit.distance_miles for hit in hits]
    assert distances == sorted(distances) and distances[0] < 0.5


def test_an_ambiguous_name_offers_each_place_as_a_link(client, listings, no_geocoder):
    response = client.get(URL, {"q": "walking", "postcode": "Ecclesfield", "radius": "5"})
    content = response.content.decode()
    assert "govuk-form-group govuk-form-group--error" in content
    assert "More than one place matches ‘Ecclesfield’" in content
    assert "Did you mean:" in content
    # each choice runs the same search again, with that place
    assert 'href="?q=walking&amp;postcode=East+Ecclesfield&amp;radius=5"' in content
    assert 'href="?q=walking&amp;postcode=West+Ecclesfield&amp;radius=5"' in content
    chosen = client.get(URL, {"q": "walking", "postcode": "West Ecclesfield", "radius": "5"})
    assert chosen.context["place"].label == "West Ecclesfield"


def test_an_unknown_place_is_an_error_on_the_field(client, listings):
    response = client.get(URL, {"q": "lunch", "postcode": "Narnia"})
    content = response.content.decode()
    message = (
        "We couldn&#x27;t find ‘Narnia’. Enter a postcode or place, like S6 2LN or Hillsborough."
    )
    # in the error summary, linking to the field ...
    assert f'<li><a href="#search-postcode">{message}</a></li>' in content
    # ... and on the field itself, which its input points to
    group = content.split('<div class="govuk-form-group govuk-form-group--error">', 1)[1]
    group = group.split("</div>\n      {% endwith %}", 1)[0].split(
        '<div class="govuk-grid-column', 1
    )[0]
    assert (
        f'id="search-postcode-error"><span class="govuk-visually-hidden">Error:</span> {message}'
        in group
    )
    assert 'class="govuk-input govuk-input--error" id="search-postcode"' in group
    assert 'aria-describedby="search-postcode-hint search-postcode-error"' in group
    assert "Did you mean" not in group
    # the search still shows something, and says why it is not near anywhere
    assert "City lunch club" in content
    assert "because we could not find the place you entered" in content


def test_a_near_spelling_is_offered(client, listings):
    content = client.get(URL, {"postcode": "Hilsborough"}).content.decode()
    assert "We couldn&#x27;t find ‘Hilsborough’" in content
    assert '<a class="govuk-link" href="?postcode=Hillsborough">Hillsborough</a>' in content


def test_every_demo_ward_name_finds_places_nearest_first_offline(client, no_geocoder):
    """With the demo gazetteer (postcodes and wards only), each ward name is a place."""
    demo.load_gazetteer(StringIO())
    with WARDS_CSV.open(encoding="utf-8") as handle:
        wards = [row["ward_name"] for row in csv.DictReader(handle)]
    assert len(wards) == 28
    for ward in Area.objects.filter(kind=Area.Kind.WARD):
        # a listing at the ward's most central postcode
        points = list(
            Postcode.objects.filter(ward_code=ward.code).values_list(
                "postcode", "latitude", "longitude"
            )
        )
        lat = sum(point[1] for point in points) / len(points)
        lon = sum(point[2] for point in points) / len(points)
        central = min(points, key=lambda point: (point[1] - lat) ** 2 + (point[2] - lon) ** 2)
        location = LocationFactory(postcode=central[0], latitude=None, longitude=None)
        ServiceFactory(name=f"Group in {ward.code}", location=location)
    for name in [*wards, "Crookes", "Crosspool", "Totley", "HILLSBOROUGH."]:
        response = client.get(URL, {"postcode": name, "radius": "50"})
        assert not response.context["form"].errors, name
        place = response.context["place"]
        assert place.ward is not None, name
        distances = [hit.distance_miles for hit in response.context["results"].hits]
        assert len(distances) >= 10 and distances == sorted(distances), name
        # the nearest listing is the one placed in that ward
        nearest = response.context["results"].hits[0].service
        assert nearest.name == f"Group in {place.ward.code}", name

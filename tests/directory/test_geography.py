import pytest
from geopy.distance import great_circle

from directory.geography import PlaceNotFound, resolve_place
from directory.models import Location
from directory.postcodes import normalise_outcode, normalise_postcode, outcode_of
from tests.factories.directory import AreaFactory, LocationFactory, PostcodeFactory


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("s12hh", "S1 2HH"), (" S1  2HH ", "S1 2HH"), ("s10 2tn", "S10 2TN"), ("S1-2HH", "S1 2HH")],
)
def test_postcodes_are_normalised(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize("typed", ["", "hello", "S1", "12345", "S1 2H", "SSS1 2HH", "S1 2HHH"])
def test_non_postcodes_are_rejected(typed):
    assert normalise_postcode(typed) is None


def test_outcodes():
    assert normalise_outcode(" s10 ") == "S10"
    assert outcode_of("s6 2ln") == "S6"
    assert outcode_of("Hillsborough") == ""


@pytest.mark.django_db
def test_full_postcode_resolves_from_the_gazetteer():
    ward = AreaFactory(code="E05010862", name="City")
    PostcodeFactory()
    place = resolve_place("s12hh")
    assert place.label == "S1 2HH"
    assert (place.latitude, place.longitude) == (53.380410, -1.469915)
    assert place.ward == ward


@pytest.mark.django_db
def test_outcode_resolves_to_the_centroid():
    PostcodeFactory(postcode="S10 1AA", latitude=53.0, longitude=-1.5)
    PostcodeFactory(postcode="S10 1AB", latitude=53.2, longitude=-1.7)
    place = resolve_place("S10")
    assert place.latitude == pytest.approx(53.1)
    assert place.longitude == pytest.approx(-1.6)


@pytest.mark.django_db
def test_unknown_postcode_has_a_clear_message():
    with pytest.raises(PlaceNotFound) as error:
        resolve_place("S99 9ZZ")
    assert "couldn't find the postcode S99 9ZZ" in error.value.message


@pytest.mark.django_db
def test_geocoder_failure_becomes_place_not_found(settings, monkeypatch):
    from geopy.exc import GeocoderTimedOut

    from directory import geography

    class TimingOut:
        def geocode(self, *args, **kwargs):
            raise GeocoderTimedOut("too slow")

    settings.GEOCODER = "nominatim"
    monkeypatch.setattr(geography, "get_geocoder", lambda: TimingOut())
    monkeypatch.setattr(geography, "GEOCODER_MIN_INTERVAL_SECONDS", 0)
    with pytest.raises(PlaceNotFound) as error:
        resolve_place("Hillsborough")
    assert "couldn't look up that place" in error.value.message


@pytest.mark.django_db
def test_near_orders_by_great_circle_distance_and_respects_radius():
    centre = (53.380410, -1.469915)  # S1 2HH
    hillsborough = LocationFactory(name="Hillsborough", latitude=53.4049, longitude=-1.5064)
    sharrow = LocationFactory(name="Sharrow", latitude=53.3680, longitude=-1.4815)
    LocationFactory(name="Doncaster", latitude=53.5228, longitude=-1.1285)
    found = list(Location.objects.near(*centre, miles=5))
    assert [location.name for location in found] == ["Sharrow", "Hillsborough"]
    for location, place in zip(found, (sharrow, hillsborough), strict=True):
        expected = great_circle(centre, (place.latitude, place.longitude)).miles
        assert location.distance_miles == pytest.approx(expected, rel=1e-3)

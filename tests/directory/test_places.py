"""The place-name gazetteer: normalising names, load_places, ward places from postcodes, look-ups."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from directory import geography
from directory.gazetteer import derive_ward_places
from directory.geography import AmbiguousPlace, PlaceNotFound, resolve_place
from directory.models import PlaceName
from directory.placenames import normalise_place_name
from tests.factories.directory import AreaFactory, PlaceNameFactory, PostcodeFactory


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("  HILLSBOROUGH ", "hillsborough"),
        ("Crookes & Crosspool", "crookes and crosspool"),
        ("crookes&crosspool", "crookes and crosspool"),
        ("Crookes and  Crosspool.", "crookes and crosspool"),
        ("St. Mary's", "saint marys"),
        ("St Marys", "saint marys"),
        ("Saint Mary’s", "saint marys"),
        ("Stannington", "stannington"),
        ("Nether-Edge", "nether edge"),
        ("Ça Ira", "ca ira"),
        ("!!!", ""),
    ],
)
def test_place_names_are_normalised(typed, expected):
    assert normalise_place_name(typed) == expected


@pytest.mark.django_db
def test_a_place_name_keeps_its_normalised_form():
    place = PlaceNameFactory(name="St. Mary's Gate")
    assert place.normalised == "saint marys gate"


def write_csv(tmp_path, text, name="places.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


PLACES_CSV = """name,kind,latitude,longitude,area_code
Hillsborough,neighbourhood,53.4020,-1.5040,E05010872
Hillsborough Park,locality,53.4065,-1.4985,E05010872
Walkley,Suburban Area,53.3964,-1.4960,
Sheffield,City,53.3811,-1.4701,
No kind,castle,53.0,-1.0,
No place,locality,north,-1.0,
,locality,53.0,-1.0,
Off the map,locality,91,-1.0,
"""


@pytest.mark.django_db
def test_load_places_reads_the_csv_and_is_idempotent(tmp_path):
    ward = AreaFactory(name="Hillsborough", code="E05010872")
    path = write_csv(tmp_path, PLACES_CSV)
    out = StringIO()
    call_command("load_places", str(path), stdout=out)
    assert "4 loaded, 4 skipped" in out.getvalue()
    rows = {place.name: place for place in PlaceName.objects.all()}
    assert set(rows) == {"Hillsborough", "Hillsborough Park", "Walkley", "Sheffield"}
    assert rows["Hillsborough"].kind == PlaceName.Kind.NEIGHBOURHOOD
    assert rows["Hillsborough"].area == ward
    assert rows["Walkley"].kind == PlaceName.Kind.NEIGHBOURHOOD  # OS Open Names' word
    assert rows["Sheffield"].kind == PlaceName.Kind.TOWN
    assert rows["Hillsborough Park"].source == "places.csv"

    moved = PLACES_CSV.replace("53.4020,-1.5040", "53.4030,-1.5050")
    call_command("load_places", str(write_csv(tmp_path, moved)), stdout=StringIO())
    assert PlaceName.objects.count() == 4
    assert PlaceName.objects.get(name="Hillsborough").latitude == 53.4030


@pytest.mark.django_db
def test_load_places_refuses_a_file_without_the_columns(tmp_path):
    path = write_csv(tmp_path, "place18nm,lat,long\nHillsborough,53.4,-1.5\n")
    with pytest.raises(CommandError, match="missing the columns: kind, latitude, longitude, name"):
        call_command("load_places", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_places", str(tmp_path / "absent.csv"), stdout=StringIO())


@pytest.mark.django_db
def test_wards_get_a_place_at_the_mean_of_their_postcodes():
    walkley = AreaFactory(name="Walkley", code="E05010883")
    AreaFactory(name="Empty ward", code="E05099999")
    PostcodeFactory(postcode="S6 2LN", latitude=53.40, longitude=-1.50, ward_code=walkley.code)
    PostcodeFactory(postcode="S6 3AA", latitude=53.38, longitude=-1.48, ward_code=walkley.code)
    assert derive_ward_places() == 1
    place = PlaceName.objects.get()
    assert (place.name, place.kind, place.area, place.source) == (
        "Walkley",
        PlaceName.Kind.WARD,
        walkley,
        "postcodes",
    )
    assert place.latitude == pytest.approx(53.39)
    assert place.longitude == pytest.approx(-1.49)

    derive_ward_places()  # idempotent
    assert PlaceName.objects.count() == 1
    walkley.name = "Walkley & Upperthorpe"  # renamed: the old name goes
    walkley.save()
    derive_ward_places()
    assert list(PlaceName.objects.values_list("name", flat=True)) == ["Walkley & Upperthorpe"]


@pytest.mark.django_db
def test_load_postcodes_derives_the_ward_places(tmp_path):
    postcodes = write_csv(
        tmp_path,
        "postcode,latitude,longitude,ward_code\nS6 2LN,53.40,-1.50,E05010883\n",
        "postcodes.csv",
    )
    wards = write_csv(tmp_path, "ward_code,ward_name\nE05010883,Walkley\n", "wards.csv")
    call_command("load_postcodes", str(postcodes), wards=wards, stdout=StringIO())
    assert resolve_place("walkley").label == "Walkley"


@pytest.fixture
def wards(db):
    PlaceNameFactory(name="Hillsborough", area_code="E05010872")
    PlaceNameFactory(name="Crookes & Crosspool", latitude=53.3822, longitude=-1.5146)
    PlaceNameFactory(name="East Ecclesfield", latitude=53.4460, longitude=-1.4590)
    PlaceNameFactory(name="West Ecclesfield", latitude=53.4560, longitude=-1.4960)
    PlaceNameFactory(name="St Mary's Gate", kind=PlaceName.Kind.LOCALITY, latitude=53.37)


@pytest.mark.parametrize("typed", ["Hillsborough", "HILLSBOROUGH", " hillsborough. "])
def test_an_exact_name_resolves_without_the_geocoder(wards, no_geocoder, typed):
    place = resolve_place(typed)
    assert (place.label, place.latitude, place.longitude) == ("Hillsborough", 53.405897, -1.504739)
    assert place.ward_code == "E05010872"
    assert not place.is_postcode


@pytest.mark.parametrize("typed", ["Crookes", "crosspool", "Crookes and Crosspool", "cross"])
def test_a_word_of_one_name_resolves_to_it(wards, no_geocoder, typed):
    assert resolve_place(typed).label == "Crookes & Crosspool"


@pytest.mark.parametrize("typed", ["Saint Marys Gate", "st. mary's gate", "St Mary"])
def test_saint_and_st_are_the_same(wards, no_geocoder, typed):
    assert resolve_place(typed).label == "St Mary's Gate"


def test_a_name_several_places_start_with_offers_them_as_choices(wards, no_geocoder):
    with pytest.raises(AmbiguousPlace) as error:
        resolve_place("Ecclesfield")
    assert error.value.choices == ["East Ecclesfield", "West Ecclesfield"]
    assert "More than one place matches ‘Ecclesfield’" in error.value.message
    assert resolve_place(error.value.choices[1]).label == "West Ecclesfield"


def test_an_exact_name_beats_longer_names(wards, no_geocoder):
    PlaceNameFactory(name="Hillsborough Park", kind=PlaceName.Kind.LOCALITY)
    assert resolve_place("Hillsborough").label == "Hillsborough"
    with pytest.raises(AmbiguousPlace) as error:
        resolve_place("Hills")
    assert error.value.choices == ["Hillsborough", "Hillsborough Park"]


def test_one_name_twice_nearby_uses_the_most_precise_centre(wards, no_geocoder):
    PlaceNameFactory(name="Hillsborough", kind=PlaceName.Kind.NEIGHBOURHOOD, latitude=53.4020)
    assert resolve_place("Hillsborough").latitude == 53.4020


def test_one_name_in_two_far_places_asks_which(wards, no_geocoder):
    north = AreaFactory(name="West Ecclesfield")
    south = AreaFactory(name="Beauchief & Greenhill")
    PlaceNameFactory(name="Greenhill", kind="locality", latitude=53.47, area=north, area_code="N")
    PlaceNameFactory(name="Greenhill", kind="locality", latitude=53.33, area=south, area_code="S")
    with pytest.raises(AmbiguousPlace) as error:
        resolve_place("greenhill")
    assert error.value.choices == [
        "Greenhill, Beauchief & Greenhill",
        "Greenhill, West Ecclesfield",
    ]
    assert resolve_place("Greenhill, Beauchief & Greenhill").latitude == 53.33


def test_short_text_suggests_nothing(wards):
    with pytest.raises(PlaceNotFound):
        resolve_place("Hi")


def test_an_unknown_place_asks_the_geocoder_after_the_gazetteer(wards, settings, monkeypatch):
    asked = []

    class Geocoder:
        def geocode(self, text, **kwargs):
            asked.append(text)
            return type("Found", (), {"latitude": 53.5, "longitude": -1.3})()

    settings.GEOCODER = "nominatim"
    settings.GEOCODER_REGION_HINT = ""
    monkeypatch.setattr(geography, "get_geocoder", Geocoder)
    monkeypatch.setattr(geography, "GEOCODER_MIN_INTERVAL_SECONDS", 0)
    assert resolve_place("Hillsborough").label == "Hillsborough"
    assert asked == []
    assert resolve_place("Barnsley").latitude == 53.5
    assert asked == ["Barnsley"]


def test_an_unknown_place_offline_says_so_with_examples_and_near_spellings(wards):
    with pytest.raises(PlaceNotFound) as error:
        resolve_place("Hilsborough")
    assert error.value.message == (
        "We couldn't find ‘Hilsborough’. Enter a postcode or place, like S6 2LN or Hillsborough."
    )
    assert error.value.choices == ["Hillsborough"]
    with pytest.raises(PlaceNotFound) as error:
        resolve_place("Narnia")
    assert error.value.choices == []

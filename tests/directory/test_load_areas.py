"""load_areas: areas of any type (PCNs, localities…) from a postcode-to-area CSV, mapped to
wards by best fit; row-numbered validation, dry run, --partial, idempotent."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from directory.areas import area_kind, best_fit, find_columns
from directory.models import Area
from tests.factories.directory import AreaFactory, PostcodeFactory

pytestmark = pytest.mark.django_db

HILLSBOROUGH, WALKLEY, DARNALL = "E05010872", "E05010882", "E05010864"


@pytest.fixture
def gazetteer():
    """Three wards: Hillsborough (3 postcodes), Walkley (4), Darnall (2)."""
    wards = {
        code: AreaFactory(name=name, code=code)
        for code, name in (
            (HILLSBOROUGH, "Hillsborough"),
            (WALKLEY, "Walkley"),
            (DARNALL, "Darnall"),
        )
    }
    postcodes = {
        HILLSBOROUGH: ["S6 1AA", "S6 1AB", "S6 1AD"],
        WALKLEY: ["S6 2AA", "S6 2AB", "S6 2AD", "S6 2AE"],
        DARNALL: ["S9 4AA", "S9 4AB"],
    }
    for ward_code, codes in postcodes.items():
        for number, postcode in enumerate(codes):
            PostcodeFactory(
                postcode=postcode,
                ward_code=ward_code,
                latitude=53.40 + number / 100,
                longitude=-1.50,
            )
    PostcodeFactory(postcode="S1 9ZZ", ward_code="")  # a postcode with no ward
    return wards


def write_csv(tmp_path, text, name="pcns.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Walkley is split 3 to 1: its S6 2AE is in the Hillsborough network, which it outvotes.
PCN_CSV = """postcode,pcn_code,pcn_name
S6 1AA,U001,North West PCN
s61ab,U001,North West PCN
S6 1AD,U001,North West PCN
S6 2AA,U002,Walkley PCN
S6 2AB,U002,Walkley PCN
S6 2AD,U002,Walkley PCN
S6 2AE,U001,North West PCN
S9 4AA,U003,East PCN
S9 4AB,U003,East PCN
"""


def load(path, *args):
    out, err = StringIO(), StringIO()
    call_command("load_areas", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def pcn_wards():
    return {
        area.name: sorted(ward.name for ward in area.wards.all())
        for area in Area.objects.filter(kind=Area.Kind.PCN)
    }


def test_each_ward_goes_to_the_area_holding_most_of_its_postcodes(gazetteer, tmp_path):
    out, _err = load(write_csv(tmp_path, PCN_CSV), "--type", "pcn")
    assert pcn_wards() == {
        "North West PCN": ["Hillsborough"],
        "Walkley PCN": ["Walkley"],
        "East PCN": ["Darnall"],
    }
    assert "3 new, 0 updated" in out
    assert "9 matched, 0 not in the gazetteer" in out
    assert "3 mapped, 1 split between areas" in out
    assert "Walkley → Walkley PCN: 1 of its 4 postcodes (25.0%) are in other areas" in out
    north_west = Area.objects.get(kind=Area.Kind.PCN, code="U001")
    # The centre is the mean of all its postcodes, Walkley's S6 2AE included.
    assert north_west.centroid_latitude == pytest.approx((53.40 + 53.41 + 53.42 + 53.43) / 4)


def test_loading_again_changes_nothing(gazetteer, tmp_path):
    path = write_csv(tmp_path, PCN_CSV)
    load(path, "--type", "pcn")
    before = {(area.pk, area.name, area.centroid_latitude) for area in Area.objects.all()}
    wards_before = pcn_wards()
    out, _err = load(path, "--type", "pcn")
    assert "0 new, 3 updated" in out
    assert {(area.pk, area.name, area.centroid_latitude) for area in Area.objects.all()} == before
    assert pcn_wards() == wards_before


def test_a_new_file_moves_wards_and_empties_areas_no_longer_listed(gazetteer, tmp_path):
    load(write_csv(tmp_path, PCN_CSV), "--type", "pcn")
    merged = PCN_CSV.replace("U002,Walkley PCN", "U001,North West PCN")
    out, _err = load(write_csv(tmp_path, merged, "merged.csv"), "--type", "pcn")
    assert pcn_wards() == {
        "North West PCN": ["Hillsborough", "Walkley"],
        "Walkley PCN": [],
        "East PCN": ["Darnall"],
    }
    assert "1 not in the file (wards cleared)" in out


def test_a_tie_goes_to_the_lowest_code_whatever_the_order(gazetteer, tmp_path):
    tie = """postcode,code,name
S9 4AB,B2,Second
S9 4AA,A1,First
"""
    load(write_csv(tmp_path, tie), "--type", "locality")
    first = Area.objects.get(kind=Area.Kind.LOCALITY, code="A1")
    assert [ward.name for ward in first.wards.all()] == ["Darnall"]
    assert not Area.objects.get(kind=Area.Kind.LOCALITY, code="B2").wards.exists()
    assert best_fit({"W": {"Z9": 2, "A1": 2, "M5": 1}}) == {"W": "A1"}


def test_every_row_is_checked_and_nothing_is_saved_with_errors(gazetteer, tmp_path):
    bad = """Postcode,PCN Code,PCN Name
S6 1AA,U001,North West PCN
S6 1AB,U001,North West Primary Care Network
not a postcode,U002,Walkley PCN
S6 2AB,,Walkley PCN
S6 2AD,U002,
S6 9XX,U002,Walkley PCN
S6 1AA,U002,Walkley PCN
"""
    with pytest.raises(CommandError, match="Nothing was saved: 6 rows have errors"):
        load(write_csv(tmp_path, bad), "--type", "pcn")
    assert not Area.objects.filter(kind=Area.Kind.PCN).exists()
    # Shown on stderr by row (the header is row 1, as a spreadsheet shows it).
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command(
            "load_areas", str(tmp_path / "pcns.csv"), "--type", "pcn", stdout=out, stderr=err
        )
    errors = err.getvalue().splitlines()
    assert errors == [
        "Row 3: area U001 is named “North West Primary Care Network” here but “North West PCN” "
        "on row 2",
        "Row 4: “not a postcode” is not a full postcode",
        "Row 5: the area code is blank",
        "Row 6: the area name is blank",
        "Row 7: S6 9XX is not in the postcode gazetteer",
        "Row 8: S6 1AA is in area U002 here but in U001 on row 2",
    ]


def test_partial_saves_the_good_rows(gazetteer, tmp_path):
    text = PCN_CSV + "S6 9XX,U003,East PCN\n"
    out, err = load(write_csv(tmp_path, text), "--type", "pcn", "--partial")
    assert "Row 11: S6 9XX is not in the postcode gazetteer" in err
    assert "9 matched, 1 not in the gazetteer" in out
    assert pcn_wards()["East PCN"] == ["Darnall"]


def test_dry_run_reports_and_saves_nothing(gazetteer, tmp_path):
    out, _err = load(write_csv(tmp_path, PCN_CSV), "--type", "pcn", "--dry-run")
    assert "3 new, 0 updated" in out
    assert "Dry run: nothing was saved." in out
    assert not Area.objects.filter(kind=Area.Kind.PCN).exists()


def test_postcodes_with_no_ward_and_wards_in_no_area_are_reported(gazetteer, tmp_path):
    text = """postcode,area_code,area_name
S6 1AA,L1,Hillsborough locality
S1 9ZZ,L1,Hillsborough locality
"""
    out, _err = load(write_csv(tmp_path, text), "--type", "locality")
    assert "2 matched, 0 not in the gazetteer, 1 with no ward" in out
    assert "1 mapped, 0 split between areas, 2 in no area" in out
    assert "In no area: Darnall, Walkley" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("postcode,name\nS6 1AA,North\n", "missing the columns: code"),
        ("pcd,code\nS6 1AA,U1\n", "missing the columns: name"),
    ],
)
def test_a_file_without_the_columns_is_refused(gazetteer, tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        load(write_csv(tmp_path, text), "--type", "pcn")


def test_a_file_that_is_not_utf8_is_refused(gazetteer, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("postcode,code,name\nS6 1AA,U1,Caf\xe9 PCN\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        load(path, "--type", "pcn")


@pytest.mark.parametrize("word", ["ward", "galaxy", ""])
def test_wards_and_unknown_types_are_refused(gazetteer, tmp_path, word):
    with pytest.raises(CommandError, match="Unknown area type"):
        load(write_csv(tmp_path, PCN_CSV), "--type", word)


def test_type_words_and_column_names():
    assert area_kind("PCN") == Area.Kind.PCN
    assert area_kind("Primary care network") == Area.Kind.PCN
    assert area_kind("lac-patch") == Area.Kind.LAC_PATCH
    assert area_kind("Locality") == Area.Kind.LOCALITY
    assert area_kind("ward") is None
    columns = find_columns(["PCDS", "Locality Code", "Locality Name"], Area.Kind.LOCALITY)
    assert columns == {"postcode": "PCDS", "code": "Locality Code", "name": "Locality Name"}

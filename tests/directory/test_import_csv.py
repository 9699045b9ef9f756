"""CSV import: the template, row checks, all-or-nothing, --partial, dry run, re-import, admin."""

import csv
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory.csv_import import (
    CSV_IMPORTED,
    TEMPLATE_PATH,
    CsvFileError,
    check_csv,
    parse_opening_times,
)
from directory.models import Organisation, Service, Source
from tests.factories.accounts import staff_user

pytestmark = pytest.mark.django_db

HEADER = ["organisation_name", "service_name", "postcode", "categories", "opening_times"]


def row(name="Walking group", **values):
    return {"organisation_name": "Ramblers", "service_name": name, **values}


def csv_text(rows, header=HEADER) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(tmp_path, rows, header=HEADER, name="listings.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(csv_text(rows, header).encode(encoding))
    return path


def run(path, *args, source="Hub list") -> str:
    out = io.StringIO()
    call_command("import_csv", str(path), "--source", source, *args, "-v0", stdout=out)
    return out.getvalue()


def test_the_template_imports_cleanly_as_the_docs_say():
    output = run(TEMPLATE_PATH, source="Template")
    assert "2 rows: 2 ready, 0 with problems" in output
    assert "2 created, 0 updated, 0 unchanged, 0 held, 0 withdrawn, 0 failed" in output
    lunch = Service.objects.get(name="Thursday lunch club")
    assert not lunch.live  # a new source is "check first": drafts
    assert lunch.kind == Service.Kind.COMMUNITY_ASSET
    assert lunch.how_to_access == Service.HowToAccess.DROP_IN
    assert lunch.fees_description == "£4.50 for a two-course lunch" and not lunch.is_free
    assert lunch.min_age == 50 and lunch.max_age is None
    assert lunch.description.count("<p>") == 2
    assert {t.code for t in lunch.taxonomy_terms.all()} == {"lunch-clubs", "social-activities"}
    assert lunch.organisation.charity_number == "1123456"
    assert lunch.organisation.phone == "01724 296000"
    assert lunch.phones.get().number == "01724 296001"
    location = lunch.service_at_locations.get().location
    assert (location.address_1, location.city, location.postcode) == (
        "Church Square House",
        "Scunthorpe",
        "DN15 6NL",
    )
    café = Service.objects.get(name="Memory café")
    assert café.is_free and café.fees_description == "Free"
    assert café.service_at_locations.get().location.postcode == "DN20 8JD"
    sessions = sorted((s.weekdays, s.opens_at.isoformat()) for s in café.schedules.all())
    assert sessions == [([1, 2, 3, 4, 5], "09:00:00"), ([6], "10:00:00")]
    source = Source.objects.get(name="Template")
    assert source.kind == Source.Kind.CSV and source.trust == Source.Trust.MODERATE
    assert source.last_result.startswith("2 created")
    entry = ModelLogEntry.objects.get(action=CSV_IMPORTED)
    assert entry.object_id == str(source.pk) and entry.data["imported_rows"] == 2


def test_one_bad_row_imports_nothing_and_reports_the_row(tmp_path):
    rows = [row(f"Group {n}", postcode="DN15 6NL") for n in range(6)]
    rows[5]["postcode"] = "DN15 6X"  # spreadsheet row 7
    path = write(tmp_path, rows)
    out = io.StringIO()
    with pytest.raises(CommandError, match="6 rows: 5 ready, 1 with problems. Nothing imported"):
        call_command("import_csv", str(path), "--source", "Hub list", "-v0", stdout=out)
    assert "Row 7: postcode 'DN15 6X' is not a valid postcode" in out.getvalue()
    assert not Service.objects.exists() and not Organisation.objects.exists()


def test_partial_imports_the_good_rows_and_lists_the_bad_one(tmp_path):
    rows = [row("Walks"), row("Choir", categories="Knitting"), row("Lunch", categories="food")]
    output = run(write(tmp_path, rows), "--partial")
    assert "Row 3: category 'Knitting' is not one of our categories" in output
    assert "3 rows: 2 ready, 1 with problems. 2 created" in output
    assert set(Service.objects.values_list("name", flat=True)) == {"Walks", "Lunch"}


def test_dry_run_writes_nothing(tmp_path):
    output = run(write(tmp_path, [row()]), "--dry-run")
    assert "Dry run, nothing saved: 1 rows: 1 ready, 0 with problems. 1 created" in output
    assert not Service.objects.exists() and not Source.objects.exists()
    assert not ModelLogEntry.objects.filter(action=CSV_IMPORTED).exists()


def test_reimporting_the_same_file_changes_nothing_and_a_change_updates_one(tmp_path):
    rows = [row("Walks", postcode="DN15 6NL", opening_times="Tue 10:00-12:00"), row("Choir")]
    path = write(tmp_path, rows)
    run(path)
    ids = set(Service.objects.values_list("pk", flat=True))
    assert "0 created, 0 updated, 2 unchanged" in run(path)
    rows[0]["opening_times"] = "Tue 10:00-12:30"
    assert "0 created, 1 updated, 1 unchanged" in run(write(tmp_path, rows))
    assert set(Service.objects.values_list("pk", flat=True)) == ids


def test_external_id_keeps_a_renamed_listing(tmp_path):
    header = ["external_id", *HEADER]
    run(write(tmp_path, [row("Walks", external_id="W1")], header))
    output = run(write(tmp_path, [row("Wednesday walks", external_id="W1")], header))
    assert "0 created, 1 updated" in output
    assert Service.objects.count() == 1


def test_the_same_listing_twice_in_one_file_is_a_row_problem():
    checked = check_csv(csv_text([row("Walks"), row("walks ")]))
    assert [str(p) for p in checked.problems] == [
        "Row 3: this is the same listing as row 2 (the same external_id, or the same "
        "organisation, service name and postcode)"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty."),
        ("organisation_name,service_name\n", "The file has a header row but no listings."),
        (
            "organisation_name,name\nA,B\n",
            "it has no service_name column; these columns are not in the template: name",
        ),
        (
            "Organisation name,Service Name,Postcode,Opening hours\nA,B,,\n",
            "these columns are not in the template: opening_hours",
        ),
        ("organisation_name,service_name,town,Town\nA,B,C,D\n", "these columns appear twice: town"),
    ],
)
def test_a_wrong_file_is_refused_before_any_row(text, message):
    with pytest.raises(CsvFileError, match=message):
        check_csv(text.encode())


def test_a_wrong_header_stops_the_command(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("org,service\nA,B\n")
    with pytest.raises(CommandError, match="it has no organisation_name or service_name column"):
        run(path)


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"postcode": "DN15 6X"}, "postcode 'DN15 6X' is not a valid postcode"),
        ({"postcode": "not one"}, "postcode 'not one' is not a valid postcode"),
        ({"categories": "food; Cake"}, "category 'Cake' is not one of our categories"),
        ({"service_name": ""}, "service_name is empty"),
        ({"email": "nobody"}, "email 'nobody' is not an email address"),
        ({"website": "ftp:/x"}, "website 'ftp:/x' is not a web address"),
        ({"phone": "call us"}, "phone 'call us' is not a phone number"),
        ({"kind": "shop"}, "kind 'shop' is not one of: Community group or activity"),
        ({"free": "maybe"}, "free 'maybe' should be yes or no"),
        ({"min_age": "18", "max_age": "12"}, "min_age 18 is more than max_age 12"),
        ({"max_age": "eighty"}, "max_age 'eighty' is not an age in whole years"),
        ({"opening_times": "Mondays 9-5"}, "opening_times 'Mondays 9-5' is not in the form"),
    ],
)
def test_row_problems_say_which_row_column_and_why(values, reason):
    header = sorted({*HEADER, *values})
    checked = check_csv(csv_text([row("Fine"), {**row(), **values}], header))
    assert checked.rows == 2 and len(checked) == 1 and checked.bad_rows == [3]
    assert str(checked.problems[0]).startswith(f"Row 3: {reason}")


def test_blank_trailing_columns_are_ignored_but_not_values_under_them():
    text = "organisation_name,service_name,,\nRamblers,Walks,,\nRamblers,Choir,,x\nA,B,,,y\n"
    checked = check_csv(text)
    assert len(checked) == 1
    assert [str(p) for p in checked.problems] == [
        "Row 3: it has a value in a column with no heading",
        "Row 4: it has a value in a column with no heading",
    ]


def test_categories_match_codes_and_names_in_any_case():
    checked = check_csv(csv_text([row(categories="LUNCH-CLUBS;befriending ; Housing")]))
    assert checked.is_clean
    terms = checked.records[0][1]["taxonomy_terms"]
    assert [t["code"] for t in terms] == ["lunch-clubs", "befriending", "housing"]


def test_opening_times_parsing():
    assert parse_opening_times("Mon-Fri 09:00-17:00; Sat 10:00-12:00") == [
        ([1, 2, 3, 4, 5], "09:00", "17:00"),
        ([6], "10:00", "12:00"),
    ]
    assert parse_opening_times("mon, Wednesday 9:30 - 11:00") == [([1, 3], "09:30", "11:00")]
    assert parse_opening_times("Sat-Mon 22:00-02:00") == [([1, 6, 7], "22:00", "02:00")]
    for bad in ("Mon 9-5", "Funday 09:00-10:00", "Mon 09:00-09:00", "Mon 25:00-26:00"):
        with pytest.raises(ValueError):
            parse_opening_times(bad)


def test_windows_text_is_read_with_a_note(tmp_path):
    path = write(tmp_path, [row("Café £2")], encoding="cp1252")
    output = run(path)
    assert "read as Windows text" in output
    assert Service.objects.get().name == "Café £2"


def test_a_source_of_another_kind_is_refused(tmp_path):
    Source.objects.create(name="North Lincs", kind=Source.Kind.API)
    with pytest.raises(CommandError, match="'North Lincs' is a source of another kind"):
        run(write(tmp_path, [row()]), source="North Lincs")


def test_a_trusted_source_publishes(tmp_path):
    Source.objects.create(name="Hub list", kind=Source.Kind.CSV, trust=Source.Trust.PUBLISH)
    run(write(tmp_path, [row()]))
    assert Service.objects.get().live


def test_five_thousand_rows_validate(capsys):
    rows = [
        row(
            f"Group {n}",
            postcode="DN15 6NL",
            categories="lunch-clubs; befriending",
            opening_times="Mon-Fri 09:00-17:00; Sat 10:00-12:00",
        )
        for n in range(5000)
    ]
    data = csv_text(rows).encode()
    started = time.perf_counter()
    checked = check_csv(data)
    elapsed = time.perf_counter() - started
    assert len(checked) == 5000 and checked.is_clean
    with capsys.disabled():
        print(f"\n5,000-row CSV ({len(data) // 1024} KB) checked in {elapsed:.2f} s")  # noqa: T201 - the measurement


# --- the admin upload ------------------------------------------------------------------------
UPLOAD = "/admin/listings-import/"


def upload(client, text, name="listings.csv", source="Hub list"):
    return client.post(
        UPLOAD,
        {"source_name": source, "file": SimpleUploadedFile(name, text.encode(), "text/csv")},
    )


@pytest.fixture
def coordinator(client):
    user = staff_user("Coordinator")
    client.force_login(user)
    return user


def test_coordinator_checks_then_imports_the_good_rows(client, coordinator):
    listings = client.get(reverse("wagtailsnippets_directory_service:list")).content.decode()
    assert f'href="{UPLOAD}"' in listings and "Import from a spreadsheet" in listings
    assert client.get(UPLOAD).status_code == 200
    template = client.get(f"{UPLOAD}template.csv")
    assert b"".join(template.streaming_content) == TEMPLATE_PATH.read_bytes()
    text = csv_text([row("Walks"), row("Choir", postcode="DN15 6X"), row("Lunch")])
    response = upload(client, text)
    content = response.content.decode()
    assert "2 rows ready, 1 row with problems" in content
    assert "postcode &#x27;DN15 6X&#x27; is not a valid postcode" in content
    assert "Import the 2 valid rows" in content
    assert not Service.objects.exists() and not Source.objects.exists()  # checking writes nothing

    response = client.post(f"{UPLOAD}import/", {"rows": "all"})  # all: refused, a row is bad
    assert "nothing was imported" in response.content.decode()
    assert not Service.objects.exists()
    response = client.post(f"{UPLOAD}import/", {"rows": "good"})
    assert response.status_code == 302
    assert set(Service.objects.values_list("name", flat=True)) == {"Walks", "Lunch"}
    entry = ModelLogEntry.objects.get(action=CSV_IMPORTED)
    assert entry.user_id == coordinator.pk and entry.data["bad_rows"] == [3]
    # The file waited in the session once: a second import has nothing to import.
    response = client.post(f"{UPLOAD}import/", {"rows": "good"}, follow=True)
    assert "Upload the file again" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("listings.txt", "organisation_name,service_name\nA,B\n", "The file must be a CSV file"),
        ("listings.csv", "", "The file is empty"),  # an empty upload is no file at all to Django
        ("listings.csv", "name\nA\n", "does not match the template"),
    ],
)
def test_bad_uploads_get_an_error_summary(client, coordinator, name, text, message):
    response = upload(client, text, name=name)
    content = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in content
    assert message in content
    assert not Source.objects.exists()


def test_no_file_or_source_of_another_kind(client, coordinator):
    Source.objects.create(name="North Lincs", kind=Source.Kind.API)
    Source.objects.create(name="Hub list", kind=Source.Kind.CSV)
    response = client.post(UPLOAD, {"source_name": "North Lincs"})
    content = response.content.decode()
    assert "Choose a CSV file to check" in content
    assert '<option value="Hub list">' in content  # the CSV sources to choose from
    assert '<option value="North Lincs">' not in content
    assert "is a source of another kind" in content


def test_first_contact_cannot_import(client):
    client.force_login(staff_user("First Contact"))
    response = upload(client, csv_text([row()]))
    assert response.status_code == 302 and not Service.objects.exists()
    assert client.get(UPLOAD).status_code == 302
    assert client.post(f"{UPLOAD}import/", {"rows": "all"}).status_code == 302


def test_the_command_shows_a_hundred_problems_then_counts_the_rest(tmp_path):
    rows = [row(f"Group {n}", postcode="nowhere") for n in range(105)]
    out = io.StringIO()
    with pytest.raises(CommandError, match="105 rows: 0 ready, 105 with problems"):
        call_command("import_csv", str(write(tmp_path, rows)), "--source", "Hub", "-v0", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 101 and lines[-1] == "… and 5 more"
    assert lines[0] == "Row 2: postcode 'nowhere' is not a valid postcode"


def test_a_clean_file_is_imported_whole_from_the_admin(client, coordinator):
    response = upload(client, TEMPLATE_PATH.read_text(encoding="utf-8"))
    content = response.content.decode()
    assert "2 rows ready, 0 rows with problems" in content and "Import all 2 rows" in content
    response = client.post(f"{UPLOAD}import/", {"rows": "all"}, follow=True)
    assert "Imported 2 rows from the spreadsheet into Hub list" in response.content.decode()
    assert Service.objects.count() == 2
    assert Source.objects.get().kind == Source.Kind.CSV


def test_a_coordinator_cannot_change_listings_outside_their_patches(client, coordinator, tmp_path):
    run(write(tmp_path, [row("Walks")]))  # someone else's listing, in no patch of theirs
    text = csv_text([row("Walks"), row("Choir")])
    content = upload(client, text).content.decode()
    assert "1 row ready, 1 row with problems" in content
    assert "this would change a listing outside your patches" in content
    client.post(f"{UPLOAD}import/", {"rows": "good"})
    choir = Service.objects.get(name="Choir")
    assert choir.curator == coordinator  # theirs to look after, as in the editor
    # Their own listing they may import again.
    content = upload(client, csv_text([row("Choir")])).content.decode()
    assert "1 row ready, 0 rows with problems" in content

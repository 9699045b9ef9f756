"""manage.py import_oruk: files, envelopes, the real North Lincolnshire feed, examples, URLs."""

import io
import json
import uuid
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from directory.models import Location, Organisation, Service
from directory.oruk import sources
from tests.directory.oruk_schemas import ORUK_DATA
from tests.factories.directory import PostcodeFactory, TaxonomyTermFactory

pytestmark = pytest.mark.django_db

NORTH_LINCS = ORUK_DATA / "north-lincolnshire-services.json"
EXAMPLES = ORUK_DATA / "examples"


def run(source, *args) -> str:
    out = io.StringIO()
    call_command("import_oruk", str(source), *args, "-v0", stdout=out)
    return out.getvalue()


def write(tmp_path, data, name="feed.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def record(**overrides):
    data = {
        "id": "3f0e1f55-8a44-4c6e-9a0b-59d2a1b2c3d4",
        "name": "Walking group",
        "status": "active",
        "description": '<p>Weekly walks.</p><script>alert("x")</script><img src=x onerror=alert(1)>',
        "organization": {
            "id": "7a0e1f55-8a44-4c6e-9a0b-59d2a1b2c3d4",
            "name": "Ramblers",
            "description": "",
        },
    }
    data.update(overrides)
    return data


def test_imports_the_north_lincolnshire_feed_as_drafts_then_is_idempotent():
    output = run(NORTH_LINCS)
    assert "738 created / 0 updated / 0 unchanged / 0 invalid" in output
    assert Service.objects.count() == 738
    assert Service.objects.filter(live=False).count() == 738
    assert Organisation.objects.count() == 239
    service = Service.objects.get(pk="738f94e0-aa6c-6a5c-2395-7b64421ba2a5")
    assert service.latest_revision is not None
    assert service.service_at_locations.count() == 0  # "no fixed location"
    assert "<p>" in service.description
    assert service.summary.startswith("Struggling with Drug & Alcohol Addiction?")
    assert str(service.last_reviewed) == "2024-12-10"

    assert "0 created / 0 updated / 738 unchanged / 0 invalid" in run(NORTH_LINCS)
    assert Service.objects.count() == 738


def north_lincs_sample(tmp_path, count=60):
    return write(tmp_path, json.loads(NORTH_LINCS.read_text())[:count])


def test_publish_makes_services_live(tmp_path):
    run(north_lincs_sample(tmp_path), "--publish")
    assert Service.objects.live().count() == 60


def test_dry_run_changes_nothing(tmp_path):
    output = run(north_lincs_sample(tmp_path), "--dry-run")
    assert "60 created" in output and "Dry run" in output
    assert Service.objects.count() == 0
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "service_list.json",
        "organization_full.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
        "hsds-3.0/service_full.json",
        "hsds-3.0/service_list.json",
    ],
)
def test_specification_examples_import_cleanly(name):
    output = run(EXAMPLES / name, "--publish")
    assert "0 invalid" in output
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.name == "Community Counselling"
    assert service.live


def test_full_example_maps_children():
    run(EXAMPLES / "hsds-3.0" / "service_full.json", "--publish")
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.min_age == 12 and service.max_age == 100
    assert service.languages == ["Urdu"]
    assert service.phones.get().number == "+44 1234 234567"
    assert service.schedules.get().weekdays == [4, 5]
    assert service.cost_options.get().amount == 35
    contact = service.contacts.get()
    assert contact.name == "Ann Persona" and contact.is_public
    location = service.service_at_locations.get().location
    assert location.name == "MyCity Civic Center"
    assert location.latitude is None  # 100 is not a latitude
    term = service.taxonomy_terms.get()
    assert term.taxonomy.name == "name" and not term.is_public_category


def test_html_is_sanitised_and_a_summary_derived(tmp_path):
    run(write(tmp_path, [record()]))
    service = Service.objects.get()
    assert service.description == "<p>Weekly walks.</p>"
    assert service.summary == "Weekly walks."


def test_invalid_records_are_skipped_with_a_reason(tmp_path):
    feed = [
        record(),
        {"name": "No id", "status": "active"},
        record(id=str(uuid.uuid4()), name=""),
        record(id=str(uuid.uuid4()), status="closed for ever"),
        "not an object",
    ]
    output = run(write(tmp_path, feed))
    assert "1 created / 0 updated / 0 unchanged / 4 invalid" in output
    assert "has no id" in output and "has no name" in output and "unknown status" in output


def test_a_changed_live_service_waits_as_a_draft_revision_unless_published(tmp_path):
    run(write(tmp_path, [record()]), "--publish")
    changed = write(tmp_path, [record(name="Walking group (Tuesdays)")], "changed.json")
    assert "0 created / 1 updated" in run(changed)
    service = Service.objects.get()
    assert service.name == "Walking group" and service.live and service.has_unpublished_changes
    assert service.get_latest_revision_as_object().name == "Walking group (Tuesdays)"
    assert "0 updated / 1 unchanged" in run(changed)
    assert "1 updated" in run(changed, "--publish")
    assert Service.objects.get().name == "Walking group (Tuesdays)"


def test_summaries_without_locations_keep_existing_locations(tmp_path):
    full = record(
        service_at_locations=[
            {
                "id": str(uuid.uuid4()),
                "location": {"id": str(uuid.uuid4()), "location_type": "physical", "name": "Hall"},
            }
        ]
    )
    run(write(tmp_path, [full]), "--publish")
    run(write(tmp_path, [record(name="Walking group")], "summary.json"), "--publish")
    assert Service.objects.get().service_at_locations.count() == 1


def test_coordinates_come_from_the_gazetteer_when_missing(tmp_path):
    PostcodeFactory(postcode="S1 2HH", latitude=53.38, longitude=-1.47)
    location = {
        "id": str(uuid.uuid4()),
        "location_type": "physical",
        "addresses": [
            {
                "id": str(uuid.uuid4()),
                "address_1": "1 Surrey St",
                "city": "Sheffield",
                "state_province": "",
                "postal_code": "s12hh",
                "country": "GB",
                "address_type": "physical",
            }
        ],
    }
    run(
        write(
            tmp_path,
            [record(service_at_locations=[{"id": str(uuid.uuid4()), "location": location}])],
        )
    )
    imported = Location.objects.get()
    assert imported.postcode == "S1 2HH"
    assert (imported.latitude, imported.longitude) == (53.38, -1.47)


def test_terms_reuse_existing_codes(tmp_path):
    existing = TaxonomyTermFactory(code="walking", name="Walking")
    term = {"id": str(uuid.uuid4()), "code": "walking", "name": "Walks", "description": ""}
    run(write(tmp_path, [record(attributes=[{"id": str(uuid.uuid4()), "taxonomy_term": term}])]))
    assert list(Service.objects.get(pk=record()["id"]).taxonomy_terms.all()) == [existing]


def test_unreadable_sources_are_command_errors(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        run(bad)


def test_imports_from_an_api_following_paging():
    pages = {
        1: {
            "total_items": 2,
            "total_pages": 2,
            "page_number": 1,
            "last_page": False,
            "contents": [record()],
        },
        2: {
            "total_items": 2,
            "total_pages": 2,
            "page_number": 2,
            "last_page": True,
            "contents": [record(id=str(uuid.uuid4()), name="Second")],
        },
    }
    requested = []

    def fake_fetch(url, timeout):
        requested.append(url)
        page = int(url.split("page=")[1].split("&")[0])
        return pages[page]

    with mock.patch.object(sources, "fetch_json", side_effect=fake_fetch):
        output = run("https://other.example/api/oruk/")
    assert "2 created" in output
    assert requested[0].startswith("https://other.example/api/oruk/services?page=1")


def test_fetch_retries_then_gives_up(monkeypatch):
    import urllib.error

    calls = []

    def failing(request, timeout):
        calls.append(timeout)
        raise urllib.error.URLError("timed out")

    monkeypatch.setattr(sources.urllib.request, "urlopen", failing)
    monkeypatch.setattr(sources.time, "sleep", lambda seconds: None)
    with pytest.raises(sources.SourceError, match="after 3 attempts"):
        sources.fetch_json("https://other.example/api/oruk/services", timeout=2)
    assert calls == [2, 2, 2]


def test_a_draft_with_a_location_and_schedule_reimports_as_unchanged(tmp_path):
    location = {
        "id": "9a0e1f55-8a44-4c6e-9a0b-59d2a1b2c3d4",
        "addresses": [{"address_1": "1 High Street", "postal_code": "S1 2HH"}],
    }
    data = [
        record(
            service_at_locations=[{"location": location}],
            schedules=[{"byday": "TU", "opens_at": "10:00", "closes_at": "12:00"}],
            phones=[{"number": "0114 222 2222"}],
        )
    ]
    path = write(tmp_path, data)
    run(path)
    assert "0 created / 0 updated / 1 unchanged" in run(path)

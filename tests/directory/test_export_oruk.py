"""manage.py export_oruk: published services in the API's shape; re-import round-trips."""

import io
import json

import pytest
from django.core.management import call_command

from directory.models import (
    Area,
    Contact,
    CostOption,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tests.directory.oruk_schemas import assert_valid
from tests.factories.directory import (
    AreaFactory,
    LocationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)

pytestmark = pytest.mark.django_db


def export() -> dict:
    out = io.StringIO()
    call_command("export_oruk", stdout=out)
    return json.loads(out.getvalue())


def comparable(document: dict) -> dict:
    document = {k: v for k, v in document.items() if k != "exported_at"}
    document["services"] = [
        {k: v for k, v in s.items() if k != "last_modified"} for s in document["services"]
    ]
    return document


@pytest.fixture
def directory_content():
    parent = TaxonomyTermFactory(code="social-activities", name="Social activities")
    child = TaxonomyTermFactory(code="lunch-clubs", name="Lunch clubs", parent=parent)
    service = ServiceFactory(
        name="Lunch club",
        categories=[child],
        location=LocationFactory(
            name="Hall", hearing_loop=True, accessibility_notes="Ramp at side"
        ),
        min_age=60,
        languages=["English", "Punjabi"],
        is_free=True,
        eligibility="Older people",
        how_to_access=Service.HowToAccess.DROP_IN,
    )
    service.service_areas.set([AreaFactory(name="Walkley")])
    service.save()
    ScheduleFactory(service=service, weekdays=[3], description="Wednesday lunchtimes")
    PhoneFactory(service=service, number="0114 111 1111", description="Office")
    Contact.objects.create(service=service, name="Ann", phone="0114 222 2222", is_public=True)
    Contact.objects.create(service=service, name="Secret", email="staff@council.example")
    CostOption.objects.create(
        service=service, option="Lunch", amount="2.50", amount_description="per meal"
    )
    ServiceFactory(name="Draft group", live=False)
    ServiceFactory(name="Second group")
    return service


def test_export_holds_published_services_only_and_validates(directory_content, tmp_path):
    path = tmp_path / "export.json"
    call_command("export_oruk", "--output", str(path), stderr=io.StringIO())
    document = json.loads(path.read_text())
    assert document["version"] == "HSDS-UK-3.0"
    assert [s["name"] for s in document["services"]] == ["Lunch club", "Second group"]
    for service in document["services"]:
        assert_valid("service", service)
    assert "staff@council.example" not in path.read_text()


def test_export_reimported_into_an_empty_database_round_trips(directory_content, tmp_path):
    first = export()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(first))
    for model in (
        Schedule,
        Contact,
        ServiceAtLocation,
        Service,
        Location,
        Organisation,
        TaxonomyTerm,
        Taxonomy,
        Area,
    ):
        model.objects.all().delete()
    assert Service.objects.count() == 0

    out = io.StringIO()
    call_command("import_oruk", str(path), "--publish", "-v0", stdout=out)
    assert "2 created / 0 updated / 0 unchanged / 0 invalid" in out.getvalue()
    assert comparable(export()) == comparable(first)

    service = Service.objects.get(name="Lunch club")
    assert service.is_free and service.how_to_access == Service.HowToAccess.DROP_IN
    assert service.taxonomy_terms.get().parent.code == "social-activities"
    location = service.service_at_locations.get().location
    assert location.hearing_loop and location.accessibility_notes == "Ramp at side"

    call_command("import_oruk", str(path), "--publish", "-v0", stdout=(again := io.StringIO()))
    assert "0 created / 0 updated / 2 unchanged" in again.getvalue()

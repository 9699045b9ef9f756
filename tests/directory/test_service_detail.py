"""The /services/<uuid>/ page: content, JSON-LD, live-only, moderation and query count."""

import datetime
import json
import re
import uuid

import pytest

from directory.events import service_opened
from directory.models import Service, TaxonomyTerm
from tests.factories.directory import (
    ContactFactory,
    CostOptionFactory,
    LocationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    service = ServiceFactory(
        name="Hillsborough Memory Café",
        summary="A café for people with memory problems and their carers.",
        description="<p>Tea and <strong>company</strong>.</p><script>alert(1)</script>",
        how_to_access=Service.HowToAccess.DROP_IN,
        min_age=18,
        languages=["English", "Urdu"],
        accessibility_notes="Ramp at the side door.",
        last_reviewed=datetime.date(2026, 3, 4),
        location=LocationFactory(
            name="Hillsborough Library", postcode="S6 2LN", step_free_access=True
        ),
        categories=[TaxonomyTerm.objects.get(code="memory-dementia")],
    )
    ScheduleFactory(
        service=service,
        weekdays=[2, 3],
        opens_at=datetime.time(13, 30),
        closes_at=datetime.time(15, 30),
    )
    PhoneFactory(service=service, number="0114 273 4567")
    PhoneFactory(service=service, number="0114 000 0000", is_public=False)
    ContactFactory(service=service, name="Private Person", is_public=False)
    CostOptionFactory(service=service, option="Tea and cake", amount="1.50")
    return service


def test_detail_page_shows_the_listing(client, service):
    response = client.get(f"/services/{service.id}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Hillsborough Memory Café" in content
    assert '<meta name="description" content="A café for people with memory problems' in content
    for text in (
        "Drop in, no need to book",
        "18 and over",
        "English, Urdu",
        "Ramp at the side door.",
        "Step-free access",
        "Tuesday and Wednesday, 1:30pm to 3:30pm",
        "Tea and cake: £1.50",
        "0114 273 4567",
        "Last checked 4 March 2026",
        "View on OpenStreetMap",
        'class="signpost-map',
        "Add to shortlist",
        "Print this page",
        "<strong>company</strong>",
    ):
        assert text in content, text
    assert "<script>alert(1)</script>" not in content
    assert "0114 000 0000" not in content  # not public
    assert "Private Person" not in content  # staff contact


def test_detail_page_map_area_carries_the_map_settings(client, service):
    content = client.get(f"/services/{service.id}/").content.decode()
    area = re.search(r'<div class="signpost-map signpost-no-print"([^>]*)>', content).group(1)
    assert 'data-signpost-map="place"' in area
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in area
    assert 'data-lat="53.380410" data-lon="-1.469915"' in area
    assert 'data-map-label="Map showing Hillsborough Library"' in area
    assert '<script type="module" src="/static/js/maps.js"></script>' in content


def test_detail_page_with_maps_off_keeps_the_address_and_map_links_only(client, service, settings):
    settings.MAP_TILE_URL = ""
    content = client.get(f"/services/{service.id}/").content.decode()
    assert '<div class="signpost-map signpost-no-print">' in content
    assert "data-signpost-map" not in content and "data-tile-url" not in content
    assert "View on OpenStreetMap" in content
    assert "Get directions on OpenStreetMap" in content


def test_detail_page_has_schema_org_json_ld(client, service):
    content = client.get(f"/services/{service.id}/").content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', content, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Service"
    assert data["name"] == "Hillsborough Memory Café"
    assert data["provider"]["name"] == service.organisation.name
    assert data["availableChannel"]["serviceLocation"]["address"]["postalCode"] == "S6 2LN"
    assert data["hoursAvailable"][0]["dayOfWeek"] == ["Tuesday", "Wednesday"]


def test_json_ld_cannot_break_out_of_its_script_element(client):
    service = ServiceFactory(name="</script><script>alert(1)</script>")
    content = client.get(f"/services/{service.id}/").content.decode()
    assert "</script><script>alert(1)" not in content


@pytest.mark.parametrize(
    "overrides", [{"live": False}, {"status": Service.Status.INACTIVE}, {"status": "defunct"}]
)
def test_unpublished_or_inactive_services_are_not_public(client, overrides):
    service = ServiceFactory(**overrides)
    assert client.get(f"/services/{service.id}/").status_code == 404


def test_unknown_service_is_404(client):
    assert client.get(f"/services/{uuid.uuid4()}/").status_code == 404
    assert client.get("/services/not-a-uuid/").status_code == 404


def test_an_edit_in_moderation_does_not_change_the_public_page(client, service):
    editor = UserFactory()
    service.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    url = f"/services/{service.id}/"

    service.name = "Renamed Café"
    revision = service.save_revision(user=editor)
    Service.get_default_workflow().start(service, editor)

    response = client.get(url)
    assert "Hillsborough Memory Café" in response.content.decode()
    assert "Renamed Café" not in response.content.decode()
    service.refresh_from_db()
    assert service.workflow_in_progress

    revision.publish(user=editor, skip_permission_checks=True)
    assert "Renamed Café" in client.get(url).content.decode()


def test_opening_from_search_announces_a_click(client, service):
    clicks = []

    def opened(sender, request, service, position=None, event_id=None, **kwargs):
        clicks.append((service.id, position, event_id))

    service_opened.connect(opened)
    try:
        client.get(f"/services/{service.id}/?from=search&pos=3&search=41")
        client.get(f"/services/{service.id}/")
        client.get(f"/services/{service.id}/?from=search&pos=abc&search=%D9%A1")
        client.get(f"/services/{service.id}/?from=search&pos=2&search={'9' * 40}")
    finally:
        service_opened.disconnect(opened)
    assert clicks == [(service.id, 3, 41), (service.id, None, None), (service.id, 2, None)]


def test_print_view(client, service):
    content = client.get(f"/services/{service.id}/?print=1").content.decode()
    assert "window.print()" in content


def test_detail_page_uses_a_bounded_number_of_queries(
    client, service, django_assert_max_num_queries
):
    for _ in range(5):
        ScheduleFactory(service=service)
        PhoneFactory(service=service)
    with django_assert_max_num_queries(14):
        assert client.get(f"/services/{service.id}/").status_code == 200

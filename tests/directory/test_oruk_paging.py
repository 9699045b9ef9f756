"""The ORUK API's long lists page by seeking from cached marks (directory/oruk/paging.py):
the same rows as OFFSET paging, exact totals after every change, few queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Organisation, Service
from directory.oruk import paging
from tests.factories.directory import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_stride(monkeypatch):
    """A mark every 4 rows, so a few dozen listings exercise the seek from a mark."""
    monkeypatch.setattr(paging, "STRIDE", 4)


@pytest.fixture
def listings():
    """23 live listings in 5 groups of equal names, with a draft and a defunct one among them."""
    organisations = [OrganisationFactory(name=f"Org {n % 3}") for n in range(6)]
    for number in range(23):
        ServiceFactory(name=f"Group {number % 5}", organisation=organisations[number % 6])
    ServiceFactory(name="Group 2", live=False)
    ServiceFactory(name="Group 3", status=Service.Status.DEFUNCT)


def api_page(client, path: str, page: int, per_page: int) -> dict:
    response = client.get(f"/api/oruk/{path}?per_page={per_page}&page={page}")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def offset_ids(queryset, page: int, per_page: int) -> list[str]:
    start = (page - 1) * per_page
    ordered = queryset.order_by("name", "id").values_list("pk", flat=True)
    return [str(pk) for pk in ordered[start : start + per_page]]


@pytest.mark.parametrize("per_page", [1, 3, 4, 5, 7, 50])
def test_service_pages_are_the_offset_pages(client, small_stride, listings, per_page):
    live = Service.objects.live()
    total = live.count()
    assert total == 23
    pages = -(-total // per_page)
    seen = []
    for page in range(1, pages + 2):
        data = api_page(client, "services", page, per_page)
        got = [service["id"] for service in data["contents"]]
        assert got == offset_ids(live, page, per_page), (page, per_page)
        assert data["total_items"] == total
        assert data["total_pages"] == pages
        assert data["last_page"] is (page >= pages)
        seen += got
    assert len(seen) == len(set(seen)) == total


def test_filtered_service_pages_are_the_offset_pages(client, small_stride, listings):
    organisation = Organisation.objects.filter(services__live=True).first()
    live = Service.objects.live().filter(organisation=organisation)
    for page in (1, 2, 3):
        response = client.get(
            f"/api/oruk/services?per_page=2&page={page}&organization_id={organisation.pk}"
        )
        data = response.json()
        assert [s["id"] for s in data["contents"]] == offset_ids(live, page, 2)
        assert data["total_items"] == live.count()


def test_organisation_pages_are_the_offset_pages(client, small_stride, listings):
    organisations = Organisation.objects.filter(services__in=Service.objects.live()).distinct()
    total = organisations.count()
    OrganisationFactory(name="Org 1")  # no live service: not listed
    for per_page in (1, 2, 4):
        for page in range(1, -(-total // per_page) + 2):
            data = api_page(client, "organizations", page, per_page)
            got = [organisation["id"] for organisation in data["contents"]]
            assert got == offset_ids(organisations, page, per_page), (page, per_page)
            assert data["total_items"] == total


def total_items(client) -> int:
    return api_page(client, "services", 1, 5)["total_items"]


def test_the_total_stays_exact_after_each_change(client, listings):
    assert total_items(client) == 23
    draft = Service.objects.get(live=False)
    draft.save_revision().publish()
    assert total_items(client) == 24
    draft.refresh_from_db()
    draft.unpublish()
    assert Service.objects.live().count() == 23
    assert total_items(client) == 23
    Service.objects.live().first().delete()
    assert total_items(client) == 22
    ServiceFactory()
    assert total_items(client) == 23


def test_a_renamed_listing_moves_to_its_place_at_once(client, small_stride, listings):
    api_page(client, "services", 5, 3)  # marks cached
    service = Service.objects.live().order_by("name", "id").first()
    service.name = "Zebra crossing patrol"
    service.save()
    last = api_page(client, "services", 8, 3)
    assert last["contents"][-1]["id"] == str(service.pk)


def test_a_deep_page_seeks_instead_of_skipping_and_is_not_counted_again(
    client, small_stride, listings
):
    api_page(client, "services", 1, 3)  # works out the total and the marks
    with CaptureQueriesContext(connection) as captured:
        data = api_page(client, "services", 7, 3)  # rows 18-20: from the mark at row 16
    assert data["size"] == 3
    statements = [query["sql"] for query in captured]
    assert not any("COUNT(" in sql.upper() for sql in statements), statements
    offsets = [int(n) for sql in statements for n in re.findall(r"OFFSET (\d+)", sql)]
    assert all(offset < paging.STRIDE for offset in offsets), statements
    # The page's ids, then the services with everything they show (a constant number).
    assert len(statements) <= 10, statements


def test_a_new_version_after_a_save_and_not_otherwise(listings):
    version = paging.listings_version()
    assert paging.listings_version() == version
    Service.objects.live().first().save()
    assert paging.listings_version() > version

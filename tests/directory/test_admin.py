"""The Directory menu in the Wagtail admin: listing order, filters, editing and moderation."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.editor import DESCRIPTION_FEATURES
from directory.models import Service
from tests.factories.accounts import activate_totp
from tests.factories.directory import (
    AreaFactory,
    LocationFactory,
    PatchFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(is_superuser=True, email="admin@signpost.example")
    activate_totp(user)  # superusers must have MFA (portal.roles)
    client.force_login(user)
    return client


def index_url():
    return reverse("wagtailsnippets_directory_service:list")


def test_listing_shows_overdue_first(admin_client):
    ServiceFactory(name="Checked recently", review_due=datetime.date(2027, 6, 1))
    ServiceFactory(name="Long overdue", review_due=datetime.date(2024, 1, 1))
    response = admin_client.get(index_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Long overdue") < content.index("Checked recently")
    assert "Overdue" in content


def test_listing_filters(admin_client):
    ward = AreaFactory(name="Hillsborough")
    patch = PatchFactory(name="North West", wards=[ward])
    in_patch = ServiceFactory(name="In the patch", location=LocationFactory(postcode="", area=ward))
    ServiceFactory(name="Elsewhere", kind=Service.Kind.EVENT, review_due=datetime.date(2020, 1, 1))

    def names(**params):
        response = admin_client.get(index_url(), params)
        assert response.status_code == 200
        return {service.name for service in response.context["object_list"]}

    assert names(area=str(patch.pk)) == {in_patch.name}
    assert names(area=str(ward.pk)) == {in_patch.name}
    assert names(kind="event") == {"Elsewhere"}
    assert names(overdue="true") == {"Elsewhere"}
    assert names(q="patch") == {"In the patch"}


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_directory_organisation:list",
        "wagtailsnippets_directory_location:list",
        "wagtailsnippets_directory_area:list",
        "wagtailsnippets_directory_localareacoordinator:list",
        "wagtailsnippets_directory_taxonomyterm:list",
        "wagtailsnippets_directory_service:add",
    ],
)
def test_directory_admin_pages_load(admin_client, url_name):
    assert admin_client.get(reverse(url_name)).status_code == 200


def edit_form_data(service, **changes):
    data = {
        "name": service.name,
        "organisation": str(service.organisation_id),
        "kind": service.kind,
        "status": service.status,
        "summary": service.summary,
        "description": rich_text(service.description, features=DESCRIPTION_FEATURES),
        "how_to_access": service.how_to_access,
        "languages": '["English"]',
        "review_due": str(service.review_due),
        "service_at_locations": inline_formset([]),
        "schedules": inline_formset([]),
        "phones": inline_formset([]),
        "contacts": inline_formset([]),
        "cost_options": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_submitting_an_edit_for_moderation_keeps_the_live_version(admin_client):
    service = ServiceFactory(name="Walkley Lunch Club")
    service.save_revision().publish(skip_permission_checks=True)
    edit_url = reverse("wagtailsnippets_directory_service:edit", args=[service.pk])
    assert admin_client.get(edit_url).status_code == 200

    data = edit_form_data(service, name="Walkley Lunch and Social Club")
    data["action-submit"] = "Submit for moderation"
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""

    assert WorkflowState.objects.filter(object_id=str(service.pk), status="in_progress").exists()
    service.refresh_from_db()
    assert service.name == "Walkley Lunch Club"
    public = Client().get(f"/services/{service.id}/").content.decode()
    assert "Walkley Lunch Club" in public
    assert "Walkley Lunch and Social Club" not in public


def test_preview_renders_the_public_template(admin_client):
    service = ServiceFactory(name="Preview Café")
    url = reverse("wagtailsnippets_directory_service:preview_on_edit", args=[service.pk])
    data = edit_form_data(service, name="Preview Café (changed)")
    assert admin_client.post(url, data).json()["is_valid"] is True
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Preview Café (changed)" in response.content.decode()
    assert 'content="noindex"' in response.content.decode()

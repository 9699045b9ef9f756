"""Suggested changes field by field (#22): the public form's optional fields, the review screen
(current beside suggested) and "Apply" per field, as a draft revision, logged; coordinators
only for listings in their patches."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory.models import ChangeSuggestion
from directory.patches import REFUSED_OUTSIDE_PATCH, SUGGESTION_FIELD_APPLIED
from portal.roles import COORDINATOR
from tests.factories.accounts import staff_user
from tests.factories.directory import (
    AreaFactory,
    LocalAreaCoordinatorFactory,
    LocationFactory,
    PatchFactory,
    PhoneFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.SUGGESTION_RATE_LIMIT = "off"
    cache.clear()


@pytest.fixture
def listings():
    north_ward, south_ward = AreaFactory(), AreaFactory()
    north = PatchFactory(name="North", wards=[north_ward])
    PatchFactory(name="South", wards=[south_ward])
    mine = ServiceFactory(
        name="Lunch club",
        url="https://old.example/",
        location=LocationFactory(postcode="", area=north_ward),
    )
    PhoneFactory(service=mine, number="0114 000 0001")
    theirs = ServiceFactory(name="Choir", location=LocationFactory(postcode="", area=south_ward))
    return {"north": north, "mine": mine, "theirs": theirs}


@pytest.fixture
def coordinator(client, listings):
    user = staff_user(COORDINATOR)
    LocalAreaCoordinatorFactory(user=user).patches.add(listings["north"])
    client.force_login(user)
    return user


def suggest(service, **fields):
    return ChangeSuggestion.objects.create(
        service=service, details=fields.pop("details", ""), suggested_fields=fields
    )


def test_public_form_keeps_each_suggested_field(client, listings):
    service = listings["mine"]
    response = client.post(
        f"/services/{service.pk}/suggest-change/",
        {"name": " Lunch and chat club ", "phone": "0114 999 9999", "url": "", "details": ""},
    )
    assert response.status_code == 302
    suggestion = ChangeSuggestion.objects.get()
    assert suggestion.suggested_fields == {"name": "Lunch and chat club", "phone": "0114 999 9999"}
    assert suggestion.details == ""


def test_public_form_needs_something(client, listings):
    response = client.post(f"/services/{listings['mine'].pk}/suggest-change/", {"name": ""})
    assert response.status_code == 400
    assert "Enter what needs changing" in response.content.decode()
    assert not ChangeSuggestion.objects.exists()


def test_public_form_checks_a_suggested_website(client, listings):
    response = client.post(
        f"/services/{listings['mine'].pk}/suggest-change/", {"url": "not a website"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter a website address" in content and 'href="#id_url"' in content


def test_review_shows_current_beside_suggested(client, coordinator, listings):
    suggestion = suggest(listings["mine"], name="Lunch and chat", phone="0114 999 9999")
    response = client.get(reverse("directory_suggestions:review", args=[suggestion.pk]))
    assert response.status_code == 200
    rows = {row["key"]: row for row in response.context["rows"]}
    assert rows["name"]["current"] == "Lunch club"
    assert rows["name"]["suggested"] == "Lunch and chat"
    assert rows["phone"]["current"] == "0114 000 0001"
    assert set(rows) == {"name", "phone"}
    content = response.content.decode()
    assert reverse("directory_suggestions:apply_field", args=[suggestion.pk, "name"]) in content


def test_apply_one_field_saves_a_draft_and_logs_it(client, coordinator, listings):
    service = listings["mine"]
    suggestion = suggest(
        service, name="Lunch and chat", phone="0114 999 9999", description="Soup.\n\nAnd <b>cake"
    )
    for field in ("name", "phone", "description"):
        url = reverse("directory_suggestions:apply_field", args=[suggestion.pk, field])
        assert client.post(url).status_code == 302

    service.refresh_from_db()
    assert service.name == "Lunch club"  # the live listing waits for publishing
    draft = service.get_latest_revision_as_object()
    assert draft.name == "Lunch and chat"
    assert [phone.number for phone in draft.phones.all()] == ["0114 999 9999"]
    assert draft.description == "<p>Soup.</p><p>And &lt;b&gt;cake</p>"
    assert service.has_unpublished_changes
    entries = ModelLogEntry.objects.filter(
        action=SUGGESTION_FIELD_APPLIED, object_id=str(service.pk), user=coordinator
    )
    assert sorted(entry.data["field"] for entry in entries) == ["description", "name", "phone"]

    response = client.get(reverse("directory_suggestions:review", args=[suggestion.pk]))
    assert all(row["applied"] for row in response.context["rows"])


def test_apply_field_not_suggested_is_404(client, coordinator, listings):
    suggestion = suggest(listings["mine"], name="New name")
    for field in ("email", "curator"):
        url = reverse("directory_suggestions:apply_field", args=[suggestion.pk, field])
        assert client.post(url).status_code == 404


def test_coordinator_cannot_review_or_apply_outside_their_patch(client, coordinator, listings):
    theirs = listings["theirs"]
    suggestion = suggest(theirs, name="Renamed choir")
    assert (
        client.get(reverse("directory_suggestions:review", args=[suggestion.pk])).status_code == 403
    )
    url = reverse("directory_suggestions:apply_field", args=[suggestion.pk, "name"])
    assert client.post(url).status_code == 403
    theirs.refresh_from_db()
    assert theirs.latest_revision is None
    assert (
        ModelLogEntry.objects.filter(
            action=REFUSED_OUTSIDE_PATCH, object_id=str(theirs.pk), user=coordinator
        ).count()
        == 2
    )


def test_queue_shows_a_coordinator_their_patches_and_new_groups(client, coordinator, listings):
    suggest(listings["mine"], details="Mine")
    suggest(listings["theirs"], details="Theirs")
    ChangeSuggestion.objects.create(kind=ChangeSuggestion.Kind.NEW, details="A new group")
    content = client.get(reverse("directory_suggestions:queue")).content.decode()
    assert "Mine" in content and "A new group" in content and "Theirs" not in content


def test_the_listings_email_is_not_filled_with_the_visitors_own(client, listings):
    content = client.get(f"/services/{listings['mine'].pk}/suggest-change/").content.decode()
    field = re.search(r'<input[^>]*id="id_email"[^>]*>', content).group(0)
    assert 'autocomplete="email"' not in field
    contact = re.search(r'<input[^>]*id="id_contact_email"[^>]*>', content).group(0)
    assert 'autocomplete="email"' in contact

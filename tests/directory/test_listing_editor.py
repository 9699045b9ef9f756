"""The listing editor (#22): rich-text description, opening-time rows, a page that does not
grow with the directory, and coordinators limited to the listings in their patches."""

import datetime
import html
import io
import json
import re

import pytest
from django.contrib.admin.utils import quote
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.editor import DESCRIPTION_FEATURES
from directory.models import Schedule, Service, ServiceAtLocation
from directory.patches import REFUSED_OUTSIDE_PATCH
from portal.roles import ADMINISTRATOR, COORDINATOR, sync_roles
from tests.factories.accounts import activate_totp, staff_user
from tests.factories.directory import (
    AreaFactory,
    LocalAreaCoordinatorFactory,
    LocationFactory,
    PatchFactory,
    ScheduleFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def edit_url(service) -> str:
    return reverse("wagtailsnippets_directory_service:edit", args=[quote(service.pk)])


def form_data(service, description_html=None, schedules=(), **changes) -> dict:
    schedules = [dict(row) for row in schedules]
    days = {n: row.pop("weekdays", []) for n, row in enumerate(schedules)}
    data = {
        "name": service.name,
        "organisation": str(service.organisation_id),
        "kind": service.kind,
        "status": service.status,
        "summary": service.summary,
        "description": changes.pop("description", None)
        or rich_text(
            service.description if description_html is None else description_html,
            features=DESCRIPTION_FEATURES,
        ),
        "how_to_access": service.how_to_access,
        "languages": '["English"]',
        "review_due": str(service.review_due),
        "service_at_locations": inline_formset([]),
        "schedules": inline_formset(list(schedules)),
        "phones": inline_formset([]),
        "contacts": inline_formset([]),
        "cost_options": inline_formset([]),
    }
    data.update(changes)
    flat = nested_form_data(data)
    for n, weekdays in days.items():  # checkboxes: one value each (nested_form_data splits lists)
        flat[f"schedules-{n}-weekdays"] = weekdays
    return flat


@pytest.fixture
def administrator(client):
    sync_roles()  # Wagtail adds publish_service after the roles' post_migrate sync
    user = staff_user(ADMINISTRATOR)
    activate_totp(user)  # Administrators must use MFA
    client.force_login(user)
    return user


@pytest.fixture
def patches():
    """Two patches, each with a ward and a listing located in it."""
    north_ward, south_ward = AreaFactory(name="Hillsborough"), AreaFactory(name="Arbourthorne")
    north = PatchFactory(name="North", wards=[north_ward])
    south = PatchFactory(name="South", wards=[south_ward])
    mine = ServiceFactory(
        name="Hillsborough lunch club", location=LocationFactory(postcode="", area=north_ward)
    )
    theirs = ServiceFactory(
        name="Arbourthorne choir", location=LocationFactory(postcode="", area=south_ward)
    )
    return {"north": north, "south": south, "mine": mine, "theirs": theirs}


@pytest.fixture
def coordinator(client, patches):
    user = staff_user(COORDINATOR)
    LocalAreaCoordinatorFactory(user=user).patches.add(patches["north"])
    client.force_login(user)
    return user


def refusals(service, user):
    return ModelLogEntry.objects.filter(
        action=REFUSED_OUTSIDE_PATCH, object_id=str(service.pk), user=user
    ).order_by("timestamp", "id")


# --- Rich text -------------------------------------------------------------------------------


def test_editor_saves_rich_text_that_round_trips_through_the_oruk_export(
    client, administrator, tmp_path
):
    service = ServiceFactory(name="Knit and natter", location=LocationFactory())
    html = (
        '<p>Bring <b>your own</b> wool. See <a href="https://knit.example/">our site</a>.</p>'
        "<ul><li>Tea</li><li>Cake</li></ul>"
    )
    data = form_data(service, description_html=html)
    data["action-publish"] = "Publish"
    response = client.post(edit_url(service), data)
    assert response.status_code == 302, response.context and response.context["form"].errors

    service.refresh_from_db()
    assert "<b>your own</b>" in service.description
    assert "<ul><li>Tea</li><li>Cake</li></ul>" in service.description
    assert 'href="https://knit.example/"' in service.description

    out = io.StringIO()
    call_command("export_oruk", stdout=out)
    exported = next(s for s in json.loads(out.getvalue())["services"] if s["name"] == service.name)
    assert exported["description"] == service.description
    saved = service.description

    path = tmp_path / "export.json"
    path.write_text(out.getvalue())
    Service.objects.all().delete()
    call_command("import_oruk", str(path), "--publish", "-v0", stdout=io.StringIO())
    assert Service.objects.get(name="Knit and natter").description == saved


def test_description_is_sanitised_whoever_saves_it(client, administrator):
    service = ServiceFactory()
    contentstate = json.loads(rich_text("<p>Hello</p>", features=DESCRIPTION_FEATURES))
    contentstate["entityMap"] = {
        "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
    }
    contentstate["blocks"][0]["entityRanges"] = [{"offset": 0, "length": 5, "key": 0}]
    data = form_data(service, description=json.dumps(contentstate))
    data["action-publish"] = "Publish"
    assert client.post(edit_url(service), data).status_code == 302
    service.refresh_from_db()
    assert "Hello" in service.description and "javascript" not in service.description

    service.description = '<p onclick="steal()">Hi</p><script>alert(1)</script><img src="x">'
    service.save()
    service.refresh_from_db()
    assert service.description == "<p>Hi</p>"


def test_edit_page_offers_only_paragraphs_bold_lists_and_links(client, administrator):
    content = client.get(edit_url(ServiceFactory())).content.decode()
    widget = re.search(r'<input type="hidden" name="description"[^>]*>', content).group(0)
    options = html.unescape(widget)
    assert "BOLD" in options and "unordered-list-item" in options and "LINK" in options
    for feature in ("header-two", "ITALIC", "IMAGE", "EMBED", "code-block"):
        assert feature not in options
    assert "Sanitised HTML." not in content


def test_a_description_with_line_breaks_opens_and_saves(client, administrator):
    service = ServiceFactory(description="<p>Line one<br>Line two</p>")
    response = client.get(edit_url(service))
    assert response.status_code == 200
    widget = re.search(r'<input type="hidden" name="description"[^>]*>', response.content.decode())
    contentstate = json.loads(
        html.unescape(re.search(r'value="([^"]*)"', widget.group(0)).group(1))
    )
    assert contentstate["blocks"][0]["text"] == "Line one\nLine two"
    data = form_data(service, description=json.dumps(contentstate))
    data["action-publish"] = "Publish"
    assert client.post(edit_url(service), data).status_code == 302
    service.refresh_from_db()
    assert service.description == "<p>Line one<br>Line two</p>"


# --- Opening times ---------------------------------------------------------------------------


def test_opening_times_are_saved_as_rows_of_days_and_times(client, administrator):
    service = ServiceFactory()
    rows = [
        {"weekdays": ["1", "3"], "opens_at": "09:30", "closes_at": "12:00"},
        {"weekdays": ["6"], "opens_at": "20:00", "closes_at": "02:00", "description": "Late"},
    ]
    response = client.post(edit_url(service), form_data(service, schedules=rows))
    assert response.status_code == 302, response.context["form"].formsets["schedules"].errors
    service.refresh_from_db()
    latest = service.get_latest_revision_as_object()
    saved = sorted((s.weekdays, s.opens_at, s.closes_at) for s in latest.schedules.all())
    assert saved == [
        ([1, 3], datetime.time(9, 30), datetime.time(12)),
        ([6], datetime.time(20), datetime.time(2)),
    ]


def test_edit_page_shows_day_checkboxes_and_time_inputs(client, administrator):
    service = ServiceFactory()
    ScheduleFactory(service=service, weekdays=[2, 4])
    content = client.get(edit_url(service)).content.decode()
    assert 'type="checkbox" name="schedules-0-weekdays" value="2"' in content
    assert 'value="2"' in content and "Tuesday" in content and "Sunday" in content
    assert 'type="time" name="schedules-0-opens_at" value="09:00"' in content


def test_times_need_days(client, administrator):
    service = ServiceFactory()
    rows = [{"weekdays": [], "opens_at": "09:30", "closes_at": "12:00"}]
    response = client.post(edit_url(service), form_data(service, schedules=rows))
    assert response.status_code == 200
    assert "Choose the days these times are for" in response.content.decode()
    assert not Schedule.objects.filter(service=service).exists()


def test_edit_page_does_not_grow_with_the_directory(client, administrator):
    """Each row's location is chosen from this listing's own locations only (it used to
    list every listing's, with two queries each)."""
    service = ServiceFactory(location=LocationFactory(name="Our hall"))
    ScheduleFactory(service=service, service_at_location=service.service_at_locations.get())

    def measure():
        with CaptureQueriesContext(connection) as captured:
            content = client.get(edit_url(service)).content.decode()
        return len(captured), content

    client.get(edit_url(service))  # warm caches
    before, _content = measure()
    for n in range(15):
        other = ServiceFactory(location=LocationFactory(name=f"Elsewhere hall {n}"))
        ScheduleFactory(service=other, service_at_location=other.service_at_locations.get())
    after, content = measure()
    assert after == before
    assert "Our hall" in content and "Elsewhere hall" not in content


# --- Patches ---------------------------------------------------------------------------------


def test_coordinator_lists_only_listings_in_their_patches(client, coordinator, patches):
    response = client.get(reverse("wagtailsnippets_directory_service:list"))
    assert response.status_code == 200
    names = {service.name for service in response.context["object_list"]}
    assert names == {"Hillsborough lunch club"}


def test_coordinator_edits_a_listing_in_their_patch(client, coordinator, patches):
    mine = patches["mine"]
    assert client.get(edit_url(mine)).status_code == 200
    response = client.post(edit_url(mine), form_data(mine, name="Hillsborough lunch and chat"))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.get_latest_revision_as_object().name == "Hillsborough lunch and chat"
    assert not refusals(mine, coordinator).exists()


def test_coordinator_cannot_open_or_edit_outside_their_patch(client, coordinator, patches):
    theirs = patches["theirs"]
    assert client.get(edit_url(theirs)).status_code == 403
    response = client.post(edit_url(theirs), form_data(theirs, name="Renamed"))
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.name == "Arbourthorne choir" and theirs.latest_revision is None
    delete = reverse("wagtailsnippets_directory_service:delete", args=[quote(theirs.pk)])
    assert client.post(delete).status_code == 403
    assert Service.objects.filter(pk=theirs.pk).exists()
    assert list(refusals(theirs, coordinator).values_list("data", flat=True)) == [
        {"view": "edit"},
        {"view": "edit"},
        {"view": "delete"},
    ]


def test_listings_covering_a_ward_or_curated_count_as_in_the_patch(client, coordinator, patches):
    covering = ServiceFactory(name="Covers the ward")
    covering.service_areas.set(patches["north"].wards.all())
    covering.save()
    curated = ServiceFactory(name="Curated elsewhere", curator=coordinator)
    assert client.get(edit_url(covering)).status_code == 200
    assert client.get(edit_url(curated)).status_code == 200


def test_coordinator_without_patches_sees_nothing(client, patches):
    user = staff_user(COORDINATOR)
    client.force_login(user)
    response = client.get(reverse("wagtailsnippets_directory_service:list"))
    assert list(response.context["object_list"]) == []
    assert client.get(edit_url(patches["mine"])).status_code == 403


def test_administrators_see_and_edit_every_listing(client, administrator, patches):
    response = client.get(reverse("wagtailsnippets_directory_service:list"))
    names = {service.name for service in response.context["object_list"]}
    assert names == {"Hillsborough lunch club", "Arbourthorne choir"}
    assert client.get(edit_url(patches["theirs"])).status_code == 200


def test_bulk_actions_outside_the_patch_are_refused(client, coordinator, patches):
    theirs = patches["theirs"]
    url = (
        reverse("wagtail_bulk_action", args=["directory", "service", "delete"])
        + f"?id={quote(theirs.pk)}"
    )
    response = client.post(url)
    assert response.status_code == 403
    assert Service.objects.filter(pk=theirs.pk).exists()
    assert refusals(theirs, coordinator).exists()


def test_schedule_location_choices_survive_a_listing_with_no_locations(client, administrator):
    service = ServiceFactory()
    ScheduleFactory(service=service)
    assert client.get(edit_url(service)).status_code == 200
    assert not ServiceAtLocation.objects.filter(service=service).exists()


def test_a_listing_a_coordinator_adds_stays_theirs(client, coordinator, patches):
    organisation = patches["mine"].organisation
    service = Service(name="New walking group", organisation=organisation)
    data = form_data(service, description_html="<p>Walks</p>")
    response = client.post(reverse("wagtailsnippets_directory_service:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    added = Service.objects.get(name="New walking group")
    assert added.curator == coordinator
    assert client.get(edit_url(added)).status_code == 200


@pytest.mark.parametrize("view", ["inspect", "history", "usage", "preview_on_edit", "unpublish"])
def test_other_views_of_a_listing_outside_the_patch_are_refused(client, coordinator, patches, view):
    theirs = patches["theirs"]
    url = reverse(f"wagtailsnippets_directory_service:{view}", args=[quote(theirs.pk)])
    assert client.get(url).status_code == 403
    assert list(refusals(theirs, coordinator).values_list("data", flat=True)) == [{"view": view}]


def test_coordinators_cannot_give_themselves_patches(client, coordinator, patches):
    record = coordinator.coordinator_profile
    url = reverse("wagtailsnippets_directory_localareacoordinator:edit", args=[quote(record.pk)])
    content = client.get(url).content.decode()
    assert 'name="bio"' in content
    assert 'name="patches"' not in content and 'name="user"' not in content

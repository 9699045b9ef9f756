"""The coordinators' queue: list, review, apply and dismiss suggestions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse

from directory.models import ChangeSuggestion
from tests.factories.directory import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        "coordinator", "c@council.example", "pw-for-tests-1234"
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_changesuggestion"),
    )
    return user


@pytest.fixture
def suggestions():
    service = ServiceFactory(name="Lunch club")
    change = ChangeSuggestion.objects.create(service=service, details="Closed on Mondays now")
    new = ChangeSuggestion.objects.create(
        kind=ChangeSuggestion.Kind.NEW,
        details="Meets Thursdays",
        suggested_fields={"name": "Choir"},
    )
    done = ChangeSuggestion.objects.create(
        service=service, details="Old news", status=ChangeSuggestion.Status.DISMISSED
    )
    return change, new, done


def test_queue_lists_new_suggestions_and_filters(client, coordinator, suggestions):
    client.force_login(coordinator)
    response = client.get("/admin/suggestions/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Closed on Mondays now" in content and "Meets Thursdays" in content
    assert "Old news" not in content
    content = client.get("/admin/suggestions/?status=dismissed").content.decode()
    assert "Old news" in content and "Closed on Mondays" not in content
    content = client.get("/admin/suggestions/?kind=new").content.decode()
    assert "Meets Thursdays" in content and "Closed on Mondays" not in content


def test_review_page_shows_the_suggestion(client, coordinator, suggestions):
    change, _new, _done = suggestions
    client.force_login(coordinator)
    response = client.get(f"/admin/suggestions/{change.pk}/")
    assert response.status_code == 200
    assert b"Closed on Mondays now" in response.content
    assert b"Mark as applied" in response.content and b"Dismiss" in response.content


def test_dismiss(client, coordinator, suggestions):
    change, _new, _done = suggestions
    client.force_login(coordinator)
    assert client.get(f"/admin/suggestions/{change.pk}/dismiss/").status_code == 405
    response = client.post(f"/admin/suggestions/{change.pk}/dismiss/")
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeSuggestion.Status.DISMISSED
    assert change.handled_by == coordinator and change.handled_at


def test_apply_marks_applied_and_carries_the_text_to_the_editor(client, coordinator, suggestions):
    change, _new, _done = suggestions
    client.force_login(coordinator)
    response = client.post(f"/admin/suggestions/{change.pk}/apply/", follow=False)
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeSuggestion.Status.APPLIED
    try:
        expected = reverse("wagtailsnippets_directory_service:edit", args=[str(change.service_id)])
    except NoReverseMatch:  # the snippet admin is registered by directory/wagtail_hooks.py
        expected = "/admin/suggestions/"
    assert response["Location"] == expected
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Closed on Mondays now" in m for m in messages)


def test_people_without_permission_are_refused(client, django_user_model, suggestions):
    change, _new, _done = suggestions
    user = django_user_model.objects.create_user("editor", "e@council.example", "pw-for-tests-1234")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/suggestions/").status_code in (302, 403)
    assert client.post(f"/admin/suggestions/{change.pk}/dismiss/").status_code in (302, 403)
    change.refresh_from_db()
    assert change.status == ChangeSuggestion.Status.NEW


def test_menu_item_only_for_people_who_handle_suggestions(client, coordinator, django_user_model):
    menu_entry = f'"url": "{reverse("directory_suggestions:queue")}"'
    client.force_login(coordinator)
    assert menu_entry in client.get("/admin/").content.decode()
    user = django_user_model.objects.create_user("editor", "e@council.example", "pw-for-tests-1234")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert menu_entry not in client.get("/admin/").content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, suggestions):
    change, _new, _done = suggestions
    for response in (
        client.get(reverse("directory_suggestions:queue")),
        client.get(reverse("directory_suggestions:review", args=[change.pk])),
        client.post(reverse("directory_suggestions:dismiss", args=[change.pk])),
        client.post(reverse("directory_suggestions:apply", args=[change.pk])),
    ):
        assert response.status_code == 302 and "login" in response["Location"]
    change.refresh_from_db()
    assert change.status == ChangeSuggestion.Status.NEW

"""The triage queue in the Wagtail admin: permissions per group, actions and the audit log."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from analytics.models import ReferralEvent
from referrals.models import Referral, ReferralAuditEntry
from tests.factories.referrals import StaffFactory, referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(gazetteer):
    return {
        "first_contact": referral(),
        "carers_centre": referral(filled_in_by="carer"),
    }


def assert_denied(response):
    """Wagtail turns PermissionDenied into a redirect to the dashboard with a message."""
    assert response.status_code == 302 and response["Location"] == "/admin/"


def login(client, *roles):
    user = StaffFactory(roles=list(roles))
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("roles", "sees", "hidden"),
    [
        (["First Contact"], ["first_contact"], ["carers_centre"]),
        (["Carers Centre"], ["carers_centre"], ["first_contact"]),
        (["Administrator"], ["first_contact", "carers_centre"], []),
    ],
)
def test_each_team_sees_its_own_queue(client, queue, roles, sees, hidden):
    login(client, *roles)
    html = client.get("/admin/referrals/").content.decode()
    for team in sees:
        assert queue[team].reference in html
        assert client.get(f"/admin/referrals/{queue[team].pk}/").status_code == 200
    for team in hidden:
        assert queue[team].reference not in html
        assert client.get(f"/admin/referrals/{queue[team].pk}/").status_code == 404


def test_other_staff_and_anonymous_cannot_see_the_queue(client, queue):
    assert client.get("/admin/referrals/").status_code == 302  # to sign in
    user = StaffFactory()
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in (
        "/admin/referrals/",
        f"/admin/referrals/{queue['first_contact'].pk}/",
        "/admin/referrals/audit/",
        "/admin/referrals/export.csv",
    ):
        assert_denied(client.get(url))


def test_menu_item_only_for_queue_users(client, queue):
    login(client, "First Contact")
    assert '"url": "/admin/referrals/"' in client.get("/admin/").content.decode()
    other = StaffFactory()
    from django.contrib.auth.models import Permission

    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    assert '"url": "/admin/referrals/"' not in client.get("/admin/").content.decode()


def test_queue_filters(client, queue, gazetteer):
    user = login(client, "Administrator")
    from referrals import services

    services.change_status(queue["first_contact"], user, "in_review")
    html = client.get("/admin/referrals/?status=in_review").content.decode()
    assert queue["first_contact"].reference in html and queue["carers_centre"].reference not in html
    html = client.get("/admin/referrals/?team=carers_centre").content.decode()
    assert queue["carers_centre"].reference in html and queue["first_contact"].reference not in html
    services.assign(queue["carers_centre"], user, user)
    html = client.get("/admin/referrals/?assignee=me").content.decode()
    assert queue["carers_centre"].reference in html and queue["first_contact"].reference not in html
    html = client.get("/admin/referrals/?assignee=nobody").content.decode()
    assert queue["first_contact"].reference in html and queue["carers_centre"].reference not in html
    html = client.get(f"/admin/referrals/?area={gazetteer['S6 1AA'].pk}").content.decode()
    assert "No referrals match" in html


def test_viewing_is_audited_and_shows_answers(client, queue):
    user = login(client, "First Contact")
    made = queue["first_contact"]
    html = client.get(f"/admin/referrals/{made.pk}/").content.decode()
    assert "Margaret Example" in html
    entry = ReferralAuditEntry.objects.get(referral=made, action="viewed")
    assert entry.user == user and entry.reference == made.reference


def action_url(name, made):
    return reverse(f"referrals_admin:{name}", args=[made.pk])


def test_status_assignment_and_notes(client, queue):
    user = login(client, "First Contact")
    made = queue["first_contact"]
    url = f"/admin/referrals/{made.pk}/"
    client.post(action_url("change_status", made), {"status": "in_review"})
    client.post(action_url("assign", made), {"assignee": user.pk})
    client.post(action_url("add_note", made), {"text": "Rang and left a message"})
    response = client.post(action_url("change_status", made), {"status": "closed", "outcome": ""})
    assert "Choose an outcome" in response.content.decode()
    client.post(
        action_url("change_status", made), {"status": "closed", "outcome": "community_asset"}
    )
    made.refresh_from_db()
    assert (made.status, made.outcome, made.assigned_to) == ("closed", "community_asset", user)
    assert made.notes.get().text == "Rang and left a message"
    assert made.notes.get().author == user
    assert "Rang and left" in client.get(url).content.decode()
    event = ReferralEvent.objects.get(token=made.event_token)
    assert event.outcome == "community_asset" and event.closed_month.day == 1
    actions = list(
        ReferralAuditEntry.objects.filter(referral=made).values_list("action", flat=True)
    )
    for action in ("status_changed", "assigned", "note_added"):
        assert action in actions


def test_cannot_assign_to_someone_outside_the_team(client, queue):
    login(client, "First Contact")
    carer_staff = StaffFactory(roles=["Carers Centre"])
    made = queue["first_contact"]
    client.post(action_url("assign", made), {"assignee": carer_staff.pk})
    made.refresh_from_db()
    assert made.assigned_to is None


def test_export_is_anonymised_and_audited(client, queue):
    user = login(client, "Administrator")
    for _ in range(5):
        referral()
    response = client.get("/admin/referrals/export.csv")
    assert response.status_code == 200
    body = response.content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["month", "team", "area", "status", "outcome", "count"]
    assert ["first_contact", "City", "new", "", "6"] in [r[1:] for r in rows[1:]]
    assert any(r[-1] == "fewer than 5" for r in rows[1:])  # the lone carers referral
    for made in Referral.objects.all():
        assert made.reference not in body
    assert "Margaret" not in body
    assert ReferralAuditEntry.objects.filter(action="exported", user=user).exists()


def test_export_needs_its_permission(client, queue):
    # portal.roles gives the export to First Contact, Analyst and Administrator, not Carers Centre
    login(client, "Carers Centre")
    assert_denied(client.get("/admin/referrals/export.csv"))


def test_analysts_can_export_the_anonymous_counts_of_every_team(client, queue):
    analyst = StaffFactory(with_mfa=False)
    analyst.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "export_referral_counts"])
    )
    client.force_login(analyst)
    response = client.get("/admin/referrals/export.csv")
    assert response.status_code == 200
    teams = {row[1] for row in csv.reader(io.StringIO(response.content.decode()))}
    assert {"first_contact", "carers_centre"} <= teams
    assert client.get(f"/admin/referrals/{queue['first_contact'].pk}/").status_code != 200


def test_audit_log_for_administrators_only(client, queue):
    login(client, "First Contact")
    client.get(f"/admin/referrals/{queue['first_contact'].pk}/")
    assert_denied(client.get("/admin/referrals/audit/"))
    login(client, "Administrator")
    html = client.get("/admin/referrals/audit/").content.decode()
    assert queue["first_contact"].reference in html and "Viewed" in html


ACTIONS = [
    ("change_status", {"status": "in_review"}, "status_changed"),
    ("assign", {"assignee": ""}, "assigned"),
    ("add_note", {"text": "Rang and left a message"}, "note_added"),
]


@pytest.mark.parametrize(("name", "data", "audited"), ACTIONS)
def test_each_action_saves_audits_and_returns_to_the_referral(client, queue, name, data, audited):
    user = login(client, "First Contact")
    made = queue["first_contact"]
    response = client.post(action_url(name, made), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals_admin:detail", args=[made.pk])
    entry = ReferralAuditEntry.objects.get(referral=made, action=audited)
    assert entry.user == user and entry.reference == made.reference


@pytest.mark.parametrize(("name", "data", "audited"), ACTIONS)
def test_actions_refuse_another_teams_referral(client, queue, name, data, audited):
    login(client, "Carers Centre")
    made = queue["first_contact"]
    assert client.post(action_url(name, made), data).status_code == 404  # as the detail page
    made.refresh_from_db()
    assert (made.status, made.assigned_to, made.notes.count()) == ("new", None, 0)
    assert not ReferralAuditEntry.objects.filter(referral=made).exists()


@pytest.mark.parametrize(("name", "data", "audited"), ACTIONS)
def test_actions_refuse_staff_without_a_queue_and_anonymous(client, queue, name, data, audited):
    made = queue["first_contact"]
    response = client.post(action_url(name, made), data)
    assert response.status_code == 302 and "login" in response["Location"]
    other = StaffFactory()  # in the admin, but in no team's queue
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    assert client.post(action_url(name, made), data).status_code == 403
    assert not ReferralAuditEntry.objects.filter(referral=made).exists()


@pytest.mark.parametrize(("name", "data", "audited"), ACTIONS)
def test_actions_are_post_only(client, queue, name, data, audited):
    login(client, "First Contact")
    made = queue["first_contact"]
    assert client.get(action_url(name, made), data).status_code == 405
    assert not ReferralAuditEntry.objects.filter(referral=made).exists()


def test_an_action_that_cannot_be_done_is_shown_on_the_detail_page(client, queue):
    login(client, "First Contact")
    made = queue["first_contact"]
    response = client.post(action_url("change_status", made), {"status": "new"})
    assert response.status_code == 200
    assert "already has that status" in response.content.decode()
    assert made.reference in response.content.decode()


def test_an_invalid_note_is_shown_on_the_detail_page(client, queue):
    login(client, "First Contact")
    made = queue["first_contact"]
    response = client.post(action_url("add_note", made), {"text": ""})
    assert response.status_code == 200
    assert "Write the note before saving it" in response.content.decode()
    assert not made.notes.exists()

"""Status, assignment and notes are separate POST views (#22), each with its own permission
check (403 when refused, nothing done, nothing audited) and its own audit entry; bulk
assignment from the queue, all or none."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from referrals.models import ReferralAuditEntry
from tests.factories.referrals import StaffFactory, referral

pytestmark = pytest.mark.django_db

ACTIONS = [
    ("change_status", {"status": "in_review"}, "status_changed"),
    ("assign", {"assignee": ""}, "assigned"),
    ("add_note", {"text": "Rang, no answer"}, "note_added"),
]


def read_only_first_contact():
    """Sees the First Contact queue, may not change anything in it."""
    user = StaffFactory()
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "access_first_contact_queue", "view_referral"]
        )
    )
    return user


@pytest.mark.parametrize(("name", "data", "action"), ACTIONS)
def test_each_action_is_refused_with_403_without_the_change_permission(
    client, gazetteer, name, data, action
):
    made = referral()
    client.force_login(read_only_first_contact())
    assert client.get(f"/admin/referrals/{made.pk}/").status_code == 200  # may look
    response = client.post(reverse(f"referrals_admin:{name}", args=[made.pk]), data)
    assert response.status_code == 403
    made.refresh_from_db()
    assert made.status == "new" and not made.notes.exists()
    assert not ReferralAuditEntry.objects.filter(referral=made, action=action).exists()


@pytest.mark.parametrize(("name", "data", "action"), ACTIONS)
def test_each_action_writes_its_own_audit_entry(client, gazetteer, name, data, action):
    made = referral()
    user = StaffFactory(roles=["First Contact"])
    client.force_login(user)
    response = client.post(reverse(f"referrals_admin:{name}", args=[made.pk]), data)
    assert response.status_code == 302
    entries = ReferralAuditEntry.objects.filter(referral=made).exclude(action="viewed")
    assert list(entries.values_list("action", "user")) == [(action, user.pk)]


def test_another_teams_referral_is_not_found(client, gazetteer):
    made = referral(filled_in_by="carer")
    client.force_login(StaffFactory(roles=["First Contact"]))
    for name, data, _action in ACTIONS:
        assert (
            client.post(reverse(f"referrals_admin:{name}", args=[made.pk]), data).status_code == 404
        )
    assert not ReferralAuditEntry.objects.filter(referral=made).exists()


def test_bulk_assign_assigns_each_and_audits_each(client, gazetteer):
    user = StaffFactory(roles=["First Contact"])
    colleague = StaffFactory(roles=["First Contact"])
    first, second, left = referral(), referral(), referral()
    client.force_login(user)
    html = client.get("/admin/referrals/").content.decode()
    assert 'name="referrals"' in html and "Assign selected" in html
    response = client.post(
        reverse("referrals_admin:bulk_assign"),
        {"referrals": [first.pk, second.pk], "assignee": colleague.pk},
        follow=True,
    )
    assert "2 referrals assigned." in response.content.decode()
    for made in (first, second):
        made.refresh_from_db()
        assert made.assigned_to == colleague
        entry = ReferralAuditEntry.objects.get(referral=made, action="assigned")
        assert entry.user == user and entry.details == f"to user {colleague.pk}"
    left.refresh_from_db()
    assert left.assigned_to is None


def test_bulk_assign_is_all_or_none(client, gazetteer):
    admin = StaffFactory(roles=["Administrator"])
    first_contact_only = StaffFactory(roles=["First Contact"])
    ours, carers = referral(), referral(filled_in_by="carer")
    client.force_login(admin)
    response = client.post(
        reverse("referrals_admin:bulk_assign"),
        {"referrals": [ours.pk, carers.pk], "assignee": first_contact_only.pk},
        follow=True,
    )
    assert "cannot see this team" in response.content.decode()
    ours.refresh_from_db()
    assert ours.assigned_to is None
    assert not ReferralAuditEntry.objects.filter(action="assigned").exists()


def test_bulk_assign_only_reaches_referrals_the_user_can_see(client, gazetteer):
    user = StaffFactory(roles=["First Contact"])
    carers = referral(filled_in_by="carer")
    client.force_login(user)
    client.post(
        reverse("referrals_admin:bulk_assign"), {"referrals": [carers.pk], "assignee": user.pk}
    )
    carers.refresh_from_db()
    assert carers.assigned_to is None


def test_bulk_assign_refused_with_403_without_the_change_permission(client, gazetteer):
    made = referral()
    client.force_login(read_only_first_contact())
    response = client.post(reverse("referrals_admin:bulk_assign"), {"referrals": [made.pk]})
    assert response.status_code == 403
    assert not ReferralAuditEntry.objects.filter(action="assigned").exists()
    assert "Assign selected" not in client.get("/admin/referrals/").content.decode()

"""MFA follows what a member of staff can do, not a group's name (#19: renaming "First
Contact" let a member without an authenticator read referrals)."""

import pytest
from django.contrib.auth.models import Group, Permission

from portal import roles
from tests.factories.accounts import activate_totp, staff_user
from tests.factories.referrals import referral
from tests.referrals.conftest import gazetteer  # noqa: F401 - a fixture, used by name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]


def test_a_renamed_role_group_still_requires_mfa_for_its_members(client):
    made = referral()
    Group.objects.filter(name=roles.FIRST_CONTACT).update(name="First Contact Team")
    member = staff_user("First Contact Team")
    assert roles.user_requires_mfa(member)

    client.force_login(member)
    response = client.get(f"/admin/referrals/{made.pk}/")
    assert response.status_code == 302 and "totp" in response["Location"]

    activate_totp(member)
    assert client.get(f"/admin/referrals/{made.pk}/").status_code == 200


def test_a_referral_permission_given_directly_requires_mfa():
    member = staff_user()
    assert not roles.user_requires_mfa(member)
    member.user_permissions.add(Permission.objects.get(codename="view_referral"))
    member = type(member).objects.get(pk=member.pk)  # permissions are cached per object
    assert roles.user_requires_mfa(member)


def test_roles_requiring_mfa_are_those_that_can_see_referrals():
    assert {name for name, role in roles.ROLES.items() if role.requires_mfa} == {
        roles.FIRST_CONTACT,
        roles.CARERS_CENTRE,
        roles.PARTNER,
        roles.ADMINISTRATOR,
    }

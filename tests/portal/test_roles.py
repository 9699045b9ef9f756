"""The role matrix: each role can do what it should and nothing it should not."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission
from wagtail.permissions import policy_registry

from portal import roles
from portal.roles import sync_roles
from tests.factories.accounts import activate_totp, staff_user

pytestmark = pytest.mark.django_db

# Permissions of models other apps add (directory, referrals, analytics). Until those apps
# are merged the test creates the rows itself, exactly as their migrations will.
FUTURE_PERMISSIONS = {
    ("directory", "service"): ["add", "change", "delete", "publish", "lock", "view"],
    ("directory", "organisation"): ["add", "change", "delete", "publish", "lock", "view"],
    ("directory", "changesuggestion"): ["add", "change", "delete", "view"],
    ("referrals", "referral"): [
        "view",
        "change",
        "access_first_contact_queue",
        "access_carers_centre_queue",
        "export_referral_counts",
    ],
    ("referrals", "auditlog"): ["view"],
    ("search_analytics", "searchevent"): ["view_analytics"],
}


MODEL_ACTIONS = {"add", "change", "delete", "publish", "lock", "view"}


@pytest.fixture
def all_permissions(db):
    """Make sure every permission the matrix names exists, then sync the roles."""
    for (app_label, model), actions in FUTURE_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            # Model actions (view, change…) name the model; custom permissions stand alone.
            codename = f"{action}_{model}" if action in MODEL_ACTIONS else action
            if not Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists():
                Permission.objects.create(
                    content_type=content_type, codename=codename, name=codename
                )
    sync_roles()


def test_every_role_exists_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ROLES) <= names


def test_sync_roles_is_idempotent():
    first = sync_roles()
    grants = GroupPagePermission.objects.count()
    second = sync_roles()
    assert first == second
    assert GroupPagePermission.objects.count() == grants


def test_sync_roles_skips_permissions_whose_models_do_not_exist_yet():
    Permission.objects.filter(content_type__app_label="referrals").delete()
    counts = sync_roles()
    assert counts[roles.FIRST_CONTACT] >= 1  # access_admin and whatever exists
    assert not Group.objects.get(name=roles.FIRST_CONTACT).permissions.filter(
        content_type__app_label="referrals"
    )


def test_sync_roles_removes_permissions_added_by_hand(all_permissions):
    analysts = Group.objects.get(name=roles.ANALYST)
    analysts.permissions.add(Permission.objects.get(codename="view_referral"))
    sync_roles()
    assert not analysts.permissions.filter(codename="view_referral").exists()


def can_edit_pages(user, home_page):
    return home_page.permissions_for_user(user).can_edit()


def can_publish_pages(user, home_page):
    return home_page.permissions_for_user(user).can_publish()


def can_upload_images(user, home_page):
    return policy_registry.get_by_type(get_image_model()).user_has_permission(user, "add")


def perm(name):
    return lambda user, home_page: user.has_perm(name)


CAPABILITIES = {
    "use the admin": perm("wagtailadmin.access_admin"),
    "edit pages": can_edit_pages,
    "publish pages": can_publish_pages,
    "upload images": can_upload_images,
    "edit listings": perm("directory.change_service"),
    "publish listings": perm("directory.publish_service"),
    "handle change suggestions": perm("directory.change_changesuggestion"),
    "view referrals": perm("referrals.view_referral"),
    "work the First Contact queue": perm("referrals.access_first_contact_queue"),
    "work the Carers Centre queue": perm("referrals.access_carers_centre_queue"),
    "read the audit log": perm("referrals.view_auditlog"),
    "see analytics": perm("search_analytics.view_analytics"),
    "manage users": perm("auth.add_user"),
    "manage groups": perm("auth.change_group"),
    "edit the checks' words": perm("checks.change_checktexts"),
    "change the charging figures": perm("checks.change_chargingfigures"),
}

ALLOWED = {
    roles.EDITOR: {
        "use the admin",
        "edit pages",
        "publish pages",
        "upload images",
        "edit the checks' words",
    },
    roles.COORDINATOR: {
        "use the admin",
        "upload images",
        "edit listings",
        "publish listings",
        "handle change suggestions",
    },
    roles.FIRST_CONTACT: {"use the admin", "view referrals", "work the First Contact queue"},
    roles.CARERS_CENTRE: {"use the admin", "view referrals", "work the Carers Centre queue"},
    roles.ANALYST: {"use the admin", "see analytics"},
    roles.ADMINISTRATOR: set(CAPABILITIES),
}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("capability", list(CAPABILITIES))
def test_permission_matrix(all_permissions, home_page, role, capability):
    user = staff_user(role)
    expected = capability in ALLOWED[role]
    assert CAPABILITIES[capability](user, home_page) is expected


def test_a_user_without_a_role_can_do_nothing(all_permissions, home_page):
    user = staff_user()
    assert not any(check(user, home_page) for check in CAPABILITIES.values())


@pytest.mark.parametrize(
    ("role", "can_edit"),
    [
        (roles.EDITOR, True),
        (roles.COORDINATOR, False),
        (roles.ANALYST, False),
    ],
)
def test_page_editing_in_the_admin(client, home_page, role, can_edit):
    client.force_login(staff_user(role))
    response = client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert (response.status_code == 200) is can_edit


@pytest.mark.parametrize(
    ("role", "can_manage"),
    [(roles.ADMINISTRATOR, True), (roles.EDITOR, False), (roles.FIRST_CONTACT, False)],
)
def test_user_management_in_the_admin(client, role, can_manage):
    user = staff_user(role)
    activate_totp(user)
    client.force_login(user)
    assert (client.get("/admin/users/").status_code == 200) is can_manage
    assert (client.get("/admin/groups/").status_code == 200) is can_manage


def test_mfa_is_required_for_roles_that_see_referrals():
    assert {name for name, role in roles.ROLES.items() if role.requires_mfa} == {
        roles.FIRST_CONTACT,
        roles.CARERS_CENTRE,
        roles.PARTNER,
        roles.ADMINISTRATOR,
    }
    assert roles.user_requires_mfa(staff_user(roles.CARERS_CENTRE))
    assert not roles.user_requires_mfa(staff_user(roles.ANALYST))

"""Role groups cannot be renamed in the admin, `sync_roles` repairs a group renamed anyway,
and MFA follows permissions and the "Require MFA for all staff" setting (#19: renaming "First
Contact" switched MFA off for its members)."""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from portal import roles, sitecache
from portal.models import RoleGroup, SiteSettings
from portal.signals import sync_roles_after_migrate
from tests.factories.accounts import PASSWORD, activate_totp, staff_user

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """The fields a browser would submit from a page's main form (inputs, selects, text)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def edit_form_data(client, group) -> dict[str, list[str]]:
    """What the group's edit page would post, unchanged."""
    response = client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    assert response.status_code == 200
    parser = _FormFields()
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


@pytest.fixture
def administrator(client):
    admin = staff_user(roles.ADMINISTRATOR)
    activate_totp(admin)
    client.force_login(admin)
    return admin


def first_contact_group():
    return Group.objects.get(signpost_role__role=roles.FIRST_CONTACT)


# The group editor


def test_renaming_a_role_group_in_the_admin_is_refused(client, administrator):
    group = first_contact_group()
    data = edit_form_data(client, group)
    assert data["name"] == [roles.FIRST_CONTACT]
    data["name"] = ["First Contact Team"]
    response = client.post(reverse("wagtailusers_groups:edit", args=[group.pk]), data)
    assert response.status_code == 200
    assert "You cannot rename the “First Contact” group because it is a staff role" in (
        response.content.decode()
    )
    group.refresh_from_db()
    assert group.name == roles.FIRST_CONTACT


def test_a_role_groups_permissions_can_still_be_changed_in_the_admin(client, administrator):
    group = first_contact_group()
    data = edit_form_data(client, group)
    add_user = Permission.objects.get(codename="add_user")
    data["permissions"] = [*data.get("permissions", []), str(add_user.pk)]
    response = client.post(reverse("wagtailusers_groups:edit", args=[group.pk]), data)
    assert response.status_code == 302
    assert group.permissions.filter(pk=add_user.pk).exists()
    assert Group.objects.get(pk=group.pk).name == roles.FIRST_CONTACT


def test_the_role_groups_name_is_shown_read_only(client, administrator):
    response = client.get(reverse("wagtailusers_groups:edit", args=[first_contact_group().pk]))
    content = response.content.decode()
    assert "its name cannot be changed" in content
    assert re.search(r'<input[^>]*name="name"[^>]*readonly', content)


def test_another_group_cannot_take_a_role_groups_name(client, administrator):
    volunteers = Group.objects.create(name="Volunteers")
    Group.objects.filter(name=roles.FIRST_CONTACT).update(name="First Contact Team")
    data = edit_form_data(client, volunteers)
    data["name"] = [roles.FIRST_CONTACT]
    response = client.post(reverse("wagtailusers_groups:edit", args=[volunteers.pk]), data)
    assert response.status_code == 200
    assert "is the name of a staff role. Enter a different name." in response.content.decode()
    assert Group.objects.get(pk=volunteers.pk).name == "Volunteers"


def test_a_role_group_cannot_be_deleted_in_the_admin_but_another_group_can(client, administrator):
    group = first_contact_group()
    delete_url = reverse("wagtailusers_groups:delete", args=[group.pk])
    response = client.post(delete_url, follow=True)
    assert "You cannot delete the “First Contact” group because it is a staff role" in (
        response.content.decode()
    )
    assert Group.objects.filter(pk=group.pk).exists()
    volunteers = Group.objects.create(name="Volunteers")
    response = client.post(reverse("wagtailusers_groups:delete", args=[volunteers.pk]))
    assert response.status_code == 302
    assert not Group.objects.filter(pk=volunteers.pk).exists()


# sync_roles repairs renamed groups


def sync(**kwargs) -> str:
    output = StringIO()
    call_command("sync_roles", stdout=output, **kwargs)
    return output.getvalue()


def test_sync_roles_names_back_a_group_renamed_in_the_database():
    group = first_contact_group()
    member = staff_user(roles.FIRST_CONTACT)
    Group.objects.filter(pk=group.pk).update(name="First Contact Team")

    output = sync()

    assert 'Repaired First Contact: the role\'s group had been renamed "First Contact Team"' in (
        output
    )
    assert Group.objects.get(pk=group.pk).name == roles.FIRST_CONTACT
    assert Group.objects.filter(name__startswith="First Contact").count() == 1
    member = type(member).objects.get(pk=member.pk)
    assert member.has_perm("referrals.view_referral")
    assert "Repaired" not in sync()  # nothing left to repair


def test_sync_roles_merges_a_copy_made_by_an_earlier_sync_and_keeps_every_member():
    """The bug as it was left in a database before RoleGroup: the renamed group still holds
    the role's permissions, and an earlier sync made a new "First Contact" beside it."""
    RoleGroup.objects.all().delete()
    renamed = first_contact_group_by_name()
    old_member = staff_user(roles.FIRST_CONTACT)
    renamed.name = "First Contact Team"
    renamed.save()
    fresh = Group.objects.create(name=roles.FIRST_CONTACT)
    fresh.permissions.set(renamed.permissions.all())
    new_member = staff_user(roles.FIRST_CONTACT)
    volunteers = Group.objects.create(name="Volunteers")  # not a copy of any role
    volunteers.permissions.add(Permission.objects.get(codename="access_admin"))

    output = sync()

    assert 'merged the group "First Contact Team"' in output
    assert not Group.objects.filter(name="First Contact Team").exists()
    assert Group.objects.filter(name="Volunteers").exists()
    group = Group.objects.get(name=roles.FIRST_CONTACT)
    assert set(group.user_set.all()) == {old_member, new_member}
    assert RoleGroup.objects.get(role=roles.FIRST_CONTACT).group == group
    for member in (old_member, new_member):
        member = type(member).objects.get(pk=member.pk)
        assert member.has_perm("referrals.view_referral")
    assert "Repaired" not in sync()


def first_contact_group_by_name():
    return Group.objects.get(name=roles.FIRST_CONTACT)


def test_sync_roles_takes_back_a_group_renamed_before_role_groups_were_recorded():
    RoleGroup.objects.all().delete()
    group = first_contact_group_by_name()
    Group.objects.filter(pk=group.pk).update(name="First Contact Team")
    sync()
    assert Group.objects.get(pk=group.pk).name == roles.FIRST_CONTACT
    assert RoleGroup.objects.get(role=roles.FIRST_CONTACT).group_id == group.pk


def test_sync_roles_merges_a_group_given_the_role_name_after_a_rename():
    group = first_contact_group()
    Group.objects.filter(pk=group.pk).update(name="First Contact Team")
    newcomer = staff_user()
    Group.objects.create(name=roles.FIRST_CONTACT).user_set.add(newcomer)
    output = sync()
    assert 'merged the group "First Contact"' in output
    assert Group.objects.get(name=roles.FIRST_CONTACT).pk == group.pk
    assert group.user_set.filter(pk=newcomer.pk).exists()


def test_sync_roles_untangles_swapped_role_group_names():
    editors, analysts = (
        Group.objects.get(signpost_role__role=role) for role in (roles.EDITOR, roles.ANALYST)
    )
    Group.objects.filter(pk=editors.pk).update(name="swap")
    Group.objects.filter(pk=analysts.pk).update(name=roles.EDITOR)
    Group.objects.filter(pk=editors.pk).update(name=roles.ANALYST)
    sync()
    assert Group.objects.get(pk=editors.pk).name == roles.EDITOR
    assert Group.objects.get(pk=analysts.pk).name == roles.ANALYST


def test_the_repair_also_runs_after_migrate_and_says_what_it_did():
    group = first_contact_group()
    Group.objects.filter(pk=group.pk).update(name="First Contact Team")
    output = StringIO()
    sync_roles_after_migrate(sender=None, verbosity=1, stdout=output)
    assert "Repaired First Contact" in output.getvalue()
    assert Group.objects.get(pk=group.pk).name == roles.FIRST_CONTACT


# MFA


def test_a_member_of_a_renamed_role_group_signing_in_with_a_password_must_set_up_mfa(client):
    Group.objects.filter(name=roles.FIRST_CONTACT).update(name="First Contact Team")
    member = staff_user("First Contact Team")
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/admin/referrals/")
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))


def set_all_staff_mfa(site, value: bool) -> None:
    site_settings = SiteSettings.uncached_for_site(site)
    site_settings.require_mfa_for_all_staff = value
    site_settings.save()


def test_editors_need_no_mfa_by_default(client, site):
    editor = staff_user(roles.EDITOR)
    assert not roles.user_requires_mfa(editor)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_the_site_setting_makes_an_editor_need_mfa(client, site):
    set_all_staff_mfa(site, True)
    editor = staff_user(roles.EDITOR)
    assert roles.user_requires_mfa(editor)
    client.force_login(editor)
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))
    activate_totp(editor)
    assert client.get("/admin/").status_code == 200


def test_the_site_setting_does_not_concern_people_who_cannot_use_the_admin(site):
    set_all_staff_mfa(site, True)
    assert not roles.user_requires_mfa(staff_user())


def test_the_site_setting_is_honoured_with_the_cache_down(site, monkeypatch, caplog):
    set_all_staff_mfa(site, True)

    def cache_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(sitecache.cache, "get", cache_down)
    assert roles.user_requires_mfa(staff_user(roles.EDITOR))
    assert "Site settings cache unavailable" in caplog.text


def test_administrators_find_the_setting_in_the_site_settings(client, administrator, site):
    response = client.get(reverse("wagtailsettings:edit", args=["portal", "sitesettings", site.pk]))
    assert response.status_code == 200
    assert "Require MFA for all staff" in response.content.decode()

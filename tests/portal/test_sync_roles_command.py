"""`manage.py sync_roles` restores the matrix after hand edits."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from portal import roles

pytestmark = pytest.mark.django_db


def test_sync_roles_restores_groups_edited_by_hand():
    editors = Group.objects.get(name=roles.EDITOR)
    editors.permissions.add(Permission.objects.get(codename="add_user"))
    Group.objects.filter(name=roles.ANALYST).delete()
    output = StringIO()
    call_command("sync_roles", stdout=output)
    assert not editors.permissions.filter(codename="add_user").exists()
    assert Group.objects.filter(name=roles.ANALYST).exists()
    assert "Administrator:" in output.getvalue()

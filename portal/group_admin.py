"""The Wagtail group editor, refusing to rename the groups that are staff roles.

A role group's name is how people recognise the role, and `sync_roles` puts it back, so the
editor shows it read-only and refuses a changed one. No other group may take a role's name.
Permissions stay editable by Administrators (`sync_roles` restores the matrix's after every
`migrate`). MFA does not depend on any of this: it follows permissions (portal/roles.py).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.users.forms import GroupForm
from wagtail.users.views.groups import DeleteView, GroupViewSet

from portal.models import RoleGroup
from portal.roles import ROLES


def role_of_group(group) -> str | None:
    """The staff role a group is (by its RoleGroup row, else by its name), or None."""
    if group.pk is None:
        return None
    linked = RoleGroup.objects.filter(group=group).values_list("role", flat=True).first()
    if linked:
        return linked
    return group.name if group.name in ROLES else None


class RoleGroupForm(GroupForm):
    """Wagtail's group form; a staff role's group keeps its name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role = role_of_group(self.instance)
        self.saved_name = self.instance.name if self.instance.pk else None
        if self.role:
            name = self.fields["name"]
            name.widget.attrs["readonly"] = True
            name.help_text = _(
                "This group is the staff role “%(role)s”, so its name cannot be changed. "
                "You can change its permissions."
            ) % {"role": self.role}

    def clean_name(self):
        name = super().clean_name()
        if self.role and name not in (self.saved_name, self.role):
            raise forms.ValidationError(
                _(
                    "You cannot rename the “%(role)s” group because it is a staff role. "
                    "Keep the name “%(role)s”."
                )
                % {"role": self.role},
                code="role_group_renamed",
            )
        if not self.role and name in ROLES:
            raise forms.ValidationError(
                _("“%(name)s” is the name of a staff role. Enter a different name.")
                % {"name": name},
                code="role_name_taken",
            )
        return name


class RoleGroupDeleteView(DeleteView):
    """A staff role's group cannot be deleted: its members would silently lose the role
    (`sync_roles` would make an empty group again). Other groups delete as usual."""

    def get(self, request, *args, **kwargs):
        return self._refuse_role() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_role() or super().post(request, *args, **kwargs)

    def _refuse_role(self):
        role = role_of_group(self.object)
        if not role:
            return None
        messages.error(
            self.request,
            _(
                "You cannot delete the “%(role)s” group because it is a staff role. To take "
                "the role away from someone, remove them from the group."
            )
            % {"role": role},
        )
        return redirect(reverse("wagtailusers_groups:edit", args=[self.object.pk]))


class RoleGroupViewSet(GroupViewSet):
    delete_view_class = RoleGroupDeleteView

    def get_form_class(self, for_update=False):
        return RoleGroupForm

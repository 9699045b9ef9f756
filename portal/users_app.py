"""Wagtail's users app, with the staff role groups protected in the group editor.

Installed in place of "wagtail.users" (Wagtail's documented way to customise the group
views); kept apart from the admin views so that loading the app imports no models.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class SignpostUsersAppConfig(WagtailUsersAppConfig):
    group_viewset = "portal.group_admin.RoleGroupViewSet"

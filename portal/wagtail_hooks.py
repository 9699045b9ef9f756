"""Wagtail admin additions for staff accounts: inviting staff and account security links."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.accounts.views import InviteStaffView
from portal.models import ServiceFeedback
from portal.status import StatusActionView, StatusView


@hooks.register("register_admin_urls")
def register_invite_url():
    return [
        path("staff/invite/", InviteStaffView.as_view(), name="portal_invite_staff"),
        path("status/", StatusView.as_view(), name="portal_status"),
        path(
            "status/actions/<slug:name>/", StatusActionView.as_view(), name="portal_status_action"
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_status_menu_item():
    return MenuItem(_("System status"), reverse("portal_status"), icon_name="pick", order=602)


class InviteStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("auth.add_user")


@hooks.register("register_settings_menu_item")
def register_invite_menu_item():
    return InviteStaffMenuItem(
        _("Invite a member of staff"), reverse("portal_invite_staff"), icon_name="mail", order=601
    )


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Set up your authenticator app and recovery codes."),
    }


@hooks.register("register_account_menu_item")
def change_password_menu_item(request):
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("Change the password you sign in with."),
    }


@hooks.register("register_account_menu_item")
def sign_out_everywhere_menu_item(request):
    return {
        "url": reverse("portal_sign_out_everywhere"),
        "label": _("Sign out everywhere"),
        "help_text": _("End your sessions on every device, for example a lost laptop."),
    }


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody adds or changes a visitor's answer (superusers
    included): staff read feedback, and may delete it with the delete permission."""

    READ_ONLY_ACTIONS = {"add", "change"}

    def user_has_permission(self, user, action):
        return action not in self.READ_ONLY_ACTIONS and super().user_has_permission(user, action)


# Registered for the model (Wagtail 8's way; a viewset's own permission_policy is deprecated).
register_permission_policy(ServiceFeedback, ReadOnlyPermissionPolicy(ServiceFeedback))


class ServiceFeedbackViewSet(ModelViewSet):
    """What visitors said through the phase banner's feedback link, newest first."""

    model = ServiceFeedback
    menu_label = _("Service feedback")
    icon = "comment"
    add_to_admin_menu = True
    menu_order = 900
    inspect_view_enabled = True
    form_fields = ["rating", "comment"]  # needed by Wagtail; the policy refuses add and edit
    list_display = ["rating", "comment", DateColumn("created_at", label=_("Sent"))]
    list_filter = ["rating"]
    ordering = ["-created_at"]


@hooks.register("register_admin_viewset")
def register_service_feedback_viewset():
    return ServiceFeedbackViewSet("service_feedback")

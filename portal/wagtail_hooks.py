"""Wagtail admin additions for staff accounts: inviting staff and account security links."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.accounts.views import InviteStaffView
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

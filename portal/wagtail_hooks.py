"""Wagtail admin additions: inviting staff, account security links, service feedback, and
the admin home's own panel (feedback this week) without Wagtail's site summary."""

import datetime

import django_filters
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.accounts.views import InviteStaffView
from portal.home_panels import Task, TasksPanel, add_panel, remove_site_summary
from portal.models import ServiceFeedback
from portal.status import StatusActionView, StatusView


@hooks.register("insert_global_admin_css")
def admin_contrast_fixes():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


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


class ServiceFeedbackFilterSet(WagtailFilterSet):
    sent = django_filters.DateFromToRangeFilter(
        field_name="created_at__date", label=_("Sent"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ServiceFeedback
        fields = ["rating"]


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
    filterset_class = ServiceFeedbackFilterSet
    ordering = ["-created_at"]


@hooks.register("register_admin_viewset")
def register_service_feedback_viewset():
    return ServiceFeedbackViewSet("service_feedback")


def start_of_week(today: datetime.date) -> datetime.date:
    """The Monday of `today`'s week."""
    return today - datetime.timedelta(days=today.weekday())


class FeedbackPanel(TasksPanel):
    """Service feedback received since Monday, for whoever may read it."""

    name = "feedback"
    heading = _("Service feedback")
    order = 140

    def is_shown(self) -> bool:
        return self.request.user.has_perm("portal.view_servicefeedback")

    def get_tasks(self) -> list[Task]:
        monday = start_of_week(timezone.localdate())
        count = ServiceFeedback.objects.filter(created_at__date__gte=monday).count()
        url = reverse("service_feedback:index") + f"?sent_from={monday.isoformat()}"
        label = ngettext(
            "Feedback answer received this week", "Feedback answers received this week", count
        )
        return [Task(label, count, url)]


@hooks.register("construct_homepage_panels")
def add_feedback_panel(request, panels):
    add_panel(panels, FeedbackPanel(request))


# After every app's own summary items (Wagtail's images and documents add theirs).
hooks.register("construct_homepage_summary_items", remove_site_summary, order=1000)

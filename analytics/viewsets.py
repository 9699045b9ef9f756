"""Prevention analytics as a Wagtail viewset (/admin/analytics/): its URLs, its menu item and
its permission policy in one place."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.base import BasePermissionPolicy

from analytics import views
from analytics.models import SearchEvent
from portal.admin_viewsets import GuardedViewSet

PERMISSION = "search_analytics.view_analytics"


class AnalyticsPermissionPolicy(BasePermissionPolicy):
    """Every action ("view" the reports and their CSVs, "decide" on an unmet need) needs
    search_analytics.view_analytics (Analyst and Administrator): anyone who can see the
    unmet-need report can also record a decision on it.

    Listing the users who may act (`users_with_permission`) is not needed here and is left
    unimplemented, so it fails loudly rather than answering wrongly.
    """

    actions = ("view", "decide")

    def __init__(self):
        super().__init__(SearchEvent)  # the model the permission is declared on

    def user_has_permission(self, user, action):
        return action in self.actions and user.has_perm(PERMISSION)


class AnalyticsViewSet(GuardedViewSet):
    name = "analytics"  # the URL namespace and /admin/analytics/
    menu_label = _("Analytics")
    icon = "table"
    menu_order = 950
    permission_policy = AnalyticsPermissionPolicy()

    def get_urlpatterns(self):
        return [
            path("", self.guarded(views.IndexView, "view"), name="index"),
            path("unmet-need/decide/", self.guarded(views.DecideView, "decide"), name="decide"),
            path("<slug:slug>/", self.guarded(views.ReportView, "view"), name="report"),
            path(
                "<slug:slug>/<slug:table_slug>.csv",
                self.guarded(views.ReportCsvView, "view"),
                name="csv",
            ),
        ]

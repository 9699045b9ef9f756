"""Admin wiring: the Analytics menu item, its URLs and its permission."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from analytics import urls
from analytics.views import PERMISSION


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_analytics_urls():
    return [path("analytics/", include(urls, namespace="analytics"))]


@hooks.register("register_admin_menu_item")
def register_analytics_menu_item():
    return AnalyticsMenuItem(
        _("Analytics"), reverse("analytics:index"), icon_name="table", order=950
    )


@hooks.register("register_permissions")
def register_analytics_permission():
    return Permission.objects.filter(
        content_type__app_label="search_analytics", codename="view_analytics"
    )

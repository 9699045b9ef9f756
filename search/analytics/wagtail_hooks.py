"""Admin wiring: the Analytics menu item, its URLs and its permission."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.analytics import urls
from search.analytics.views import PERMISSION


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_analytics_urls():
    return [path("analytics/", include(urls, namespace="search_analytics"))]


@hooks.register("register_admin_menu_item")
def register_analytics_menu_item():
    return AnalyticsMenuItem(
        _("Analytics"), reverse("search_analytics:index"), icon_name="table", order=950
    )


@hooks.register("register_permissions")
def register_analytics_permission():
    return Permission.objects.filter(
        content_type__app_label="search_analytics", codename="view_analytics"
    )

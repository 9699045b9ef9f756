"""Admin wiring: the analytics viewset (URLs, menu item, who may see them) and its permission."""

from django.contrib.auth.models import Permission
from wagtail import hooks

from analytics.viewsets import AnalyticsViewSet


@hooks.register("register_admin_viewset")
def register_analytics_viewset():
    return AnalyticsViewSet()


@hooks.register("register_permissions")
def register_analytics_permission():
    return Permission.objects.filter(
        content_type__app_label="search_analytics", codename="view_analytics"
    )

"""The staff triage queue in the Wagtail admin: /admin/referrals/."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from referrals.models import teams_for_user


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(teams_for_user(request.user))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("referrals/", include("referrals.admin_urls", namespace="referrals_admin"))]


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        _("Referrals"), reverse("referrals_admin:index"), icon_name="mail", order=250
    )

"""The staff status page (`/admin/status/`): every dependency's health, for people, not for a
load balancer (that reads `/healthz`). Open to any member of staff who can use the admin; it
shows counts and states only, never personal data."""

from django.conf import settings
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from portal import health


class StatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/status.html"
    page_title = gettext_lazy("System status")
    header_icon = "pick"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        checks = health.run_checks(settings.STATUS_CHECKS)
        return super().get_context_data(checks=checks, **kwargs)

"""The staff status page (`/admin/status/`): every dependency's health, for people, not for a
load balancer (that reads `/healthz`). Open to any member of staff who can use the admin; it
shows counts and states only, never personal data.

Apps add buttons to it (e.g. "Retry dead messages") with `register_action()` from their
AppConfig.ready(): portal is the lowest layer and imports no other app. An action runs only
on a POST (with Django's CSRF check) by a user holding its permission, and is logged with
the user's id and a count, nothing else.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from portal import health

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatusAction:
    """A button on the status page. `run()` does it and returns how many things it touched;
    `done_message(count)` is what the member of staff is told."""

    name: str  # in the URL: letters, digits, hyphens
    label: str
    help_text: str
    permission: str
    run: Callable[[], int]
    done_message: Callable[[int], str]


_actions: dict[str, StatusAction] = {}


def register_action(action: StatusAction) -> None:
    """Add (or, under the same name, replace) a status page action."""
    _actions[action.name] = action


def actions_for(user) -> list[StatusAction]:
    return [action for action in _actions.values() if user.has_perm(action.permission)]


class StatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/status.html"
    page_title = gettext_lazy("System status")
    header_icon = "pick"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        checks = health.run_checks(settings.STATUS_CHECKS)
        return super().get_context_data(
            checks=checks, actions=actions_for(self.request.user), **kwargs
        )


class StatusActionView(View):
    """POST only (a GET is refused with 405 and does nothing)."""

    http_method_names = ["post"]

    def post(self, request, name: str):
        action = _actions.get(name)
        if action is None:
            raise Http404
        if not request.user.has_perm(action.permission):
            raise PermissionDenied
        count = action.run()
        logger.info("Status action %s by user %s: %s", action.name, request.user.pk, count)
        messages.success(request, action.done_message(count))
        return redirect("portal_status")

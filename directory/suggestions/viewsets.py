"""The coordinators' suggestions queue as a Wagtail viewset (/admin/suggestions/): its URLs,
its menu item and its permission policy in one place."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.base import ModelPermissionPolicy

from directory.models import ChangeSuggestion
from directory.suggestions import admin
from portal.admin_viewsets import GuardedViewSet


class SuggestionsViewSet(GuardedViewSet):
    """Every view, and the menu item, needs directory.change_changesuggestion (Coordinators
    and Administrators)."""

    name = "directory_suggestions"  # the URL namespace, as before the viewset
    url_prefix = "suggestions"
    menu_label = _("Suggestions")
    icon = "comment"
    menu_order = 310
    permission_policy = ModelPermissionPolicy(ChangeSuggestion)
    menu_action = "change"

    def get_urlpatterns(self):
        return [
            path("", self.guarded(admin.QueueView, "change"), name="queue"),
            path("<uuid:suggestion_id>/", self.guarded(admin.ReviewView, "change"), name="review"),
            path(
                "<uuid:suggestion_id>/apply/",
                self.guarded(admin.ApplyView, "change"),
                name="apply",
            ),
            path(
                "<uuid:suggestion_id>/apply/<slug:field>/",
                self.guarded(admin.ApplyFieldView, "change"),
                name="apply_field",
            ),
            path(
                "<uuid:suggestion_id>/dismiss/",
                self.guarded(admin.DismissView, "change"),
                name="dismiss",
            ),
        ]

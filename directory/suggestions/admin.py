"""The coordinators' queue of public suggestions in the Wagtail admin.

Importing this module registers the admin URLs and menu item (wagtail_hooks.py imports it).
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from directory.models import ChangeSuggestion
from directory.suggestions.services import mark_handled

PERMISSION = "directory.change_changesuggestion"
PER_PAGE = 50


def _require_permission(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def queue(request):
    """New suggestions first; filter by ?status= and ?kind=."""
    _require_permission(request)
    status = request.GET.get("status", ChangeSuggestion.Status.NEW)
    kind = request.GET.get("kind", "")
    suggestions = ChangeSuggestion.objects.select_related("service").order_by("-created_at")
    if status in ChangeSuggestion.Status.values:
        suggestions = suggestions.filter(status=status)
    if kind in ChangeSuggestion.Kind.values:
        suggestions = suggestions.filter(kind=kind)
    page = Paginator(suggestions, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "directory/suggestions/admin_queue.html",
        {
            "page_obj": page,
            "status": status,
            "kind": kind,
            "statuses": ChangeSuggestion.Status.choices,
            "kinds": ChangeSuggestion.Kind.choices,
            "header_title": _("Suggestions"),
            "page_title": _("Suggestions from the public"),
            "header_icon": "comment",
        },
    )


def review(request, suggestion_id):
    _require_permission(request)
    suggestion = get_object_or_404(
        ChangeSuggestion.objects.select_related("service"), pk=suggestion_id
    )
    return render(
        request,
        "directory/suggestions/admin_review.html",
        {
            "suggestion": suggestion,
            "header_title": str(suggestion),
            "page_title": suggestion.get_kind_display(),
            "page_subtitle": suggestion.service.name if suggestion.service else "",
            "header_icon": "comment",
        },
    )


def _service_editor_url(suggestion) -> str | None:
    """The service's edit page (or "add" for a new group) in the snippet admin."""
    try:
        if suggestion.service_id:
            return reverse(
                "wagtailsnippets_directory_service:edit", args=[quote(suggestion.service_id)]
            )
        return reverse("wagtailsnippets_directory_service:add")
    except NoReverseMatch:  # services not registered as snippets in this build
        return None


@require_POST
def apply(request, suggestion_id):
    """Mark applied and open the listing's editor with the suggestion shown as a message."""
    _require_permission(request)
    suggestion = get_object_or_404(ChangeSuggestion, pk=suggestion_id)
    mark_handled(suggestion, ChangeSuggestion.Status.APPLIED, request.user)
    name = suggestion.suggested_fields.get("name", "")
    text = f"{name}: {suggestion.details}" if name else suggestion.details
    messages.info(request, _("Suggestion to apply: %(text)s") % {"text": text})
    return redirect(_service_editor_url(suggestion) or reverse("directory_suggestions:queue"))


@require_POST
def dismiss(request, suggestion_id):
    _require_permission(request)
    suggestion = get_object_or_404(ChangeSuggestion, pk=suggestion_id)
    mark_handled(suggestion, ChangeSuggestion.Status.DISMISSED, request.user)
    messages.success(request, _("Suggestion dismissed."))
    return redirect("directory_suggestions:queue")


class SuggestionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    patterns = [
        path("", queue, name="queue"),
        path("<uuid:suggestion_id>/", review, name="review"),
        path("<uuid:suggestion_id>/apply/", apply, name="apply"),
        path("<uuid:suggestion_id>/dismiss/", dismiss, name="dismiss"),
    ]
    return [path("suggestions/", (patterns, "directory_suggestions", "directory_suggestions"))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return SuggestionsMenuItem(
        gettext_lazy("Suggestions"),
        reverse("directory_suggestions:queue"),
        icon_name="comment",
        order=310,
    )

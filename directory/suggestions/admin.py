"""The coordinators' queue of public suggestions in the Wagtail admin (/admin/suggestions/).

Who may open these views is decided by the viewset's permission policy
(directory.suggestions.viewsets); the views only list, show and mark suggestions handled.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from directory.models import ChangeSuggestion
from directory.patches import check_patch, limit_suggestions
from directory.suggestions.fields import SUGGESTIBLE_FIELDS, current_value, is_applied
from directory.suggestions.services import apply_suggested_field, mark_handled
from portal.admin_viewsets import GuardedView

PER_PAGE = 50


class QueueView(GuardedView):
    """New suggestions first; filter by ?status= and ?kind=."""

    http_method_names = ["get", "head"]

    def get(self, request):
        status = request.GET.get("status", ChangeSuggestion.Status.NEW)
        kind = request.GET.get("kind", "")
        suggestions = ChangeSuggestion.objects.select_related("service").order_by("-created_at")
        suggestions = limit_suggestions(suggestions, request.user)
        if status in ChangeSuggestion.Status.values:
            suggestions = suggestions.filter(status=status)
        if kind in ChangeSuggestion.Kind.values:
            suggestions = suggestions.filter(kind=kind)
        page = Paginator(suggestions, PER_PAGE).get_page(request.GET.get("p"))
        return TemplateResponse(
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


class ReviewView(GuardedView):
    http_method_names = ["get", "head"]

    def get(self, request, suggestion_id):
        suggestion = get_object_or_404(
            ChangeSuggestion.objects.select_related("service"), pk=suggestion_id
        )
        if refused := check_patch(request, suggestion.service, "suggestion_review"):
            return refused
        return TemplateResponse(
            request,
            "directory/suggestions/admin_review.html",
            {
                "suggestion": suggestion,
                "rows": _field_rows(suggestion),
                "header_title": str(suggestion),
                "page_title": suggestion.get_kind_display(),
                "page_subtitle": suggestion.service.name if suggestion.service else "",
                "header_icon": "comment",
            },
        )


def _field_rows(suggestion) -> list[dict]:
    """Each suggested field beside the listing's current value (its latest draft)."""
    if suggestion.service is None:
        return []
    listing = suggestion.service.get_latest_revision_as_object()
    rows = []
    for key, label in SUGGESTIBLE_FIELDS.items():
        value = suggestion.suggested_fields.get(key)
        if not value:
            continue
        rows.append(
            {
                "key": key,
                "label": label,
                "current": current_value(listing, key),
                "suggested": value,
                "applied": is_applied(listing, key, value),
            }
        )
    return rows


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


class ApplyView(GuardedView):
    """Mark applied and open the listing's editor with the suggestion shown as a message."""

    http_method_names = ["post"]

    def post(self, request, suggestion_id):
        suggestion = get_object_or_404(ChangeSuggestion, pk=suggestion_id)
        if refused := check_patch(request, suggestion.service, "suggestion_apply"):
            return refused
        mark_handled(suggestion, ChangeSuggestion.Status.APPLIED, request.user)
        name = suggestion.suggested_fields.get("name", "")
        text = f"{name}: {suggestion.details}" if name else suggestion.details
        messages.info(request, _("Suggestion to apply: %(text)s") % {"text": text})
        return redirect(_service_editor_url(suggestion) or reverse("directory_suggestions:queue"))


class ApplyFieldView(GuardedView):
    """Apply one suggested field to the listing, as a new draft revision (logged)."""

    http_method_names = ["post"]

    def post(self, request, suggestion_id, field):
        suggestion = get_object_or_404(
            ChangeSuggestion.objects.select_related("service"), pk=suggestion_id
        )
        if suggestion.service is None or not suggestion.suggested_fields.get(field):
            raise Http404
        if field not in SUGGESTIBLE_FIELDS:
            raise Http404
        if refused := check_patch(request, suggestion.service, "suggestion_apply_field"):
            return refused
        try:
            apply_suggested_field(suggestion, field, request.user)
        except ValidationError as error:
            messages.error(
                request,
                _("%(field)s could not be applied: %(errors)s")
                % {"field": SUGGESTIBLE_FIELDS[field], "errors": " ".join(error.messages)},
            )
            return redirect("directory_suggestions:review", suggestion.pk)
        messages.success(
            request,
            _("%(field)s applied to the listing's draft. Publish the listing when it is ready.")
            % {"field": SUGGESTIBLE_FIELDS[field]},
        )
        return redirect("directory_suggestions:review", suggestion.pk)


class DismissView(GuardedView):
    http_method_names = ["post"]

    def post(self, request, suggestion_id):
        suggestion = get_object_or_404(ChangeSuggestion, pk=suggestion_id)
        if refused := check_patch(request, suggestion.service, "suggestion_dismiss"):
            return refused
        mark_handled(suggestion, ChangeSuggestion.Status.DISMISSED, request.user)
        messages.success(request, _("Suggestion dismissed."))
        return redirect("directory_suggestions:queue")

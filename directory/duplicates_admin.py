"""The coordinators' queue of possible duplicate listings in the Wagtail admin
(/admin/duplicates/): the open pairs, one pair side by side, merge and "not a duplicate".

Who may open these views is decided by the viewset's permission policy (change a listing:
Coordinators and Administrators); a coordinator sees and decides only pairs whose two
listings are both in their patches (directory.patches). The work is in directory.duplicates.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.permission_policies.base import ModelPermissionPolicy

from directory.duplicates import MergeRefused, merge, not_duplicate
from directory.models import DuplicatePair, Phone, Service, ServiceAtLocation
from directory.patches import check_patch, limit_to_patches
from portal.admin_viewsets import GuardedView, GuardedViewSet

PER_PAGE = 50
COMPARED = [
    ("name", gettext_lazy("Name")),
    ("organisation", gettext_lazy("Organisation")),
    ("summary", gettext_lazy("Summary")),
    ("address", gettext_lazy("Address and postcode")),
    ("phone", gettext_lazy("Phone")),
    ("email", gettext_lazy("Email")),
    ("website", gettext_lazy("Website")),
    ("live", gettext_lazy("Published")),
    ("source", gettext_lazy("Source")),
]


def _open_pairs(user):
    allowed = limit_to_patches(Service.objects.all(), user).values("id")
    return (
        DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN)
        .filter(first__in=allowed, second__in=allowed)
        .select_related("first", "second")
        .order_by("-score", "created_at")
    )


def _refused(request, pair, view_name):
    """The logged 403 if the user may not open one of the two listings, else None."""
    return check_patch(request, pair.first, view_name) or check_patch(
        request, pair.second, view_name
    )


class QueueView(GuardedView):
    http_method_names = ["get", "head"]

    def get(self, request):
        page = Paginator(_open_pairs(request.user), PER_PAGE).get_page(request.GET.get("p"))
        return TemplateResponse(
            request,
            "directory/duplicates/queue.html",
            {
                "page_obj": page,
                "header_title": _("Possible duplicates"),
                "page_title": _("Possible duplicates"),
                "header_icon": "duplicate",
            },
        )


def _listing_for_comparison(pk):
    return (
        Service.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("phones", queryset=Phone.objects.filter(is_public=True)),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location"),
            ),
            "provenance__source",
        )
        .get(pk=pk)
    )


class PairView(GuardedView):
    http_method_names = ["get", "head"]

    def get(self, request, pair_id):
        pair = get_object_or_404(
            DuplicatePair.objects.select_related("first", "second"), pk=pair_id
        )
        if refused := _refused(request, pair, "duplicate_pair"):
            return refused
        return TemplateResponse(
            request,
            "directory/duplicates/pair.html",
            {
                "pair": pair,
                "rows": COMPARED,
                "left": _listing_for_comparison(pair.first_id),
                "right": _listing_for_comparison(pair.second_id),
                "header_title": _("Possible duplicate"),
                "page_title": _("Possible duplicate"),
                "page_subtitle": f"{pair.first.name} / {pair.second.name}",
                "header_icon": "duplicate",
            },
        )


class DecideView(GuardedView):
    """Base for the two POSTs: the pair must be open and both listings the user's."""

    http_method_names = ["post"]
    view_name = ""

    def post(self, request, pair_id):
        pair = get_object_or_404(
            DuplicatePair.objects.select_related("first", "second"), pk=pair_id
        )
        if refused := _refused(request, pair, self.view_name):
            return refused
        if pair.status != DuplicatePair.Status.OPEN:
            messages.error(request, _("Someone has already decided about this pair."))
            return redirect("directory_duplicates:queue")
        return self.decide(request, pair)


class MergeView(DecideView):
    view_name = "duplicate_merge"

    def decide(self, request, pair):
        sides = {"first": (pair.first, pair.second), "second": (pair.second, pair.first)}
        if request.POST.get("keep") not in sides:
            messages.error(request, _("Choose which listing to keep."))
            return redirect("directory_duplicates:pair", pair.pk)
        keep, other = sides[request.POST["keep"]]
        try:
            merge(keep, other, request.user)
        except MergeRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("directory_duplicates:pair", pair.pk)
        messages.success(
            request,
            _("Merged: “%(other)s” now leads to “%(keep)s”.")
            % {"other": other.name, "keep": keep.name},
        )
        return redirect("directory_duplicates:queue")


class NotDuplicateView(DecideView):
    view_name = "duplicate_set_aside"

    def decide(self, request, pair):
        published = not_duplicate(pair, request.user)
        messages.success(
            request,
            _("“%(first)s” and “%(second)s” are marked as not duplicates.")
            % {"first": pair.first.name, "second": pair.second.name},
        )
        for service in published:
            messages.success(request, _("“%(name)s” is now published.") % {"name": service.name})
        return redirect("directory_duplicates:queue")


class DuplicatesViewSet(GuardedViewSet):
    """In the Directory menu; every view needs directory.change_service."""

    name = "directory_duplicates"
    url_prefix = "duplicates"
    menu_label = gettext_lazy("Possible duplicates")
    icon = "duplicate"
    permission_policy = ModelPermissionPolicy(Service)
    menu_action = "change"
    add_to_admin_menu = False  # a submenu item of the Directory group

    def get_urlpatterns(self):
        return [
            path("", self.guarded(QueueView, "change"), name="queue"),
            path("<int:pair_id>/", self.guarded(PairView, "change"), name="pair"),
            path("<int:pair_id>/merge/", self.guarded(MergeView, "change"), name="merge"),
            path(
                "<int:pair_id>/not-duplicate/",
                self.guarded(NotDuplicateView, "change"),
                name="not_duplicate",
            ),
        ]

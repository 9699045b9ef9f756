"""Coordinators' patches: which listings a coordinator may open and change in the admin.

A coordinator's patches are the LAC patch areas given to their `LocalAreaCoordinator` record
(Directory → Local area coordinators: its "user" and "patches"). A listing is in a patch when
one of its locations is in the patch or in one of the patch's wards, or it covers the patch
or one of its wards (`service_areas`), or the coordinator is its curator. Staff who may change
listings but lack `directory.edit_listings_in_all_patches` (Coordinators) are limited to
those; Administrators hold every permission and see all.
"""

from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from directory.models import Area, Service

EDIT_ALL_PATCHES = "directory.edit_listings_in_all_patches"

# Wagtail log actions (directory.wagtail_hooks registers their labels).
REFUSED_OUTSIDE_PATCH = "directory.outside_patch"
SUGGESTION_FIELD_APPLIED = "directory.suggestion_field_applied"


def is_patch_limited(user) -> bool:
    """Whether the user may change listings only in their own patches."""
    return user.has_perm("directory.change_service") and not user.has_perm(EDIT_ALL_PATCHES)


def patch_ids(user) -> list:
    """The ids of the user's patches (none when they have no coordinator record)."""
    return list(
        Area.objects.filter(coordinators__user=user, coordinators__is_active=True).values_list(
            "id", flat=True
        )
    )


def _joined_q(patches: list, user=None) -> Q:
    """The rule as joins (a listing may match through several rows)."""
    wards = Area.wards.through.objects.filter(from_area_id__in=patches).values("to_area_id")
    query = (
        Q(service_at_locations__location__area_id__in=patches)
        | Q(service_at_locations__location__area_id__in=wards)
        | Q(service_areas__in=patches)
        | Q(service_areas__in=wards)
    )
    if user is not None:
        query |= Q(curator=user)
    return query


def in_patches_q(patches: list, user=None) -> Q:
    """Listings in any of the patches (or, with `user`, curated by them), once each."""
    return Q(id__in=Service.objects.filter(_joined_q(patches, user)).values("id"))


def limit_to_patches(queryset, user):
    """The listings the user may open: all of them, or for a coordinator their patches'."""
    if not is_patch_limited(user):
        return queryset
    return queryset.filter(in_patches_q(patch_ids(user), user))


def limit_suggestions(suggestions, user):
    """The suggestions the user may act on: all, or for a coordinator the changes to listings
    in their patches and every new group (the queue and the admin home count the same)."""
    if not is_patch_limited(user):
        return suggestions
    in_patches = in_patches_q(patch_ids(user), user)
    return suggestions.filter(
        Q(service__isnull=True) | Q(service__in=Service.objects.filter(in_patches))
    )


def may_open(user, service) -> bool:
    if not is_patch_limited(user):
        return True
    return Service.objects.filter(_joined_q(patch_ids(user), user), pk=service.pk).exists()


def refuse_outside_patch(request, service, view_name: str) -> TemplateResponse:
    """Log the attempt against the listing (Wagtail's log: the listing's history and the site
    history report) and answer 403. (A PermissionDenied raised inside a Wagtail admin view
    becomes a redirect to the dashboard, not a 403.)"""
    log(instance=service, action=REFUSED_OUTSIDE_PATCH, user=request.user, data={"view": view_name})
    return TemplateResponse(
        request,
        "directory/admin/outside_patch.html",
        {
            "header_title": _("Not in your patches"),
            "page_title": _("Not in your patches"),
            "header_icon": "warning",
        },
        status=403,
    )


def check_patch(request, service, view_name: str) -> TemplateResponse | None:
    """The 403 response (logged) if the user may not open this listing, else None."""
    if service is not None and not may_open(request.user, service):
        return refuse_outside_patch(request, service, view_name)
    return None

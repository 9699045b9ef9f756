"""The public end of a review reminder's "Still correct?" links (directory.review_links).

No sign-in: the signed link is the key. Refusals are plain pages, never errors: an altered
or unknown link is "not found" (404), a used or expired one "gone" (410).
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from directory.models import ReviewLink
from directory.review_links import (
    LinkRefused,
    confirm_still_correct,
    follow_change_link,
    usable_link,
)
from directory.review_policy import review_policy

TEMPLATES = "directory/review_links/"


def _refused(request, refusal: LinkRefused):
    return render(
        request,
        f"{TEMPLATES}{refusal.reason}.html",
        {"service": refusal.link.service, "valid_days": review_policy().review_link_valid_days},
        status=410,
    )


def _not_found(request):
    return render(request, f"{TEMPLATES}not_found.html", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def still_correct(request, token):
    """GET asks; only the POST marks the listing reviewed. Email security scanners and link
    previews open every link in a message (a GET) before anyone reads it: if the GET marked
    the listing, it would be "confirmed" without a person ever looking at it."""
    try:
        if request.method == "POST":
            link = confirm_still_correct(token)
            if link is None:
                return _not_found(request)
            return render(request, f"{TEMPLATES}confirmed.html", {"service": link.service})
        link = usable_link(token, ReviewLink.Action.CONFIRM)
    except LinkRefused as refusal:
        return _refused(request, refusal)
    if link is None:
        return _not_found(request)
    return render(request, f"{TEMPLATES}confirm.html", {"service": link.service})


@never_cache
@require_GET
def something_changed(request, token):
    """Marks nothing: on to the provider's change form (which asks them to sign in or claim
    the listing first)."""
    try:
        link = follow_change_link(token)
    except LinkRefused as refusal:
        return _refused(request, refusal)
    if link is None:
        return _not_found(request)
    return redirect("providers:change_listing", service_id=link.service_id)

"""Public directory pages: service detail and the shortlist (the search page is search.views)."""

import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from directory import services as directory_services
from directory.duplicates import kept_listing
from directory.events import service_opened
from directory.forms import SendShortlistForm, ShortlistForm
from directory.last_search import back_to_results_url
from directory.models import Service
from directory.review_policy import is_out_of_date
from directory.schedules import describe_opening
from directory.shortlist import (
    add_to_shortlist,
    clear_shortlist,
    remove_from_shortlist,
    shortlist_ids,
    shortlisted_services,
)
from directory.shortlist_send import channels, send_shortlist
from portal import notify, ratelimit

SEND_RATE_LIMITED = gettext_lazy(
    "You have sent your list a lot of times in a short time. Try again in an hour, or print it."
)
SEND_FAILED = gettext_lazy(
    "We could not send your list just now. Your shortlist is still saved on this device. "
    "Try again later, or print it."
)


def _small_number(text: str, digits: int = 18) -> int | None:
    """A whole number from a link's parameter, or None for anything else (never an error)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= digits else None


@require_GET
def service_detail(request, service_id):
    service = directory_services.live_service_for_detail(service_id)
    if service is None:
        if kept := kept_listing(service_id):  # merged as a duplicate: its address lives on
            return redirect(kept.get_absolute_url(), permanent=True)
        raise Http404("No such service")
    if request.GET.get("from") == "search":
        service_opened.send(
            Service,
            request=request,
            service=service,
            position=_small_number(request.GET.get("pos", "")),
            event_id=_small_number(request.GET.get("search", "")),
        )
    elif request.GET.get("from") == "check":  # from a Care Act check's result page
        service_opened.send(Service, request=request, service=service, from_check=True)
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "opening": describe_opening(service.schedules.all()),
            "locations": [sal.location for sal in service.service_at_locations.all()],
            "json_ld": directory_services.service_json_ld(
                service, request.build_absolute_uri(service.get_absolute_url())
            ),
            "in_shortlist": str(service.id) in shortlist_ids(request),
            "out_of_date": is_out_of_date(service, site=getattr(request, "_wagtail_site", None)),
            "print_view": request.GET.get("print") == "1",
            "back_to_results_url": back_to_results_url(request),
        },
    )


@require_GET
def shortlist(request):
    return render(
        request,
        "directory/shortlist.html",
        {
            "services": shortlisted_services(request),
            "keep_days": settings.SHORTLIST_COOKIE_AGE_DAYS,
            "can_send": bool(channels()),
        },
    )


@never_cache
@sensitive_post_parameters("email", "phone")
@require_http_methods(["GET", "POST"])
def shortlist_send(request):
    """ "Send this list to yourself" by GOV.UK Notify, while the visitor waits: the address or
    number goes to Notify once and is never stored (not in the session, a model or a log)."""
    ways = channels()
    if not ways:
        raise Http404("Sending a shortlist is switched off")
    services = shortlisted_services(request)
    data = request.POST if request.method == "POST" else None  # an empty POST is still one
    form = SendShortlistForm(data, channels=ways)
    status = 200
    if request.method == "POST" and services:
        status = 400
        if form.is_valid():
            problem = _send(request, form, services)
            if problem is None:
                by = form.cleaned_data["by"]
                return redirect(f"{reverse('directory:shortlist_sent')}?by={by}")
            status, message = problem
            form.add_error(None, message)
    context = {"form": form, "services": services}
    return render(request, "directory/shortlist_send.html", context, status=status)


def _send(request, form, services) -> tuple[int, str] | None:
    """Count the attempt and send; None once sent (or quietly dropped as spam), otherwise
    the status and message for the form."""
    if not ratelimit.hit(request, scope="shortlist-send", setting="SHORTLIST_SEND_RATE_LIMIT"):
        return 429, SEND_RATE_LIMITED
    if form.is_spam:
        return None
    try:
        send_shortlist(
            form.cleaned_data["by"], form.recipient, services, request.build_absolute_uri
        )
    except notify.NotifyUnavailable:
        return 503, SEND_FAILED
    return None


@require_GET
def shortlist_sent(request):
    by = request.GET.get("by")
    return render(request, "directory/shortlist_sent.html", {"by": by if by == "sms" else "email"})


@require_POST
def shortlist_add(request):
    return _change_shortlist(request, add_to_shortlist)


@require_POST
def shortlist_remove(request):
    return _change_shortlist(request, remove_from_shortlist)


@require_POST
def shortlist_clear(request):
    """ "Remove all": empties the shortlist and says so on the shortlist page."""
    response = redirect("directory:shortlist")
    clear_shortlist(request, response)
    messages.success(request, _("You have removed all the services from your shortlist."))
    return response


def _change_shortlist(request, change):
    form = ShortlistForm(request.POST)
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"error": "That service is no longer listed."}, status=400)
        return redirect(form.safe_next(request, reverse("directory:shortlist")))
    service_id = form.cleaned_data["service"]
    if wants_json:
        response = JsonResponse({})  # the cookie goes on it, then the answer
        ids = change(request, response, service_id)
        response.content = json.dumps({"count": len(ids), "in_shortlist": str(service_id) in ids})
        return response
    response = redirect(form.safe_next(request, reverse("directory:shortlist")))
    change(request, response, service_id)
    return response

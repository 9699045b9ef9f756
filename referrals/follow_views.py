"""Pages for "Follow my request" (referrals.follow): find it, see it, add to it.

Nothing personal travels in a URL: the reference and date of birth are POSTed, and a
correct pair lets this session see that one request for REFERRAL_STATUS_ACCESS_SECONDS.
"""

import logging
import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import ratelimit
from referrals.choices import Status
from referrals.follow import add_update, find_request, request_status
from referrals.forms import AddUpdateForm, FindRequestForm
from referrals.models import Referral
from referrals.next_steps import TEAM_PHONE_SETTINGS
from referrals.views import site_settings

logger = logging.getLogger(__name__)
SESSION_KEY = "follow_request"
NOT_FOUND = gettext_lazy(
    "We could not find a request with that reference number and date of birth. Check both and try again."
)


@never_cache
def find(request):
    form = FindRequestForm(request.POST or None, prefix="find")
    if request.method == "POST":
        if not ratelimit.hit(
            request, scope="referral_status", setting="REFERRAL_STATUS_RATE_LIMIT"
        ):
            logger.info("Follow my request: rate limit")
            return render(
                request, "referrals/follow/find.html", {"form": form, "limited": True}, status=429
            )
        if form.is_valid():
            referral = find_request(
                form.cleaned_data["reference"], form.cleaned_data["date_of_birth"]
            )
            if referral is not None:
                request.session.cycle_key()
                request.session[SESSION_KEY] = {
                    "id": referral.pk,
                    "until": time.time() + settings.REFERRAL_STATUS_ACCESS_SECONDS,
                }
                return redirect("referrals:follow_request")
            logger.info("Follow my request: no match")
            form.add_error(None, NOT_FOUND)
    return render(request, "referrals/follow/find.html", {"form": form})


def _followed(request) -> Referral | None:
    """The request this session may see, while its time lasts."""
    held = request.session.get(SESSION_KEY) or {}
    if not held or held.get("until", 0) < time.time():
        request.session.pop(SESSION_KEY, None)
        return None
    return Referral.objects.filter(pk=held.get("id"), purged_at__isnull=True).first()


@never_cache
def show(request, form=None):
    referral = _followed(request)
    if referral is None:
        messages.info(
            request, _("Enter your reference number and date of birth to see your request.")
        )
        return redirect("referrals:follow")
    once = uuid.uuid4().hex  # this form's token: sent twice, it stores one update
    request.session[f"{SESSION_KEY}_once"] = once
    form = form or AddUpdateForm(prefix="update")
    context = {
        "status": request_status(referral),
        "form": form,
        "once": once,
        "team_phone": _team_phone(request, referral),
    }
    return render(
        request, "referrals/follow/show.html", context, status=400 if form.errors else 200
    )


def _team_phone(request, referral):
    """The team's number, from the setting the confirmation page reads it from."""
    return getattr(site_settings(request), TEAM_PHONE_SETTINGS[referral.team])


@require_POST
@never_cache
def add(request):
    referral = _followed(request)
    if referral is None:
        return redirect("referrals:follow")
    form = AddUpdateForm(request.POST, prefix="update")
    if not form.is_valid():
        return show(request, form=form)
    once = request.session.pop(f"{SESSION_KEY}_once", None)
    if referral.status == Status.CLOSED:
        return redirect("referrals:follow_request")
    # One form, one update: a second send of the same form (a double tap) stores nothing.
    if once and request.POST.get("update-once") == once:
        add_update(referral, form.cleaned_data["text"])
        messages.success(request, _("We have added this to your request and told the team."))
    return redirect("referrals:follow_request")

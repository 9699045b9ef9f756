"""Public pages around the self-referral wizard: start, urgent help, consent, confirmation."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from referrals.choices import Urgency
from referrals.references import is_reference


def landing(request):
    """What happens, how long it takes, and that this is not for emergencies."""
    as_carer = request.GET.get("as") == "carer"
    return render(request, "referrals/landing.html", {"as_carer": as_carer})


def urgent(request):
    reason = request.GET.get("reason")
    return render(
        request,
        "referrals/urgent.html",
        {"about_abuse": reason == Urgency.ABUSE},
    )


def consent_needed(request):
    return render(request, "referrals/consent_needed.html")


@never_cache
def done(request):
    """The confirmation, shown only once the referral has been stored (the wizard puts its
    reference in the session after the commit); nothing personal in the URL."""
    reference = request.session.get("referral_reference", "")
    if not is_reference(reference):
        return redirect("referrals:landing")
    return confirmation(request, reference)


def confirmation(request, reference: str):
    """The "Request sent" page with the reference of a stored referral."""
    return render(request, "referrals/done.html", {"reference": reference})

"""Public pages around the self-referral wizard: start, urgent help, consent, confirmation
(the finishing page that finds which confirmation to show is the wizard's: referrals.wizard)."""

from django.shortcuts import render

from referrals.choices import Urgency


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


def confirmation(request, reference: str):
    """The "Request sent" page with the reference of a stored referral."""
    return render(request, "referrals/done.html", {"reference": reference})

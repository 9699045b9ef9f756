"""Public pages around the self-referral wizard: start (and the professionals' start),
urgent help, consent, confirmation (the finishing page that finds which confirmation to
show is the wizard's: referrals.wizard)."""

from django.shortcuts import render

from portal.models import SiteSettings
from referrals.choices import Team, Urgency
from referrals.models import Referral
from referrals.next_steps import next_steps, working_days_for
from referrals.storage import timeout_minutes


def landing(request):
    """What happens, how long it takes, and that this is not for emergencies."""
    as_carer = request.GET.get("as") == "carer"
    # The carers' route goes to the Carers Centre, which promises its own working days.
    team = Team.CARERS_CENTRE if as_carer else Team.FIRST_CONTACT
    working_days = working_days_for(team, site_settings(request))
    return render(
        request,
        "referrals/landing.html",
        {
            "as_carer": as_carer,
            "working_days": working_days,
            "timeout_minutes": timeout_minutes(),
        },
    )


def professional(request):
    """The professionals' start page: what we ask, what consent we need, and that we email
    them when the referral is closed. "Start now" opens the wizard preset to a professional."""
    working_days = working_days_for(Team.FIRST_CONTACT, site_settings(request))
    return render(
        request,
        "referrals/professional.html",
        {"working_days": working_days, "timeout_minutes": timeout_minutes()},
    )


def urgent(request):
    reason = request.GET.get("reason")
    return render(
        request,
        "referrals/urgent.html",
        {"about_abuse": reason == Urgency.ABUSE},
    )


def consent_needed(request):
    return render(request, "referrals/consent_needed.html")


def confirmation(request, referral: Referral):
    """The "Request sent" page for a stored referral: its reference, who will be in touch
    and by when, where the confirmation email went, and who to call if things get worse."""
    next_ = next_steps(referral, site_settings(request))
    return render(request, "referrals/done.html", {"next": next_})


def site_settings(request) -> SiteSettings:
    """This site's settings; their defaults when no Wagtail site answers the request (a
    database just created, or emptied between tests): a referral already stored must
    still be confirmed."""
    try:
        return SiteSettings.for_request(request)
    except SiteSettings.DoesNotExist:
        return SiteSettings()

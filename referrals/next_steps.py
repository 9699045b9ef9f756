"""What happens after a self-referral is sent, for the confirmation page: which team will be
in touch, by which date, and where the confirmation email is going.

"By when" counts working days: not Saturdays, Sundays or England and Wales bank holidays.
Working days and bank holidays come from portal.bank_holidays, the table opening times and the
urgent numbers' office hours also use, so the date we promise and "open now" never disagree.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from portal.bank_holidays import BANK_HOLIDAYS, is_working_day
from portal.models import SiteSettings
from referrals import routing
from referrals.choices import ABOUT_SOMEONE_ELSE, FilledInBy, Team
from referrals.models import Referral

# How the confirmation names each team, and which site setting holds its phone number.
TEAM_NAMES = {
    Team.FIRST_CONTACT: _("First Contact (the council's adult social care team)"),
    Team.CARERS_CENTRE: _("the Carers Centre"),
}
TEAM_PHONE_SETTINGS = {
    Team.FIRST_CONTACT: "first_contact_phone",
    Team.CARERS_CENTRE: "carers_centre_phone",
}
# Which site setting holds each team's "contact within N working days".
TEAM_WORKING_DAYS_SETTINGS = {
    Team.FIRST_CONTACT: "referral_response_working_days",
    Team.CARERS_CENTRE: "carers_centre_response_working_days",
}
# The Carers Centre's hours are not a site setting (it is not the council's own team).
TEAM_HOURS_SETTINGS = {Team.FIRST_CONTACT: "first_contact_hours"}
MASK = "\u2022" * 4  # "••••": the same length whatever the address, so it gives nothing away


def add_working_days(start: datetime.date, days: int, bank_holidays=BANK_HOLIDAYS):
    """The `days`-th working day after `start`. `start` itself never counts, even on a
    working day: a request sent at 4.55pm has not had a working day of the team's time."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, bank_holidays):
            days -= 1
    return day


def working_days_for(team: str, site_settings) -> int:
    """How many working days `team` promises to be in touch within."""
    return getattr(site_settings, TEAM_WORKING_DAYS_SETTINGS[team])


def due_date(received_at: datetime.datetime, team: str, site_settings) -> datetime.date:
    """The date a referral received at `received_at` is due: the team's working days after
    the (local) day it arrived. The queue's due date and the confirmation's "by when"."""
    return add_working_days(timezone.localdate(received_at), working_days_for(team, site_settings))


def default_site_settings() -> SiteSettings:
    """The default site's settings (for work done outside a request, like storing a
    referral); their defaults when there is no site yet."""
    try:
        return SiteSettings.for_site(Site.objects.filter(is_default_site=True).first())
    except SiteSettings.DoesNotExist:
        return SiteSettings()


def confirmation_address(answers: dict) -> str:
    """Where the confirmation email goes: the email address given, if they asked for one."""
    if not answers.get("wants_confirmation_email"):
        return ""
    return (answers.get("person") or {}).get("email", "")


def mask_email(address: str) -> str:
    """ "j••••@example.com": enough for the person to recognise their address on a shared
    screen, not enough for someone looking over their shoulder to copy it."""
    local, at, domain = address.rpartition("@")
    if not (local and at and domain):
        return ""
    return f"{local[0]}{MASK}@{domain}"


@dataclass(frozen=True)
class NextSteps:
    reference: str
    team_name: str
    team_phone: str
    team_hours: str
    contact_by: datetime.date
    about_self: bool
    email_to: str  # masked; "" when no confirmation email is being sent
    # The address (masked) the "accepted" and "closed" emails will go to
    # (routing.referrer_email: a professional's work email, a family member's, or the
    # person's own); "" when nobody gave one.
    feedback_to: str = ""
    # Sent by a professional: the page speaks of a referral, not a request.
    by_professional: bool = False


def next_steps(referral: Referral, site_settings) -> NextSteps:
    answers = referral.answers
    contact_by = due_date(referral.created_at, referral.team, site_settings)
    return NextSteps(
        reference=referral.reference,
        team_name=str(TEAM_NAMES[referral.team]),
        team_phone=getattr(site_settings, TEAM_PHONE_SETTINGS[referral.team]),
        team_hours=_team_hours(referral.team, site_settings),
        contact_by=contact_by,
        about_self=referral.filled_in_by not in ABOUT_SOMEONE_ELSE,
        email_to=mask_email(confirmation_address(answers)),
        feedback_to=mask_email(routing.referrer_email(answers)),
        by_professional=referral.filled_in_by == FilledInBy.PROFESSIONAL,
    )


def _team_hours(team: str, site_settings) -> str:
    setting = TEAM_HOURS_SETTINGS.get(team)
    return getattr(site_settings, setting) if setting else ""

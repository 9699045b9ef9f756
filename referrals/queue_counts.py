"""What is waiting in each team's queue, for the admin home: new referrals, and overdue ones.

A referral is overdue once it is not closed and the team's promised response date has
passed: `SiteSettings.referral_response_working_days` working days after the day it arrived
(the date the confirmation page promised, referrals.next_steps). One function decides which
referrals are overdue (`overdue`), for the home page's counts and the queue's filter alike, so
a per-team due date can replace it in one place.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Site

from portal.bank_holidays import BANK_HOLIDAYS
from portal.models import SiteSettings
from referrals.choices import Status, Team
from referrals.models import Referral, teams_for_user
from referrals.next_steps import add_working_days


def response_working_days(request=None) -> int:
    """The working days promised for a first contact: the setting of the request's site (or
    of the default site), or the setting's default when there is no Wagtail site."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is not None:
        try:
            return SiteSettings.for_site(site).referral_response_working_days
        except SiteSettings.DoesNotExist:
            pass
    return SiteSettings._meta.get_field("referral_response_working_days").get_default()


def overdue_if_received_before(
    today: datetime.date, working_days: int, bank_holidays=BANK_HOLIDAYS
) -> datetime.datetime:
    """The moment (local midnight) before which a referral still open is overdue today.

    A referral received on day D is due by `add_working_days(D, working_days)` and overdue
    once that day has passed. Receiving later never makes it due earlier, so the overdue
    ones are those received before the first day D whose due date is today or later."""
    day = today
    while add_working_days(day - datetime.timedelta(days=1), working_days, bank_holidays) >= today:
        day -= datetime.timedelta(days=1)
    zone = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


def overdue(referrals, today: datetime.date | None = None, working_days: int | None = None):
    """The referrals in `referrals` (a QuerySet) that are open and past their response date."""
    today = today or timezone.localdate()
    working_days = working_days if working_days is not None else response_working_days()
    return referrals.open().filter(created_at__lt=overdue_if_received_before(today, working_days))


@dataclass(frozen=True)
class TeamQueue:
    team: str
    label: str
    new: int
    overdue: int


def team_queues(user, today=None, working_days: int | None = None) -> list[TeamQueue]:
    """New and overdue referrals in each team queue `user` may open."""
    teams = teams_for_user(user)
    if not teams:
        return []
    in_teams = Referral.objects.filter(team__in=teams)
    new = _by_team(in_teams.filter(status=Status.NEW))
    late = _by_team(overdue(in_teams, today, working_days))
    return [
        TeamQueue(team, str(Team(team).label), new.get(team, 0), late.get(team, 0))
        for team in teams
    ]


def _by_team(referrals) -> dict[str, int]:
    return dict(referrals.order_by().values_list("team").annotate(count=Count("pk")))

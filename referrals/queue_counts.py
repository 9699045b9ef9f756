"""What is waiting in each team's queue, for the admin home: new referrals, and overdue ones.

Overdue has one meaning everywhere (the home page's counts, the queue's tag and filter):
awaiting contact after the referral's due date, which was set when it arrived from its
team's promised working days (`Referral.due_on`, referrals.next_steps.due_date; the same
date the confirmation page gave the person).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from referrals.choices import HandoverState, Status, Team
from referrals.models import Partner, Referral, partners_for_user, teams_for_user


@dataclass(frozen=True)
class TeamQueue:
    team: str
    label: str
    new: int
    overdue: int


def team_queues(user, today: datetime.date | None = None) -> list[TeamQueue]:
    """New and overdue referrals in each team queue `user` may open."""
    teams = teams_for_user(user)
    if not teams:
        return []
    today = today or timezone.localdate()
    in_teams = Referral.objects.filter(team__in=teams)
    new = _by_team(in_teams.filter(status=Status.NEW))
    late = _by_team(in_teams.overdue(today))
    return [
        TeamQueue(team, str(Team(team).label), new.get(team, 0), late.get(team, 0))
        for team in teams
    ]


def _by_team(referrals) -> dict[str, int]:
    return dict(referrals.order_by().values_list("team").annotate(count=Count("pk")))


@dataclass(frozen=True)
class PartnerQueue:
    partner: str
    waiting: int


def partner_queues(user) -> list[PartnerQueue]:
    """Referrals waiting for each of the user's partner organisations to accept them."""
    partners = partners_for_user(user)
    if not partners:
        return []
    waiting = dict(
        Referral.objects.filter(partner__in=partners, handover=HandoverState.WAITING)
        .order_by()
        .values_list("partner")
        .annotate(count=Count("pk"))
    )
    return [
        PartnerQueue(partner.name, waiting.get(partner.pk, 0))
        for partner in Partner.objects.filter(pk__in=partners)
    ]

"""The admin home's queue counts (#22, item 4) agree with the queue: new referrals, and
overdue ones (awaiting contact after the due date the confirmation page promised)."""

import datetime

import pytest
from django.utils import timezone

from referrals.choices import Status, Team
from referrals.models import Referral
from referrals.queue_counts import team_queues
from referrals.services import submit_referral
from tests.factories.referrals import StaffFactory, answers

pytestmark = pytest.mark.django_db


def received(day: datetime.date, hour: int = 12, status=Status.NEW) -> Referral:
    moment = datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )
    referral = submit_referral(answers(), now=moment)
    if status != Status.NEW:
        Referral.objects.filter(pk=referral.pk).update(status=status, outcome="information_advice")
    return referral


def test_christmas_bank_holidays_do_not_count_as_working_days():
    # Tuesday 29 December 2026, after Christmas (Friday 25) and Boxing Day (Monday 28); 5
    # working days promised (the default).
    today = datetime.date(2026, 12, 29)
    early = received(datetime.date(2026, 12, 17))  # due Thursday 24: overdue
    later = received(datetime.date(2026, 12, 22))  # due Thursday 31 December: not yet
    overdue = set(Referral.objects.overdue(today).values_list("reference", flat=True))
    assert overdue == {early.reference}
    assert later.due_on == datetime.date(2026, 12, 31)


def test_the_home_counts_are_the_queues():
    today = datetime.date(2026, 12, 29)
    received(datetime.date(2026, 12, 1))  # overdue and new
    received(datetime.date(2026, 12, 1), status=Status.CLOSED)  # neither
    received(datetime.date(2026, 12, 1), status=Status.IN_REVIEW)  # overdue only
    received(datetime.date(2026, 12, 28))  # new only
    user = StaffFactory(roles=["First Contact"])
    (queue,) = team_queues(user, today)
    assert (queue.team, queue.new, queue.overdue) == (Team.FIRST_CONTACT, 2, 2)
    assert queue.overdue == Referral.objects.filter(team=Team.FIRST_CONTACT).overdue(today).count()


def test_no_queue_no_counts():
    assert team_queues(StaffFactory()) == []

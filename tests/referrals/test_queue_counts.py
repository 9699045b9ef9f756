"""Which referrals are overdue (#22, item 4): open, and past the date the confirmation page
promised (N working days after the day they arrived; weekends and bank holidays skipped)."""

import datetime

import pytest
from django.utils import timezone

from referrals import queue_counts
from referrals.choices import Status
from referrals.models import Referral
from referrals.services import submit_referral
from tests.factories.referrals import answers

pytestmark = pytest.mark.django_db


def received(day: datetime.date, hour: int = 12, status=Status.NEW) -> Referral:
    moment = datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )
    referral = submit_referral(answers(), now=moment)
    if status != Status.NEW:
        Referral.objects.filter(pk=referral.pk).update(status=status, outcome="information_advice")
    return referral


def overdue_references(today, working_days):
    return set(
        queue_counts.overdue(Referral.objects.all(), today, working_days).values_list(
            "reference", flat=True
        )
    )


def test_christmas_bank_holidays_do_not_count_as_working_days():
    # Tuesday 29 December 2026, after Christmas (Friday 25) and Boxing Day (Monday 28).
    today = datetime.date(2026, 12, 29)
    tuesday = received(datetime.date(2026, 12, 22), hour=23)  # due Thursday 24: overdue
    wednesday = received(datetime.date(2026, 12, 23), hour=0)  # due Tuesday 29: not yet
    assert overdue_references(today, working_days=2) == {tuesday.reference}
    assert wednesday.reference not in overdue_references(today, working_days=2)
    # The next day Wednesday's is overdue too.
    assert overdue_references(today + datetime.timedelta(days=1), 2) == {
        tuesday.reference,
        wednesday.reference,
    }


def test_closed_referrals_are_never_overdue():
    today = datetime.date(2026, 12, 29)
    received(datetime.date(2026, 11, 2), status=Status.CLOSED)
    contacted = received(datetime.date(2026, 11, 2), status=Status.CONTACTED)
    assert overdue_references(today, working_days=5) == {contacted.reference}


def test_the_due_date_agrees_with_the_confirmation_page():
    from referrals.next_steps import add_working_days

    today = datetime.date(2026, 6, 10)
    for working_days in (1, 3, 5, 10):
        cutoff = queue_counts.overdue_if_received_before(today, working_days).date()
        assert add_working_days(cutoff - datetime.timedelta(days=1), working_days) < today
        assert add_working_days(cutoff, working_days) >= today

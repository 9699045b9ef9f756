"""The demo's referrals (#22, item 6): the self-referrals that followed the synthetic searches
are real referrals in the queues, in every status, and analytics counts exactly those."""

import datetime
import io

import pytest
from django.utils import timezone

from analytics import reports
from analytics.models import InformationEaseAnswer, ReferralEvent, SearchEvent
from analytics.reports import ReportFilter
from demo import analytics as demo
from portal.information_ease import InformationEase
from referrals import routing
from referrals.choices import Status, Team
from referrals.models import OutboxMessage, Referral, ReferralAuditEntry

pytestmark = pytest.mark.django_db

DAYS = 45


@pytest.fixture
def loaded(world):
    demo.load(stdout=io.StringIO(), listings=10, seed=2026, days=DAYS)


def test_every_status_is_in_the_queues(loaded):
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    closed = Referral.objects.filter(status=Status.CLOSED)
    assert not closed.filter(outcome="").exists()
    assert not closed.filter(closed_at__gt=timezone.now()).exists()
    # Older ones are mostly closed; the newest mostly waiting.
    month_ago = timezone.now() - datetime.timedelta(days=30)
    older = Referral.objects.filter(created_at__lt=month_ago)
    assert older.filter(status=Status.CLOSED).count() > 0.9 * older.count()
    # Every team's queue, even the quieter Carers Centre's, has new referrals waiting.
    for team in Team.values:
        assert Referral.objects.filter(team=team, status=Status.NEW).count() >= 2, team


def test_referrals_are_stored_like_real_ones(loaded):
    for referral in Referral.objects.all()[:50]:
        answers = referral.answers  # encrypted at rest, readable by the queue
        assert answers["person"]["full_name"]
        assert referral.team == routing.team_for(answers)
        assert referral.answers_encrypted and "full_name" not in referral.answers_encrypted
    # Moved on through the service, so each change is in the audit log at its own time.
    closed = Referral.objects.filter(status=Status.CLOSED).first()
    changes = ReferralAuditEntry.objects.filter(
        referral=closed, action=ReferralAuditEntry.Action.STATUS_CHANGED
    )
    assert changes.count() == 3
    assert max(changes.values_list("created_at", flat=True)) == closed.closed_at
    # The notifications are history, not a backlog for process_outbox.
    assert OutboxMessage.objects.exists()
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists()


def test_analytics_counts_exactly_the_referrals_in_the_queues(loaded):
    assert ReferralEvent.objects.count() == Referral.objects.count() > 50
    assert SearchEvent.objects.filter(followed_by_referral=True).count() == Referral.objects.count()
    period = ReportFilter.default()
    counted = reports.referral_counts(period)[()]
    in_period = Referral.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
    assert counted["referrals"] == in_period.count()
    assert counted["closed"] == in_period.filter(status=Status.CLOSED).count()


def test_loading_again_replaces_the_demo_referrals(loaded):
    count = Referral.objects.count()
    real = Referral.objects.create(
        reference="SP-REAL-01", team="first_contact", filled_in_by="myself"
    )
    demo.load(stdout=io.StringIO(), listings=10, seed=2026, days=DAYS)
    assert Referral.objects.count() == count + 1
    assert Referral.objects.filter(pk=real.pk).exists()
    assert ReferralEvent.objects.count() == count  # the hand-made one sent no event


def test_demo_has_ascof_answers_and_first_contact_measures(loaded):
    answers = InformationEaseAnswer.objects.all()
    assert DAYS * 3 <= answers.count() <= DAYS * 9
    assert not answers.filter(answered_hour__gte=timezone.now()).exists()
    assert set(answers.values_list("answer", flat=True)) == set(InformationEase.values)
    today = timezone.localdate()
    period = ReportFilter(today - datetime.timedelta(days=DAYS), today)
    (easy,) = [row for row in reports.ease_by_answer(period) if row["answer"] == "fairly_easy"]
    assert easy["answers"] > 0
    summary = reports.first_contact_summary(period)
    assert summary["closed"] > 0
    assert 0 < summary["feedback"] <= summary["closed"]
    assert summary["median_days_to_close"] is not None
    # Demo referrals go through change_status: their events carry the first-contact time.
    assert ReferralEvent.objects.exclude(first_contact_hour=None).exists()

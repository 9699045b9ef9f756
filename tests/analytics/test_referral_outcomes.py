"""Every referral outcome, closed through the triage service, lands in its First Contact bucket."""

import pytest
from django.utils import timezone

from analytics import reports
from analytics.reports import ReportFilter
from referrals import services
from referrals.choices import (
    ASSESSMENT_OUTCOMES,
    OTHER_OUTCOMES,
    RESOLVED_OUTCOMES,
    Outcome,
    Status,
)
from tests.factories.referrals import StaffFactory, referral

pytestmark = pytest.mark.django_db


def test_every_outcome_is_in_exactly_one_bucket():
    buckets = [*RESOLVED_OUTCOMES, *ASSESSMENT_OUTCOMES, *OTHER_OUTCOMES]
    assert sorted(buckets) == sorted(Outcome)


def test_closing_with_each_outcome_counts_in_its_bucket():
    staff = StaffFactory()
    for outcome in Outcome:
        services.change_status(referral(), staff, Status.CLOSED, outcome)
    today = timezone.localdate()
    period = ReportFilter(today, today)

    rows = {row["outcome"]: row for row in reports.referral_outcomes(period)}
    assert {code: row["referrals"] for code, row in rows.items()} == {
        outcome.value: 1 for outcome in Outcome
    }
    assert rows[Outcome.COMMUNITY_ASSET]["outcome_label"] == "Signposted to a community asset"
    for outcome in RESOLVED_OUTCOMES:
        assert str(rows[outcome]["group"]) == "Resolved without long-term support"

    summary = reports.search_to_support(period)
    assert summary["closed"] == len(Outcome)
    assert summary["resolved"] == len(RESOLVED_OUTCOMES)  # community asset counts as resolved
    assert summary["needs_assessment"] == len(ASSESSMENT_OUTCOMES)

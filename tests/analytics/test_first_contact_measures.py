"""The First Contact measures: contacts by route, each outcome in its bucket, times to first
contact and to close, feedback to referrers, carers identified; and the migration's backfill."""

import csv
import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from analytics import reports
from analytics.models import ReferralEvent
from analytics.reports import ReportFilter
from referrals import services
from referrals.choices import (
    ASSESSMENT_OUTCOMES,
    OTHER_OUTCOMES,
    RESOLVED_OUTCOMES,
    FilledInBy,
    Outcome,
    Route,
    Status,
)
from referrals.events import referrer_notified
from referrals.models import Referral
from tests.factories.referrals import StaffFactory, referral

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today() -> ReportFilter:
    day = timezone.localdate()
    return ReportFilter(day, day)


def event_of(made: Referral) -> ReferralEvent:
    return ReferralEvent.objects.get(token=made.event_token)


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def closed_with_each_outcome(staff):
    """One referral closed with each Outcome: contacted a day after it was made, closed
    2, 3, … days after."""
    made = []
    for index, outcome in enumerate(Outcome):
        item = referral()
        services.change_status(item, staff, Status.CONTACTED, now=item.created_at + DAY)
        services.change_status(
            item, staff, Status.CLOSED, outcome, now=item.created_at + (2 + index) * DAY
        )
        made.append(item)
    return made


def test_every_outcome_lands_in_its_bucket(closed_with_each_outcome):
    summary = reports.first_contact_summary(today())
    assert summary["closed"] == len(Outcome)
    assert summary["resolved"] == len(RESOLVED_OUTCOMES) == 4
    assert summary["needs_assessment"] == len(ASSESSMENT_OUTCOMES) == 1
    assert summary["other"] == len(OTHER_OUTCOMES) == 2
    assert summary["resolved_percent"] is None  # 4 of 7: fewer than 5, withheld
    assert summary["needs_assessment_percent"] is None

    outcomes = {row["outcome"]: row for row in reports.referral_outcomes(today())}
    for outcome in Outcome:
        expected = (
            "Resolved without long-term support"
            if outcome in RESOLVED_OUTCOMES
            else "Needs assessment"
            if outcome in ASSESSMENT_OUTCOMES
            else "Other"
        )
        assert outcomes[outcome.value]["referrals"] == 1, outcome
        assert str(outcomes[outcome.value]["group"]) == expected, outcome
        assert reports.first_contact.bucket(outcome.value) in (
            "resolved",
            "needs_assessment",
            "other",
        )


def test_each_outcome_bucket_one_at_a_time(staff):
    """Close one referral with each outcome, alone, and see which bucket moves."""
    expected = {
        **dict.fromkeys(RESOLVED_OUTCOMES, "resolved"),
        **dict.fromkeys(ASSESSMENT_OUTCOMES, "needs_assessment"),
        **dict.fromkeys(OTHER_OUTCOMES, "other"),
    }
    for outcome in Outcome:
        before = reports.first_contact_summary(today())
        services.change_status(referral(), staff, Status.CLOSED, outcome)
        after = reports.first_contact_summary(today())
        moved = {
            bucket
            for bucket in ("resolved", "needs_assessment", "other")
            if after[bucket] != before[bucket]
        }
        assert moved == {expected[outcome]}, outcome


def test_times_to_first_contact_and_to_close(closed_with_each_outcome):
    first = event_of(closed_with_each_outcome[0])
    assert first.first_contact_hour - first.created_hour == DAY
    assert first.first_closed_hour - first.created_hour == 2 * DAY
    assert first.first_contact_hour.minute == 0
    summary = reports.first_contact_summary(today())
    assert summary["median_days_to_contact"] == 1.0
    assert summary["median_days_to_close"] == 5.0  # 2 to 8 days


def test_reopening_keeps_the_first_close_time(staff):
    item = referral()
    services.change_status(
        item, staff, Status.CLOSED, Outcome.NO_FURTHER_ACTION, now=item.created_at + DAY
    )
    services.change_status(item, staff, Status.IN_REVIEW, now=item.created_at + 2 * DAY)
    event = event_of(item)
    assert event.outcome == ""
    assert event.first_closed_hour - event.created_hour == DAY


def test_medians_of_fewer_than_5_are_withheld(staff):
    for _ in range(4):
        item = referral()
        services.change_status(item, staff, Status.CONTACTED, now=item.created_at + DAY)
    assert reports.first_contact_summary(today())["median_days_to_contact"] is None


def test_contacts_by_route_including_a_professional(staff):
    referral(filled_in_by=FilledInBy.PROFESSIONAL)
    referral(filled_in_by=FilledInBy.CARER)
    referral(filled_in_by=FilledInBy.SOMEONE_ELSE)
    referral()
    assert sorted(ReferralEvent.objects.values_list("route", flat=True)) == [
        "carer",
        "professional",
        "self",
        "self",
    ]
    rows = {row["route"]: row["contacts"] for row in reports.by_route(today())}
    assert rows == {"Self or family": 2, "Carer": 1, "Professional": 1}


def test_feedback_to_referrers_share_of_closed(closed_with_each_outcome):
    for item in closed_with_each_outcome[:5]:
        referrer_notified.send(Referral, referral=item, kind="closed")
    referrer_notified.send(Referral, referral=closed_with_each_outcome[0], kind="accepted")
    assert ReferralEvent.objects.filter(referrer_notified=True).count() == 5
    summary = reports.first_contact_summary(today())
    assert summary["feedback"] == 5
    assert summary["feedback_percent"] == 71.4  # 5 of 7 closed


def test_feedback_for_an_open_referral_is_not_in_the_share(staff):
    item = referral()
    referrer_notified.send(Referral, referral=item, kind="accepted")
    summary = reports.first_contact_summary(today())
    assert (summary["feedback"], summary["closed"]) == (0, 0)


def test_carers_identified_and_referred_to_the_carers_centre(staff):
    referral(filled_in_by=FilledInBy.CARER)
    referral(filled_in_by=FilledInBy.CARER)
    someone = referral()
    services.change_status(someone, staff, Status.CLOSED, Outcome.CARERS_CENTRE)
    summary = reports.first_contact_summary(today())
    assert summary["carers"] == 2  # closing with the Carers Centre does not make a carer
    assert summary["carers_to_centre"] == 2


def test_report_screen_and_every_table_as_csv(client, analyst, closed_with_each_outcome):
    client.force_login(analyst)
    page = client.get(reverse("analytics:report", args=["first-contact"]))
    assert page.status_code == 200
    assert "First Contact measures" in page.text
    assert "Median days to close" in page.text
    for table in reports.first_contact_tables(today()):
        response = client.get(reverse("analytics:csv", args=["first-contact", table.slug]))
        assert response.status_code == 200, table.slug
        header, *rows = csv.reader(io.StringIO(response.content.decode()))
        assert header == [str(column.label) for column in table.columns]
    routes = client.get(reverse("analytics:csv", args=["first-contact", "by-route"]))
    by_route = {row[0]: row for row in csv.reader(io.StringIO(routes.content.decode()))}
    assert by_route["Self or family"][1] == "7"
    assert by_route["Professional"][1] == "0"


def test_migration_backfills_the_route(staff):
    backfill = importlib.import_module("analytics.migrations.0005_first_contact_measures").backfill
    kept = referral(filled_in_by=FilledInBy.PROFESSIONAL)
    services.change_status(kept, staff, Status.CONTACTED, now=kept.created_at + DAY)
    ReferralEvent.objects.update(route=Route.SELF, first_contact_hour=None)
    gone = ReferralEvent.objects.create(
        token="00000000-0000-0000-0000-000000000001",
        created_hour=timezone.now().replace(minute=0, second=0, microsecond=0),
        team="carers_centre",
    )
    backfill(apps, None)
    kept_event = event_of(kept)
    assert kept_event.route == Route.PROFESSIONAL
    assert kept_event.first_contact_hour - kept_event.created_hour == DAY
    gone.refresh_from_db()
    assert gone.route == Route.CARER

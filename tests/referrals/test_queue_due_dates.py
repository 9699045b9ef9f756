"""The queue's due dates (#22): received + the team's working days (weekends and England and
Wales bank holidays skipped), "Due today" and "Overdue" tags, overdue first, the filters
with their counts, and the times to first contact and to close."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from portal.models import SiteSettings
from referrals import services
from referrals.models import Referral
from tests.factories.referrals import StaffFactory, answers

pytestmark = pytest.mark.django_db
day = datetime.date.fromisoformat


def received(iso_day: str, hour=10, **kwargs) -> Referral:
    when = timezone.make_aware(datetime.datetime.combine(day(iso_day), datetime.time(hour)))
    return services.submit_referral(answers(**kwargs), now=when)


@pytest.mark.parametrize(
    ("on", "due"),
    [
        ("2026-12-07", "2026-12-14"),  # Monday: five working days is the next Monday
        ("2026-12-04", "2026-12-11"),  # Friday: over one weekend
        ("2026-12-05", "2026-12-11"),  # Saturday: Monday is the first working day
        # Christmas Day, the Boxing Day substitute and New Year's Day skipped.
        ("2026-12-23", "2027-01-04"),
        ("2026-04-02", "2026-04-13"),  # Good Friday and Easter Monday skipped
    ],
)
def test_due_date_counts_working_days_from_receipt(site, gazetteer, on, due):
    assert received(on).due_on == day(due)


def test_each_team_has_its_own_working_days(site, gazetteer):
    row = SiteSettings.for_site(site)
    row.referral_response_working_days = 3
    row.carers_centre_response_working_days = 10
    row.save()
    assert received("2026-12-07").due_on == day("2026-12-10")
    assert received("2026-12-07", filled_in_by="carer").due_on == day("2026-12-21")


def test_due_today_and_overdue_tags_and_overdue_first(client, site, gazetteer):
    today = timezone.localdate()
    recent = services.submit_referral(answers())
    due_today = services.submit_referral(answers())
    overdue = services.submit_referral(answers())
    Referral.objects.filter(pk=due_today.pk).update(due_on=today)
    Referral.objects.filter(pk=overdue.pk).update(due_on=today - datetime.timedelta(days=3))
    client.force_login(StaffFactory(roles=["First Contact"]))
    html = client.get("/admin/referrals/").content.decode()
    assert (
        html.index(overdue.reference)
        < html.index(due_today.reference)
        < html.index(recent.reference)
    )
    row = html[html.index(overdue.reference) :]
    assert "Overdue" in row[: row.index("</tr>")]
    row = html[html.index(due_today.reference) :]
    assert "Due today" in row[: row.index("</tr>")]
    row = html[html.index(recent.reference) :]
    row = row[: row.index("</tr>")]
    assert "Overdue" not in row and "Due today" not in row


def test_contacted_or_closed_referrals_are_never_overdue(client, site, gazetteer):
    user = StaffFactory(roles=["First Contact"])
    late = services.submit_referral(answers())
    Referral.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - datetime.timedelta(1))
    late.refresh_from_db()
    assert list(Referral.objects.overdue(timezone.localdate())) == [late]
    services.change_status(late, user, "contacted")
    assert not Referral.objects.overdue(timezone.localdate()).exists()
    services.change_status(late, user, "in_review")  # back in review: contacted once is enough
    assert not Referral.objects.overdue(timezone.localdate()).exists()


def test_overdue_filter_and_counts(client, site, gazetteer):
    user = StaffFactory(roles=["First Contact"])
    client.force_login(user)
    fresh = services.submit_referral(answers())
    late = services.submit_referral(answers())
    Referral.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - datetime.timedelta(1))
    services.assign(fresh, user, user)
    html = client.get("/admin/referrals/?overdue=on").content.decode()
    assert late.reference in html and fresh.reference not in html
    html = client.get("/admin/referrals/").content.decode()
    assert "Overdue only (1)" in html
    assert "New (2)" in html and "Closed (0)" in html
    assert "Assigned to me (1)" in html and "Not assigned (1)" in html
    assert f">{gazetteer['S1 2HH'].name} (2)<" in html


def test_time_to_first_contact_and_to_close_are_kept(site, gazetteer):
    user = StaffFactory(roles=["First Contact"])
    made = received("2026-12-01")
    services.change_status(made, user, "contacted")
    first_contact = made.first_contacted_at
    assert first_contact is not None and made.time_to_first_contact > datetime.timedelta(0)
    services.change_status(made, user, "closed", "community_asset")
    closed = made.first_closed_at
    assert closed is not None and made.time_to_close >= made.time_to_first_contact
    services.change_status(made, user, "in_review")  # reopened: the first times stay
    services.change_status(made, user, "contacted")
    services.change_status(made, user, "closed", "no_further_action")
    made.refresh_from_db()
    assert (made.first_contacted_at, made.first_closed_at) == (first_contact, closed)


def test_migration_fills_due_dates_and_first_times_of_referrals_already_stored(site, gazetteer):
    migration = importlib.import_module("referrals.migrations.0004_due_dates_and_first_contact")
    user = StaffFactory(roles=["First Contact"])
    made = received("2026-12-04")
    services.change_status(made, user, "contacted")
    services.change_status(made, user, "closed", "community_asset")
    contacted_at, closed_at = made.first_contacted_at, made.first_closed_at
    Referral.objects.update(due_on=None, first_contacted_at=None, first_closed_at=None)
    migration.fill_due_dates_and_measures(apps, None)
    made.refresh_from_db()
    assert made.due_on == day("2026-12-11")
    # Read back from the audit entries written in the same moment.
    second = datetime.timedelta(seconds=1)
    assert abs(made.first_contacted_at - contacted_at) < second
    assert abs(made.first_closed_at - closed_at) < second


def test_every_overdue_referral_comes_before_those_already_contacted(site, gazetteer):
    """A referral contacted long ago has an old due date, but its promise is kept: it sorts
    after every referral still awaiting contact, overdue or not; closed ones come last."""
    contacted = received("2026-11-02")
    Referral.objects.filter(pk=contacted.pk).update(
        status="contacted", first_contacted_at=timezone.now()
    )
    closed = received("2026-11-01")
    Referral.objects.filter(pk=closed.pk).update(status="closed", outcome="information_advice")
    overdue = received("2026-11-20")
    waiting = received("2026-12-01")
    order = list(Referral.objects.due_order().values_list("pk", flat=True))
    assert order == [overdue.pk, waiting.pk, contacted.pk, closed.pk]

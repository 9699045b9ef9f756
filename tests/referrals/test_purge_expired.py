"""`manage.py purge_expired` removes personal data from long-closed referrals only."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from analytics.models import ReferralEvent
from referrals import services
from referrals.follow import add_update
from referrals.models import CaseNote, Referral, ReferralAuditEntry, ReferralUpdate
from tests.factories.referrals import StaffFactory, referral

pytestmark = pytest.mark.django_db


def closed(days_ago, user):
    made = referral()
    services.add_note(made, user, "Called back")
    services.change_status(made, user, "closed", "information_advice")
    Referral.objects.filter(pk=made.pk).update(closed_at=timezone.now() - timedelta(days=days_ago))
    return made


def test_purge_removes_personal_data_and_keeps_counts(settings):
    settings.REFERRAL_RETENTION_DAYS = 30
    user = StaffFactory(roles=["First Contact"])
    old, recent, still_open = closed(31, user), closed(5, user), referral()
    add_update(old, "Something the person added later")
    out = StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "1 closed referrals would" in out.getvalue()
    assert Referral.objects.get(pk=old.pk).answers_encrypted
    call_command("purge_expired", stdout=StringIO())
    old.refresh_from_db()
    assert old.answers_encrypted == "" and old.answers == {} and old.is_purged
    assert not CaseNote.objects.filter(referral=old).exists()
    assert not ReferralUpdate.objects.filter(referral=old).exists()
    assert (old.team, old.outcome, old.status) == ("first_contact", "information_advice", "closed")
    assert ReferralEvent.objects.get(token=old.event_token).outcome == "information_advice"
    assert ReferralAuditEntry.objects.filter(referral=old, action="purged").count() == 1
    for kept in (recent, still_open):
        assert Referral.objects.get(pk=kept.pk).answers["person"]["full_name"] == "Margaret Example"
    with pytest.raises(services.TriageError):
        services.change_status(old, user, "in_review")

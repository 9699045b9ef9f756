"""Follow my request (#23, item 1): find a request by reference and date of birth, see it in
plain words, add what has changed to the same referral; the team is told through the outbox."""

import pytest
from django.core.cache import cache

from referrals import outbox
from referrals.choices import Outcome, Status
from referrals.models import OutboxMessage, Referral, ReferralAuditEntry, ReferralUpdate
from tests.factories.referrals import StaffFactory, referral

pytestmark = pytest.mark.django_db

FIND = "/self-referral/status/"
SHOW = "/self-referral/status/your-request/"
ADD = "/self-referral/status/add/"
NOT_FOUND = "We could not find a request with that reference number and date of birth"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def find(client, reference, day="27", month="3", year="1942"):
    return client.post(
        FIND,
        {
            "find-reference": reference,
            "find-dob_day": day,
            "find-dob_month": month,
            "find-dob_year": year,
        },
    )


def test_the_reference_and_date_of_birth_open_the_request(client):
    made = referral()
    response = find(client, made.reference.lower().replace("-", " "))
    assert response.status_code == 302 and response["Location"] == SHOW
    html = client.get(SHOW).content.decode()
    assert made.reference in html and "Received" in html and "First Contact" in html
    assert "Margaret" not in html  # the page shows where it has got to, not what was said
    assert ReferralAuditEntry.objects.filter(
        referral=made, action=ReferralAuditEntry.Action.STATUS_CHECKED
    ).exists()


@pytest.mark.parametrize("wrong", ["reference", "date of birth", "both"])
def test_a_wrong_reference_or_date_of_birth_gets_the_same_answer(client, wrong):
    made = referral()
    reference = "SP-2222-22" if wrong in {"reference", "both"} else made.reference
    year = "1943" if wrong in {"date of birth", "both"} else "1942"
    response = find(client, reference, year=year)
    assert response.status_code == 200
    assert NOT_FOUND in response.content.decode()
    assert client.get(SHOW)["Location"] == FIND
    assert not ReferralAuditEntry.objects.filter(
        action=ReferralAuditEntry.Action.STATUS_CHECKED
    ).exists()


def test_nothing_personal_in_the_url(client):
    made = referral()
    response = find(client, made.reference)
    assert made.reference not in response["Location"] and "1942" not in response["Location"]


def test_tries_are_rate_limited(client, settings):
    settings.REFERRAL_STATUS_RATE_LIMIT = "3/h"
    made = referral()
    for _ in range(3):
        assert find(client, made.reference, year="1900").status_code == 200
    response = find(client, made.reference)  # right this time, but over the limit
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()


def test_each_status_in_plain_words(client):
    made = referral()
    find(client, made.reference)
    for status, words in [
        (Status.IN_REVIEW, "Being looked at"),
        (Status.CONTACTED, "We have contacted you"),
    ]:
        Referral.objects.filter(pk=made.pk).update(status=status)
        assert words in client.get(SHOW).content.decode()
    Referral.objects.filter(pk=made.pk).update(
        status=Status.CLOSED, outcome=Outcome.COMMUNITY_ASSET
    )
    html = client.get(SHOW).content.decode()
    assert "Closed" in html and "Signposted to a community asset" in html
    assert "Send to the team" not in html  # a closed request is not added to
    assert "in_review" not in html and "community_asset" not in html


def add(client, text):
    page = client.get(SHOW).content.decode()
    once = page.split('name="update-once" value="')[1].split('"')[0]
    return client.post(ADD, {"update-text": text, "update-once": once})


def test_something_that_has_changed_is_added_to_the_same_referral(client):
    made = referral()
    find(client, made.reference)
    response = add(client, "I had a fall last week and cannot manage the stairs now.")
    assert response.status_code == 302 and response["Location"] == SHOW
    assert Referral.objects.count() == 1
    update = ReferralUpdate.objects.get()
    assert update.referral == made and "cannot manage the stairs" in update.text
    assert "cannot manage" not in update.text_encrypted  # encrypted at rest
    message = OutboxMessage.objects.get(kind=OutboxMessage.Kind.UPDATE_EMAIL)
    assert message.payload == {"reference": made.reference, "team": made.team}
    assert ReferralAuditEntry.objects.filter(
        referral=made, action=ReferralAuditEntry.Action.UPDATE_ADDED
    ).exists()
    html = client.get(SHOW).content.decode()
    assert "We have added this to your request" in html and "cannot manage the stairs" in html


def test_the_same_form_sent_twice_adds_once(client):
    made = referral()
    find(client, made.reference)
    page = client.get(SHOW).content.decode()
    once = page.split('name="update-once" value="')[1].split('"')[0]
    for _ in range(2):
        client.post(ADD, {"update-text": "Moved house", "update-once": once})
    assert ReferralUpdate.objects.count() == 1
    assert OutboxMessage.objects.filter(kind=OutboxMessage.Kind.UPDATE_EMAIL).count() == 1


def test_an_empty_update_is_an_error_not_a_500(client):
    made = referral()
    find(client, made.reference)
    response = add(client, "")
    assert response.status_code == 400
    assert "Tell us what has changed" in response.content.decode()
    assert not ReferralUpdate.objects.exists()


def test_without_finding_it_first_nothing_can_be_added(client):
    referral()
    response = client.post(ADD, {"update-text": "hello", "update-once": "x"})
    assert response["Location"] == FIND
    assert not ReferralUpdate.objects.exists()


def test_access_ends_after_its_time(client, settings):
    settings.REFERRAL_STATUS_ACCESS_SECONDS = -1
    made = referral()
    find(client, made.reference)
    assert client.get(SHOW)["Location"] == FIND


def test_the_update_email_tells_the_team_the_reference_only(client, mailoutbox, settings):
    settings.REFERRAL_TEAM_EMAILS = {"first_contact": "team@example.org"}
    made = referral()
    find(client, made.reference)
    add(client, "My daughter is now my main carer")
    outbox.process()
    sent = [m for m in mailoutbox if "has added something" in m.subject]
    assert len(sent) == 1 and made.reference in sent[0].subject
    assert "daughter" not in sent[0].body


def test_staff_see_the_update_on_the_referral(client, django_user_model):
    made = referral()
    find(client, made.reference)
    add(client, "Things have got harder since my husband went into hospital")
    client.force_login(StaffFactory(roles=["First Contact"]))
    html = client.get(f"/admin/referrals/{made.pk}/").content.decode()
    assert "Added by the person since sending" in html and "husband went into hospital" in html

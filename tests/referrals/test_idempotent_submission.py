"""A referral sent twice (a double click, a retried request, two tabs) is stored once (#19)."""

import re
import uuid

import pytest
from django.contrib.sessions.models import Session

from referrals.models import OutboxMessage, Referral
from referrals.services import submit_referral
from tests.factories.referrals import answers, post_fields, step_data
from tests.referrals.conftest import walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]


def test_the_same_submission_key_stores_one_referral():
    key = uuid.uuid4()
    first = submit_referral(answers(), submission_key=key)
    again = submit_referral(answers(), submission_key=key)
    assert again.pk == first.pk and again.reference == first.reference
    assert Referral.objects.count() == 1
    assert OutboxMessage.objects.filter(referral=first).count() == len(OutboxMessage.objects.all())
    assert submit_referral(answers(), submission_key=uuid.uuid4()).pk != first.pk


def test_the_final_step_sent_twice_from_one_wizard_shows_the_same_reference(client):
    walk(client, "myself", stop_before="check")
    accept_and_send = post_fields("check", dict(step_data("myself"))["check"])
    session = Session.objects.get(session_key=client.session.session_key)
    before_sending = session.session_data  # the wizard's answers as the second click sees them

    first = client.post("/self-referral/check/", accept_and_send, follow=True)
    Session.objects.filter(pk=session.pk).update(session_data=before_sending)
    second = client.post("/self-referral/check/", accept_and_send, follow=True)

    references = [
        re.search(r"SP-[0-9A-Z-]+", response.content.decode()).group()
        for response in (first, second)
    ]
    assert references[0] == references[1]
    assert Referral.objects.count() == 1
    assert (
        OutboxMessage.objects.count()
        == OutboxMessage.objects.filter(referral__reference=references[0]).count()
    )


def test_each_new_wizard_run_is_a_new_submission(client):
    walk(client, "myself")
    walk(client, "myself")
    assert Referral.objects.count() == 2


def test_a_repeat_after_the_run_was_sent_shows_its_confirmation_again(client):
    """The request that raced the one that sent the referral finds the answers already gone:
    it shows the same confirmation, not the first question as if nothing had been sent."""
    walk(client, "myself", stop_before="check")
    accept_and_send = post_fields("check", dict(step_data("myself"))["check"])
    sent = client.post("/self-referral/check/", accept_and_send, follow=True)
    reference = re.search(r"SP-[0-9A-Z-]+", sent.content.decode()).group()

    again = client.post("/self-referral/check/", accept_and_send)
    finishing = client.get("/self-referral/finished/")

    assert again.status_code == finishing.status_code == 302
    assert again["Location"] == finishing["Location"] == "/self-referral/done/"
    assert reference in client.get("/self-referral/done/").content.decode()
    assert Referral.objects.count() == 1
    # Any other step of a finished run still starts again, as before.
    assert client.get("/self-referral/person/")["Location"] == "/self-referral/start/"


def test_a_repeat_that_saves_the_session_last_still_shows_the_confirmation(client):
    """A repeat of the final step that read the session before the referral was stored, and
    saved it after, leaves the answers and no reference (sessions are written whole): the
    confirmation page finds the stored referral by the run's submission key (the drill in
    tests/robustness/test_parallel_final_step.py found this through a real server)."""
    walk(client, "myself", stop_before="check")
    accept_and_send = post_fields("check", dict(step_data("myself"))["check"])
    session = Session.objects.get(session_key=client.session.session_key)
    client.post("/self-referral/check/", accept_and_send)  # the step's answer saved
    before_finishing = Session.objects.get(pk=session.pk).session_data
    sent = client.get("/self-referral/finished/", follow=True)
    reference = re.search(r"SP-[0-9A-Z-]+", sent.content.decode()).group()

    Session.objects.filter(pk=session.pk).update(session_data=before_finishing)
    shown = client.get("/self-referral/done/")

    assert shown.status_code == 200
    assert reference in shown.content.decode() and "Request sent" in shown.content.decode()
    # The whole "what happens next", from the stored referral: who, by when, which email.
    assert "Someone from First Contact" in shown.content.decode()
    assert "m\u2022\u2022\u2022\u2022@example.com" in shown.content.decode()
    assert Referral.objects.count() == 1


def test_the_confirmation_page_without_a_stored_run_goes_to_the_start(client):
    walk(client, "myself", stop_before="check")
    assert client.get("/self-referral/done/")["Location"] == "/self-referral/"

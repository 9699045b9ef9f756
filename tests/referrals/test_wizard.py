"""Whole journeys through the self-referral wizard, and its navigation rules."""

from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from analytics.models import ReferralEvent
from directory.shortlist import cookie_value
from referrals.choices import Team
from referrals.models import OutboxMessage, Referral
from referrals.references import is_reference
from tests.factories.directory import ServiceFactory
from tests.factories.referrals import CARER_OUTCOMES, WELLBEING_OUTCOMES, post_fields
from tests.referrals.conftest import walk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "team", "is_carer"),
    [
        ("myself", Team.FIRST_CONTACT, False),
        ("someone_else", Team.FIRST_CONTACT, False),
        ("carer", Team.CARERS_CENTRE, True),
    ],
)
def test_whole_journey_stores_routes_and_confirms(
    client, gazetteer, django_capture_on_commit_callbacks, path, team, is_carer
):
    with django_capture_on_commit_callbacks(execute=True):
        response = walk(client, path)
    assert response.status_code == 200
    referral = Referral.objects.get()
    assert is_reference(referral.reference)
    assert referral.reference in response.content.decode()
    assert "Margaret" not in response.content.decode()
    assert referral.team == team
    assert referral.is_carer is is_carer
    assert referral.area == gazetteer["S1 2HH"]
    assert referral.postcode_district == "S1"
    answers = referral.answers
    assert answers["person"]["full_name"] == "Margaret Example"
    assert answers["person"]["date_of_birth"] == "1942-03-27"
    outcomes = CARER_OUTCOMES if path == "carer" else WELLBEING_OUTCOMES
    assert answers["outcomes"] == outcomes
    if path == "someone_else":
        assert answers["referrer"]["referrer_name"] == "Sam Neighbour"
    event = ReferralEvent.objects.get(token=referral.event_token)
    assert event.team == team and event.postcode_district == "S1"
    assert event.needs == outcomes
    # Queued with the referral, sent by the outbox worker: team email and the confirmation.
    assert mail.outbox == []
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"pending"}
    call_command("process_outbox", stdout=StringIO())
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        f"New self-referral {referral.reference} is waiting in Signpost",
        f"Your request for help: reference {referral.reference}",
    ]
    assert all("Margaret" not in m.body and "S1 2HH" not in m.body for m in mail.outbox)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_wizard_urls_and_session_hold_no_personal_data(client, gazetteer):
    walk(client, "myself", stop_before="check")
    response = client.get("/self-referral/check/")
    assert "Margaret Example" in response.content.decode()  # shown to the person
    from django.contrib.sessions.models import Session

    raw = Session.objects.get(session_key=client.session.session_key).session_data
    decoded = str(Session.objects.get(session_key=client.session.session_key).get_decoded())
    assert "Margaret" not in raw and "Margaret" not in decoded


def test_start_as_carer_preselects_carer(client, gazetteer):
    client.get("/self-referral/start/?as=carer")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    response = client.get("/self-referral/who/")
    assert 'value="carer" checked' in response.content.decode()


def test_landing_page_mentions_emergencies(client):
    response = client.get("/self-referral/")
    assert response.status_code == 200
    assert "not for emergencies" in response.content.decode()
    assert (
        'href="/self-referral/start/?as=carer"'
        in client.get("/self-referral/?as=carer").content.decode()
    )


@pytest.mark.parametrize(
    ("answer", "text"), [("danger", "Call 999 now"), ("abuse", "abuse or neglect")]
)
def test_urgent_answers_stop_the_form(client, db, answer, text):
    client.get("/self-referral/start/")
    response = client.post(
        "/self-referral/urgent/", post_fields("urgent", {"situation": answer}), follow=True
    )
    assert text in response.content.decode()
    assert Referral.objects.count() == 0


def test_person_who_does_not_agree_is_told_when_we_can_help(client, gazetteer):
    client.get("/self-referral/start/")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    client.post("/self-referral/who/", post_fields("who", {"filled_in_by": "someone_else"}))
    response = client.post(
        "/self-referral/consent/", post_fields("consent", {"person_agrees": "no"}), follow=True
    )
    assert "When we can still help" in response.content.decode()


def test_back_link_goes_to_previous_step(client, db):
    client.get("/self-referral/start/")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    response = client.get("/self-referral/who/")
    assert 'href="/self-referral/urgent/" class="govuk-back-link"' in response.content.decode()


def test_steps_that_do_not_apply_are_skipped(client, gazetteer):
    walk(client, "myself", stop_before="check")
    for step in ("your-name", "relationship", "your-contact", "carer-hours", "cared-for"):
        assert client.get(f"/self-referral/{step}/").status_code == 302


def test_change_link_returns_to_check_answers(client, gazetteer):
    walk(client, "myself", stop_before="check")
    response = client.get("/self-referral/check/")
    assert 'href="/self-referral/gp/?change=1"' in response.content.decode()
    client.get("/self-referral/gp/?change=1")
    response = client.post("/self-referral/gp/", post_fields("gp", {"gp_practice": "New Surgery"}))
    assert response["Location"] == "/self-referral/check/"
    assert "New Surgery" in client.get("/self-referral/check/").content.decode()


def test_a_step_without_a_started_wizard_restarts(client, db):
    response = client.get("/self-referral/name/")
    assert response["Location"] == "/self-referral/start/"


def test_expired_wizard_answers_are_deleted(client, gazetteer, settings):
    client.get("/self-referral/start/")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    settings.REFERRAL_WIZARD_TIMEOUT_SECONDS = -1
    assert client.get("/self-referral/who/")["Location"] == "/self-referral/start/"
    settings.REFERRAL_WIZARD_TIMEOUT_SECONDS = 3600
    response = client.get("/self-referral/start/", follow=True)
    assert "did not do anything for 60 minutes" in response.content.decode()


def test_confirmation_needs_a_stored_referral(client, db):
    assert client.get("/self-referral/done/")["Location"] == "/self-referral/"


def test_tampered_management_form_is_a_400_not_a_500(client, db):
    client.get("/self-referral/start/")
    assert client.post("/self-referral/urgent/", {"urgent-situation": "none"}).status_code == 400


def test_a_later_step_typed_in_goes_to_the_first_unanswered_question(client, db):
    client.get("/self-referral/start/")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    response = client.get("/self-referral/check/")
    assert response.status_code == 302 and response["Location"] == "/self-referral/who/"


def test_posting_a_step_that_does_not_apply_returns_to_the_current_one(client, db):
    client.get("/self-referral/start/")
    response = client.post(
        "/self-referral/carer-hours/", post_fields("carer-hours", {"hours": "50_plus"})
    )
    assert response.status_code == 302 and response["Location"] == "/self-referral/urgent/"


def test_check_answers_sent_before_the_questions_goes_to_the_first_question(client, db):
    """The check step has fields of its own: sent invalid before anything was answered, it
    would re-render a summary of answers that do not exist (a 500 the fuzz test found)."""
    client.get("/self-referral/start/")
    response = client.post("/self-referral/check/", post_fields("check", {"website": "x" * 40}))
    assert response.status_code == 302 and response["Location"] == "/self-referral/urgent/"


def test_an_unknown_choice_is_a_validation_error(client, gazetteer):
    walk(client, "myself", stop_before="best-time")
    response = client.post(
        "/self-referral/best-time/", post_fields("best-time", {"best_time": "0"})
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_services_step_is_prefilled_from_the_shortlist_cookie(client, gazetteer):
    """The shortlist lives in a signed cookie (directory.shortlist); the wizard reads it."""
    kept = ServiceFactory(name="Darnall Lunch Club")
    client.cookies[settings.SHORTLIST_COOKIE_NAME] = cookie_value([str(kept.id)])
    walk(client, "myself", stop_before="services")
    page = client.get("/self-referral/services/").content.decode()
    assert "Darnall Lunch Club" in page
    assert f'value="{kept.id}" checked' in page

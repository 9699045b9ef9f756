"""The database blips while someone fills in the self-referral form (#19, findings 2, 9, 15):
a session save that fails on a dropped connection is retried once; if it still fails, or
the database is locked, the person gets the "could not save that just now, your answers
so far are kept" page (503, the site's layout), never Django's bare 400 or a 500; a
referral stored before the failure still shows its reference; /healthz notices a database
that cannot write.

The failures are simulated here (the test database is in memory, in one process);
test_database_blip_drills.py does the same against a real server with a real lock and real
terminated PostgreSQL connections.
"""

import html
import json
import re
from datetime import timedelta

import pytest
from django.contrib.sessions.backends import db as db_sessions
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import DatabaseError, OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.utils import timezone

from portal import health
from referrals.models import Referral
from tests.factories.referrals import post_fields, step_data
from tests.referrals.conftest import gazetteer, walk  # noqa: F401 - a fixture, used by name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]

REFERENCE = re.compile(r"SP-[0-9A-Z]{4}-[0-9A-Z]{2}")
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
STEPS = dict(step_data("myself"))
DROPPED = "server closed the connection unexpectedly"


@pytest.fixture
def failing_session_saves(monkeypatch):
    """Make the next `times` session saves (updates of an existing session) fail the way the
    database backend fails when its connection has gone: UpdateError from the driver's
    error. Returns the list of save attempts; `.undo()` puts the database back."""

    class Saves(list):
        undo = monkeypatch.undo

    saves = Saves()
    real_save = db_sessions.SessionStore.save

    def fail(times, error=None):
        error = error or OperationalError(DROPPED)

        def save(self, must_create=False):
            if not must_create:
                saves.append(type(error).__name__)
                if len(saves) <= times:
                    try:
                        raise error
                    except DatabaseError as cause:
                        raise UpdateError from cause
            return real_save(self, must_create=must_create)

        monkeypatch.setattr(db_sessions.SessionStore, "save", save)
        return saves

    return fail


def send_step(client, step, fields=None):
    return client.post(f"/self-referral/{step}/", post_fields(step, fields or STEPS[step]))


def carry_on_to_check(client, after):
    """Answer the steps after `after` up to Check your answers; return that page's HTML."""
    names = list(STEPS)
    for step in names[names.index(after) + 1 : names.index("check")]:
        assert send_step(client, step).status_code == 302, step
    response = client.get("/self-referral/check/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_session_save_that_fails_once_is_retried(client, failing_session_saves):
    walk(client, "myself", stop_before="name")
    saves = failing_session_saves(times=1)
    response = send_step(client, "name")
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == "/self-referral/date-of-birth/"
    assert len(saves) == 2  # failed, then saved on the retry
    saves.undo()
    assert "Margaret Example" in carry_on_to_check(client, after="name")


def test_a_step_that_still_cannot_be_saved_says_the_answers_are_kept(
    client, home_page, failing_session_saves
):
    walk(client, "myself", stop_before="name")
    saves = failing_session_saves(times=2)
    response = send_step(client, "name")

    assert response.status_code == 503  # not Django's bare 400 (SessionInterrupted) or a 500
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]  # it holds what was just typed
    page = response.content.decode()
    assert "Sorry, we could not save that just now" in page
    assert "Your answers so far are kept. Go back and press Continue again." in page
    assert "govuk-header" in page and "govuk-footer" in page  # the site's layout
    assert 'href="/self-referral/name/"' in page
    assert "If you need help urgently" in page
    resend = {}
    for name, value in HIDDEN.findall(page):
        resend.setdefault(name, []).append(html.unescape(value))
    assert resend["name-full_name"] == ["Margaret Example"]  # "Try again" sends them again

    saves.undo()  # the database is back
    assert client.get("/self-referral/name/").status_code == 200  # earlier steps answered
    response = client.post("/self-referral/name/", resend)  # Try again
    assert response["Location"] == "/self-referral/date-of-birth/"
    assert "Margaret Example" in carry_on_to_check(client, after="name")


def test_a_locked_database_answers_at_once_without_a_second_wait(client, failing_session_saves):
    walk(client, "myself", stop_before="gp")
    saves = failing_session_saves(times=9, error=OperationalError("database is locked"))
    response = send_step(client, "gp")
    assert response.status_code == 503
    assert "Your answers so far are kept" in response.content.decode()
    assert len(saves) == 1  # the busy timeout was already waited: no retry


def test_a_session_deleted_meanwhile_is_still_djangos_400(client, failing_session_saves):
    """Signed out in another tab (the session row is gone): not a database blip, so the
    usual 400 page, not "try again"."""
    walk(client, "myself", stop_before="gp")
    failing_session_saves(times=9, error=DatabaseError("Forced update did not affect any rows."))
    response = send_step(client, "gp")
    assert response.status_code == 400


def test_a_failure_after_the_referral_is_stored_still_shows_the_reference(
    client, home_page, settings, failing_session_saves
):
    settings.REFERRAL_RATE_LIMIT = "1/h"
    walk(client, "myself", stop_before="check")
    assert send_step(client, "check")["Location"] == "/self-referral/finished/"

    saves = failing_session_saves(times=2)
    response = client.get("/self-referral/finished/")  # stores, then cannot save the session
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Request sent" in page
    reference = REFERENCE.search(page).group()
    assert Referral.objects.get().reference == reference

    # Reloaded once the database is back (the answers are still in the session): the same
    # reference, nothing stored twice, and a repeat is not counted against the rate limit.
    saves.undo()
    response = client.get("/self-referral/finished/", follow=True)
    assert response.redirect_chain[-1][0] == "/self-referral/done/"
    assert REFERENCE.search(response.content.decode()).group() == reference
    assert Referral.objects.count() == 1


def test_sending_that_fails_in_the_database_keeps_the_answers(home_page, monkeypatch):
    client = Client(raise_request_exception=False)
    walk(client, "myself", stop_before="check")
    send_step(client, "check")

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("referrals.wizard.submit_referral", locked)
    response = client.get("/self-referral/finished/")
    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert "Your answers so far are kept" in page
    assert 'href="/self-referral/check/"' in page  # the last question sends again
    assert Referral.objects.count() == 0

    monkeypatch.undo()
    response = client.get("/self-referral/finished/", follow=True)
    assert REFERENCE.search(response.content.decode())
    assert Referral.objects.count() == 1


def test_a_database_failure_before_the_wizard_runs_still_says_the_answers_are_kept(
    home_page, monkeypatch
):
    """The session is first read by a middleware (who is signed in?), before the view."""
    client = Client(raise_request_exception=False)
    walk(client, "myself", stop_before="gp")

    def dropped(self):
        raise OperationalError(DROPPED)

    monkeypatch.setattr(db_sessions.SessionStore, "load", dropped)
    response = client.post("/self-referral/gp/", post_fields("gp", STEPS["gp"]))
    assert response.status_code == 503
    page = response.content.decode()
    assert "Your answers so far are kept" in page
    assert 'href="/self-referral/gp/"' in page
    assert 'value="Test Surgery"' in page


def test_healthz_says_when_the_database_answers_but_cannot_write(client, monkeypatch):

    real_execute = CursorWrapper.execute

    def read_only(self, sql, params=None):
        if sql.lstrip().upper().startswith("UPDATE"):
            raise OperationalError("database is locked")
        return real_execute(self, sql, params)

    assert json.loads(client.get("/healthz").content)["checks"]["database_writable"] == {
        "ok": True,
        "detail": "ok",
    }
    monkeypatch.setattr(CursorWrapper, "execute", read_only)
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = json.loads(response.content)["checks"]
    assert checks["database"]["ok"] is True
    assert checks["database_writable"] == {"ok": False, "detail": "cannot write"}


def test_the_write_probe_writes_nothing_and_keeps_the_busy_timeout(db):

    Session.objects.create(
        session_key="k" * 32, session_data="x", expire_date=timezone.now() + timedelta(days=1)
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            before = cursor.fetchone()[0]
    assert health.check_database_writable() == (True, "ok")
    assert Session.objects.get().session_data == "x"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == before

"""Fault drills against a real server (gunicorn, 2 processes x 4 threads) while people fill
in the self-referral form (#19, findings 9 and 15):

- SQLite: another process holds the database's write lock (BEGIN IMMEDIATE) while ten
  people press Continue. Each gets the "could not save that just now, your answers so far
  are kept" page within the busy timeout, /healthz answers 503 within about a second, and
  once the lock is gone every one of them presses "Try again" and sends their referral.
- PostgreSQL: every connection of the server is terminated (pg_terminate_backend) every
  few tenths of a second while twenty people go through the whole form. Nobody sees a bare
  error page; a step that could not be saved is sent again from the "try again" page; every
  referral confirmed is stored, once, with all its answers.

The figures are printed (run with -s) and recorded in SECURITY.md ("Fault drills").
"""

import html
import http.cookiejar
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from referrals.models import Referral
from tests.factories.directory import AreaFactory, PostcodeFactory
from tests.factories.referrals import MANAGEMENT, step_data
from tests.live_server import database_url, free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r'class="signpost-reference">(SP-[0-9A-Z]{4}-[0-9A-Z]{2})<')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
NOT_SAVED = "Sorry, we could not save that just now"
UNAVAILABLE = "Sorry, the service is unavailable"  # the plain 503 page (not in the wizard)


@pytest.fixture
def postcode(db):
    """S1 2HH in the gazetteer (before the SQLite drill copies the database)."""
    ward = AreaFactory(code="E05010862")
    PostcodeFactory(postcode="S1 2HH", ward_code=ward.code)


def start_server(database: str, log: Path, **environ):
    """gunicorn on a free port; its output goes to `log` (a pipe nobody reads while the
    drill runs would fill up with the logged errors and stop the server)."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database,
        "PYTHONPATH": str(ROOT),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",  # gthread workers (gunicorn.conf.py picks them from this)
        **environ,
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603 - our own fixed command line
        [str(gunicorn), "portal.wsgi", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    server.log = log
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{url}/self-referral/", timeout=2)  # noqa: S310
            return server, url
        except OSError:
            time.sleep(0.2)
    server.kill()
    server.wait()
    pytest.fail("server did not start: " + log.read_text()[-2000:])


def stop_server(server) -> str:
    server.terminate()
    server.wait(timeout=30)
    return server.log.read_text()


class Person:
    """One browser without JavaScript: a cookie jar, following redirects."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.pages = []  # (status, kind) of every page seen

    def open(self, path, data=None):
        """(status, final path, html) of a GET, or of a POST when data is given."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(f"{self.base_url}{path}", data=body, timeout=60) as response:
                page = (response.status, urllib.parse.urlparse(response.url).path)
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            page = (error.code, path)
            text = error.read().decode()
        self.pages.append((page[0], kind_of(page[0], text)))
        return (*page, text)

    def token(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")


def kind_of(status, text):
    if status < 400:
        return "page"
    if status == 503 and NOT_SAVED in text and "Your answers so far are kept" in text:
        return "answers kept"
    if status == 503 and UNAVAILABLE in text:
        return "try again"
    return "bare error"  # anything else: what the person must never see


def fetch(address):
    """(status, body) of a GET."""
    try:
        with urllib.request.urlopen(address, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def step_fields(step, fields, token):
    data = [(MANAGEMENT, step), ("csrfmiddlewaretoken", token)]
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            data.append((f"{step}-{name}", item))
    return data


def resend(text):
    """What "Try again" on the "could not save" page sends: the same fields again."""
    fields = {}
    for name, value in HIDDEN.findall(text):
        fields.setdefault(html.unescape(name), []).append(html.unescape(value))
    return fields


def persist(person, path, data=None, attempts=20):
    """Open a page, pressing "Try again" (or reloading) while the database is failing."""
    for _ in range(attempts):
        status, final, text = person.open(path, data)
        if status < 400:
            return final, text
        if kind_of(status, text) == "answers kept" and data is not None:
            data = resend(text) or data
        time.sleep(0.1)
    pytest.fail(f"{path} still failing after {attempts} tries: {status}")


def journey(base_url, stop_before=None):
    """One person fills in the form, trying again when told to; (person, reference)."""
    person = Person(base_url)
    persist(person, "/self-referral/start/")
    text = ""
    for step, fields in step_data("myself"):
        if step == stop_before:
            return person, None
        final, text = persist(
            person, f"/self-referral/{step}/", step_fields(step, fields, person.token())
        )
    found = REFERENCE.search(text)
    assert found and "Request sent" in text, text[:2000]
    return person, found.group(1)


def test_sqlite_write_lock_held_by_another_process(tmp_path, postcode):
    if connection.vendor != "sqlite":
        pytest.skip("a file lock is SQLite's; the PostgreSQL drill terminates connections")
    database = database_url(tmp_path)
    server, url = start_server(database, tmp_path / "server.log")
    people = 10
    try:
        with ThreadPoolExecutor(max_workers=people) as pool:
            walked = list(pool.map(lambda _: journey(url, stop_before="name")[0], range(people)))
        name_fields = dict(step_data("myself"))["name"]

        def press_continue(person):
            started = time.monotonic()
            answer = person.open(
                "/self-referral/name/", step_fields("name", name_fields, person.token())
            )
            return answer, time.monotonic() - started

        holder = sqlite3.connect(database.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process writing for a long time
        try:
            with ThreadPoolExecutor(max_workers=people) as pool:
                answers = list(pool.map(press_continue, walked))
            started = time.monotonic()
            health_status, health_body = fetch(f"{url}/healthz")
            healthz_seconds = time.monotonic() - started
        finally:
            holder.execute("ROLLBACK")
            holder.close()

        kinds = [kind_of(status, text) for (status, _path, text), _s in answers]
        timings = sorted(seconds for _answer, seconds in answers)
        slowest = timings[-1]
        print(  # noqa: T201 - the drill's figures
            f"\nSQLite lock: {kinds.count('answers kept')}/{people} got the answers-kept page "
            f"in {timings[0]:.1f}-{slowest:.1f} s (median {timings[people // 2]:.1f} s); "
            f"/healthz {health_status} in {healthz_seconds:.2f} s"
        )
        assert kinds == ["answers kept"] * people
        # Each request answers after one busy timeout (5 s) once a thread takes it; the
        # others wait for a thread (gunicorn does not share connections evenly between
        # its workers), so the slowest took two or three of those.
        assert timings[0] < 8, "a lock must not hold a page for 20 s (the old busy timeout)"
        assert health_status == 503 and '"database_writable": {"ok": false' in health_body
        assert healthz_seconds < 5

        # The lock is gone: each presses "Try again", then sends the rest of the form.
        references = []
        for person, ((_status, _path, text), _seconds) in zip(walked, answers, strict=True):
            final, _text = persist(person, "/self-referral/name/", resend(text))
            assert final == "/self-referral/date-of-birth/"
            for step, fields in step_data("myself")[4:]:
                final, page = persist(
                    person, f"/self-referral/{step}/", step_fields(step, fields, person.token())
                )
            references.append(REFERENCE.search(page).group(1))
        with sqlite3.connect(database.removeprefix("sqlite:///")) as db:
            stored = [row[0] for row in db.execute("SELECT reference FROM referrals_referral")]
        print(f"SQLite lock: {len(set(references))}/{people} wizards finished after it")  # noqa: T201
        assert sorted(stored) == sorted(references) and len(set(references)) == people
    finally:
        output = stop_server(server)
    assert "Traceback" not in output, output[-3000:]


def test_postgresql_connections_terminated_mid_wizard(tmp_path, postcode):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    connection.ensure_connection()
    own_pid = connection.connection.info.backend_pid
    # Connections kept between requests, as in production, so a dropped one is noticed.
    server, url = start_server(
        database_url(tmp_path), tmp_path / "server.log", DATABASE_CONN_MAX_AGE="60"
    )
    people = 20
    stop = threading.Event()
    terminated = []

    def terminate_every_connection():
        import psycopg

        settings = connection.settings_dict
        with psycopg.connect(
            host=settings["HOST"] or "127.0.0.1",
            port=settings["PORT"] or 5432,
            user=settings["USER"] or None,
            password=settings["PASSWORD"] or None,
            dbname=settings["NAME"],
            autocommit=True,
        ) as admin:
            while not stop.wait(0.3):
                rows = admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND pid <> %s",
                    [own_pid],
                ).fetchall()
                terminated.append(len(rows))

    terminator = threading.Thread(target=terminate_every_connection, daemon=True)
    try:
        terminator.start()
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=10) as pool:
            results = list(pool.map(lambda _: journey(url), range(people)))
        seconds = time.monotonic() - started
    finally:
        stop.set()
        terminator.join()
        output = stop_server(server)

    pages = [kind for person, _reference in results for _status, kind in person.pages]
    references = [reference for _person, reference in results]
    stored = {r.reference: r for r in Referral.objects.all()}
    print(  # noqa: T201 - the drill's figures
        f"\nPostgreSQL terminated {sum(terminated)} connections in {seconds:.1f} s: "
        f"{len(references)}/{people} wizards finished; {len(pages)} pages, "
        f"{pages.count('answers kept')} answers-kept, {pages.count('try again')} try-again, "
        f"{pages.count('bare error')} bare errors; {len(stored)} referrals stored"
    )
    assert sum(terminated) > 0
    assert pages.count("bare error") == 0
    assert sorted(stored) == sorted(references) and len(set(references)) == people
    for reference in references:  # nothing typed was lost on the way
        answers = stored[reference].answers
        assert answers["person"]["full_name"] == "Margaret Example"
        assert answers["situation"]["what_matters"] == "Staying at home."
    # 503s are logged with their tracebacks (Django logs every 5xx); no 500, no worker lost.
    assert "Internal Server Error" not in output and "WORKER TIMEOUT" not in output

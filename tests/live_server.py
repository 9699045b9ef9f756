"""A real server for drills: gunicorn (several processes and threads) on the configured
database. On SQLite it serves a file copy of the test database (WAL, IMMEDIATE
transactions): the embedded default, not the in-memory test one."""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from referrals.models import Referral
from tests.factories.referrals import MANAGEMENT, step_data

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_RE = re.compile(r"SP-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(tmp_path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "live.sqlite3"
        with sqlite3.connect(target) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
        return f"sqlite:///{target}"
    user = urllib.parse.quote(settings["USER"] or "")
    password = f":{urllib.parse.quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


@contextmanager
def gunicorn(tmp_path, env=None, workers=3, threads=4):
    """Serve Signpost; yields (base URL, DATABASE_URL). Fails the test if the server logged a
    traceback."""
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(tmp_path),
        "PYTHONPATH": str(ROOT),
        # Through gunicorn.conf.py, which picks gthread workers from GUNICORN_THREADS (the
        # command line's --threads alone would leave them sync workers, one request each).
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
        **(env or {}),
    }
    # Into a file, not a pipe read at the end: a pipe that fills up stalls the server.
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(  # noqa: S603 - our own fixed command line
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "portal.wsgi",
                *("-b", f"127.0.0.1:{port}", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/self-referral/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            server.kill()
            server.wait()
            raise AssertionError("server did not start: " + log.read_text()[-2000:])
        try:
            yield url, environment["DATABASE_URL"]
        finally:
            server.terminate()
            server.wait(timeout=20)
    output = log.read_text()
    assert "Traceback" not in output, output[-3000:]


class Journey:
    """One person's browser: a cookie jar, and the wizard's steps posted as a form would."""

    def __init__(self, base_url: str, path: str = "myself"):
        self.base_url, self.path = base_url, path
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, url_path: str, data: bytes | None = None):
        return self.opener.open(f"{self.base_url}{url_path}", data=data, timeout=60)

    def step_body(self, step: str, fields: dict) -> bytes:
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        data = [(MANAGEMENT, step), ("csrfmiddlewaretoken", token)]
        for name, value in fields.items():
            for item in value if isinstance(value, list) else [value]:
                data.append((f"{step}-{name}", item))
        return urllib.parse.urlencode(data).encode()

    def answer_all_but_last(self) -> tuple[str, bytes]:
        """Answer every question up to check your answers; returns (its path, the POST body
        of "Accept and send")."""
        self.open("/self-referral/start/")
        *steps, (last, fields) = step_data(self.path)
        for step, step_fields in steps:
            with self.open(f"/self-referral/{step}/", self.step_body(step, step_fields)) as page:
                assert page.status == 200
        return f"/self-referral/{last}/", self.step_body(last, fields)

    def send(self) -> str:
        """Fill in the whole form; returns the reference on the confirmation page."""
        path, body = self.answer_all_but_last()
        with self.open(path, body) as response:
            return confirmed_reference(response.read().decode())


def confirmed_reference(html: str) -> str:
    found = REFERENCE_RE.search(html)
    assert found and "Request sent" in html, html[:2000]
    return found.group(0)


def stored_references(database: str) -> list[str]:
    if database.startswith("sqlite:///"):
        with sqlite3.connect(database.removeprefix("sqlite:///")) as db:
            return [row[0] for row in db.execute("SELECT reference FROM referrals_referral")]
    return list(Referral.objects.values_list("reference", flat=True))


# A Redis database of its own for the drills that need a real one (a spare number: the
# development server uses 0). Set SIGNPOST_TEST_REDIS_URL to use another.
TEST_REDIS_URL = os.environ.get("SIGNPOST_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def redis_reachable(url: str = TEST_REDIS_URL) -> bool:
    """Whether a Redis answers at `url` (the drills that need one skip otherwise)."""
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False

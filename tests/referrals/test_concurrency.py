"""50 people send a referral at the same moment, through a real server (gunicorn, several
processes and threads) on the configured database: all 50 are stored, with unique
references, and nobody sees an error. On SQLite the server uses a file copy of the test
database (WAL, IMMEDIATE transactions): the embedded default, not the in-memory test one."""

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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from referrals.models import Referral
from tests.factories.directory import AreaFactory, PostcodeFactory
from tests.factories.referrals import MANAGEMENT, step_data

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
JOURNEYS = 50
WORKERS = 10
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
    return f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


@pytest.fixture
def live_server_url(tmp_path):
    ward = AreaFactory(code="E05010862")
    PostcodeFactory(postcode="S1 2HH", ward_code=ward.code)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603 - our own fixed command line
        [
            str(gunicorn),
            "portal.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "3",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
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
        pytest.fail("server did not start: " + server.communicate()[0].decode()[-2000:])
    yield url, env["DATABASE_URL"]
    server.terminate()
    output = server.communicate(timeout=20)[0].decode()
    assert "Traceback" not in output, output[-3000:]


def journey(base_url: str, path: str) -> str:
    """One person fills in the whole form; returns the reference on the confirmation page."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base_url}/self-referral/start/", timeout=30)
    token = next(c.value for c in jar if c.name == "csrftoken")
    html = ""
    for step, fields in step_data(path):
        data = [(MANAGEMENT, step), ("csrfmiddlewaretoken", token)]
        for name, value in fields.items():
            for item in value if isinstance(value, list) else [value]:
                data.append((f"{step}-{name}", item))
        body = urllib.parse.urlencode(data).encode()
        with opener.open(f"{base_url}/self-referral/{step}/", data=body, timeout=60) as response:
            assert response.status == 200
            html = response.read().decode()
    found = REFERENCE_RE.search(html)
    assert found and "Request sent" in html, html[:2000]
    return found.group(0)


def stored_references(database: str) -> list[str]:
    if database.startswith("sqlite:///"):
        with sqlite3.connect(database.removeprefix("sqlite:///")) as db:
            return [row[0] for row in db.execute("SELECT reference FROM referrals_referral")]
    return list(Referral.objects.values_list("reference", flat=True))


def test_fifty_parallel_referrals_all_stored(live_server_url):
    base_url, database = live_server_url
    paths = ["myself", "someone_else", "carer"]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        references = list(pool.map(lambda n: journey(base_url, paths[n % 3]), range(JOURNEYS)))
    assert len(set(references)) == JOURNEYS
    stored = stored_references(database)
    assert sorted(stored) == sorted(references)

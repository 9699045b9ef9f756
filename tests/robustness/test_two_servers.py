"""Drill: two app servers (gunicorn, real processes) on one PostgreSQL database and one Redis,
as behind a load balancer (docs/operations.md, "Scaling out").

- A rate limit of N an hour is N in total across both servers, not N each (the counters live
  in Redis).
- Listings published on both at once (two processes, as two editors saving in the admin of
  two servers) all reach the search index, which `search_index --check` finds in step, and a
  search on either server finds every one of them.

Two `process_outbox` workers are drilled in test_two_outbox_workers.py. PostgreSQL and Redis
only: SQLite is one server's embedded database, and without Redis each server counts alone.
"""

import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from io import StringIO

import pytest
import redis
from django.core.management import call_command
from django.db import connection

from tests.live_server import ROOT, TEST_REDIS_URL, database_url, gunicorn, redis_reachable
from tests.robustness.in_step import start_in_step

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 4  # follow-my-request look-ups an hour, for one visitor
PUBLISHED_EACH = 12

PUBLISHER = """
import os, time
from pathlib import Path
import django
django.setup()
from directory.models import Service
Path(os.environ["READY_FILE"]).touch()
while not Path(os.environ["GO_FILE"]).exists():
    time.sleep(0.01)
for number in range(int(os.environ["COUNT"])):
    service = Service.objects.create(
        name=f"Harbourside {os.environ['WORD']} club {number}",
        summary="A harbourside club for everyone.",
        live=False,
    )
    service.save_revision().publish()
"""


@pytest.fixture
def two_servers(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share a PostgreSQL database (the PostgreSQL run covers it)")
    if not redis_reachable():
        pytest.skip(f"two app servers share a Redis: none answering at {TEST_REDIS_URL}")
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    environment = {
        "TEST_REDIS_URL": TEST_REDIS_URL,
        "TEST_REFERRAL_STATUS_RATE_LIMIT": f"{LIMIT}/h",
    }
    with ExitStack() as stack:
        urls = []
        for name in ("a", "b"):
            folder = tmp_path / name
            folder.mkdir()
            url, _database = stack.enter_context(
                gunicorn(folder, env=environment, workers=1, threads=2)
            )
            urls.append(url)
        yield urls
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()


def post_find(opener, jar, url) -> int:
    """One "Follow my request" look-up (wrong details): the status code."""
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "find-reference": "SP-2222-22"}
    ).encode()
    try:
        with opener.open(f"{url}/self-referral/status/", data=body, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_two_servers_share_the_rate_limit_and_keep_the_index_in_step(two_servers, tmp_path):
    first, second = two_servers

    # One visitor whose requests the load balancer sends to each server in turn.
    jar = http.cookiejar.CookieJar()  # cookies are per host, not per port: one browser
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{first}/self-referral/status/", timeout=30).read()
    statuses = [post_find(opener, jar, (first, second)[n % 2]) for n in range(LIMIT + 2)]
    assert statuses == [200] * LIMIT + [429, 429], statuses

    # Both servers publish at once.
    publishers = start_in_step(
        PUBLISHER,
        {
            word: {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "portal.settings.test",
                "DATABASE_URL": database_url(tmp_path),
                "PYTHONPATH": str(ROOT),
                "WORD": word,
                "COUNT": str(PUBLISHED_EACH),
            }
            for word in ("alpha", "beta")
        },
        tmp_path,
        "publishers",
    )
    for publisher in publishers:
        _out, err = publisher.communicate(timeout=120)
        assert publisher.returncode == 0, err[-3000:]
        # An index write that failed (a deadlock, say) is logged, not raised: look for it.
        assert "Search index" not in err and "Traceback" not in err, err[-3000:]

    out = StringIO()
    call_command("search_index", "--check", stdout=out, stderr=StringIO())
    assert f"Search index in step: {2 * PUBLISHED_EACH} live listings." in out.getvalue()
    for url in two_servers:
        search = f"{url}/services/?q=harbourside+club"
        with urllib.request.urlopen(search, timeout=30) as page:  # noqa: S310 - our server
            text = page.read().decode()
        assert re.search(rf"\b{2 * PUBLISHED_EACH} results\b", text), url

"""Locust scenario for `python -m bench.load`: searches, detail pages, home and referrals.

Two kinds of visitor, chosen on locust's command line:

- `Searcher` runs the searches in SEARCHES. bench/load.py leaves it out when `wrk` (a far
  cheaper load generator, so the server keeps the CPU) runs the same searches instead.
- `Visitor` opens the home page, follows search results to detail pages, and submits whole
  self-referrals through the wizard (bench/journeys.py). A referral that does not reach the
  confirmation page counts as a failure of "self-referral submitted"; each outcome (the
  reference seen, or the failure) is appended to the file named by SIGNPOST_LOAD_JOURNEYS,
  so bench/load.py can check every confirmed referral was stored, and when it started and
  ended (wall-clock seconds) to that name + ".times", so it can say for how much of the run
  a referral was under way.

FastHttpUser (geventhttpclient) costs the load generator a fraction of HttpUser's CPU.
Visitors send the production `__Host-` (Secure) cookies back over plain http to 127.0.0.1,
as browsers do for localhost (a secure context).
"""

import os
import random
import time
from http.cookiejar import DefaultCookiePolicy

from locust import FastHttpUser, between, task

from bench.journeys import (
    ANSWERS,
    SEARCHES,
    JourneyError,
    Reply,
    form_body,
    service_links,
    submit_referral,
)

SEARCH_NAME = "/services/?q=…"
DETAIL_FROM = SEARCHES[0]  # detail pages are the services linked from this search
JOURNEY_NAME = "self-referral submitted"
JOURNEYS_FILE = os.environ.get("SIGNPOST_LOAD_JOURNEYS", "")
LOOPBACK_IS_SECURE = DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))


def record_journey(outcome: str, started: float, ended: float) -> None:
    """One line per referral journey for bench/load.py: "confirmed SP-…" or "failed …", and
    "started ended" (time.time()) in the .times file beside it."""
    if JOURNEYS_FILE:
        with open(JOURNEYS_FILE, "a") as journeys:
            journeys.write(outcome.replace("\n", " ") + "\n")
        with open(JOURNEYS_FILE + ".times", "a") as times:
            times.write(f"{started:.3f} {ended:.3f}\n")


class LocustClient:
    """bench.journeys' client over locust's: no redirects followed, every request reported."""

    def __init__(self, client):
        self.client = client

    def get(self, path: str, name: str) -> Reply:
        return self._reply(self.client.get(path, name=name, allow_redirects=False))

    def post(self, path: str, data: dict, name: str) -> Reply:
        # Encoded here: geventhttpclient would not repeat a field for each value of a list.
        response = self.client.post(
            path,
            data=form_body(data),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name=name,
            allow_redirects=False,
        )
        return self._reply(response)

    @staticmethod
    def _reply(response) -> Reply:
        return Reply(
            status=response.status_code or 0,
            location=response.headers.get("Location", "") if response.headers else "",
            text=response.text or "",
        )


class Searcher(FastHttpUser):
    wait_time = between(0, 0.05)
    weight = 6

    @task
    def search(self):
        self.client.get(random.choice(SEARCHES), name=SEARCH_NAME)


class Visitor(FastHttpUser):
    wait_time = between(0, 0.05)
    weight = 4

    def on_start(self):
        self.client.cookiejar.set_policy(LOOPBACK_IS_SECURE)
        response = self.client.get(DETAIL_FROM, name=SEARCH_NAME)
        self.detail_paths = service_links(response.text or "")

    @task(20)
    def detail(self):
        if self.detail_paths:
            self.client.get(random.choice(self.detail_paths), name="/services/<id>/")

    @task(5)
    def home(self):
        self.client.get("/", name="/")

    @task(1)
    def referral(self):
        """A whole self-referral, as myself or as a carer, reported as one extra entry."""
        started, wall_started = time.perf_counter(), time.time()
        error = reference = None
        try:
            who = random.choice(["myself", "carer"])
            reference = submit_referral(LocustClient(self.client), ANSWERS[who])
        except JourneyError as failure:
            error = failure
        record_journey(
            f"confirmed {reference}" if error is None else f"failed {error}",
            wall_started,
            time.time(),
        )
        # One wizard per visitor at a time: a fresh session for the next one.
        self.client.cookiejar.clear()
        self.environment.events.request.fire(
            request_type="JOURNEY",
            name=JOURNEY_NAME,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=error,
            context={},
        )

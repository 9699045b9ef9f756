"""Locust scenario for `python -m bench.load`: mixed searches, detail pages and referrals.

The endpoints live in ENDPOINTS below, in one place. Endpoints that aren't built yet
answer 404, which the load report counts as errors.
"""

import random
import re

from locust import HttpUser, between, task

SEARCHES = [
    "/services/?q=lunch+club&postcode=S1+2HH",
    "/services/?q=memory&postcode=S10",
    "/services/?q=money+advice",
    "/services/?postcode=S6+2LN&radius=2",
    "/services/?q=carers&category=carers-support",
    "/services/?q=walking&open_now=1&cost=free",
]
ENDPOINTS = {
    "home": "/",
    "searches": SEARCHES,
    "detail_from": SEARCHES[0],  # detail pages are the services linked from this search
    "referral_start": "/self-referral/",
}
SERVICE_LINK = re.compile(r'href="(/services/[0-9a-f-]{36}/)"')


class Resident(HttpUser):
    wait_time = between(0, 0.05)

    def on_start(self):
        self.detail_paths = []
        with self.client.get(
            ENDPOINTS["detail_from"], name="/services/?q=…", catch_response=True
        ) as response:
            self.detail_paths = sorted(set(SERVICE_LINK.findall(response.text)))[:20]

    @task(6)
    def search(self):
        self.client.get(random.choice(ENDPOINTS["searches"]), name="/services/?q=…")

    @task(3)
    def detail(self):
        if self.detail_paths:
            self.client.get(random.choice(self.detail_paths), name="/services/<id>/")

    @task(1)
    def home(self):
        self.client.get(ENDPOINTS["home"], name="/")

    @task(1)
    def referral(self):
        """Open the self-referral wizard (submitting it needs the referrals app's step names)."""
        self.client.get(ENDPOINTS["referral_start"], name="/self-referral/")

"""`manage.py check_websites`: against a local web server on a random port (no internet):
a page that opens, a 404, a slow page with a tiny timeout, a server that refuses HEAD,
a redirect, a closed port; results recorded in WebsiteCheck and read by the quality check."""

import http.server
import socket
import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from directory.models import Service, WebsiteCheck
from directory.quality import listing_problems, with_quality_relations
from directory.websites import USER_AGENT, check_website
from tests.factories.directory import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

SLOW_SECONDS = 1.0


class Handler(http.server.BaseHTTPRequestHandler):
    seen_agents: list = []  # noqa: RUF012 - the test reads what the server saw

    def do_HEAD(self):
        self.answer(body=False)

    def do_GET(self):
        self.answer(body=True)

    def answer(self, body):
        Handler.seen_agents.append(self.headers.get("User-Agent"))
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        if self.path == "/no-head" and self.command == "HEAD":
            return self.send_error(405)
        if self.path == "/garbage":
            self.wfile.write(b"nonsense\r\n\r\n")
            return None
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            return self.end_headers()
        if self.path == "/away":
            self.send_response(302)
            self.send_header("Location", "ftp://files.example/")
            return self.end_headers()
        if self.path not in ("/ok", "/slow", "/no-head"):
            return self.send_error(404)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        if body:
            self.wfile.write(b"<p>Hello</p>")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_check_website(server):
    assert check_website(f"{server}/ok").ok
    assert check_website(f"{server}/missing").detail == "HTTP 404"
    assert check_website(f"{server}/slow", timeout=0.2).detail == "timed out"
    assert check_website(f"{server}/slow", timeout=5).ok
    assert check_website(f"{server}/no-head").ok  # HEAD refused, GET opens
    assert check_website(f"{server}/moved").ok  # redirect followed
    assert not check_website(f"{server}/away").ok  # never off the web
    assert check_website(f"http://127.0.0.1:{closed_port()}/").detail == "could not connect"
    assert check_website(f"{server}/garbage").detail == "not a proper web answer"
    assert check_website("javascript:alert(1)").detail == "not a web address"
    assert USER_AGENT in Handler.seen_agents


def test_command_records_each_live_listings_website(server):
    no_site = OrganisationFactory(url="")
    fine = ServiceFactory(url=f"{server}/ok", organisation=no_site)
    missing = ServiceFactory(url=f"{server}/missing", organisation=no_site)
    slow = ServiceFactory(url=f"{server}/slow", organisation=no_site)
    via_organisation = ServiceFactory(url="", organisation=OrganisationFactory(url=f"{server}/x"))
    ServiceFactory(url="", organisation=no_site)  # nothing to check
    ServiceFactory(url=f"{server}/ok", organisation=no_site, live=False)  # a draft: left alone

    out = StringIO()
    call_command("check_websites", "--timeout", "0.3", stdout=out)
    checks = {check.service_id: check for check in WebsiteCheck.objects.all()}
    assert set(checks) == {fine.pk, missing.pk, slow.pk, via_organisation.pk}
    assert (checks[fine.pk].ok, checks[fine.pk].detail) == (True, "HTTP 200")
    assert (checks[missing.pk].ok, checks[missing.pk].detail) == (False, "HTTP 404")
    assert (checks[slow.pk].ok, checks[slow.pk].detail) == (False, "timed out")
    assert checks[via_organisation.pk].url == f"{server}/x"
    assert "4 website(s) checked: 1 opened, 3 did not; 1 live listing(s) have no website" in (
        out.getvalue()
    )

    broken = {
        service.pk
        for service in with_quality_relations(Service.objects.live())
        if "broken_website" in {check.code for check in listing_problems(service)}
    }
    assert broken == {missing.pk, slow.pk, via_organisation.pk}

    # run again: updated in place, least recently checked first, --limit respected
    before = dict(WebsiteCheck.objects.values_list("service_id", "checked_at"))
    call_command("check_websites", "--limit", "1", "--timeout", "0.3", stdout=StringIO())
    after = dict(WebsiteCheck.objects.values_list("service_id", "checked_at"))
    assert set(after) == set(before)
    changed = [pk for pk in after if after[pk] != before[pk]]
    assert changed == [min(before, key=before.get)]


def test_bad_options_are_a_clear_message():
    with pytest.raises(CommandError, match="--timeout must be more than 0"):
        call_command("check_websites", "--timeout", "0", stdout=StringIO())
    with pytest.raises(CommandError, match="--limit must be 1 or more"):
        call_command("check_websites", "--limit", "0", stdout=StringIO())

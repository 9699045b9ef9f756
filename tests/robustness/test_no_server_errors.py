"""The 500-free sweep: every public URL, with every malformed parameter, answers 2xx/3xx/4xx.

URLs and values are listed in public_urls.py. One test per URL; a failure lists every request
that gave a 5xx (or raised) with the exception, so one run shows everything to fix.
"""

import uuid

import pytest
from django.test import Client

from tests.e2e.demo_data import demo_data_loaded
from tests.robustness.public_urls import MALFORMED_IDS, NASTY_VALUES, PUBLIC_URLS

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module")
def demo_ids(django_db_setup, django_db_blocker):
    """Real ids from the demo data, so detail URLs reach real objects (random ones otherwise)."""
    with demo_data_loaded(django_db_blocker):
        from directory.models import Organisation, Service

        service = Service.objects.live().first()
        organisation = Organisation.objects.first()
        yield {
            "service_id": str(service.pk if service else uuid.uuid4()),
            "organisation_id": str(organisation.pk if organisation else uuid.uuid4()),
        }


def requests_for(public_url, ids):
    """(method, path, data) for every malformed variation of one public URL."""
    path = public_url.path.format(**ids)
    yield "GET", path, {}
    for name in public_url.params:
        for value in NASTY_VALUES:
            yield "GET", path, {name: value}
        yield "GET", path, {name: ["1", "2"]}  # repeated
    if public_url.params:
        yield "GET", path, dict.fromkeys(public_url.params, "\x00")
    for bad_id in MALFORMED_IDS if "{" in public_url.path else ():
        yield "GET", public_url.path.format(**dict.fromkeys(ids, bad_id)), {}
    if public_url.post_fields:
        yield "POST", path, {}
        for value in NASTY_VALUES:
            yield "POST", path, dict.fromkeys(public_url.post_fields, value)
        for name in public_url.post_fields:
            yield "POST", path, {name: "A" * 100_000}


@pytest.mark.parametrize("public_url", PUBLIC_URLS, ids=lambda public_url: public_url.path)
def test_public_url_never_answers_with_a_server_error(demo_ids, public_url):
    client = Client(raise_request_exception=False)
    failures = []
    count = 0
    for method, path, data in requests_for(public_url, demo_ids):
        count += 1
        if public_url.start:
            client.get(public_url.start)
        if method == "POST":
            response = client.post(path, {**dict(public_url.post_always), **data})
        else:
            response = client.get(path, data)
        if response.status_code >= 500:
            error = ""
            if response.exc_info:
                error = f": {response.exc_info[0].__name__}: {str(response.exc_info[1])[:200]}"
            shown = {
                key: (value[:40] if isinstance(value, str) else value)
                for key, value in data.items()
            }
            failures.append(f"{method} {path[:80]} {shown!r} -> {response.status_code}{error}")
    assert count > 0
    assert not failures, f"{len(failures)} of {count} requests failed:\n" + "\n".join(failures[:30])

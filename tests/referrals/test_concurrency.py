"""50 people send a referral at the same moment, through a real server (gunicorn, several
processes and threads) on the configured database: all 50 are stored, with unique
references, and nobody sees an error."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.factories.directory import AreaFactory, PostcodeFactory
from tests.live_server import Journey, gunicorn, stored_references

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
JOURNEYS = 50
WORKERS = 10


@pytest.fixture
def live_server_url(tmp_path):
    ward = AreaFactory(code="E05010862")
    PostcodeFactory(postcode="S1 2HH", ward_code=ward.code)
    with gunicorn(tmp_path) as served:
        yield served


def test_fifty_parallel_referrals_all_stored(live_server_url):
    base_url, database = live_server_url
    paths = ["myself", "someone_else", "carer"]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        references = list(
            pool.map(lambda n: Journey(base_url, paths[n % 3]).send(), range(JOURNEYS))
        )
    assert len(set(references)) == JOURNEYS
    stored = stored_references(database)
    assert sorted(stored) == sorted(references)

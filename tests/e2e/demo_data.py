"""Demo data for a whole test module, committed so that a live server thread can see it.

Browser tests and the 500-free sweep read the site the way a visitor does, so they need
every app's demo content (the same `load_demo_data` command `make run` uses). Loading it
once per module, instead of once per test, keeps them fast. Afterwards the database is put
back exactly as the migrations left it, so tests that run later see a clean database.
"""

import json
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings

from search.backends import database_backend

DEMO_LISTINGS = 60  # enough for paging and facets, cheap to create
DEMO_SEED = 2026
DEMO_ANALYTICS_DAYS = 120  # not the demo's 18 months: each day is rolled up on its own


@contextmanager
def demo_data_loaded(django_db_blocker, *, listings: int = DEMO_LISTINGS):
    """Load every app's demo data, yield, then restore the migrated database.

    Database access stays unblocked while the block runs, so a live server thread can
    serve requests during tests that don't themselves use the `db` fixture.
    """
    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
        try:
            with override_settings(ALLOW_DEMO_DATA=True):
                call_command(
                    "load_demo_data",
                    listings=listings,
                    seed=DEMO_SEED,
                    analytics_days=DEMO_ANALYTICS_DAYS,
                    stdout=StringIO(),
                )
            yield
        finally:
            # The same reset Django's TransactionTestCase does with serialized_rollback.
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
                reset_sequences=False,  # the restored rows keep their ids
            )
            connection.creation.deserialize_db_from_string(content_types_first(snapshot))
            # flush empties Django's tables but not the full-text table (SQLite's search_fts):
            # bring it back in step with the restored index rows.
            database_backend().rebuild()


def content_types_first(snapshot: str) -> str:
    """The snapshot with content types moved to the front.

    Django serialises apps in INSTALLED_APPS order, where ours and Wagtail's come before
    django.contrib.contenttypes; but building a Wagtail Task looks up its content type in
    __init__, which would create the row early and then collide with the restored one.
    """
    objects = json.loads(snapshot)
    first = [obj for obj in objects if obj["model"] == "contenttypes.contenttype"]
    rest = [obj for obj in objects if obj["model"] != "contenttypes.contenttype"]
    return json.dumps(first + rest)

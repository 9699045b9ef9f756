"""Search test fixtures: the Sheffield directory, built once per module and rolled back after."""

import pytest
from django.db import transaction

from tests.factories.search import sheffield_directory


@pytest.fixture(scope="module")
def sheffield(django_db_setup, django_db_blocker):
    """The listings of tests/factories/search.py, indexed; each test still runs in its own savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield sheffield_directory()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def directory(sheffield, db):
    return sheffield

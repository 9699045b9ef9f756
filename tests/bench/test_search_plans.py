"""The search benchmark's query plans (bench.search.capture_plans) on the test database: every
statement of the index is planned, and none is a plan itself (the search asks PostgreSQL for
estimates with EXPLAIN, which cannot be explained again)."""

import pytest

from bench.search import capture_plans
from tests.factories.search import listing, seed_categories

pytestmark = pytest.mark.django_db


def test_each_shape_has_its_statements_planned():
    seed_categories()
    for name in ("Memory Cafe", "Support Group for Carers"):
        listing(name, "Memory problems support group.", codes=("memory-dementia",), outcode="S1")
    plans = capture_plans()
    assert set(plans) == {"text_point_radius_category", "text_only", "point_category_only"}
    for statements in plans.values():
        assert statements
        for statement in statements:
            assert statement["plan"]
            assert not statement["sql"].startswith("EXPLAIN")

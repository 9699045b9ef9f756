"""ServiceSearchForm: whatever arrives in the query string, it builds a sane ServiceQuery."""

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.forms import MAX_QUERY_LENGTH, ServiceSearchForm

FIELDS = ["q", "postcode", "radius", "category", "kind", "open_now", "age", "cost", "sort", "page"]
text = st.text(max_size=300)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.dictionaries(st.sampled_from(FIELDS), st.lists(text, max_size=3), max_size=6))
def test_any_query_string_gives_a_valid_query(params):
    data = QueryDict(mutable=True)
    for key, values in params.items():
        data.setlist(key, values)
    form = ServiceSearchForm(data)
    form.is_valid()
    query = form.to_query()
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert 0.5 <= query.radius_miles <= 50
    assert 1 <= query.page <= 500
    assert query.sort in ("relevance", "distance")
    assert query.age is None or 0 <= query.age <= 120
    assert set(query.categories) <= form.category_codes

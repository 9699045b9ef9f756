import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from portal.ratelimit import Rate, parse_rate


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("10/h", Rate(10, 3600)),
        ("5/m", Rate(5, 60)),
        ("1/s", Rate(1, 1)),
        ("100/d", Rate(100, 86400)),
        ("off", None),
        ("", None),
    ],
)
def test_parse_rate(text, rate):
    assert parse_rate(text) == rate


@given(st.text(max_size=12))
def test_parse_rate_gives_a_rate_or_a_configuration_error(text):
    try:
        rate = parse_rate(text)
    except ImproperlyConfigured:
        return
    assert rate is None or (rate.limit >= 1 and rate.period_seconds in {1, 60, 3600, 86400})

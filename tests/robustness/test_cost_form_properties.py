"""Every "What you might pay" question form (checks/cost_forms.py) with arbitrary Unicode,
control characters and huge strings in every field: valid or invalid, never an exception; a
valid amount of money is a Decimal of £0 or more with at most two decimal places."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.cost_forms import MoneyField
from checks.cost_views import FORMS
from tests.robustness.strategies import nasty_text

FAST = settings(max_examples=60, deadline=None)


@pytest.mark.parametrize("step", list(FORMS))
@FAST
@given(data=st.data())
def test_any_text_in_every_field_is_valid_or_invalid_never_an_error(step, data):
    values = {name: data.draw(nasty_text, label=name) for name in FORMS[step].base_fields}
    bound = FORMS[step](values)
    if bound.is_valid():
        assert set(bound.answers()) == set(FORMS[step].base_fields)
    else:
        assert all(message for messages in bound.errors.values() for message in messages)
        assert bound.error_links()


@FAST
@given(typed=nasty_text | st.decimals(allow_nan=False, allow_infinity=False).map(str))
def test_a_valid_amount_is_pounds_and_pence_never_negative(typed):
    field = MoneyField(what="your savings", required_message="Enter your savings")
    try:
        amount = field.clean(typed)
    except ValidationError:  # anything else escaping fails the test
        return
    assert isinstance(amount, Decimal)
    assert amount >= 0
    assert amount == amount.quantize(Decimal("0.01"))

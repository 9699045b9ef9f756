"""Every self-referral step form (referrals/forms.py, in wizard order) with arbitrary Unicode,
control characters and huge strings in every field: valid or invalid, never an exception."""

import pytest
from django import forms
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals.choices import FilledInBy
from referrals.wizard import STEPS
from tests.robustness.strategies import nasty_text

FORMS = dict(STEPS)
DB = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SERVICE_ID = "6f1c2d4e-0000-4000-8000-000000000001"


def build(step, data=None, filled_in_by=""):
    kwargs = {}
    if step not in {"urgent", "who"}:
        kwargs["filled_in_by"] = filled_in_by
    if step == "services":
        kwargs["service_choices"] = [(SERVICE_ID, "Lunch club")]
    if step == "check":
        kwargs["has_email"] = True
    return FORMS[step](data, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("step", list(FORMS))
@DB
@given(
    data=st.data(),
    filled_in_by=st.sampled_from([*FilledInBy.values, ""]) | nasty_text,
)
def test_any_text_in_every_field_is_valid_or_invalid_never_an_error(step, data, filled_in_by):
    form = build(step, filled_in_by=filled_in_by)
    values = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            values[name] = data.draw(st.lists(nasty_text, max_size=3), label=name)
        else:
            values[name] = [data.draw(nasty_text, label=name)]
    bound = build(step, MultiValueDict(values), filled_in_by=filled_in_by)
    if bound.is_valid():
        assert isinstance(bound.cleaned_data, dict)
    else:
        assert bound.errors
        for messages in bound.errors.values():
            assert all(isinstance(message, str) and message for message in messages)
    # The error summary and the page render whatever was typed.
    str(bound)

"""Query parameters of the ORUK API, validated by forms (bad input -> 400 with a message).

What is checked here is what the OpenAPI document (openapi.py) declares, from the same
constants: a parameter that is present must have a value (empty is a 400, leave it out
instead), each is given once, and times, postcodes and booleans follow their patterns.
Parameters the API does not know (the ORUK specification's `format`, `full`, `minimal`, ...)
are ignored.
"""

import datetime
import uuid

from django import forms
from django.core.validators import RegexValidator
from django.utils.dateparse import parse_datetime

from directory.geography import PlaceNotFound, resolve_postcode
from directory.oruk.mapping import DAY_CODES
from directory.vocabulary import WEEKDAYS

MAX_PER_PAGE = 500
MAX_PAGE = 1_000_000
DEFAULT_PER_PAGE = 50
DEFAULT_PROXIMITY_METRES = 16_093  # 10 miles when a postcode comes without a proximity
MAX_PROXIMITY_METRES = 200_000
METRES_PER_MILE = 1609.344
DAY_NAMES = {name.lower(): number for number, name in WEEKDAYS.items()}
MAX_SEARCH_LENGTH = 200
MAX_POSTCODE_LENGTH = 8
POSTCODE_PATTERN = r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?([0-9][A-Za-z]{2})?$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
NO_NUL_PATTERN = r"^[^\u0000]*$"
BOOLEANS = {"true": True, "false": False}
# Rules between parameters, which a schema cannot state (the document says them in words).
PROXIMITY_NEEDS_POSTCODE = "proximity needs a postcode."
AGES_OUT_OF_ORDER = "minimum_age must not be more than maximum_age."


class ParameterError(ValueError):
    """A bad query parameter; the message is returned to the caller."""


def first_error(form: forms.Form) -> str:
    for field, errors in form.errors.items():
        name = "" if field == "__all__" else f"{field}: "
        return f"{name}{errors[0]}"
    return "Invalid parameters."


class TimeParam(forms.CharField):
    """HH:MM or HH:MM:SS on the 24-hour clock, exactly as the document's pattern says."""

    default_validators = [
        RegexValidator(TIME_PATTERN, "Enter a time like 09:30 or 17:00:00 (24-hour clock).")
    ]

    def clean(self, value):
        text = super().clean(value)
        return datetime.time.fromisoformat(text) if text else None


class BooleanParam(forms.CharField):
    """`true` or `false`, as OpenAPI writes a boolean in a query (not Django's anything-goes)."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return False
        if text not in BOOLEANS:
            raise forms.ValidationError("Enter true or false.")
        return BOOLEANS[text]


class PageParams(forms.Form):
    # May be given empty (meaning: no search); every other parameter must have a value.
    may_be_empty = frozenset({"search"})

    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PER_PAGE)
    search = forms.CharField(required=False, max_length=MAX_SEARCH_LENGTH, strip=True)

    def clean_page(self):
        return self.cleaned_data["page"] or 1

    def clean_per_page(self):
        return self.cleaned_data["per_page"] or DEFAULT_PER_PAGE


class TaxonomyTermParams(PageParams):
    taxonomy_id = forms.UUIDField(required=False)
    parent_id = forms.UUIDField(required=False)
    root_only = BooleanParam(required=False)


class ServiceParams(PageParams):
    taxonomy_term_id = forms.UUIDField(required=False)
    taxonomy_id = forms.UUIDField(required=False)
    organization_id = forms.UUIDField(required=False)
    modified_after = forms.CharField(required=False, max_length=40)
    postcode = forms.CharField(
        required=False,
        max_length=MAX_POSTCODE_LENGTH,
        validators=[RegexValidator(POSTCODE_PATTERN, "Enter a UK postcode, like S1 2HH, or S1.")],
    )
    proximity = forms.FloatField(required=False, min_value=1, max_value=MAX_PROXIMITY_METRES)
    minimum_age = forms.IntegerField(required=False, min_value=0, max_value=150)
    maximum_age = forms.IntegerField(required=False, min_value=0, max_value=150)
    day = forms.CharField(required=False, max_length=10)
    start_time = TimeParam(required=False)
    end_time = TimeParam(required=False)

    def clean_modified_after(self):
        value = self.cleaned_data["modified_after"]
        if not value:
            return None
        try:
            moment = parse_datetime(value.replace(" ", "+"))
        except ValueError:  # well formed, but impossible: an offset of +99:00, day 31 of June
            raise forms.ValidationError(
                "Enter a real date-time, with a UTC offset under 24 hours, like 2024-01-31T09:00:00Z."
            ) from None
        if moment is None:
            try:
                date = datetime.date.fromisoformat(value)
            except ValueError:
                raise forms.ValidationError(
                    "Enter a date or date-time in ISO 8601 form, like 2024-01-31T09:00:00Z."
                ) from None
            moment = datetime.datetime.combine(date, datetime.time.min)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.UTC)
        try:
            # In UTC: PostgreSQL refuses offsets past ±15:59, which Python accepts.
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError("Enter a date between the years 1 and 9999.") from None

    def clean_day(self):
        value = self.cleaned_data["day"].strip()
        if not value:
            return None
        key = value.upper()[:2] if value.lower() not in DAY_NAMES else None
        if value.lower() in DAY_NAMES:
            return DAY_NAMES[value.lower()]
        if value.isdigit() and 1 <= int(value) <= 7:
            return int(value)
        if key in DAY_CODES and len(value) == 2:
            return DAY_CODES[key]
        raise forms.ValidationError("Enter a day like MO, Monday or 1 (Monday) to 7 (Sunday).")

    def clean(self):
        data = super().clean()
        if data.get("proximity") is not None and not data.get("postcode"):
            raise forms.ValidationError(PROXIMITY_NEEDS_POSTCODE)
        if data.get("postcode"):
            try:
                data["place"] = resolve_postcode(data["postcode"])
            except PlaceNotFound as error:
                raise forms.ValidationError(f"postcode: {error.message}") from None
            metres = data.get("proximity") or DEFAULT_PROXIMITY_METRES
            data["miles"] = metres / METRES_PER_MILE
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            raise forms.ValidationError(AGES_OUT_OF_ORDER)
        return data


def check_presence(form_class, query) -> None:
    """Each known parameter at most once, and with a value unless it may be empty."""
    for name in query:
        if name not in form_class.base_fields:
            continue
        values = query.getlist(name)
        if len(values) > 1:
            raise ParameterError(f"{name}: give it once, not {len(values)} times.")
        if not values[0].strip() and name not in form_class.may_be_empty:
            raise ParameterError(f"{name}: is empty. Give a value, or leave {name} out.")


def parse(form_class, query) -> dict:
    check_presence(form_class, query)
    form = form_class(query)
    if not form.is_valid():
        raise ParameterError(first_error(form))
    return form.cleaned_data


def parse_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None

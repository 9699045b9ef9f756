"""Query parameters of the ORUK API, validated by forms (bad input -> 400 with a message)."""

import datetime
import uuid

from django import forms
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


class ParameterError(ValueError):
    """A bad query parameter; the message is returned to the caller."""


def first_error(form: forms.Form) -> str:
    for field, errors in form.errors.items():
        name = "" if field == "__all__" else f"{field}: "
        return f"{name}{errors[0]}"
    return "Invalid parameters."


class PageParams(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PER_PAGE)
    search = forms.CharField(required=False, max_length=200, strip=True)

    def clean_page(self):
        return self.cleaned_data["page"] or 1

    def clean_per_page(self):
        return self.cleaned_data["per_page"] or DEFAULT_PER_PAGE


class TaxonomyTermParams(PageParams):
    taxonomy_id = forms.UUIDField(required=False)
    parent_id = forms.UUIDField(required=False)
    root_only = forms.BooleanField(required=False)


class ServiceParams(PageParams):
    taxonomy_term_id = forms.UUIDField(required=False)
    taxonomy_id = forms.UUIDField(required=False)
    organization_id = forms.UUIDField(required=False)
    modified_after = forms.CharField(required=False, max_length=40)
    postcode = forms.CharField(required=False, max_length=10)
    proximity = forms.FloatField(required=False, min_value=1, max_value=MAX_PROXIMITY_METRES)
    minimum_age = forms.IntegerField(required=False, min_value=0, max_value=150)
    maximum_age = forms.IntegerField(required=False, min_value=0, max_value=150)
    day = forms.CharField(required=False, max_length=10)
    start_time = forms.TimeField(required=False)
    end_time = forms.TimeField(required=False)

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
            raise forms.ValidationError("proximity needs a postcode.")
        if data.get("postcode"):
            try:
                data["place"] = resolve_postcode(data["postcode"])
            except PlaceNotFound as error:
                raise forms.ValidationError(f"postcode: {error.message}") from None
            metres = data.get("proximity") or DEFAULT_PROXIMITY_METRES
            data["miles"] = metres / METRES_PER_MILE
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            raise forms.ValidationError("minimum_age must not be more than maximum_age.")
        return data


def parse(form_class, query) -> dict:
    form = form_class(query)
    if not form.is_valid():
        raise ParameterError(first_error(form))
    return form.cleaned_data


def parse_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None

"""Forms for the analytics screens: the report filter and the unmet-need decision."""

import datetime

from django import forms
from django.db.models import Case, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from analytics.models import UnmetNeedDecision
from analytics.reports.shapes import DEFAULT_DAYS, ReportFilter
from directory.models import Area

MAX_DAYS = 3 * 366


class AreaChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            # A malformed id (not a UUID) gets the same message as an unknown one.
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


def area_type_choices() -> list[tuple[str, str]]:
    """Wards, then each other type of area that has areas covering wards (loaded by
    `load_areas`, or LAC patches made in the admin): what "by area" tables can group by."""
    loaded = set(
        Area.objects.exclude(kind=Area.Kind.WARD)
        .filter(wards__isnull=False)
        .values_list("kind", flat=True)
        .distinct()
    )
    return [
        (kind.value, kind.label)
        for kind in Area.Kind
        if kind == Area.Kind.WARD or kind.value in loaded
    ]


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the start date as a real date, like 2026-01-31")},
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the end date as a real date, like 2026-03-31")},
    )
    area = AreaChoiceField(
        label=_("Area"),
        required=False,
        empty_label=_("All areas"),
        queryset=Area.objects.order_by(
            Case(When(kind=Area.Kind.WARD, then=0), default=1), "kind", "name"
        ),
        error_messages={"invalid_choice": _("Choose an area from the list")},
    )
    area_type = forms.ChoiceField(
        label=_("Show areas as"),
        required=False,
        error_messages={"invalid_choice": _("Choose how to show areas from the list")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_type"].choices = area_type_choices()

    def clean_area_type(self):
        return self.cleaned_data.get("area_type") or Area.Kind.WARD

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        date_to = cleaned.get("date_to") or today
        date_from = cleaned.get("date_from") or date_to - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if "date_from" in self.errors or "date_to" in self.errors:
            return cleaned
        if date_from > date_to:
            self.add_error("date_from", _("The start date must be on or before the end date"))
        elif (date_to - date_from).days >= MAX_DAYS:
            self.add_error("date_from", _("Choose a period of 3 years or less"))
        cleaned["date_from"], cleaned["date_to"] = date_from, date_to
        return cleaned

    def to_filter(self) -> ReportFilter:
        """The filter for a valid form; the default (last 90 days, all areas) otherwise."""
        if not self.is_valid():
            return ReportFilter.default()
        data = self.cleaned_data
        return ReportFilter(data["date_from"], data["date_to"], data["area"], data["area_type"])


class UnmetNeedDecisionForm(forms.Form):
    query = forms.CharField(max_length=200, required=False)
    category = forms.CharField(max_length=100, required=False)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=UnmetNeedDecision.Decision.choices,
        error_messages={"required": _("Choose what the team decided")},
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("query") and not cleaned.get("category"):
            raise forms.ValidationError(_("Choose the search words or category to decide on"))
        return cleaned

    def save(self, user) -> UnmetNeedDecision:
        data = self.cleaned_data
        decision, _created = UnmetNeedDecision.objects.update_or_create(
            query=data["query"],
            category=data["category"] if not data["query"] else "",
            defaults={"decision": data["decision"], "note": data["note"], "decided_by": user},
        )
        return decision

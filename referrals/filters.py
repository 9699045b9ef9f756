"""Filters for the triage queue (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Area
from referrals import queue_counts
from referrals.choices import Status, Team
from referrals.models import Referral


class QueueFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label=_("Any status"))
    team = django_filters.ChoiceFilter(choices=Team.choices, empty_label=_("Any team"))
    area = django_filters.ModelChoiceFilter(
        queryset=Area.objects.filter(kind=Area.Kind.WARD).order_by("name"),
        empty_label=_("Any area"),
    )
    received_from = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label=_("Received from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    received_to = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label=_("Received to"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label=_("Overdue (not closed by the date we promised)"),
        widget=forms.CheckboxInput,
    )
    assigned_to_me = django_filters.BooleanFilter(
        method="filter_assigned_to_me", label=_("Assigned to me"), widget=forms.CheckboxInput
    )

    class Meta:
        model = Referral
        fields = ["status", "team", "area"]

    def __init__(self, *args, user=None, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if len(teams) < 2:
            del self.filters["team"]

    def filter_assigned_to_me(self, queryset, name, value):
        return queryset.filter(assigned_to=self.user) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queue_counts.overdue(queryset) if value else queryset

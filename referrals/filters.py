"""Filters for the triage queue (django-filter): team, status, partner's answer (waiting,
accepted, declined), assignee, area, overdue and received dates. Each choice says how many referrals of the queue it would show
("New (3)"), counted over the queue the user can see before any filter."""

import django_filters
from django import forms
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Area
from referrals.choices import HandoverState, Status, Team
from referrals.models import Referral

ASSIGNED_TO_ME = "me"
NOT_ASSIGNED = "nobody"


def _counted(label, count) -> str:
    return f"{label} ({count})"


class QueueFilter(django_filters.FilterSet):
    team = django_filters.ChoiceFilter(choices=Team.choices, empty_label=_("Any team"))
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label=_("Any status"))
    handover = django_filters.ChoiceFilter(
        label=_("Partner's answer"),
        choices=HandoverState.choices,
        empty_label=_("Any, or no partner"),
    )
    assignee = django_filters.ChoiceFilter(
        label=_("Assigned to"),
        choices=[(ASSIGNED_TO_ME, _("Assigned to me")), (NOT_ASSIGNED, _("Not assigned"))],
        empty_label=_("Anyone or nobody"),
        method="filter_assignee",
    )
    area = django_filters.ChoiceFilter(choices=[], empty_label=_("Any area"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Overdue only"), widget=forms.CheckboxInput
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

    class Meta:
        model = Referral
        fields = ["team", "status", "handover", "area"]

    def __init__(self, *args, user=None, teams=(), today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.today = today or timezone.localdate()
        if len(teams) < 2:
            del self.filters["team"]
        self._count_choices(self.queryset)

    def _count_choices(self, queue) -> None:
        """Put each choice's count in its label (before the form is built from them)."""

        def counts(field):
            rows = queue.order_by().values(field).annotate(n=Count("pk"))
            return {str(row[field]): row["n"] for row in rows}

        for name, vocabulary in (("team", Team), ("status", Status), ("handover", HandoverState)):
            if name in self.filters:
                by_code = counts(name)
                self.filters[name].extra["choices"] = [
                    (code, _counted(label, by_code.get(code, 0)))
                    for code, label in vocabulary.choices
                ]
        by_area = counts("area")
        wards = Area.objects.filter(kind=Area.Kind.WARD).order_by("name").values_list("pk", "name")
        self.filters["area"].extra["choices"] = [
            (str(pk), _counted(name, by_area.get(str(pk), 0))) for pk, name in wards
        ]
        mine = queue.filter(assigned_to=self.user).count() if self.user else 0
        nobody = queue.filter(assigned_to__isnull=True).count()
        self.filters["assignee"].extra["choices"] = [
            (ASSIGNED_TO_ME, _counted(_("Assigned to me"), mine)),
            (NOT_ASSIGNED, _counted(_("Not assigned"), nobody)),
        ]
        self.filters["overdue"].label = _counted(
            _("Overdue only"), queue.overdue(self.today).count()
        )

    def filter_assignee(self, queryset, name, value):
        if value == ASSIGNED_TO_ME:
            return queryset.filter(assigned_to=self.user)
        if value == NOT_ASSIGNED:
            return queryset.filter(assigned_to__isnull=True)
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(self.today) if value else queryset

"""Staff forms on the referral detail page."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from referrals.choices import Outcome, Status
from referrals.models import TEAM_PERMISSIONS


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    outcome = forms.ChoiceField(
        choices=[("", _("Choose an outcome (to close)")), *Outcome.choices], required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.CLOSED and not cleaned.get("outcome"):
            self.add_error("outcome", _("Choose an outcome to close the referral"))
        return cleaned


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, team: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.with_perm(
                TEAM_PERMISSIONS[team], backend="django.contrib.auth.backends.ModelBackend"
            )
            .order_by("email")
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add a case note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write the note before saving it"),
            "max_length": _("Notes must be 5,000 characters or fewer"),
        },
    )

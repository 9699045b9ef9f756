"""Forms for staff accounts."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.roles import role_choices


class InviteStaffForm(forms.Form):
    """An Administrator invites a member of staff by email address, with one role."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Their work email address. We send the invitation here."),
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=role_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a role")},
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects
        if users.filter(email__iexact=email).exists() or users.filter(username=email).exists():
            raise forms.ValidationError(
                _("There is already an account for this email address"), code="exists"
            )
        return email

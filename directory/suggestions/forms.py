"""Public "suggest a change" and "tell us about a group" forms (no account needed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import HoneypotForm

DETAILS_MAX = 4000


class SuggestionForm(HoneypotForm):
    """Shared: optional follow-up email, and a honeypot field people never see."""

    contact_email = forms.EmailField(
        label=_("Email address (optional)"),
        help_text=_("Only if you are happy for us to contact you with questions about this."),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )


class SuggestChangeForm(SuggestionForm):
    details = forms.CharField(
        label=_("What needs changing?"),
        help_text=_(
            "For example, new opening times, a different phone number or that it has closed."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DETAILS_MAX,
        error_messages={
            "required": _("Enter what needs changing"),
            "max_length": _("What needs changing must be 4000 characters or fewer"),
        },
    )
    field_order = ["details", "contact_email", "website"]


class AddServiceForm(SuggestionForm):
    name = forms.CharField(
        label=_("Name of the group or service"),
        max_length=255,
        error_messages={
            "required": _("Enter the name of the group or service"),
            "max_length": _("The name must be 255 characters or fewer"),
        },
    )
    details = forms.CharField(
        label=_("Tell us about it"),
        help_text=_(
            "What it offers, who it is for, where and when it meets, and how to get in touch."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=DETAILS_MAX,
        error_messages={
            "required": _("Tell us about the group or service"),
            "max_length": _("The details must be 4000 characters or fewer"),
        },
    )
    field_order = ["name", "details", "contact_email", "website"]

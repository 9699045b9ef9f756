"""Public "suggest a change" and "tell us about a group" forms (no account needed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.suggestions.fields import SUGGESTIBLE_FIELDS
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
    """Optional new values for the main fields (shown to the coordinator beside the current
    ones), and free text for anything else; at least one of them."""

    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=255,
        error_messages={"max_length": _("The name must be 255 characters or fewer")},
    )
    summary = forms.CharField(
        label=_("Short description"),
        help_text=_("One or two plain sentences about what it offers."),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("The short description must be 300 characters or fewer")},
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("The full description. Leave a blank line between paragraphs."),
        required=False,
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("The description must be 4000 characters or fewer")},
    )
    url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a website address, like https://example.org")},
    )
    email = forms.EmailField(
        label=_("Email address for the group or service"),
        required=False,
        max_length=254,
        # A plain text box: the browser must not offer to fill in the visitor's own address.
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        error_messages={"max_length": _("The phone number must be 40 characters or fewer")},
    )
    eligibility = forms.CharField(
        label=_("Who it is for"),
        required=False,
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Who it is for must be 4000 characters or fewer")},
    )
    fees_description = forms.CharField(
        label=_("Costs"),
        required=False,
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("The costs must be 4000 characters or fewer")},
    )
    details = forms.CharField(
        label=_("Anything else that needs changing?"),
        help_text=_("For example, new opening times, where it meets or that it has closed."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DETAILS_MAX,
        error_messages={"max_length": _("What needs changing must be 4000 characters or fewer")},
    )
    field_order = [*SUGGESTIBLE_FIELDS, "details", "contact_email", "website"]

    def clean(self):
        cleaned = super().clean()
        given = any(
            str(self.data.get(self.add_prefix(key), "")).strip() for key in SUGGESTIBLE_FIELDS
        )
        if not given and not cleaned.get("details") and "details" not in self.errors:
            self.add_error("details", _("Enter what needs changing"))
        return cleaned

    def suggested_fields(self) -> dict:
        """The structured values given (for ChangeSuggestion.suggested_fields)."""
        return {
            key: self.cleaned_data[key].strip()
            for key in SUGGESTIBLE_FIELDS
            if self.cleaned_data.get(key, "").strip()
        }


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

"""The postcode form of the local area coordinator finder."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.postcodes import normalise_postcode


class CoordinatorPostcodeForm(forms.Form):
    postcode = forms.CharField(
        label=_("Enter your postcode"),
        help_text=_("For example, S6 2LN"),
        max_length=16,
        error_messages={
            "required": _("Enter your postcode"),
            "max_length": _("Enter a full postcode, like S1 2HH"),
        },
    )

    def clean_postcode(self) -> str:
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode is None:
            raise forms.ValidationError(_("Enter a full postcode, like S1 2HH"))
        return postcode

"""Follow my request: find a request by its reference and date of birth, and add to it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from referrals.forms.people import DateOfBirthForm
from referrals.forms.steps import StepForm, required, text_field


class FindRequestForm(DateOfBirthForm):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=20,
        help_text=_("It starts with SP, like SP-7K3M-Q9. It is on your confirmation email"),
        error_messages={
            **required(_("Enter your reference number")),
            "max_length": _("Enter the reference number, like SP-7K3M-Q9"),
        },
    )
    field_order = ["reference", "dob_day", "dob_month", "dob_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_labels = {"date_of_birth": _("Date of birth of the person the request is about")}
        self.fields["reference"].widget.attrs.update(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
                "data-width": "govuk-input--width-10",
            }
        )
        for name in ("dob_day", "dob_month", "dob_year"):
            self.fields[name].widget.attrs.pop("autocomplete", None)

    def missing_date_message(self):
        return _("Enter the date of birth given in the request")


class AddUpdateForm(StepForm):
    text = text_field(
        _("What has changed?"),
        3000,
        textarea=True,
        required_message=_("Tell us what has changed"),
        help_text=_(
            "For example, things have got harder, you have moved, or you have a new phone number"
        ),
        message_label=_("What has changed"),
    )

"""Steps about the people: the referrer's details (when asking for someone else), the
person who needs help, and their communication needs."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.geography import PlaceNotFound, resolve_postcode
from directory.postcodes import normalise_postcode
from referrals.choices import BestTime, CommunicationNeed, ContactMethod
from referrals.forms.steps import StepForm, bounded, clean_phone, required, text_field


class YourDetailsForm(StepForm):
    heading = _("Your details")
    referrer_name = text_field(
        _("Your full name"),
        200,
        required_message=_("Enter your full name"),
        message_label=_("Your name"),
    )
    relationship = text_field(
        _("How do you know them?"),
        100,
        required_message=_("Enter how you know the person, like neighbour or daughter"),
        help_text=_("For example, neighbour, daughter, friend or support worker"),
        message_label=_("How you know them"),
    )
    referrer_phone = forms.CharField(
        label=_("Your phone number"),
        max_length=30,
        required=False,
        error_messages=bounded(_("Your phone number"), 30),
    )
    referrer_email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            **bounded(_("Your email address"), 254),
        },
    )

    def clean_referrer_phone(self):
        return clean_phone(
            self.cleaned_data.get("referrer_phone"),
            _("Enter a phone number, like 01632 960 001 or 07700 900 982"),
        )

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not cleaned.get("referrer_phone")
            and not cleaned.get("referrer_email")
        ):
            self.add_error(
                "referrer_phone",
                _("Enter a phone number or an email address so we can contact you"),
            )
        return cleaned


class PersonForm(StepForm):
    date_groups = {"date_of_birth": ("dob_day", "dob_month", "dob_year")}
    full_name = forms.CharField(max_length=200)
    dob_day = forms.CharField(label=_("Day"), max_length=2, required=False)
    dob_month = forms.CharField(label=_("Month"), max_length=2, required=False)
    dob_year = forms.CharField(label=_("Year"), max_length=4, required=False)
    address_line_1 = text_field(
        _("Address line 1"),
        200,
        required_message=_("Enter address line 1, typically the building and street"),
    )
    address_line_2 = text_field(
        _("Address line 2 (optional)"), 200, message_label=_("Address line 2")
    )
    town = text_field(_("Town or city"), 100, required_message=_("Enter the town or city"))
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        error_messages={
            **required(_("Enter a postcode, like S1 2HH")),
            "max_length": _("Enter a real postcode, like S1 2HH"),
        },
    )
    phone = forms.CharField(max_length=30, required=False)
    email = forms.EmailField(
        max_length=254,
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    contact_method = forms.ChoiceField(choices=ContactMethod.choices, widget=forms.RadioSelect)
    best_time = forms.ChoiceField(choices=BestTime.choices, widget=forms.RadioSelect)
    contact_notes = text_field(
        _("Anything else we should know about contacting you? (optional)"),
        500,
        textarea=True,
        message_label=_("Contact notes"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        self.heading = self.you(_("About you"), _("About the person who needs help"))
        self.date_labels = {
            "date_of_birth": self.you(
                _("What is your date of birth?"), _("What is their date of birth?")
            )
        }
        f["full_name"].label = self.you(_("Your full name"), _("Their full name"))
        f["full_name"].error_messages = {
            **f["full_name"].error_messages,
            **required(self.you(_("Enter your full name"), _("Enter their full name"))),
            **bounded(_("Full name"), 200),
        }
        f["postcode"].help_text = _("We use this to find the right team for the area")
        f["phone"].label = self.you(_("Phone number"), _("Their phone number"))
        f["email"].label = self.you(_("Email address"), _("Their email address"))
        f["phone"].help_text = _("Give a phone number, an email address, or both")
        f["contact_method"].label = self.you(
            _("How should we contact you?"), _("How should we contact them?")
        )
        # Merged, not replaced: a field still needs its other messages (e.g. invalid_choice).
        f["contact_method"].error_messages = {
            **f["contact_method"].error_messages,
            **required(
                self.you(
                    _("Select how we should contact you"), _("Select how we should contact them")
                )
            ),
        }
        f["best_time"].label = _("When is the best time to call?")
        f["best_time"].error_messages = {
            **f["best_time"].error_messages,
            **required(_("Select the best time to contact")),
        }
        if not self.about_self:
            f["contact_notes"].label = _(
                "Anything else we should know about contacting them? (optional)"
            )
        for name in ("dob_day", "dob_month", "dob_year"):
            f[name].error_messages["max_length"] = _("Date of birth must be a real date")
        f["phone"].error_messages["max_length"] = _(
            "Enter a phone number, like 01632 960 001 or 07700 900 982"
        )
        f["email"].error_messages["max_length"] = _("Email address must be 254 characters or fewer")
        self._set_widgets()

    def _set_widgets(self):
        """GOV.UK widths and the browser's autofill and keypad hints."""
        f = self.fields
        for name in ("dob_day", "dob_month"):
            f[name].widget.attrs.update(
                {
                    "inputmode": "numeric",
                    "data-width": "govuk-date-input__input govuk-input--width-2",
                }
            )
        f["dob_year"].widget.attrs.update(
            {"inputmode": "numeric", "data-width": "govuk-date-input__input govuk-input--width-4"}
        )
        f["phone"].widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
        f["postcode"].widget.attrs.update(
            {"autocomplete": "postal-code", "data-width": "govuk-input--width-10"}
        )

    def clean_phone(self):
        return clean_phone(
            self.cleaned_data.get("phone"),
            _("Enter a phone number, like 01632 960 001 or 07700 900 982"),
        )

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if not postcode:
            raise forms.ValidationError(_("Enter a real postcode, like S1 2HH"))
        try:
            resolve_postcode(postcode)
        except PlaceNotFound as error:
            raise forms.ValidationError(
                _(
                    "We could not find the postcode %(postcode)s. Check it is correct. If you live outside our area, contact your own council."
                )
                % {"postcode": postcode}
            ) from error
        return postcode

    def clean(self):
        cleaned = super().clean()
        cleaned["date_of_birth"] = self._clean_date_of_birth(cleaned)
        phone, email, method = (
            cleaned.get("phone"),
            cleaned.get("email"),
            cleaned.get("contact_method"),
        )
        if "phone" not in self.errors and "email" not in self.errors:
            if not phone and not email:
                self.add_error("phone", _("Enter a phone number or an email address"))
            elif method == ContactMethod.PHONE and not phone:
                self.add_error(
                    "phone", _("Enter a phone number, or choose to be contacted by email")
                )
            elif method == ContactMethod.EMAIL and not email:
                self.add_error(
                    "email", _("Enter an email address, or choose to be contacted by phone")
                )
        return cleaned

    def _clean_date_of_birth(self, cleaned):
        parts = {
            name: (cleaned.get(f"dob_{name}") or "").strip() for name in ("day", "month", "year")
        }
        if not any(parts.values()):
            self.add_error(
                "dob_day", self.you(_("Enter your date of birth"), _("Enter their date of birth"))
            )
            return None
        for name, value in parts.items():
            if not value:
                self.add_error(
                    f"dob_{name}", _("Date of birth must include a %(part)s") % {"part": name}
                )
                return None
        if not all(value.isdigit() for value in parts.values()) or len(parts["year"]) != 4:
            self.add_error("dob_day", _("Date of birth must be a real date"))
            return None
        try:
            born = datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            self.add_error("dob_day", _("Date of birth must be a real date"))
            return None
        if born > timezone.localdate():
            self.add_error("dob_day", _("Date of birth must be in the past"))
            return None
        if born.year < 1900:
            self.add_error(
                "dob_year", _("Date of birth must be the same as or after 1 January 1900")
            )
            return None
        return born.isoformat()


class CommunicationForm(StepForm):
    language = text_field(
        _("Which language is best? (optional)"),
        60,
        help_text=_("Leave this blank for English"),
        message_label=_("Language"),
    )
    needs = forms.MultipleChoiceField(
        choices=CommunicationNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Is there anything that would help with communication? (optional)"),
        help_text=_("Select all that apply"),
    )
    other_needs = text_field(
        _("Tell us about anything else that would help (optional)"),
        300,
        message_label=_("Other communication needs"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.heading = self.you(_("Your communication needs"), _("Their communication needs"))

    def clean(self):
        cleaned = super().clean()
        if (
            CommunicationNeed.OTHER in (cleaned.get("needs") or [])
            and not cleaned.get("other_needs")
            and "other_needs" not in self.errors
        ):
            self.add_error("other_needs", _("Tell us what else would help with communication"))
        return cleaned

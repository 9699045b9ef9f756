"""Steps about the people, one question per page: the referrer's name, how they know the
person and how to reach them (when asking for someone else); the name, date of birth,
address, contact and best time of the person who needs help; their communication needs."""

import datetime

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.geography import PlaceNotFound, resolve_postcode
from directory.postcodes import normalise_postcode
from referrals.choices import BestTime, CommunicationNeed, ContactMethod, FilledInBy
from referrals.forms.steps import (
    StepForm,
    bounded,
    clean_phone,
    required,
    reveal_answers,
    text_field,
)


class YourNameForm(StepForm):
    """Someone asking for another person: their own name."""

    referrer_name = text_field(
        _("What is your name?"),
        200,
        required_message=_("Enter your full name"),
        message_label=_("Your name"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referrer_name"].widget.attrs["autocomplete"] = "name"


class RelationshipForm(StepForm):
    relationship = text_field(
        _("How do you know the person you are asking for?"),
        100,
        required_message=_("Enter how you know the person, like neighbour or daughter"),
        help_text=_("For example, neighbour, daughter, friend or support worker"),
        message_label=_("How you know them"),
    )


class YourContactForm(StepForm):
    """How to reach the person asking for someone else: one group of inputs. A professional
    gives both a work phone number and a work email address: the team emails them when the
    referral is closed, to say what happened."""

    heading = _("How can we contact you?")
    hint = _("Give a phone number, an email address, or both")
    referrer_phone = forms.CharField(
        label=_("Your phone number"),
        max_length=30,
        required=False,
        error_messages=bounded(_("Your phone number"), 30),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    referrer_email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            **bounded(_("Your email address"), 254),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.professional = self.filled_in_by == FilledInBy.PROFESSIONAL
        if self.professional:
            self.heading = _("What are your work contact details?")
            self.hint = _(
                "We will email you when the referral is closed, to tell you what happened"
            )
            f = self.fields
            f["referrer_phone"].label = _("Work phone number")
            f["referrer_email"].label = _("Work email address")
            f["referrer_phone"].error_messages.update(required(_("Enter your work phone number")))
            f["referrer_email"].error_messages.update(required(_("Enter your work email address")))
            f["referrer_phone"].required = f["referrer_email"].required = True
            f["referrer_phone"].widget.attrs["autocomplete"] = "work tel"
            f["referrer_email"].widget.attrs["autocomplete"] = "work email"

    def clean_referrer_phone(self):
        return clean_phone(
            self.cleaned_data.get("referrer_phone"),
            _("Enter a phone number, like 01632 960 001 or 07700 900 982"),
        )

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not self.professional
            and not cleaned.get("referrer_phone")
            and not cleaned.get("referrer_email")
        ):
            self.add_error(
                "referrer_phone",
                _("Enter a phone number or an email address so we can contact you"),
            )
        return cleaned


class NameForm(StepForm):
    full_name = forms.CharField(max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields["full_name"]
        f.label = self.you(_("What is your full name?"), _("What is their full name?"))
        f.error_messages = {
            **f.error_messages,
            **required(self.you(_("Enter your full name"), _("Enter their full name"))),
            **bounded(_("Full name"), 200),
        }
        f.widget.attrs["autocomplete"] = "name" if self.about_self else "off"
        f.widget.attrs["spellcheck"] = "false"


class DateOfBirthForm(StepForm):
    date_groups = {"date_of_birth": ("dob_day", "dob_month", "dob_year")}
    dob_day = forms.CharField(label=_("Day"), max_length=2, required=False)
    dob_month = forms.CharField(label=_("Month"), max_length=2, required=False)
    dob_year = forms.CharField(label=_("Year"), max_length=4, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_labels = {
            "date_of_birth": self.you(
                _("What is your date of birth?"), _("What is their date of birth?")
            )
        }
        for name, width, autocomplete in (
            ("dob_day", 2, "bday-day"),
            ("dob_month", 2, "bday-month"),
            ("dob_year", 4, "bday-year"),
        ):
            field = self.fields[name]
            field.error_messages["max_length"] = _("Date of birth must be a real date")
            field.widget.attrs.update(
                {
                    "inputmode": "numeric",
                    "data-width": f"govuk-date-input__input govuk-input--width-{width}",
                }
            )
            if self.about_self:
                field.widget.attrs["autocomplete"] = autocomplete

    def clean(self):
        cleaned = super().clean()
        cleaned["date_of_birth"] = self._clean_date_of_birth(cleaned)
        return cleaned

    def missing_date_message(self):
        return self.you(_("Enter your date of birth"), _("Enter their date of birth"))

    def _clean_date_of_birth(self, cleaned):
        parts = {
            name: (cleaned.get(f"dob_{name}") or "").strip() for name in ("day", "month", "year")
        }
        if not any(parts.values()):
            self.add_error("dob_day", self.missing_date_message())
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


class AddressForm(StepForm):
    """One group of inputs, postcode first: the postcode is checked against the postcode
    table (it finds the team for the area), so a mistyped one is caught on this page."""

    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        help_text=_("We use this to find the right team for the area"),
        error_messages={
            **required(_("Enter a postcode, like S1 2HH")),
            "max_length": _("Enter a real postcode, like S1 2HH"),
        },
    )
    address_line_1 = text_field(
        _("Address line 1"),
        200,
        required_message=_("Enter address line 1, typically the building and street"),
    )
    address_line_2 = text_field(
        _("Address line 2 (optional)"), 200, message_label=_("Address line 2")
    )
    town = text_field(_("Town or city"), 100, required_message=_("Enter the town or city"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.heading = self.you(_("What is your address?"), _("What is their address?"))
        f = self.fields
        f["postcode"].widget.attrs.update({"data-width": "govuk-input--width-10"})
        if self.about_self:  # the browser fills in the person's own address, no one else's
            for name, autocomplete in (
                ("postcode", "postal-code"),
                ("address_line_1", "address-line1"),
                ("address_line_2", "address-line2"),
                ("town", "address-level2"),
            ):
                f[name].widget.attrs["autocomplete"] = autocomplete

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


class ContactForm(StepForm):
    """How to contact the person: phone, email or both, each revealing its own input (the
    GOV.UK contact preference pattern). Stored as the phone, the email and the method."""

    reveals = {"methods": {"phone": "phone", "email": "email"}}
    methods = forms.MultipleChoiceField(
        choices=[(ContactMethod.PHONE, _("Phone")), (ContactMethod.EMAIL, _("Email"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply"),
    )
    # Checked in clean_phone/clean_email, and only when their option is chosen: a box hidden
    # under an option unticked again still sends what was typed, and must not cause an error.
    phone = forms.CharField(required=False)
    email = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["methods"].label = self.you(
            _("How should we contact you?"), _("How should we contact them?")
        )
        f["phone"].label = self.you(_("Your phone number"), _("Their phone number"))
        f["email"].label = self.you(_("Your email address"), _("Their email address"))
        own = self.about_self
        f["phone"].widget = forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel" if own else "off"}
        )
        f["email"].widget = forms.EmailInput(
            attrs={"autocomplete": "email" if own else "off", "spellcheck": "false"}
        )

    def _unchosen(self, method) -> bool:
        """Another option is ticked and this one is not (JavaScript hid its box)."""
        chosen = self.cleaned_data.get("methods") or []
        return bool(chosen) and method not in chosen

    def clean_phone(self):
        if self._unchosen(ContactMethod.PHONE):
            return ""
        message = _("Enter a phone number, like 01632 960 001 or 07700 900 982")
        if len(self.cleaned_data.get("phone") or "") > 30:
            raise forms.ValidationError(message)
        return clean_phone(self.cleaned_data.get("phone"), message)

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if self._unchosen(ContactMethod.EMAIL) or not email:
            return ""
        if len(email) > 254:
            raise forms.ValidationError(_("Email address must be 254 characters or fewer"))
        try:
            validate_email(email)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                _("Enter an email address in the correct format, like name@example.com")
            ) from error
        return email

    def clean(self):
        cleaned = super().clean()
        if "phone" in self.errors or "email" in self.errors:
            return cleaned
        chosen = reveal_answers(cleaned, "methods", self.reveals["methods"])
        if not chosen:
            self.add_error(
                "methods",
                self.you(
                    _("Select how we should contact you"), _("Select how we should contact them")
                ),
            )
        elif ContactMethod.PHONE in chosen and not cleaned.get("phone"):
            self.add_error("phone", _("Enter a phone number"))
        elif ContactMethod.EMAIL in chosen and not cleaned.get("email"):
            self.add_error("email", _("Enter an email address"))
        cleaned["contact_method"] = (
            ContactMethod.EITHER if len(chosen) > 1 else (chosen[0] if chosen else "")
        )
        return cleaned


class BestTimeForm(StepForm):
    """Asked only when the person can be phoned."""

    best_time = forms.ChoiceField(choices=BestTime.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields["best_time"]
        f.label = self.you(
            _("When is the best time to call you?"), _("When is the best time to call them?")
        )
        f.help_text = _("Our team works Monday to Friday, except bank holidays")
        f.error_messages = {
            **f.error_messages,
            **required(_("Select the best time to call")),
        }


class ContactNotesForm(StepForm):
    contact_notes = text_field(
        _("Is there anything else we should know about contacting you? (optional)"),
        500,
        textarea=True,
        message_label=_("Contact notes"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields["contact_notes"]
        if not self.about_self:
            f.label = _("Is there anything else we should know about contacting them? (optional)")
        f.help_text = _(
            "For example, the phone is answered slowly, or speak to a family member first"
        )


class CommunicationForm(StepForm):
    """One question; "a spoken language interpreter" reveals which language, "something
    else" reveals what."""

    reveals = {
        "needs": {
            CommunicationNeed.INTERPRETER: "language",
            CommunicationNeed.OTHER: "other_needs",
        }
    }
    needs = forms.MultipleChoiceField(
        choices=CommunicationNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply, or none"),
    )
    language = text_field(_("Which language?"), 60, message_label=_("Language"))
    other_needs = text_field(
        _("Tell us what would help"),
        300,
        message_label=_("Other communication needs"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].label = self.you(
            _("Is there anything that would help you communicate with us? (optional)"),
            _("Is there anything that would help them communicate with us? (optional)"),
        )

    def clean(self):
        cleaned = super().clean()
        if "language" in self.errors or "other_needs" in self.errors:
            return cleaned
        chosen = reveal_answers(cleaned, "needs", self.reveals["needs"])
        if CommunicationNeed.INTERPRETER in chosen and not cleaned.get("language"):
            self.add_error("language", _("Enter the language the interpreter should speak"))
        if CommunicationNeed.OTHER in chosen and not cleaned.get("other_needs"):
            self.add_error("other_needs", _("Tell us what else would help with communication"))
        return cleaned

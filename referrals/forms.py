"""The self-referral questions, one form per wizard step, with GOV.UK-style error messages.

Forms validate everything a person types; the wizard only moves between them. Labels speak
to the person filling in the form ("you" or "they"), chosen by who they said they are.
"""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.geography import PlaceNotFound, normalise_postcode, resolve_postcode
from referrals.choices import (
    BestTime,
    CarerSupportFor,
    CaringHours,
    CommunicationNeed,
    ContactMethod,
    FilledInBy,
    WellbeingOutcome,
)

PHONE_RE = re.compile(r"^\+?[0-9 ()-]+$")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def required(message):
    return {"required": message}


def bounded(label: str, limit: int) -> dict:
    return {
        "max_length": _("%(label)s must be %(limit)s characters or fewer")
        % {"label": label, "limit": f"{limit:,}"}
    }


def text_field(label, limit, *, required_message=None, textarea=False, **kwargs):
    """A stripped CharField with kind messages for missing and too-long answers."""
    messages = bounded(kwargs.pop("message_label", label), limit)
    if required_message:
        messages.update(required(required_message))
    widget = forms.Textarea(attrs={"rows": 6}) if textarea else kwargs.pop("widget", None)
    return forms.CharField(
        label=label,
        max_length=limit,
        required=bool(required_message),
        error_messages=messages,
        widget=widget,
        **kwargs,
    )


def clean_phone(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE_RE.match(value) or not 10 <= len(digits) <= 13:
        raise forms.ValidationError(message)
    return value


class StepForm(forms.Form):
    """Base for wizard steps: knows who is filling in the form, and offers `rows` to the
    template (date parts are rendered as one GOV.UK date input)."""

    date_groups: dict[str, tuple[str, str, str]] = {}
    heading = ""

    def __init__(self, *args, filled_in_by: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.filled_in_by = filled_in_by
        self.about_self = filled_in_by != FilledInBy.SOMEONE_ELSE

    def you(self, yours, theirs):
        return yours if self.about_self else theirs

    def rows(self):
        """Fields in order, with GOV.UK classes; a date's three parts come as one row."""
        grouped = {name for parts in self.date_groups.values() for name in parts}
        for name in self.fields:
            self._style(name)
            for group, parts in self.date_groups.items():
                if name == parts[0]:
                    errors = [e for part in parts for e in self.errors.get(part, [])]
                    yield {
                        "date": group,
                        "fields": [self[part] for part in parts],
                        "label": self.date_labels[group],
                        "errors": errors,
                    }
            if name not in grouped:
                yield {"field": self[name]}

    def _style(self, name):
        widget = self.fields[name].widget
        if isinstance(
            widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput)
        ):
            return
        base = "govuk-textarea" if isinstance(widget, forms.Textarea) else "govuk-input"
        if name in self.errors or any(
            name in parts and part in self.errors
            for parts in self.date_groups.values()
            for part in parts
        ):
            base += f" {base}--error"
        extra = widget.attrs.get("data-width", "")
        widget.attrs["class"] = f"{base} {extra}".strip()
        described = []
        if self.fields[name].help_text:
            described.append(f"{self[name].auto_id}-hint")
        if name in self.errors:
            described.append(f"{self[name].auto_id}-error")
        if described:
            widget.attrs["aria-describedby"] = " ".join(described)

    def error_links(self):
        """(anchor id, message) pairs for the error summary, in field order."""
        links = [("main-content", error) for error in self.non_field_errors()]
        for name in self.fields:
            for error in self.errors.get(name, []):
                links.append((self[name].id_for_label, error))
        return links


class UrgentForm(StepForm):
    heading = _("Does anyone need help urgently?")
    situation = forms.ChoiceField(
        label=_("Is anyone in danger now, or being abused or neglected?"),
        choices=[
            ("danger", _("Yes, someone is in danger now")),
            ("abuse", _("Yes, I think an adult is being abused or neglected")),
            ("none", _("No")),
        ],
        widget=forms.RadioSelect,
        error_messages=required(_("Select whether anyone is in danger or being abused")),
    )


class WhoForm(StepForm):
    heading = _("Who is filling in this form?")
    filled_in_by = forms.ChoiceField(
        label=_("Who is filling in this form?"),
        choices=[
            (FilledInBy.MYSELF, _("I am asking for help for myself")),
            (FilledInBy.SOMEONE_ELSE, _("I am asking for help for someone else")),
            (FilledInBy.CARER, _("I look after someone and want support as a carer")),
        ],
        widget=forms.RadioSelect,
        error_messages=required(_("Select who is filling in this form")),
    )


class ConsentForm(StepForm):
    heading = _("Agreeing to share information")
    agrees = forms.BooleanField(
        label=_("I agree to the council storing my answers and using them to help me"),
        required=False,
    )
    person_agrees = forms.ChoiceField(
        label=_("Does the person know you are asking for help for them, and do they agree?"),
        choices=[
            ("yes", _("Yes, they know and agree")),
            ("cannot_decide", _("They are not able to decide this for themselves")),
            ("no", _("No, they do not know or do not agree")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields[
            "agrees" if self.filled_in_by == FilledInBy.SOMEONE_ELSE else "person_agrees"
        ]

    def clean(self):
        cleaned = super().clean()
        if "agrees" in self.fields and not cleaned.get("agrees"):
            self.add_error(
                "agrees", _("Tick the box to agree, so we can use your answers to help you")
            )
        if "person_agrees" in self.fields and not cleaned.get("person_agrees"):
            self.add_error("person_agrees", _("Select whether the person knows and agrees"))
        return cleaned


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


class SituationForm(StepForm):
    what_is_happening = text_field(
        _("What is happening?"),
        5000,
        textarea=True,
        required_message=_("Tell us what is happening"),
    )
    what_matters = text_field(
        _("What matters most? (optional)"),
        3000,
        textarea=True,
        message_label=_("What matters most"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.heading = _("What is happening")
        self.fields["what_is_happening"].help_text = self.you(
            _("Tell us in your own words what is difficult at the moment"),
            _("Tell us in your own words what is difficult for them at the moment"),
        )
        self.fields["what_matters"].help_text = self.you(
            _("For example, staying in your own home, or getting out to see friends"),
            _("For example, staying in their own home, or getting out to see friends"),
        )


class OutcomesForm(StepForm):
    heading = _("What would help")
    outcomes = forms.MultipleChoiceField(
        choices=WellbeingOutcome.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply"),
    )
    something_else = text_field(
        _("Something else (optional)"), 500, message_label=_("Something else")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].label = self.you(
            _("What would you like help with?"), _("What would they like help with?")
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("outcomes") and not cleaned.get("something_else") and not self.errors:
            self.add_error(
                "outcomes",
                _("Select at least one thing that would help, or tell us about something else"),
            )
        return cleaned


class CarerForm(StepForm):
    heading = _("About your caring role")
    cared_for_name = text_field(
        _("Name of the person you care for (optional)"), 200, message_label=_("Their name")
    )
    relationship = text_field(
        _("How are they related to you?"),
        100,
        required_message=_(
            "Enter how the person you care for is related to you, like mother or partner"
        ),
        help_text=_("For example, mother, partner, son or friend"),
        message_label=_("How they are related to you"),
    )
    hours = forms.ChoiceField(
        label=_("How many hours a week do you spend caring?"),
        choices=CaringHours.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Select how many hours a week you spend caring")),
    )
    support_for = forms.ChoiceField(
        label=_("Who is the support for?"),
        choices=CarerSupportFor.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Select who the support is for")),
    )
    wants_assessment = forms.TypedChoiceField(
        label=_("Would you like a carer's assessment?"),
        help_text=_(
            "A carer's assessment is a free conversation about how caring affects you and what would help"
        ),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages=required(_("Select yes if you would like a carer's assessment")),
    )


class GPForm(StepForm):
    gp_practice = text_field(
        _("GP practice name (optional)"), 200, message_label=_("GP practice name")
    )
    gp_town = text_field(
        _("Town or area of the GP practice (optional)"), 100, message_label=_("GP practice town")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.heading = self.you(_("Your GP"), _("Their GP"))


class ServicesForm(StepForm):
    heading = _("Services you have already looked at")
    services = forms.MultipleChoiceField(
        label=_("Services from your shortlist"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Untick any you do not want to tell us about"),
    )
    other_help = text_field(
        _("Anything else you have tried? (optional)"),
        1000,
        textarea=True,
        message_label=_("Anything else you have tried"),
    )

    def __init__(self, *args, service_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = list(service_choices)
        if not service_choices:
            del self.fields["services"]


class CheckForm(StepForm):
    """Check your answers: nothing to type, the template lists every answer."""

    heading = _("Check your answers before sending your request")


class DeclarationForm(StepForm):
    heading = _("Send your request")
    declaration = forms.BooleanField(
        label=_(
            "I confirm that the information I have given is correct to the best of my knowledge"
        ),
        error_messages=required(_("Tick the box to confirm the information is correct")),
    )
    send_confirmation = forms.BooleanField(
        label=_("Email me a confirmation with the reference number"), required=False
    )
    # A honeypot: hidden from people, filled in by some spam robots.
    website = forms.CharField(
        label=_("Leave this blank"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, has_email: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_email:
            del self.fields["send_confirmation"]

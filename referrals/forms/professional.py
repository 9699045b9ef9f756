"""Steps only a professional referring someone is asked, one question a page: their role,
their organisation, who gave consent to the referral and when. (Their name and work contact
are the "someone else" steps, `YourNameForm` and `YourContactForm`, which ask a professional
for both a phone number and an email address: the team's feedback goes there.)"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from referrals.choices import CONSENT_GIVEN_BY_HINTS, ConsentGivenBy, ProfessionalRole
from referrals.forms.steps import StepForm, required, reveal_answer, text_field

# How far back a consent date may be: a referral is made soon after the person agrees.
CONSENT_MAX_AGE_DAYS = 365
CONSENT_DATE_PARTS = ("consent_day", "consent_month", "consent_year")


class ProfessionalRoleForm(StepForm):
    """One question; under "Other", a box for the role (always shown: see field.html)."""

    reveals = {"role": {ProfessionalRole.OTHER: "role_other"}}
    role = forms.ChoiceField(
        label=_("What is your role?"),
        choices=ProfessionalRole.choices,
        widget=forms.RadioSelect,
        required=False,  # checked in clean: without JavaScript, a role typed is enough
    )
    role_other = text_field(_("If other, what is your role?"), 100, message_label=_("Your role"))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        chosen = reveal_answer(cleaned, "role", self.reveals["role"])
        if not chosen:
            self.add_error("role", _("Select your role"))
        elif chosen == ProfessionalRole.OTHER and not cleaned.get("role_other"):
            self.add_error("role_other", _("Enter your role"))
        return cleaned


class OrganisationForm(StepForm):
    organisation = text_field(
        _("What is the name of your organisation?"),
        200,
        required_message=_("Enter the name of your organisation"),
        help_text=_("For example, the name of your GP practice, hospital ward or team, or charity"),
        message_label=_("Organisation name"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"


class ConsentGivenByForm(StepForm):
    option_hints = {"consent_given_by": CONSENT_GIVEN_BY_HINTS}
    consent_given_by = forms.ChoiceField(
        label=_("Who gave consent for this referral?"),
        choices=ConsentGivenBy.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "We can only accept a referral the person, or someone who can decide for them, has agreed to"
        ),
        error_messages=required(_("Select who gave consent for this referral")),
    )


class ConsentDateForm(StepForm):
    """A GOV.UK date input: when consent was given. Today or before, within the last year."""

    date_groups = {"consent_date": CONSENT_DATE_PARTS}
    date_labels = {"consent_date": _("When was consent given?")}
    consent_day = forms.CharField(label=_("Day"), max_length=2, required=False)
    consent_month = forms.CharField(label=_("Month"), max_length=2, required=False)
    consent_year = forms.CharField(label=_("Year"), max_length=4, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.date_hints = {
            "consent_date": _("For example, %(example)s")
            % {"example": f"{today.day} {today.month} {today.year}"}
        }
        for name, width in zip(CONSENT_DATE_PARTS, (2, 2, 4), strict=True):
            field = self.fields[name]
            field.error_messages["max_length"] = _("Date consent was given must be a real date")
            field.widget.attrs.update(
                {
                    "inputmode": "numeric",
                    "data-width": f"govuk-date-input__input govuk-input--width-{width}",
                }
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            cleaned["consent_date"] = self._clean_consent_date(cleaned)
        return cleaned

    def _clean_consent_date(self, cleaned) -> str | None:
        """The date as an ISO string, or None with the GOV.UK error on the part to fix."""
        parts = {
            part: (cleaned.get(f"consent_{part}") or "").strip()
            for part in ("day", "month", "year")
        }
        if not any(parts.values()):
            self.add_error("consent_day", _("Enter the date consent was given"))
            return None
        missing = [part for part, value in parts.items() if not value]
        if missing:
            self.add_error(
                f"consent_{missing[0]}",
                _("Date consent was given must include a %(part)s") % {"part": missing[0]},
            )
            return None
        if not all(value.isdigit() for value in parts.values()) or len(parts["year"]) != 4:
            self.add_error("consent_day", _("Date consent was given must be a real date"))
            return None
        try:
            given = datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            self.add_error("consent_day", _("Date consent was given must be a real date"))
            return None
        today = timezone.localdate()
        if given > today:
            self.add_error("consent_day", _("Date consent was given must be today or in the past"))
            return None
        earliest = today - datetime.timedelta(days=CONSENT_MAX_AGE_DAYS)
        if given < earliest:
            self.add_error(
                "consent_day",
                _("Date consent was given must be the same as or after %(date)s")
                % {"date": date_format(earliest, "j F Y")},
            )
            return None
        return given.isoformat()

"""The self-referral questions, one form per wizard step, with GOV.UK-style error messages.

Forms validate everything a person types; the wizard only moves between them. Labels speak
to the person filling in the form ("you" or "they"), chosen by who they said they are.

One module per group of wizard steps (`start`, `people`, `needs`, `finish`) over the shared
`steps` base; every form and helper is importable from `referrals.forms`.
"""

from referrals.forms.finish import CheckForm, GPForm, ServicesForm
from referrals.forms.needs import CaredForForm, CarerForm, OutcomesForm, SituationForm
from referrals.forms.people import CommunicationForm, PersonForm, YourDetailsForm
from referrals.forms.start import ConsentForm, UrgentForm, WhoForm
from referrals.forms.steps import (
    PHONE_RE,
    YES_NO,
    StepForm,
    bounded,
    clean_phone,
    required,
    text_field,
)

__all__ = [
    "PHONE_RE",
    "YES_NO",
    "CaredForForm",
    "CarerForm",
    "CheckForm",
    "CommunicationForm",
    "ConsentForm",
    "GPForm",
    "OutcomesForm",
    "PersonForm",
    "ServicesForm",
    "SituationForm",
    "StepForm",
    "UrgentForm",
    "WhoForm",
    "YourDetailsForm",
    "bounded",
    "clean_phone",
    "required",
    "text_field",
]

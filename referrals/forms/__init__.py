"""The self-referral questions, one form per wizard step, with GOV.UK-style error messages.

Forms validate everything a person types; the wizard only moves between them. Labels speak
to the person filling in the form ("you" or "they"), chosen by who they said they are.

One module per group of wizard steps (`start`, `people`, `professional`, `needs`, `finish`) over the shared
`steps` base; every form and helper is importable from `referrals.forms`.
"""

from referrals.forms.finish import CheckForm, GPForm, SendCheckForm, ServicesForm, TriedForm
from referrals.forms.follow import AddUpdateForm, FindRequestForm
from referrals.forms.needs import (
    CaredForForm,
    CarersAssessmentForm,
    CaringHoursForm,
    OutcomesForm,
    SituationForm,
    SupportForForm,
    TellAboutCaredForForm,
    WhatMattersForm,
)
from referrals.forms.people import (
    AddressForm,
    BestTimeForm,
    CommunicationForm,
    ContactForm,
    ContactNotesForm,
    DateOfBirthForm,
    NameForm,
    RelationshipForm,
    YourContactForm,
    YourNameForm,
)
from referrals.forms.professional import (
    ConsentDateForm,
    ConsentGivenByForm,
    OrganisationForm,
    ProfessionalRoleForm,
)
from referrals.forms.start import ConsentForm, UrgentForm, WhoForm
from referrals.forms.steps import (
    PHONE_RE,
    YES_NO,
    StepForm,
    bounded,
    clean_phone,
    required,
    reveal_answer,
    reveal_answers,
    text_field,
)

__all__ = [
    "PHONE_RE",
    "YES_NO",
    "AddUpdateForm",
    "AddressForm",
    "BestTimeForm",
    "CaredForForm",
    "CarersAssessmentForm",
    "CaringHoursForm",
    "CheckForm",
    "CommunicationForm",
    "ConsentDateForm",
    "ConsentForm",
    "ConsentGivenByForm",
    "ContactForm",
    "ContactNotesForm",
    "DateOfBirthForm",
    "FindRequestForm",
    "GPForm",
    "NameForm",
    "OrganisationForm",
    "OutcomesForm",
    "ProfessionalRoleForm",
    "RelationshipForm",
    "SendCheckForm",
    "ServicesForm",
    "SituationForm",
    "StepForm",
    "SupportForForm",
    "TellAboutCaredForForm",
    "TriedForm",
    "UrgentForm",
    "WhatMattersForm",
    "WhoForm",
    "YourContactForm",
    "YourNameForm",
    "bounded",
    "clean_phone",
    "required",
    "reveal_answer",
    "reveal_answers",
    "text_field",
]

"""Steps about what is happening and what would help, and the carer's own questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from referrals.choices import (
    CarerOutcome,
    CarerSupportFor,
    CaringHours,
    FilledInBy,
    WellbeingOutcome,
)
from referrals.forms.steps import YES_NO, StepForm, required, reveal_answers, text_field


class SituationForm(StepForm):
    what_is_happening = text_field(
        _("What is happening?"),
        5000,
        textarea=True,
        required_message=_("Tell us what is happening"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields["what_is_happening"]
        if self.filled_in_by == FilledInBy.CARER:
            # The carer's own life, not the needs of the person they look after.
            f.label = _("What is happening for you as a carer?")
            f.help_text = _(
                "Tell us in your own words how caring affects you and what is hard at the moment"
            )
            return
        f.help_text = self.you(
            _("Tell us in your own words what is difficult at the moment"),
            _("Tell us in your own words what is difficult for them at the moment"),
        )


class WhatMattersForm(StepForm):
    what_matters = text_field(
        _("What matters most? (optional)"),
        3000,
        textarea=True,
        message_label=_("What matters most"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields["what_matters"]
        if self.filled_in_by == FilledInBy.CARER:
            f.label = _("What matters most to you? (optional)")
            f.help_text = _(
                "For example, keeping your job, having time for yourself, or staying well"
            )
            return
        f.label = self.you(
            _("What matters most to you? (optional)"), _("What matters most to them? (optional)")
        )
        f.help_text = self.you(
            _("For example, staying in your own home, or getting out to see friends"),
            _("For example, staying in their own home, or getting out to see friends"),
        )


SOMETHING_ELSE = "something_else"  # an option that only reveals a box; never stored


class OutcomesForm(StepForm):
    """One question: the outcomes, the last option "Something else" revealing a box."""

    reveals = {"outcomes": {SOMETHING_ELSE: "something_else"}}
    outcomes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply"),
    )
    something_else = text_field(
        _("Tell us what would help"), 500, message_label=_("Something else")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields["outcomes"]
        f.label = self.you(
            _("What would you like help with?"), _("What would they like help with?")
        )
        choices = WellbeingOutcome.choices
        if self.filled_in_by == FilledInBy.CARER:
            # The carer's own outcomes, never the cared-for person's ("Using the toilet").
            choices = CarerOutcome.choices
            f.label = _("What would help you as a carer?")
        f.choices = [*choices, (SOMETHING_ELSE, _("Something else"))]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        chosen = reveal_answers(cleaned, "outcomes", self.reveals["outcomes"])
        cleaned["outcomes"] = [choice for choice in chosen if choice != SOMETHING_ELSE]
        if SOMETHING_ELSE in chosen and not cleaned.get("something_else"):
            self.add_error("something_else", _("Tell us what else would help"))
        elif not chosen:
            self.add_error(
                "outcomes",
                _("Select at least one thing that would help, or tell us about something else"),
            )
        return cleaned


class CaringHoursForm(StepForm):
    """The carer's own caring role, one question a page. Details of the person cared for
    are optional: asked only if the carer wants them included (`CaredForForm`)."""

    hours = forms.ChoiceField(
        label=_("How many hours a week do you spend caring?"),
        choices=CaringHours.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Select how many hours a week you spend caring")),
    )


class SupportForForm(StepForm):
    support_for = forms.ChoiceField(
        label=_("Who is the support for?"),
        choices=CarerSupportFor.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Select who the support is for")),
    )


class CarersAssessmentForm(StepForm):
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


class TellAboutCaredForForm(StepForm):
    tell_about_cared_for = forms.TypedChoiceField(
        label=_("Do you want to tell us about the person you care for?"),
        help_text=_("You do not have to. If you do, we will ask their name and how you know them"),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages=required(
            _("Select yes if you want to tell us about the person you care for")
        ),
    )


class CaredForForm(StepForm):
    """Asked only when the carer said they want to tell us about the person they care for."""

    heading = _("The person you care for")
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

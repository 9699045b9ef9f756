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
from referrals.forms.steps import YES_NO, StepForm, required, text_field


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
        if self.filled_in_by == FilledInBy.CARER:
            self._speak_to_carer()
            return
        self.fields["what_is_happening"].help_text = self.you(
            _("Tell us in your own words what is difficult at the moment"),
            _("Tell us in your own words what is difficult for them at the moment"),
        )
        self.fields["what_matters"].help_text = self.you(
            _("For example, staying in your own home, or getting out to see friends"),
            _("For example, staying in their own home, or getting out to see friends"),
        )

    def _speak_to_carer(self):
        """On the carer route the questions are about the carer's own life, not the needs
        of the person they look after."""
        self.heading = _("What is happening for you as a carer")
        self.fields["what_is_happening"].label = _("What is happening for you as a carer?")
        self.fields["what_is_happening"].help_text = _(
            "Tell us in your own words how caring affects you and what is hard at the moment"
        )
        self.fields["what_matters"].label = _("What matters most to you? (optional)")
        self.fields["what_matters"].help_text = _(
            "For example, keeping your job, having time for yourself, or staying well"
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
        if self.filled_in_by == FilledInBy.CARER:
            # The carer's own outcomes, never the cared-for person's ("Using the toilet").
            self.fields["outcomes"].choices = CarerOutcome.choices
            self.fields["outcomes"].label = _("What would help you as a carer?")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("outcomes") and not cleaned.get("something_else") and not self.errors:
            self.add_error(
                "outcomes",
                _("Select at least one thing that would help, or tell us about something else"),
            )
        return cleaned


class CarerForm(StepForm):
    """The carer's own caring role. Details of the person cared for are optional: asked on
    the next step only if the carer wants them included (`CaredForForm`)."""

    heading = _("About your caring role")
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

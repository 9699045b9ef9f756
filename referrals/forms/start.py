"""Steps that open the self-referral: is anyone in danger, who is filling in the form, and
agreeing to share information."""

from django import forms
from django.utils.translation import gettext_lazy as _

from referrals.choices import FilledInBy, PersonAgrees, Urgency
from referrals.forms.steps import StepForm, required


class UrgentForm(StepForm):
    heading = _("Does anyone need help urgently?")
    has_intro = True
    situation = forms.ChoiceField(
        label=_("Is anyone in danger now, or being abused or neglected?"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Select whether anyone is in danger or being abused")),
    )


class WhoForm(StepForm):
    filled_in_by = forms.ChoiceField(
        label=_("Who is filling in this form?"),
        choices=[
            (FilledInBy.MYSELF, _("I am asking for help for myself")),
            (FilledInBy.SOMEONE_ELSE, _("I am asking for help for someone else")),
            (FilledInBy.CARER, _("I look after someone and want support as a carer")),
            (
                FilledInBy.PROFESSIONAL,
                _(
                    "I am a professional referring someone, for example a GP, social "
                    "prescriber or hospital discharge team"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages=required(_("Select who is filling in this form")),
    )


class ConsentForm(StepForm):
    heading = _("Agreeing to share information")
    has_intro = True
    agrees = forms.BooleanField(
        label=_("I agree to the council storing my answers and using them to help me"),
        required=False,
    )
    person_agrees = forms.ChoiceField(
        label=_("Does the person know you are asking for help for them, and do they agree?"),
        choices=PersonAgrees.choices,
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

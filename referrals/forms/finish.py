"""Closing steps: the GP, services looked at and anything already tried, and check your
answers (where the person accepts the declaration by sending)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from referrals.choices import FilledInBy
from referrals.forms.steps import YES_NO, StepForm, text_field


class GPForm(StepForm):
    """One group of inputs: the practice and where it is."""

    gp_practice = text_field(_("GP practice name"), 200, message_label=_("GP practice name"))
    gp_town = text_field(
        _("Town or area of the GP practice"), 100, message_label=_("GP practice town")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.heading = self.you(
            _("Which GP practice are you registered with? (optional)"),
            _("Which GP practice are they registered with? (optional)"),
        )


class ServicesForm(StepForm):
    """Asked only when the visitor saved services to a shortlist."""

    heading = _("Services you have already looked at")
    has_intro = True
    services = forms.MultipleChoiceField(
        label=_("Services from your shortlist"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Untick any you do not want to tell us about"),
    )

    def __init__(self, *args, service_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = list(service_choices)


class TriedForm(StepForm):
    other_help = text_field(
        _("Is there anything you have already tried? (optional)"),
        1000,
        textarea=True,
        message_label=_("Anything else you have tried"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_help"].help_text = _(
            "For example, a group, a service or equipment, and how it went"
        )


class CheckForm(StepForm):
    """Check your answers, and send them: the template lists every answer and the
    declaration above an "Accept and send" button. Sending is the acceptance (the GOV.UK
    check answers pattern), so there is no box to tick; the only question is whether to
    email a confirmation, asked only when an email address was given."""

    heading = _("Check your answers before sending your request")
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
        if self.filled_in_by == FilledInBy.PROFESSIONAL:
            self.heading = _("Check your answers before sending your referral")
        if not has_email:
            del self.fields["send_confirmation"]


class SendCheckForm(forms.Form):
    """From Check your answers: keep or remove the answers carried from the check."""

    send = forms.ChoiceField(
        label=_("Send the answers from the check with this request?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you want to send the answers from the check")},
    )

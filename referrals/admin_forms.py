"""Staff forms on the referral detail page: one form per action, each posting to its own view.

Every form is bound to the referral it acts on; `save(user)` does the action through the
verbs in referrals.services (which write the audit entry) and may raise TriageError.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from referrals import services
from referrals.choices import DeclineReason, HandoverState, Outcome, Status
from referrals.models import TEAM_PERMISSIONS, Partner, Referral, teams_for_user


class ReferralActionForm(forms.Form):
    """A form that acts on one referral; subclasses say how in `save`."""

    def __init__(self, *args, referral: Referral, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        self.user = user  # who is acting (None: anyone)

    def save(self, user):
        """Do the action as `user`; raises services.TriageError if it cannot be done."""
        raise NotImplementedError


class StatusForm(ReferralActionForm):
    status = forms.ChoiceField(choices=Status.choices)
    outcome = forms.ChoiceField(
        choices=[("", _("Choose an outcome (to close)")), *Outcome.choices], required=False
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        kwargs.setdefault("initial", {"status": referral.status, "outcome": referral.outcome})
        super().__init__(*args, referral=referral, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.CLOSED and not cleaned.get("outcome"):
            self.add_error("outcome", _("Choose an outcome to close the referral"))
        return cleaned

    def save(self, user):
        return services.change_status(
            self.referral, user, self.cleaned_data["status"], self.cleaned_data["outcome"]
        )


class AssignForm(ReferralActionForm):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        kwargs.setdefault("initial", {"assignee": referral.assigned_to_id})
        super().__init__(*args, referral=referral, **kwargs)
        # Offered: staff who can see this referral's team queue, and, while it is with a
        # partner, the partner's staff. A partner's staff outside the team are offered their
        # colleagues only (the council's staff list is not theirs to read).
        users = get_user_model().objects.none()
        if self.user is None or referral.team in teams_for_user(self.user):
            users = get_user_model().objects.with_perm(
                TEAM_PERMISSIONS[referral.team],
                backend="django.contrib.auth.backends.ModelBackend",
            )
        if referral.partner_id and referral.handover != HandoverState.DECLINED:
            users = users | referral.partner.members.filter(is_active=True)
        self.fields["assignee"].queryset = users.distinct().order_by("email")

    def save(self, user):
        return services.assign(self.referral, user, self.cleaned_data["assignee"])


class NoteForm(ReferralActionForm):
    text = forms.CharField(
        label=_("Add a case note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write the note before saving it"),
            "max_length": _("Notes must be 5,000 characters or fewer"),
        },
    )

    def save(self, user):
        return services.add_note(self.referral, user, self.cleaned_data["text"])


class PassForm(ReferralActionForm):
    """First Contact passes a referral to a partner organisation, saying why."""

    partner = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Partner.objects.none(),
        empty_label=_("Choose a partner"),
        error_messages={"required": _("Choose the partner to pass the referral to")},
    )
    reason = forms.CharField(
        label=_("Why it is going to them"),
        help_text=_("The partner's staff read this with the referral."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why you are passing the referral to them"),
            "max_length": _("The reason must be 2,000 characters or fewer"),
        },
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, referral=referral, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(active=True)

    def save(self, user):
        return services.pass_to_partner(
            self.referral, user, self.cleaned_data["partner"], self.cleaned_data["reason"]
        )


class AcceptForm(ReferralActionForm):
    """The partner accepts a referral waiting for it (nothing to fill in)."""

    def save(self, user):
        return services.accept_referral(self.referral, user)


class DeclineForm(ReferralActionForm):
    """The partner declines a referral waiting for it, with a reason; it goes back to First
    Contact."""

    reason = forms.ChoiceField(
        label=_("Why are you declining it?"),
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you are declining the referral")},
    )
    detail = forms.CharField(
        label=_("Anything First Contact should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("This must be 2,000 characters or fewer")},
    )

    def save(self, user):
        return services.decline_referral(
            self.referral, user, self.cleaned_data["reason"], self.cleaned_data["detail"]
        )


def queue_staff(teams, partners=()):
    """Staff who can see at least one of `teams`' queues, or are members of one of
    `partners` (ids), by email."""
    users = get_user_model().objects.filter(partners__in=partners, is_active=True)
    for team in teams:
        users = users | get_user_model().objects.with_perm(
            TEAM_PERMISSIONS[team], backend="django.contrib.auth.backends.ModelBackend"
        )
    return users.distinct().order_by("email")


class BulkAssignForm(forms.Form):
    """Assign the referrals ticked in the queue to one member of staff (or to nobody)."""

    referrals = forms.ModelMultipleChoiceField(
        queryset=Referral.objects.none(),
        error_messages={"required": _("Select at least one referral to assign")},
    )
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nobody"),
        label=_("Assign selected to"),
    )

    def __init__(self, *args, referrals, teams, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referrals"].queryset = referrals
        self.fields["assignee"].queryset = queue_staff(teams, partners)
        self.fields["assignee"].label_from_instance = lambda user: (
            user.get_full_name() or user.email
        )

    def save(self, user) -> int:
        """Assign them all, or none (services.TriageError); returns how many."""
        return services.bulk_assign(
            self.cleaned_data["referrals"], user, self.cleaned_data["assignee"]
        )

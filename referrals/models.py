"""Self-referrals: the referral (personal answers encrypted), case notes, the audit log
and the notification outbox.

Only facts needed to route, filter and count are kept in clear columns; everything a
person told us is one encrypted JSON document (`answers_encrypted`, see crypto.py).
"""

import re
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals import crypto
from referrals.choices import (
    DeclineReason,
    FilledInBy,
    HandoverState,
    HandoverStep,
    Outcome,
    Status,
    Team,
)

FIRST_CONTACT_PERMISSION = "referrals.access_first_contact_queue"
CARERS_CENTRE_PERMISSION = "referrals.access_carers_centre_queue"
EXPORT_PERMISSION = "referrals.export_referral_counts"
AUDIT_PERMISSION = "referrals.view_referralauditentry"
PARTNER_PERMISSION = "referrals.access_partner_queue"
TEAM_PERMISSIONS = {
    Team.FIRST_CONTACT: FIRST_CONTACT_PERMISSION,
    Team.CARERS_CENTRE: CARERS_CENTRE_PERMISSION,
}


def teams_for_user(user) -> list[str]:
    """The team queues a staff user may see (by permission, not group name)."""
    if not user.is_active:
        return []
    return [team for team, perm in TEAM_PERMISSIONS.items() if user.has_perm(perm)]


def partners_for_user(user) -> list[int]:
    """The ids of the active partner organisations whose referrals this staff user may see:
    those they are a member of, if they hold the partner queue permission."""
    if not user.is_active or not user.has_perm(PARTNER_PERMISSION):
        return []
    return list(Partner.objects.filter(active=True, members=user).values_list("pk", flat=True))


def may_use_queue(user) -> bool:
    """Whether the user has a queue at all: a team's, or their partner's."""
    return bool(teams_for_user(user)) or bool(partners_for_user(user))


class ReferralQuerySet(models.QuerySet):
    def for_user(self, user):
        """Referrals in the queues this user may see: their teams' queues, and those passed
        to their partner organisation that it has not declined."""
        return self.filter(
            Q(team__in=teams_for_user(user))
            | Q(
                partner__in=partners_for_user(user),
                handover__in=[HandoverState.WAITING, HandoverState.ACCEPTED],
            )
        )

    def with_partner(self, partner_ids):
        """Passed to one of these partners and not declined: what the partner may answer."""
        return self.filter(
            partner__in=partner_ids,
            handover__in=[HandoverState.WAITING, HandoverState.ACCEPTED],
        )

    def open(self):
        return self.exclude(status=Status.CLOSED)

    def awaiting_contact(self):
        """Not yet contacted (new or in review, never moved to contacted): what the promise
        of contact within N working days is about."""
        return self.filter(
            status__in=[Status.NEW, Status.IN_REVIEW], first_contacted_at__isnull=True
        )

    def overdue(self, today):
        """Awaiting contact after their due date."""
        return self.awaiting_contact().filter(due_on__lt=today)

    def due_order(self):
        """The queue's default order: those still awaiting contact first, by due date (so
        every overdue one comes first), then those contacted and open, then the closed;
        oldest first within a day. `stage` is what the queue's orderings sort on."""
        return self.annotate(
            stage=models.Case(
                models.When(status=Status.CLOSED, then=2),
                models.When(
                    status__in=[Status.NEW, Status.IN_REVIEW],
                    first_contacted_at__isnull=True,
                    then=0,
                ),
                default=1,
                output_field=models.IntegerField(),
            )
        ).order_by("stage", F("due_on").asc(nulls_last=True), "created_at", "pk")

    def purge_due(self, now, retention_days: int):
        """Closed more than `retention_days` ago and still holding personal data."""
        return self.filter(
            status=Status.CLOSED,
            closed_at__lt=now - timedelta(days=retention_days),
            purged_at__isnull=True,
        )


class Partner(models.Model):
    """A partner organisation (the Carers Centre first; any voluntary organisation in the
    directory can be made one): its staff see only the referrals passed to it, and accept or
    decline each. A partner with a `team` is that team's queue (the Carers Centre)."""

    name = models.CharField(max_length=120, unique=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation in the directory, if it is listed there."),
    )
    team = models.CharField(
        max_length=20,
        choices=Team.choices,
        blank=True,
        help_text=_("The team queue this partner works from (the Carers Centre); usually none."),
    )
    inbox_email = models.EmailField(
        _("Team inbox email"),
        blank=True,
        help_text=_("Told (by reference only) when a referral is passed to the partner."),
    )
    working_days = models.PositiveSmallIntegerField(
        _("Working days to answer"),
        default=5,
        help_text=_("How many working days the partner has to accept or decline a referral."),
    )
    active = models.BooleanField(default=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="partners",
        help_text=_(
            "Staff of the partner: they see only its referrals (they also need the Partner role)."
        ),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["team"], condition=~Q(team=""), name="partner_one_per_team"
            )
        ]

    def __str__(self):
        return self.name


class Referral(models.Model):
    reference = models.CharField(max_length=10, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    team = models.CharField(max_length=20, choices=Team.choices, db_index=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    filled_in_by = models.CharField(max_length=20, choices=FilledInBy.choices)
    area = models.ForeignKey(
        "directory.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    postcode_district = models.CharField(max_length=4, blank=True)
    is_carer = models.BooleanField(default=False)
    carer_assessment_requested = models.BooleanField(default=False)
    needs = models.JSONField(default=list, blank=True, help_text="Wellbeing outcome codes.")
    answers_encrypted = models.TextField(blank=True, help_text="Fernet token of the answers.")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_referrals",
    )
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The date the person was promised contact by: received + the team's working days
    # (referrals.next_steps.due_date), fixed when the referral is stored.
    due_on = models.DateField(null=True, blank=True, db_index=True)
    # For the measures: set the first time the status moves to contacted / closed, never
    # cleared (closed_at is cleared on reopening).
    first_contacted_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    purged_at = models.DateTimeField(null=True, blank=True)
    event_token = models.UUIDField(default=uuid.uuid4, editable=False)
    # One per wizard run (random, not personal): a repeated or concurrent final step finds
    # the referral already stored instead of storing it twice.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Passed to a partner organisation (by the routing rules or by First Contact): which
    # one, and its answer; the steps, with reasons (encrypted), are its HandoverEvents.
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    handover = models.CharField(
        max_length=10, choices=HandoverState.choices, blank=True, db_index=True
    )
    handover_at = models.DateTimeField(null=True, blank=True)
    # When the person who referred was sent each notification (by the outbox worker).
    referrer_told_accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    referrer_told_closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["team", "status", "created_at"], name="referral_queue"),
            models.Index(fields=["team", "status", "due_on"], name="referral_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.CLOSED) | ~Q(outcome=""),
                name="referral_closed_has_outcome",
            )
        ]
        permissions = [
            ("access_first_contact_queue", "Can see and act on the First Contact queue"),
            ("access_carers_centre_queue", "Can see and act on the Carers Centre queue"),
            ("export_referral_counts", "Can export anonymised referral counts"),
            ("access_partner_queue", "Can see and answer their partner's referrals"),
        ]

    def __str__(self):
        return self.reference

    @property
    def answers(self) -> dict:
        """The decrypted answers ({} once purged)."""
        if not self.answers_encrypted:
            return {}
        return crypto.decrypt_json(self.answers_encrypted)

    @answers.setter
    def answers(self, value: dict) -> None:
        self.answers_encrypted = crypto.encrypt_json(value)

    @property
    def is_purged(self) -> bool:
        return self.purged_at is not None

    def due_state(self, today) -> str:
        """ "overdue", "due_today" or "" (contacted, closed, or not due yet)."""
        awaiting = self.status in (Status.NEW, Status.IN_REVIEW) and not self.first_contacted_at
        if not awaiting or self.due_on is None or self.due_on > today:
            return ""
        return "due_today" if self.due_on == today else "overdue"

    @property
    def time_to_first_contact(self) -> timedelta | None:
        return self.first_contacted_at - self.created_at if self.first_contacted_at else None

    @property
    def time_to_close(self) -> timedelta | None:
        return self.first_closed_at - self.created_at if self.first_closed_at else None


class EncryptedEntry(models.Model):
    """A dated piece of free text about a referral, encrypted at rest like its answers."""

    created_at = models.DateTimeField(default=timezone.now)
    text_encrypted = models.TextField()

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    @property
    def text(self) -> str:
        return crypto.decrypt_json(self.text_encrypted)

    @text.setter
    def text(self, value: str) -> None:
        self.text_encrypted = crypto.encrypt_json(value)


class CaseNote(EncryptedEntry):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"Note on {self.referral_id} at {self.created_at:%Y-%m-%d %H:%M}"


class ReferralUpdate(EncryptedEntry):
    """Something the person added after sending ("Follow my request"): appended to the same
    referral as its own encrypted entry, so nobody sends a second referral or tells their
    story again. Staff see it on the referral's timeline."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="updates")

    def __str__(self):
        return f"Update to {self.referral_id} at {self.created_at:%Y-%m-%d %H:%M}"


class HandoverEvent(EncryptedEntry):
    """One step of a referral's handover to a partner: routed or passed to it (with First
    Contact's reason), accepted, or declined (with a reason code and optional detail). The
    free text is encrypted like a case note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="handovers")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    step = models.CharField(max_length=10, choices=HandoverStep.choices)
    reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.step} {self.referral_id} at {self.created_at:%Y-%m-%d %H:%M}"


class ReferralAuditEntry(models.Model):
    """Who did what to which referral, and when. No personal data in `details`."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        STATUS_CHANGED = "status_changed", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        NOTE_ADDED = "note_added", _("Case note added")
        EXPORTED = "exported", _("Exported counts")
        PURGED = "purged", _("Personal data purged")
        STATUS_CHECKED = "status_checked", _("Status checked by the person")
        UPDATE_ADDED = "update_added", _("Update added by the person")
        PASSED = "passed_to_partner", _("Passed to a partner")
        ACCEPTED = "partner_accepted", _("Accepted by the partner")
        DECLINED = "partner_declined", _("Declined by the partner")

    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    reference = models.CharField(max_length=10, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    details = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "referral audit entries"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.reference}"

    @property
    def details_display(self) -> str:
        """The details with status and outcome codes as their labels ("New → In review")."""
        labels = {**dict(Status.choices), **dict(Outcome.choices), **dict(DeclineReason.choices)}
        return re.sub(r"[a-z_]+", lambda m: str(labels.get(m.group(0), m.group(0))), self.details)


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)


class OutboxMessage(models.Model):
    """A notification waiting to leave: written with its referral (or, for an email to a
    member of staff, with whatever made it necessary), sent by process_outbox. Recipients,
    and the bodies of staff emails (a reset link is a secret), are stored encrypted in
    `payload` and removed once sent; neither __str__ nor the status page shows them."""

    class Kind(models.TextChoices):
        TEAM_EMAIL = "team_email", _("Email to the team inbox")
        CONFIRMATION_EMAIL = "confirmation_email", _("Confirmation email to the person")
        WEBHOOK = "webhook", _("Webhook to case management")
        ACCOUNT_EMAIL = "account_email", _("Email to a member of staff")
        UPDATE_EMAIL = "update_email", _("Email to the team inbox: the person added something")
        PARTNER_EMAIL = "partner_email", _("Email to a partner's inbox: a referral passed to it")
        REFERRER_ACCEPTED = "referrer_accepted", _("Email to the referrer: accepted")
        REFERRER_CLOSED = "referrer_closed", _("Email to the referrer: closed")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        DEAD = "dead", _("Dead letter")

    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="outbox"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    idempotency_key = models.CharField(max_length=80, unique=True)
    payload = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        # The key is a reference or a random id, never an address.
        return f"{self.kind} {self.idempotency_key} ({self.status})"

"""What happens to a referral: submitted, viewed, assigned, noted, moved on, closed, counted.

Views call these verbs; each one writes its audit entry in the same transaction.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from directory.geography import area_for_postcode
from directory.postcodes import outcode_of
from portal.suppression import suppress
from referrals import outbox, routing
from referrals.choices import DeclineReason, HandoverState, HandoverStep, Outcome, Status, Team
from referrals.events import referral_outcome_changed, referral_progressed, referral_submitted
from referrals.models import (
    CaseNote,
    HandoverEvent,
    OutboxMessage,
    Partner,
    Referral,
    ReferralAuditEntry,
)
from referrals.next_steps import confirmation_address, default_site_settings, due_date
from referrals.references import new_reference

logger = logging.getLogger(__name__)
REFERENCE_ATTEMPTS = 8

# Which status may follow which. Closing needs an outcome; reopening is allowed until purge.
TRANSITIONS = {
    Status.NEW: {Status.IN_REVIEW, Status.CONTACTED, Status.CLOSED},
    Status.IN_REVIEW: {Status.NEW, Status.CONTACTED, Status.CLOSED},
    Status.CONTACTED: {Status.IN_REVIEW, Status.CLOSED},
    Status.CLOSED: {Status.IN_REVIEW},
}


class TriageError(Exception):
    """An action that cannot be done; the message is safe to show to staff."""


def stored_submission(submission_key) -> Referral | None:
    """The referral already stored by this wizard run (its submission key), if any."""
    if submission_key is None:
        return None
    return Referral.objects.filter(submission_key=submission_key).first()


def submit_referral(answers: dict, *, visit: str = "", submission_key=None, now=None) -> Referral:
    """Store a validated referral with its analytics event and notifications, in one
    transaction. Returns the saved Referral (with its new unique reference).

    `submission_key` (a UUID, one per wizard run) makes it idempotent: sent again, even
    concurrently, it returns the referral already stored and stores nothing more.
    """
    stored = stored_submission(submission_key)
    if stored is not None:
        return stored
    now = now or timezone.now()
    postcode = (answers.get("person") or {}).get("postcode", "")
    area = area_for_postcode(postcode)
    carer = answers.get("carer") or {}
    team = routing.team_for(answers)
    partner = routing.partner_for(team)
    fields = {
        "created_at": now,
        "team": team,
        "due_on": due_date(now, team, default_site_settings()),
        "filled_in_by": answers["filled_in_by"],
        "area": area,
        "postcode_district": outcode_of(postcode),
        "is_carer": routing.is_carer(answers),
        "carer_assessment_requested": routing.is_carer(answers)
        and bool(carer.get("wants_assessment")),
        "needs": list(answers.get("outcomes") or []),
        # Routed to a partner's queue (the Carers Centre): it waits for the partner to accept.
        "partner": partner,
        "handover": HandoverState.WAITING if partner else "",
        "handover_at": now if partner else None,
    }
    confirmation_to = confirmation_address(answers)
    for attempt in range(1, REFERENCE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                referral = Referral(
                    reference=new_reference(), submission_key=submission_key, **fields
                )
                referral.answers = answers
                referral.save(force_insert=True)
                if partner is not None:
                    _handover_event(referral, partner, HandoverStep.ROUTED, None, now=now)
                referral_submitted.send(Referral, referral=referral, visit=visit)
                # Only written here: process_outbox sends them, never this request, so a
                # hanging mail server or webhook cannot hold up the person's confirmation.
                outbox.enqueue_for_referral(referral, confirmation_to)
            return referral
        except IntegrityError:
            stored = stored_submission(submission_key)
            if stored is not None:  # the same run, sent at the same moment: stored once
                logger.info("Self-referral sent twice; the first is kept")
                return stored
            # Otherwise a reference collision (1 in 887 million per pair); draw again.
            if attempt == REFERENCE_ATTEMPTS:
                raise
            logger.warning("Referral reference collision; retrying")
    raise AssertionError("unreachable")


def audit(
    referral: Referral | None, user, action: str, details: str = "", *, now=None
) -> ReferralAuditEntry:
    return ReferralAuditEntry.objects.create(
        referral=referral,
        reference=referral.reference if referral else "",
        user=user if user and user.is_authenticated else None,
        action=action,
        details=details[:255],
        created_at=now or timezone.now(),
    )


def record_view(referral: Referral, user) -> None:
    audit(referral, user, ReferralAuditEntry.Action.VIEWED)


@transaction.atomic
def change_status(
    referral: Referral, user, status: str, outcome: str = "", *, now=None, notify=True
) -> Referral:
    """Move a referral on. Closing needs an outcome and records it for analytics, and tells
    the person who referred (once per referral; `notify=False` for history written after the
    fact, like the demo data's). `now` (default: the present) is when it happened."""
    if referral.is_purged:
        raise TriageError("This referral's personal data has been removed; it cannot be changed.")
    if status == referral.status:
        raise TriageError("The referral already has that status.")
    if status not in TRANSITIONS.get(referral.status, set()):
        raise TriageError(
            f"A referral cannot go from {Status(referral.status).label} to {Status(status).label}."
        )
    if status == Status.CLOSED and outcome not in Outcome.values:
        raise TriageError("Choose an outcome to close the referral.")
    previous = referral.status
    referral.status = status
    now = now or timezone.now()
    if status == Status.CLOSED:
        referral.outcome, referral.closed_at = outcome, now
        referral.first_closed_at = referral.first_closed_at or now
    else:
        referral.outcome, referral.closed_at = "", None
    if status == Status.CONTACTED:
        referral.first_contacted_at = referral.first_contacted_at or now
    referral_outcome_changed.send(Referral, referral=referral)
    referral.save(
        update_fields=[
            "status",
            "outcome",
            "closed_at",
            "first_contacted_at",
            "first_closed_at",
            "updated_at",
        ]
    )
    details = f"{previous} → {status}" + (
        f" ({outcome})" if outcome and status == Status.CLOSED else ""
    )
    audit(referral, user, ReferralAuditEntry.Action.STATUS_CHANGED, details, now=now)
    if status == Status.CLOSED and notify:
        outbox.enqueue_referrer_notice(referral, OutboxMessage.Kind.REFERRER_CLOSED)
    referral_progressed.send(Referral, referral=referral)
    return referral


def may_see(user, referral: Referral) -> bool:
    """Whether `user` can see `referral` in one of their queues (team or partner)."""
    return Referral.objects.for_user(user).filter(pk=referral.pk).exists()


def _handover_event(referral, partner, step, user, *, text="", reason="", now=None):
    event = HandoverEvent(
        referral=referral,
        partner=partner,
        step=step,
        reason=reason,
        user=user if user and user.is_authenticated else None,
        created_at=now or timezone.now(),
    )
    event.text = text
    event.save()
    return event


def _open_for_handover(referral: Referral) -> None:
    """Refuse a handover step on a purged or closed referral. The referral's row is locked
    and its handover re-read first, so two answers at once cannot both be taken."""
    locked = (
        Referral.objects.select_for_update()
        .only("handover", "partner", "status")
        .get(pk=referral.pk)
    )
    referral.handover, referral.partner_id = locked.handover, locked.partner_id
    referral.status = locked.status
    if referral.is_purged:
        raise TriageError("This referral's personal data has been removed; it cannot be changed.")
    if referral.status == Status.CLOSED:
        raise TriageError("The referral is closed. Reopen it first.")


@transaction.atomic
def pass_to_partner(referral: Referral, user, partner: Partner, reason: str, *, now=None):
    """First Contact passes a referral to a partner organisation, with its reason (kept
    encrypted, shown on the referral's timeline). It waits there for the partner to accept or
    decline; the partner's inbox is told by reference."""
    _open_for_handover(referral)
    if not partner.active:
        raise TriageError("That partner is not taking referrals.")
    if referral.handover in (HandoverState.WAITING, HandoverState.ACCEPTED):
        raise TriageError(f"The referral is already with {referral.partner}.")
    now = now or timezone.now()
    referral.partner, referral.handover, referral.handover_at = (
        partner,
        HandoverState.WAITING,
        now,
    )
    if partner.team and partner.team != referral.team:
        referral.team, referral.assigned_to = partner.team, None
    referral.save(
        update_fields=["partner", "handover", "handover_at", "team", "assigned_to", "updated_at"]
    )
    event = _handover_event(referral, partner, HandoverStep.PASSED, user, text=reason, now=now)
    if partner.inbox_email:
        outbox.enqueue_partner_email(referral, partner, event.pk)
    audit(referral, user, ReferralAuditEntry.Action.PASSED, f"to partner {partner.pk}", now=now)
    referral_progressed.send(Referral, referral=referral)
    return referral


def _waiting(referral: Referral) -> Partner:
    _open_for_handover(referral)
    if referral.handover != HandoverState.WAITING or referral.partner is None:
        raise TriageError("The referral is not waiting for a partner to accept it.")
    return referral.partner


@transaction.atomic
def accept_referral(referral: Referral, user, *, now=None, notify=True) -> Referral:
    """The partner accepts the referral: it stays in its queue, and the person who
    referred is told (once; `notify=False` for history written after the fact)."""
    partner = _waiting(referral)
    now = now or timezone.now()
    referral.handover, referral.handover_at = HandoverState.ACCEPTED, now
    referral.save(update_fields=["handover", "handover_at", "updated_at"])
    _handover_event(referral, partner, HandoverStep.ACCEPTED, user, now=now)
    audit(referral, user, ReferralAuditEntry.Action.ACCEPTED, f"by partner {partner.pk}", now=now)
    if notify:
        outbox.enqueue_referrer_notice(referral, OutboxMessage.Kind.REFERRER_ACCEPTED)
    referral_progressed.send(Referral, referral=referral)
    return referral


@transaction.atomic
def decline_referral(referral: Referral, user, reason: str, detail: str = "", *, now=None):
    """The partner declines the referral with a reason (DeclineReason, and optional detail,
    encrypted): it goes back to the First Contact queue, unassigned, flagged as declined."""
    partner = _waiting(referral)
    if reason not in DeclineReason.values:
        raise TriageError("Choose why you are declining the referral.")
    now = now or timezone.now()
    referral.handover, referral.handover_at = HandoverState.DECLINED, now
    referral.team, referral.assigned_to = Team.FIRST_CONTACT, None
    referral.save(update_fields=["handover", "handover_at", "team", "assigned_to", "updated_at"])
    _handover_event(
        referral, partner, HandoverStep.DECLINED, user, text=detail, reason=reason, now=now
    )
    audit(referral, user, ReferralAuditEntry.Action.DECLINED, reason, now=now)
    referral_progressed.send(Referral, referral=referral)
    return referral


@transaction.atomic
def assign(referral: Referral, user, assignee) -> Referral:
    """Assign to a member of staff who can see the referral's queue (or None to unassign)."""
    if assignee is not None and not may_see(assignee, referral):
        raise TriageError("That person cannot see this team's queue.")
    referral.assigned_to = assignee
    referral.save(update_fields=["assigned_to", "updated_at"])
    audit(
        referral,
        user,
        ReferralAuditEntry.Action.ASSIGNED,
        f"to user {assignee.pk}" if assignee else "unassigned",
    )
    return referral


@transaction.atomic
def bulk_assign(referrals, user, assignee) -> int:
    """Assign every one of `referrals` to `assignee` (or None), each audited; all or none
    (TriageError if the assignee cannot see one of them). Returns how many."""
    count = 0
    for referral in referrals:
        assign(referral, user, assignee)
        count += 1
    return count


@transaction.atomic
def add_note(referral: Referral, user, text: str) -> CaseNote:
    if referral.is_purged:
        raise TriageError("This referral's personal data has been removed; notes cannot be added.")
    note = CaseNote(referral=referral, author=user)
    note.text = text
    note.save()
    audit(referral, user, ReferralAuditEntry.Action.NOTE_ADDED)
    return note


COUNT_COLUMNS = ["month", "team", "area", "status", "outcome", "count"]


def anonymised_counts(referrals) -> list[list]:
    """Rows of counts by month, team, area, status and outcome: no references, no people."""
    rows = (
        referrals.annotate(month=TruncMonth("created_at"))
        .values("month", "team", "area__name", "status", "outcome")
        .annotate(count=Count("pk"))
        .order_by("month", "team", "area__name", "status", "outcome")
    )
    return [
        [
            row["month"].strftime("%Y-%m") if row["month"] else "",
            row["team"],
            row["area__name"] or "Unknown",
            row["status"],
            row["outcome"],
            row["count"],
        ]
        for row in rows
    ]


def export_counts(referrals, user) -> list[list]:
    """The counts for a CSV export (COUNT_COLUMNS), with counts from 1 to 4 shown as "fewer
    than 5" by the one suppression rule, and the export written to the audit log."""
    rows = [[*row[:-1], suppress(row[-1])] for row in anonymised_counts(referrals)]
    audit(None, user, ReferralAuditEntry.Action.EXPORTED, f"{len(rows)} rows of counts")
    return rows

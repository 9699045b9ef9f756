"""Follow my request: the person who sent a referral finds it again with its reference and
the date of birth they gave, sees where it has got to in plain words, and adds something
that has changed to the same referral (no second referral, no telling the story again).

A wrong reference and a wrong date of birth get the same answer, in about the same time;
tries are rate limited per visitor (REFERRAL_STATUS_RATE_LIMIT) and every successful look
and every update is in the referral's audit log.
"""

import datetime
import hmac
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from referrals import outbox
from referrals.choices import HandoverState, Status
from referrals.models import Referral, ReferralAuditEntry, ReferralUpdate
from referrals.next_steps import TEAM_NAMES
from referrals.references import is_reference
from referrals.services import audit

# What each status means to the person, in their words (staff see the labels in choices).
STATUS_WORDS = {
    Status.NEW: (
        _("Received"),
        _("We have your request. Someone will look at it soon."),
    ),
    Status.IN_REVIEW: (
        _("Being looked at"),
        _("Someone in the team is looking at your request."),
    ),
    Status.CONTACTED: (
        _("We have contacted you"),
        _("Someone from the team has been in touch about your request."),
    ),
    Status.CLOSED: (
        _("Closed"),
        _("We have finished working on this request."),
    ),
}
UNSPACED = re.compile(r"^SP([0-9A-Z]{4})([0-9A-Z]{2})$")


def normalise_reference(text: str) -> str:
    """ "sp-7k3m-q9", "SP 7K3M Q9" and "SP7K3MQ9" are all SP-7K3M-Q9."""
    compact = re.sub(r"[\s-]", "", (text or "").upper())
    match = UNSPACED.match(compact)
    return f"SP-{match[1]}-{match[2]}" if match else compact[:12]


def find_request(reference: str, date_of_birth: str) -> Referral | None:
    """The referral with this reference whose person was born on `date_of_birth` (ISO), or
    None, whichever of the two was wrong. A referral whose personal data has been removed
    under the retention rules cannot be found this way."""
    reference = normalise_reference(reference)
    referral = (
        Referral.objects.filter(reference=reference, purged_at__isnull=True).first()
        if is_reference(reference)
        else None
    )
    given = (referral.answers.get("person") or {}).get("date_of_birth", "") if referral else ""
    # Compared in constant time, and compared even when there is no referral.
    if hmac.compare_digest(given or "-", date_of_birth or "") and referral is not None:
        audit(referral, None, ReferralAuditEntry.Action.STATUS_CHECKED)
        return referral
    return None


@dataclass(frozen=True)
class RequestStatus:
    reference: str
    received_on: datetime.datetime
    team_name: str
    status: str
    headline: str
    explanation: str
    outcome: str
    is_closed: bool
    updates: list


def request_status(referral: Referral) -> RequestStatus:
    headline, explanation = STATUS_WORDS[referral.status]
    return RequestStatus(
        reference=referral.reference,
        received_on=referral.created_at,
        team_name=_dealing_with_it(referral),
        status=referral.status,
        headline=str(headline),
        explanation=str(explanation),
        outcome=referral.get_outcome_display() if referral.outcome else "",
        is_closed=referral.status == Status.CLOSED,
        updates=list(referral.updates.all()),
    )


def _dealing_with_it(referral: Referral) -> str:
    """The team's name, or the partner organisation's once it has accepted the referral."""
    if referral.handover == HandoverState.ACCEPTED and referral.partner_id:
        return referral.partner.name
    return str(TEAM_NAMES[referral.team])


@transaction.atomic
def add_update(referral: Referral, text: str) -> ReferralUpdate:
    """Append what the person says has changed, tell the team's inbox through the outbox
    (the reference only), and audit it; all or nothing."""
    update = ReferralUpdate(referral=referral)
    update.text = text
    update.save()
    outbox.enqueue_update_email(referral, update.pk)
    audit(referral, None, ReferralAuditEntry.Action.UPDATE_ADDED)
    return update

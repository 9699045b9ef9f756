"""Provider accounts (#25 item 1): claiming a listing by a one-time code, coordinators'
invitations, memberships, and a provider's change sent to the listing's moderation workflow.

Everything that grants or refuses access is written to Wagtail's log (the listing's or the
organisation's history, and the site history report): who, what, never the email address or
the code. The code itself exists only in the email; the claim keeps a salted hash of it.
"""

import datetime
import logging
import re
import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import linebreaks
from wagtail.log_actions import log
from wagtail.models import WorkflowState

from directory.models import (
    ListingClaim,
    Organisation,
    Phone,
    ProviderMembership,
    Schedule,
    Service,
)
from directory.sanitise import html_to_text
from portal import mail
from portal.roles import PROVIDER

logger = logging.getLogger(__name__)

# Wagtail log actions (directory.wagtail_hooks registers their labels).
CLAIMED = "directory.provider_claimed"
INVITED = "directory.provider_invited"
JOINED = "directory.provider_joined"
REFUSED = "directory.provider_refused"
CHANGE_SENT = "directory.provider_change_sent"

INVITATION_SALT = "directory.providers.invitation"


def mask_email(address: str) -> str:
    """ "clubs@example.org" -> "c•••@example.org": enough to recognise, not to harvest."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def organisations_of(user):
    return Organisation.objects.filter(provider_memberships__user=user)


def is_provider_of(user, service: Service) -> bool:
    """Whether `user` looks after the organisation this listing belongs to."""
    return bool(
        user.is_authenticated
        and service.organisation_id
        and ProviderMembership.objects.filter(
            user=user, organisation_id=service.organisation_id
        ).exists()
    )


def listings_of(user) -> list[Service]:
    """The listings of every organisation the user looks after, by organisation and name,
    each with `awaiting_approval` (a change in moderation), in two queries."""
    listings = list(
        Service.objects.filter(organisation__provider_memberships__user=user)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )
    in_moderation = set(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Service),
            object_id__in=[str(listing.pk) for listing in listings],
            status=WorkflowState.STATUS_IN_PROGRESS,
        ).values_list("object_id", flat=True)
    )
    for listing in listings:
        listing.awaiting_approval = str(listing.pk) in in_moderation
    return listings


def log_refused(user, service: Service, view_name: str) -> None:
    log(instance=service, action=REFUSED, user=user, data={"view": view_name})
    logger.warning("Provider refused: user %s, listing %s (%s)", user.pk, service.pk, view_name)


def _join(user, organisation: Organisation, *, invited_by=None) -> ProviderMembership:
    """Make `user` a provider for `organisation` (idempotent), in the Provider group."""
    membership, _created = ProviderMembership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"invited_by": invited_by}
    )
    user.groups.add(Group.objects.get(name=PROVIDER))
    return membership


def create_provider_account(email: str, password: str):
    """A provider account (email as username), with no admin access; the password has passed
    AUTH_PASSWORD_VALIDATORS in the form."""
    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    user.groups.add(Group.objects.get(name=PROVIDER))
    return user


# --- Claim by one-time code -----------------------------------------------------------------


def _new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


@transaction.atomic
def start_claim(service: Service) -> ListingClaim:
    """Send a 6-digit code to the listing's public email (queued) and keep only its hash."""
    code = _new_code()
    minutes = settings.PROVIDER_CLAIM_CODE_MINUTES
    claim = ListingClaim.objects.create(
        service=service,
        email=service.email,
        code_hash=make_password(code),
        expires_at=timezone.now() + datetime.timedelta(minutes=minutes),
    )
    context = {
        "service": service,
        "code": code,
        "minutes": minutes,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    mail.queue_email(
        service.email,
        render_to_string("directory/providers/email/claim_code_subject.txt", context).strip(),
        render_to_string("directory/providers/email/claim_code_message.txt", context),
        idempotency_key=f"claim:{claim.pk}",
    )
    logger.info("Claim code queued: listing %s, claim %s", service.pk, claim.pk)
    return claim


def check_code(claim_id, service: Service, code: str) -> ListingClaim | None:
    """The claim, marked used, if `code` is its code and it is unused, in time and under the
    attempt limit; None otherwise (one answer for wrong, expired, used or locked: no oracle).
    Every wrong try counts, and the claim is locked from then on."""
    with transaction.atomic():
        claim = (
            ListingClaim.objects.select_for_update()
            .filter(pk=claim_id, service=service, used_at__isnull=True)
            .first()
        )
        if claim is None:
            return None
        usable = (
            claim.expires_at > timezone.now()
            and claim.attempts < settings.PROVIDER_CLAIM_MAX_ATTEMPTS
        )
        if usable and check_password(code.strip(), claim.code_hash):
            claim.used_at = timezone.now()
            claim.save(update_fields=["used_at"])
            return claim
        claim.attempts += 1
        claim.save(update_fields=["attempts"])
        return None


def verified_claim(claim_id, service: Service) -> ListingClaim | None:
    """A claim whose code was right, not yet given to an account, within its time."""
    return ListingClaim.objects.filter(
        pk=claim_id,
        service=service,
        used_at__isnull=False,
        user__isnull=True,
        expires_at__gt=timezone.now(),
    ).first()


@transaction.atomic
def complete_claim(claim: ListingClaim, user) -> ProviderMembership:
    """Tie the verified claim to `user` and make them a provider of the listing's organisation."""
    claim.user = user
    claim.save(update_fields=["user"])
    membership = _join(user, claim.service.organisation)
    log(
        instance=claim.service.organisation,
        action=CLAIMED,
        user=user,
        data={"listing": str(claim.service.pk), "claim": str(claim.pk)},
    )
    return membership


# --- Invitations by a coordinator ----------------------------------------------------------


def _email_digest(email: str) -> str:
    return salted_hmac(INVITATION_SALT, email.strip().lower()).hexdigest()[:32]


@dataclass(frozen=True)
class Invitation:
    organisation: Organisation
    email_digest: str
    invited_by_id: int | None

    def is_for(self, email: str) -> bool:
        return constant_time_compare(self.email_digest, _email_digest(email))


def invitation_token(organisation: Organisation, email: str, invited_by) -> str:
    """A signed token naming the organisation and a keyed hash of the address (no personal
    data in the link)."""
    return signing.dumps(
        {"o": str(organisation.pk), "e": _email_digest(email), "by": invited_by.pk},
        salt=INVITATION_SALT,
    )


def read_invitation(token: str) -> Invitation | None:
    """The invitation, or None when the token is forged, broken or older than its days."""
    try:
        data = signing.loads(
            token,
            salt=INVITATION_SALT,
            max_age=datetime.timedelta(days=settings.PROVIDER_INVITATION_DAYS),
        )
        organisation = Organisation.objects.get(pk=data["o"])
    except (signing.BadSignature, Organisation.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    return Invitation(organisation, data["e"], data.get("by"))


@transaction.atomic
def invite_provider(request, organisation: Organisation, email: str, invited_by) -> None:
    """Queue an email with the signed acceptance link (14 days), and log the invitation."""
    token = invitation_token(organisation, email, invited_by)
    context = {
        "organisation": organisation,
        "accept_url": request.build_absolute_uri(
            reverse("providers:accept_invitation", kwargs={"token": token})
        ),
        "days": settings.PROVIDER_INVITATION_DAYS,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    mail.queue_email(
        email,
        render_to_string("directory/providers/email/invitation_subject.txt", context).strip(),
        render_to_string("directory/providers/email/invitation_message.txt", context),
    )
    log(instance=organisation, action=INVITED, user=invited_by)


@transaction.atomic
def accept_invitation(invitation: Invitation, user) -> ProviderMembership:
    invited_by = get_user_model().objects.filter(pk=invitation.invited_by_id).first()
    membership = _join(user, invitation.organisation, invited_by=invited_by)
    log(instance=invitation.organisation, action=JOINED, user=user)
    return membership


# --- A provider's change to a listing --------------------------------------------------------

_PARAGRAPH_END = re.compile(r"</p>|<br\s*/?>|</li>|</h\d>", re.IGNORECASE)
PLAIN_FIELDS = ("summary", "url", "email", "fees_description", "eligibility", "accessibility_notes")


def description_as_text(description_html: str) -> str:
    """The description's paragraphs as plain text, a blank line between them."""
    paragraphs = (html_to_text(part) for part in _PARAGRAPH_END.split(description_html or ""))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def text_as_description(text: str) -> str:
    """Plain text back to simple HTML paragraphs (escaped; the model sanitises it again)."""
    return linebreaks(text.strip(), autoescape=True) if text.strip() else ""


def _public_phone(phones):
    return next((phone for phone in phones if phone.is_public), None)


def _opening_times_note(schedules):
    """The schedule that holds the opening times in words only (no days or times)."""
    return next(
        (
            schedule
            for schedule in schedules
            if not schedule.weekdays and not schedule.opens_at and schedule.description
        ),
        None,
    )


def change_form_initial(listing) -> dict:
    """The form's starting values, from the listing's latest revision (a change waiting
    for approval included, so a second change builds on the first)."""
    phone = _public_phone(listing.phones.all())
    note = _opening_times_note(listing.schedules.all())
    return {
        **{name: getattr(listing, name) for name in PLAIN_FIELDS},
        "description": description_as_text(listing.description),
        "phone": phone.number if phone else "",
        "opening_times": note.description if note else "",
    }


def _apply(listing, data: dict, initial: dict) -> None:
    for name in PLAIN_FIELDS:
        setattr(listing, name, data[name])
    if data["description"] != initial["description"]:  # untouched: keep its formatting
        listing.description = text_as_description(data["description"])
    if data["phone"] != initial["phone"]:
        phones = list(listing.phones.all())
        current = _public_phone(phones)
        if current and data["phone"]:
            current.number = data["phone"]
        elif current:
            phones.remove(current)
        else:
            phones.insert(0, Phone(number=data["phone"]))
        listing.phones = phones
    if data["opening_times"] != initial["opening_times"]:
        schedules = list(listing.schedules.all())
        note = _opening_times_note(schedules)
        if note and data["opening_times"]:
            note.description = data["opening_times"]
        elif note:
            schedules.remove(note)
        else:
            schedules.append(Schedule(description=data["opening_times"]))
        listing.schedules = schedules


@transaction.atomic
def submit_change(service: Service, data: dict, user):
    """Save the provider's change as a new revision and send it to the listing's moderation
    workflow; the live listing stays as it is until a coordinator approves. A change already
    waiting is superseded (the new revision was built on it). Returns the revision."""
    listing = service.get_latest_revision_as_object()
    _apply(listing, data, change_form_initial(listing))
    revision = listing.save_revision(user=user)
    workflow = listing.get_workflow()
    if workflow is not None:
        current = listing.current_workflow_state
        if current is not None:
            current.cancel(user=user)
        workflow.start(listing, user)
    log(
        instance=service,
        action=CHANGE_SENT,
        user=user,
        revision=revision,
        data={"moderated": workflow is not None},
    )
    return revision

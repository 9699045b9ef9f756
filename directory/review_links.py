"""The "Still correct?" links of a review reminder: signed, single use and expiring.

Each overdue listing in a reminder gets two `ReviewLink` rows, "Yes, still correct" and
"Something has changed". The address carries only the row's id, signed (so an id cannot be
guessed or altered): no name, email address or listing in it. Whether a link is used or
expired is the row's business, so a link can be refused after one use.
"""

import datetime
import uuid

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from directory.models import ReviewLink, Service
from directory.review_policy import review_policy
from directory.services import mark_reviewed

SALT = "directory.review_links"
CONFIRMED_CORRECT = "directory.confirmed_correct"  # the audit log's action


class LinkRefused(Exception):
    """The link can't be used: `reason` is "used" or "expired"."""

    def __init__(self, reason: str, link: ReviewLink):
        super().__init__(reason)
        self.reason = reason
        self.link = link


def token_for(link: ReviewLink) -> str:
    return signing.Signer(salt=SALT).sign(link.pk.hex)


def link_id(token: str) -> uuid.UUID | None:
    """The link id a token carries, or None when it was altered or made up."""
    try:
        return uuid.UUID(hex=signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def make_links(service: Service, sent_to: str, now: datetime.datetime | None = None) -> dict:
    """A new "still correct" and "something has changed" link for the listing:
    {action: absolute address}."""
    now = now or timezone.now()
    expires_at = now + datetime.timedelta(days=review_policy().review_link_valid_days)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    addresses = {}
    for action, name in (
        (ReviewLink.Action.CONFIRM, "directory:still_correct"),
        (ReviewLink.Action.CHANGE, "directory:something_changed"),
    ):
        link = ReviewLink.objects.create(
            service=service, action=action, sent_to=sent_to, expires_at=expires_at
        )
        addresses[action] = base + reverse(name, args=[token_for(link)])
    return addresses


def usable_link(token: str, action: str, *, for_update: bool = False) -> ReviewLink | None:
    """The link a token names, for `action` (None when there is none); raises LinkRefused
    when it is used or expired. `for_update` locks the row (inside a transaction)."""
    pk = link_id(token)
    if pk is None:
        return None
    links = ReviewLink.objects.select_related("service")
    if for_update:
        links = links.select_for_update(of=("self",))
    link = links.filter(pk=pk, action=action).first()
    if link is None:
        return None
    if link.used_at is not None and action == ReviewLink.Action.CONFIRM:
        raise LinkRefused("used", link)
    if link.expires_at <= timezone.now():
        raise LinkRefused("expired", link)
    return link


def confirm_still_correct(token: str) -> ReviewLink | None:
    """Use a "still correct" link: the listing is marked reviewed today, once, and the audit
    log says so (no user: whoever had the email). None for an unknown or altered token;
    raises LinkRefused when it was used or has expired.

    The row is locked until the transaction ends, so two clicks at once mark it once: the
    second waits, then finds the link used.
    """
    with transaction.atomic():
        link = usable_link(token, ReviewLink.Action.CONFIRM, for_update=True)
        if link is None:
            return None
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        service = mark_reviewed(link.service)
        log(
            instance=service,
            action=CONFIRMED_CORRECT,
            user=None,
            data={"sent_to": link.sent_to, "review_due": service.review_due.isoformat()},
        )
    return link


def follow_change_link(token: str) -> ReviewLink | None:
    """Check a "something has changed" link. It marks nothing (the edit happens after
    sign-in or claim), so it may be followed again until it expires; the first use is noted."""
    link = usable_link(token, ReviewLink.Action.CHANGE)
    if link is not None and link.used_at is None:
        ReviewLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=timezone.now())
    return link

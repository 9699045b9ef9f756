"""Review reminders: who should check which overdue listings, and the digest email they get.

A listing goes to the providers of its organisation (their provider accounts) when it has
any; otherwise to its curator if it has one, otherwise to the active coordinators of the LAC
patches its locations are in (or the patches it covers). Each listing in a digest carries its
own "Yes, still correct" and "Something has changed" links (directory.review_links). Digests
name listings only: no personal data of residents is involved.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from directory.models import Area, LocalAreaCoordinator, ProviderMembership, Service
from directory.models.services import REVIEW_INTERVAL
from directory.patches import in_patches_q
from directory.review_links import make_links
from directory.review_policy import review_policy, take_down_before
from portal.mail import queue_email

PROVIDER, COORDINATOR = "provider", "coordinator"  # ReviewLink.sent_to


@dataclass
class ReviewDigest:
    email: str
    name: str
    services: list = field(default_factory=list)
    sent_to: str = COORDINATOR  # or PROVIDER


def coordinator_email(coordinator: LocalAreaCoordinator) -> str:
    if coordinator.user_id and coordinator.user.email:
        return coordinator.user.email
    return coordinator.email


def coordinator_patches(user) -> list[Area]:
    """The LAC patches of the active coordinator whose staff account is `user` ([] if none):
    whose overdue listings the admin home shows them."""
    profile = LocalAreaCoordinator.objects.filter(user=user, is_active=True).first()
    if profile is None:
        return []
    return list(profile.patches.order_by("name"))


def overdue_by_patch(patches, today: datetime.date | None = None) -> list[tuple[Area, int]]:
    """(patch, number of listings in it overdue for review) for each patch."""
    overdue = Service.objects.overdue_for_review(today)
    return [(patch, overdue.filter(in_patches_q([patch.pk])).count()) for patch in patches]


def overdue_digests(today: datetime.date | None = None) -> tuple[list[ReviewDigest], list]:
    """(digests by recipient, overdue live listings nobody looks after)."""
    overdue = (
        Service.objects.live()
        .overdue_for_review(today)
        .select_related("curator")
        .prefetch_related("service_at_locations__location__area", "service_areas")
        .order_by("review_due", "name")
    )
    coordinators_by_patch = defaultdict(list)
    for coordinator in (
        LocalAreaCoordinator.objects.filter(is_active=True)
        .select_related("user")
        .prefetch_related("patches")
    ):
        for patch in coordinator.patches.all():
            coordinators_by_patch[patch.id].append(coordinator)
    patches_by_ward = defaultdict(set)
    for ward_id, patch_id in Area.wards.through.objects.values_list("to_area_id", "from_area_id"):
        patches_by_ward[ward_id].add(patch_id)
    providers_by_organisation = defaultdict(dict)
    for membership in ProviderMembership.objects.filter(
        organisation__services__in=overdue, user__is_active=True
    ).select_related("user"):
        user = membership.user
        if user.email:
            providers_by_organisation[membership.organisation_id][user.email] = user.get_full_name()

    digests: dict[tuple[str, str], ReviewDigest] = {}
    unassigned = []
    for service in overdue:
        recipients: dict[str, str] = {}
        providers = providers_by_organisation.get(service.organisation_id)
        if providers:
            for email, name in providers.items():
                key = (PROVIDER, email)
                digests.setdefault(key, ReviewDigest(email, name, sent_to=PROVIDER))
                digests[key].services.append(service)
            continue
        if service.curator and service.curator.email:
            curator = service.curator
            recipients[curator.email] = curator.get_full_name() or curator.email
        else:
            patch_ids = {area.id for area in service.service_areas.all()}
            for service_at_location in service.service_at_locations.all():
                area_id = service_at_location.location.area_id
                if area_id:
                    patch_ids |= patches_by_ward.get(area_id, set()) | {area_id}
            for patch_id in patch_ids:
                for coordinator in coordinators_by_patch.get(patch_id, []):
                    email = coordinator_email(coordinator)
                    if email:
                        recipients[email] = coordinator.name
        if not recipients:
            unassigned.append(service)
        for email, name in recipients.items():
            key = (COORDINATOR, email)
            digests.setdefault(key, ReviewDigest(email, name)).services.append(service)
    return [digests[key] for key in sorted(digests)], unassigned


def _in_words(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def digest_message(
    digest: ReviewDigest, today: datetime.date, links: dict | None = None
) -> tuple[str, str]:
    """(subject, plain-text body) for one digest. `links`: {service id: {action: address}},
    the "still correct" links of each listing (none in a dry run)."""
    links = links or {}
    count = len(digest.services)
    subject = f"{count} listing{'s' if count != 1 else ''} due for review"
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    greeting = f"Hello {digest.name}," if digest.name else "Hello,"
    if digest.sent_to == PROVIDER:
        intro = (
            "You look after these listings on Signpost. People use them to find support, so "
            "we ask once a year whether they are still right. Please check each one and tell "
            "us with one click."
        )
    else:
        intro = (
            f"These directory listings have not been checked for over a year "
            f"(as of {_in_words(today)}). Please check each one with the group, update it "
            "and save it, or mark it inactive if it has stopped."
        )
    lines = [greeting, "", intro, ""]
    for service in digest.services:
        lines.append(f"- {service.name} (review was due {_in_words(service.review_due)})")
        service_links = links.get(service.pk, {})
        if service_links:
            lines.append(f"  Yes, still correct: {service_links['confirm']}")
            lines.append(f"  Something has changed: {service_links['change']}")
        if digest.sent_to == COORDINATOR:
            url = reverse("wagtailsnippets_directory_service:edit", args=[service.pk])
            lines.append(f"  Edit it: {base}{url}")
        lines.append("")
    if links:
        days = review_policy().review_link_valid_days
        lines.append(
            f"The links work for {days} days. “Yes, still correct” works once, and asks you "
            "to confirm on the page it opens."
        )
        lines.append("")
    lines.append("Thank you for keeping Signpost up to date.")
    return subject, "\n".join(lines)


def idempotency_key(digest: ReviewDigest, today: datetime.date) -> str:
    """One reminder per recipient a day, however often the command runs (no address in it)."""
    recipient = hashlib.sha256(digest.email.lower().encode()).hexdigest()[:24]
    return f"review-reminder:{today.isoformat()}:{digest.sent_to}:{recipient}"


def send_review_reminders(*, dry_run: bool = False, today: datetime.date | None = None) -> dict:
    """Queue one digest per recipient, with fresh links; returns counts for the command."""
    today = today or timezone.localdate()
    digests, unassigned = overdue_digests(today)
    sent = 0
    for digest in digests:
        if dry_run:
            continue
        with transaction.atomic():
            links = {service.pk: make_links(service, digest.sent_to) for service in digest.services}
            subject, body = digest_message(digest, today, links)
            queue_email(digest.email, subject, body, idempotency_key=idempotency_key(digest, today))
        sent += 1
    return {
        "digests": digests,
        "sent": sent,
        "listings": len({service.pk for digest in digests for service in digest.services}),
        "unassigned": unassigned,
    }


NEEDS_CHECKING = "directory.needs_checking"  # the audit log's action for a listing taken down


def listings_to_take_down(today: datetime.date | None = None):
    """Live listings past their review date by both periods of the review policy."""
    return Service.objects.filter(live=True, review_due__lt=take_down_before(today)).order_by(
        "review_due", "name"
    )


def take_down_overdue(*, dry_run: bool = False, today: datetime.date | None = None) -> dict:
    """Unpublish listings long past their review date to the "needs checking" queue (never
    deleted: a coordinator checks them and publishes them again). Each is unpublished the
    Wagtail way (its log says so, search drops it) and logged as taken down for checking."""
    today = today or timezone.localdate()
    due = list(listings_to_take_down(today))
    if dry_run:
        return {"taken_down": due, "needs_checking": _needs_checking_count()}
    for service in due:
        with transaction.atomic():
            Service.objects.filter(pk=service.pk).update(needs_checking_since=today)
            service.needs_checking_since = today
            service.unpublish(user=None)
            log(
                instance=service,
                action=NEEDS_CHECKING,
                user=None,
                data={"review_due": service.review_due.isoformat()},
            )
    return {"taken_down": due, "needs_checking": _needs_checking_count()}


def _needs_checking_count() -> int:
    return Service.objects.filter(needs_checking_since__isnull=False, live=False).count()


def back_from_needs_checking(sender, instance, **kwargs):
    """A listing published again leaves the "needs checking" queue; publishing it counts as
    its check when its review date had passed (or it would be taken down again tomorrow).
    (Service.with_content_json keeps the date on the row when a revision is published.)"""
    if instance.needs_checking_since is None:
        return
    instance.needs_checking_since = None
    fields = ["needs_checking_since"]
    if instance.review_due < timezone.localdate():
        on = timezone.localdate()
        instance.last_reviewed, instance.review_due = on, on + REVIEW_INTERVAL
        fields += ["last_reviewed", "review_due"]
    Service.objects.filter(pk=instance.pk).update(
        **{name: getattr(instance, name) for name in fields}
    )

"""Review reminders: who should check which overdue listings, and the digest email they get.

A listing goes to its curator if it has one, otherwise to the active coordinators of the LAC
patches its locations are in (or the patches it covers). Digests name listings only: no
personal data of residents is involved.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from directory.models import Area, LocalAreaCoordinator, Service
from directory.patches import in_patches_q


@dataclass
class ReviewDigest:
    email: str
    name: str
    services: list = field(default_factory=list)


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

    digests: dict[str, ReviewDigest] = {}
    unassigned = []
    for service in overdue:
        recipients: dict[str, str] = {}
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
            digests.setdefault(email, ReviewDigest(email, name)).services.append(service)
    return sorted(digests.values(), key=lambda digest: digest.email), unassigned


def digest_message(digest: ReviewDigest, today: datetime.date) -> tuple[str, str]:
    """(subject, plain-text body) for one coordinator's digest."""
    count = len(digest.services)
    subject = f"{count} listing{'s' if count != 1 else ''} due for review"
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [
        f"Hello {digest.name},",
        "",
        f"These directory listings have not been checked for over a year "
        f"(as of {today.day} {today:%B %Y}). Please check each one with the group, update it "
        "and save it, or mark it inactive if it has stopped.",
        "",
    ]
    for service in digest.services:
        url = reverse("wagtailsnippets_directory_service:edit", args=[service.pk])
        lines.append(
            f"- {service.name} (review was due {service.review_due.day} {service.review_due:%B %Y})"
        )
        lines.append(f"  {base}{url}")
    lines += ["", "Thank you for keeping Signpost up to date."]
    return subject, "\n".join(lines)


def send_review_reminders(*, dry_run: bool = False, today: datetime.date | None = None) -> dict:
    """Send one digest per coordinator; returns counts for the command to report."""
    today = today or timezone.localdate()
    digests, unassigned = overdue_digests(today)
    sent = 0
    for digest in digests:
        if dry_run:
            continue
        subject, body = digest_message(digest, today)
        send_mail(subject, body, None, [digest.email], fail_silently=False)
        sent += 1
    return {
        "digests": digests,
        "sent": sent,
        "listings": len({service.pk for digest in digests for service in digest.services}),
        "unassigned": unassigned,
    }

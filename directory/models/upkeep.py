"""Keeping listings true (#25): where listings come from, who looks after them, and their health.

- `Source`, `SourceRecord`, `SyncRun`: feeds pulled on a schedule (ORUK API, JSON or CSV file),
  the provenance of every listing they bring, and a report per run.
- `DuplicatePair`: candidate duplicates for a coordinator to merge or set aside.
- `ProviderMembership`, `ListingClaim`: provider accounts tied to an organisation, and the
  one-time codes that let a provider claim a listing through its public email address.
- `ReviewLink`: the signed, single-use, expiring "Still correct?" links.
- `ListingReviewPolicy`: how long past its review date a listing stays up unflagged.
- `QualitySnapshot`, `WebsiteCheck`: the quality checks' daily counts (for trends) and the
  last result of checking a listing's website.
"""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Source(models.Model):
    """A directory we pull listings from, on a schedule."""

    class Kind(models.TextChoices):
        API = "api", "Open Referral UK API"
        FILE = "file", "Open Referral UK JSON file"
        CSV = "csv", "CSV file (our template)"

    class Trust(models.TextChoices):
        PUBLISH = "publish", "Trusted: new and changed listings are published straight away"
        MODERATE = "moderate", "Check first: new and changed listings wait as drafts"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.API)
    location = models.CharField(
        "Address or file",
        max_length=500,
        blank=True,
        help_text="The ORUK API's base address (https://…), or the path of a file on the server.",
    )
    trust = models.CharField(max_length=10, choices=Trust.choices, default=Trust.MODERATE)
    pull_every_hours = models.PositiveIntegerField(
        "Pull every (hours)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Leave empty to pull only by hand (CSV uploads, one-off files).",
    )
    is_active = models.BooleanField(default=True)
    last_pulled_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=300, blank=True)
    resume_page = models.PositiveIntegerField(
        default=0, help_text="The API page an interrupted pull goes on from (0: start afresh)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_due(self, now: datetime.datetime | None = None) -> bool:
        """Whether `sync_sources` should pull it now."""
        if not self.is_active or not self.pull_every_hours:
            return False
        if self.last_pulled_at is None or self.resume_page:
            return True
        now = now or timezone.now()
        return now - self.last_pulled_at >= datetime.timedelta(hours=self.pull_every_hours)


class SourceRecord(models.Model):
    """Provenance: one record of a source and the listing it became."""

    id = models.BigAutoField(primary_key=True)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="records")
    external_id = models.CharField(max_length=255)
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provenance",
    )
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of what last came in.")
    applied_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The revision the source last wrote: a later one means a local edit.",
    )
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="When the source stopped listing it (flagged, kept)."
    )

    class Meta:
        ordering = ["source", "external_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="one_record_per_source_id"
            )
        ]

    def __str__(self):
        return f"{self.source}: {self.external_id}"


class SyncRun(models.Model):
    """The report of one pull of a source (or one CSV import)."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"

    id = models.BigAutoField(primary_key=True)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    dry_run = models.BooleanField(default=False)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(
        default=0, help_text="Changes kept as suggestions because the listing was edited here."
    )
    withdrawn = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    reasons = models.JSONField(default=list, blank=True, help_text="Why records failed.")

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"{self.source} at {self.started_at:%Y-%m-%d %H:%M}"


class DuplicatePair(models.Model):
    """Two listings that may be the same service (`first` sorts before `second` by id)."""

    class Status(models.TextChoices):
        OPEN = "open", "To check"
        MERGED = "merged", "Merged"
        NOT_DUPLICATE = "not_duplicate", "Not a duplicate"

    id = models.BigAutoField(primary_key=True)
    first = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="duplicate_pairs_as_first"
    )
    second = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="duplicate_pairs_as_second"
    )
    score = models.FloatField(help_text="0 to 100: how alike they are.")
    reasons = models.JSONField(default=list, help_text='e.g. ["names 96% alike", "same postcode"]')
    status = models.CharField(
        max_length=15, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_pair_per_two_listings")
        ]

    def __str__(self):
        return f"{self.first} / {self.second} ({self.score:.0f})"


class ProviderMembership(models.Model):
    """A provider user who looks after an organisation's listings (and only those)."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_memberships"
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="provider_memberships"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} for {self.organisation}"


class ListingClaim(models.Model):
    """A one-time code sent to a listing's public email address, to claim it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="claims"
    )
    email = models.EmailField(help_text="The listing's public address the code was sent to.")
    code_hash = models.CharField(max_length=128)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Claim of {self.service}"


class ReviewLink(models.Model):
    """One "Still correct?" link: signed (its id), single use and expiring."""

    class Action(models.TextChoices):
        CONFIRM = "confirm", "Yes, still correct"
        CHANGE = "change", "Something has changed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="review_links"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    sent_to = models.CharField(
        max_length=20, blank=True, help_text='"provider" or "coordinator" (never the address).'
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.service}"


@register_setting(icon="time")
class ListingReviewPolicy(BaseSiteSetting):
    """What happens to a listing when its review date passes."""

    out_of_date_after_days = models.PositiveIntegerField(
        "Say “may be out of date” after (days)",
        default=30,
        help_text="Days after the review date before the public page says the information "
        "may be out of date (and it ranks lower in search).",
    )
    unpublish_after_days = models.PositiveIntegerField(
        "Then take it down after (days)",
        default=60,
        help_text="Further days after that before the listing is unpublished to the "
        "“needs checking” queue (never deleted).",
    )
    review_link_valid_days = models.PositiveIntegerField(
        "“Still correct?” links work for (days)", default=28, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = "Listing review periods"

    @classmethod
    def uncached_for_site(cls, site):
        """The site's periods, or their defaults when none were saved: a read, never a write
        (for_site would create the row; directory.review_policy caches what this returns)."""
        return cls.objects.filter(site=site).first() or cls(site=site)


class QualitySnapshot(models.Model):
    """How many live listings failed one quality check on one day (for trends)."""

    id = models.BigAutoField(primary_key=True)
    day = models.DateField(db_index=True)
    check_code = models.CharField(max_length=40)
    failing = models.PositiveIntegerField()
    listings = models.PositiveIntegerField(help_text="Live listings checked that day.")

    class Meta:
        ordering = ["day", "check_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "check_code"], name="one_snapshot_per_check_a_day"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.check_code}: {self.failing}/{self.listings}"


class WebsiteCheck(models.Model):
    """The last time `check_websites` tried a listing's website, and what happened."""

    service = models.OneToOneField(
        "directory.Service",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="website_check",
    )
    url = models.URLField(max_length=500)
    checked_at = models.DateTimeField()
    ok = models.BooleanField()
    detail = models.CharField(max_length=200, blank=True, help_text='e.g. "HTTP 404", "timed out".')

    def __str__(self):
        return f"{self.url}: {'ok' if self.ok else self.detail}"

"""Services (the listings), where and when they happen, and how to contact them."""

import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from directory.links import websites_of
from directory.models.geography import Location
from directory.sanitise import sanitise_html
from directory.schedules import describe_opening

REVIEW_INTERVAL = datetime.timedelta(days=365)


def default_review_due():
    return timezone.localdate() + REVIEW_INTERVAL


class ServiceQuerySet(models.QuerySet):
    def live(self):
        """Published and active: the only services the public ever sees."""
        return self.filter(live=True, status=Service.Status.ACTIVE)

    def overdue_for_review(self, today: datetime.date | None = None):
        return self.filter(review_due__lt=today or timezone.localdate())

    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def in_area(self, area):
        """Services at a location in the area (or in a ward of the patch), or covering it:
        the listings' "Area or patch" filter in the admin."""
        return self.filter(
            models.Q(service_at_locations__location__area=area)
            | models.Q(service_at_locations__location__area__patches=area)
            | models.Q(service_areas=area)
        ).distinct()

    def in_categories(self, codes):
        """Services tagged with any of the category codes (or their child terms)."""
        codes = list(codes)
        return self.filter(
            models.Q(taxonomy_terms__code__in=codes)
            | models.Q(taxonomy_terms__parent__code__in=codes)
        ).distinct()

    def near(self, latitude: float, longitude: float, miles: float):
        """Services with a location within `miles` of the point (bounding box, then exact distance)."""
        location_ids = Location.objects.near(latitude, longitude, miles).values("id")
        return self.filter(service_at_locations__location_id__in=location_ids).distinct()


class Service(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A listing: a community asset, service, carers' support, LAC contact or event (ORUK service)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        INACTIVE = "inactive", "Inactive"
        DEFUNCT = "defunct", "Defunct"
        TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"

    class Kind(models.TextChoices):
        COMMUNITY_ASSET = "community_asset", "Community group or activity"
        SERVICE = "service", "Service"
        CARERS_SUPPORT = "carers_support", "Support for carers"
        LAC_CONTACT = "lac_contact", "Local area coordination"
        EVENT = "event", "Event"

    class HowToAccess(models.TextChoices):
        SELF_REFERRAL = "self_referral", "Contact them yourself"
        PROFESSIONAL_REFERRAL = "professional_referral", "A professional must refer you"
        DROP_IN = "drop_in", "Drop in, no need to book"
        BOOKING = "booking", "Book a place"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    name = models.CharField(max_length=255)
    summary = models.CharField(max_length=300, blank=True, help_text="One or two plain sentences.")
    description = models.TextField(blank=True, help_text="Sanitised HTML.")
    url = models.URLField("Website", max_length=500, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.SERVICE, db_index=True
    )
    how_to_access = models.CharField(
        max_length=30, choices=HowToAccess.choices, default=HowToAccess.SELF_REFERRAL
    )
    is_free = models.BooleanField("Free to use", default=False)
    fees_description = models.TextField("Costs", blank=True)
    min_age = models.PositiveSmallIntegerField("Minimum age", null=True, blank=True)
    max_age = models.PositiveSmallIntegerField("Maximum age", null=True, blank=True)
    languages = models.JSONField(
        default=list, blank=True, help_text="Languages offered, e.g. English, Urdu, BSL."
    )
    accessibility_notes = models.TextField(blank=True)
    eligibility = models.TextField("Who it is for", blank=True)
    last_reviewed = models.DateField(null=True, blank=True, help_text='Shown as "Last checked".')
    review_due = models.DateField(default=default_review_due, db_index=True)
    taxonomy_terms = ParentalManyToManyField(
        "directory.TaxonomyTerm", blank=True, related_name="services", verbose_name="categories"
    )
    service_areas = ParentalManyToManyField(
        "directory.Area",
        blank=True,
        related_name="services",
        help_text="Areas this service covers.",
    )
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curated_services",
        help_text="The coordinator who keeps this listing up to date.",
    )
    needs_checking_since = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Set when the listing was taken down for being long past its review date.",
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_listings",
        help_text="The listing this one was merged into: its page and API id redirect there.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="service",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="service",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("live"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
    ]

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            # The ORUK API's /services: live listings in (name, id) order, counted and paged
            # from the index alone (directory/oruk/paging.py). Status first: SQLite writes
            # `live=True` as a bare `"live"`, which cannot be an index equality.
            models.Index(fields=["status", "name", "id", "live"], name="service_live_name_id"),
            # /organizations: "has a live service" answered from the index.
            models.Index(fields=["organisation", "live", "status"], name="service_org_live"),
        ]
        permissions = [
            ("edit_listings_in_all_patches", "Can edit listings outside their own patches"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """The description is stored as sanitised HTML, whoever writes it (editor, import)."""
        self.description = sanitise_html(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:service_detail", args=[self.id])

    @property
    def websites(self) -> list:
        """Its website and its organisation's (when different), http(s) only: `links.Website`s."""
        return websites_of(self, self.organisation)

    @property
    def contact_email(self) -> str:
        """Its email address, or its organisation's when it has none."""
        return self.email or (self.organisation.email if self.organisation else "")

    @property
    def is_overdue_for_review(self) -> bool:
        return self.review_due < timezone.localdate()

    def with_content_json(self, content):
        """The listing as a revision holds it, but for the upkeep state kept on the row: the
        "needs checking" date, and review dates newer than the revision's (a "still
        correct" click between a draft and its publishing must not be turned back)."""
        obj = super().with_content_json(content)
        obj.needs_checking_since = self.needs_checking_since
        if self.review_due and (obj.review_due is None or self.review_due > obj.review_due):
            obj.review_due = self.review_due
        if self.last_reviewed and (
            obj.last_reviewed is None or self.last_reviewed > obj.last_reviewed
        ):
            obj.last_reviewed = self.last_reviewed
        return obj

    def get_preview_template(self, request, mode_name):
        return "directory/service_detail.html"

    def get_preview_context(self, request, mode_name):
        return {
            "service": self,
            "is_preview": True,
            "opening": describe_opening(self.schedules.all()),
            "locations": [sal.location for sal in self.service_at_locations.all()],
        }


class ServiceAtLocation(Orderable):
    """Where a service happens (ORUK service_at_location)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(
        "directory.Location", on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(blank=True)

    def __str__(self):
        return f"{self.service} at {self.location}"


class Schedule(Orderable):
    """When a service is open (ORUK schedule, simplified to weekly opening times).

    `weekdays` uses ISO numbers (1 = Monday … 7 = Sunday). A `closes_at` earlier than
    `opens_at` means the session runs past midnight into the next day.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    weekdays = models.JSONField(
        default=list, help_text="ISO weekday numbers: 1 = Monday … 7 = Sunday."
    )
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    open_on_bank_holidays = models.BooleanField(default=False)
    description = models.CharField(
        max_length=255, blank=True, help_text='In words, e.g. "Every other Tuesday morning".'
    )

    def __str__(self):
        return self.description or f"{self.weekdays} {self.opens_at}-{self.closes_at}"


class Contact(Orderable):
    """A named contact for a service. Staff-only unless marked public."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120, blank=True)
    title = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_public = models.BooleanField(
        default=False, help_text="Show on the public page and in the ORUK API."
    )

    def __str__(self):
        return self.name or self.email or self.phone


class Phone(Orderable):
    """A public phone number for a service (ORUK phone)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=40)
    description = models.CharField(
        max_length=120, blank=True, help_text='e.g. "Helpline", "Text only".'
    )
    is_public = models.BooleanField(default=True)

    def __str__(self):
        return self.number


class CostOption(Orderable):
    """A price for a service (ORUK cost_option)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=255, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="GBP")
    amount_description = models.CharField(max_length=255, blank=True)

    def __str__(self):
        return self.option or str(self.amount)


class ChangeSuggestion(models.Model):
    """A public "suggest a change" or "add your group" submission, for coordinators to act on."""

    class Kind(models.TextChoices):
        CHANGE = "change", "Change to a listing"
        NEW = "new", "New group or service"

    class Status(models.TextChoices):
        NEW = "new", "New"
        APPLIED = "applied", "Applied"
        DISMISSED = "dismissed", "Dismissed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="change_suggestions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHANGE)
    details = models.TextField(help_text="What is wrong, or the new group's details.")
    suggested_fields = models.JSONField(default=dict, blank=True)
    contact_email = models.EmailField(blank=True, help_text="Optional, for follow-up questions.")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.service or self.details[:40]}"

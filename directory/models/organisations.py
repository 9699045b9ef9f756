"""Organisations that run services, and the public local area coordinators."""

import uuid

from django.conf import settings
from django.db import models
from wagtail.search import index


class Organisation(index.Indexed, models.Model):
    """ORUK organization."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, help_text="Sanitised HTML.")
    email = models.EmailField(blank=True)
    url = models.URLField("Website", max_length=500, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logo_url = models.URLField(max_length=500, blank=True, help_text="Logo address from an import.")
    uri = models.URLField(max_length=500, blank=True)
    modified_at = models.DateTimeField(auto_now=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        # The ORUK API's /organizations order (directory/oruk/paging.py).
        indexes = [models.Index(fields=["name", "id"], name="organisation_name_id")]

    def __str__(self):
        return self.name


class LocalAreaCoordinator(models.Model):
    """A local area coordinator, shown publicly to people in their patches."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, default="Local Area Coordinator")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField("Short introduction", blank=True)
    patches = models.ManyToManyField(
        "directory.Area",
        blank=True,
        related_name="coordinators",
        limit_choices_to={"kind": "lac_patch"},
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinator_profile",
        help_text="The staff account of this coordinator (for review reminders and patch permissions).",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

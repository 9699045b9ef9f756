"""Vocabularies of categories and needs (ORUK taxonomy, taxonomy_term)."""

import uuid

from django.db import models


class Taxonomy(models.Model):
    """A vocabulary, e.g. "Signpost needs" or "LGA service types"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name_plural = "taxonomies"
        ordering = ["name"]

    def __str__(self):
        return self.name


class TaxonomyTermQuerySet(models.QuerySet):
    def categories(self):
        """Terms shown to the public as search categories (top-level terms of public vocabularies)."""
        return self.filter(is_public_category=True).order_by("name")


class TaxonomyTerm(models.Model):
    """One category or need. `code` is stable and used in URLs (`/services/?category=<code>`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    term_uri = models.URLField(blank=True)
    is_public_category = models.BooleanField(
        default=True, help_text="Show as a filter in the public search."
    )

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

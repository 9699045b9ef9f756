"""Analytics storage: daily roll-ups of expired search events, and decisions on unmet need.

Nothing here identifies a person. `DailySearchAggregate` holds counts only (DESIGN §6);
raw `search.SearchEvent` rows older than `SEARCH_EVENT_RETENTION_DAYS` are folded into it
by `purge_expired` and deleted.
"""

from django.conf import settings
from django.db import models


class DailySearchAggregate(models.Model):
    """Counts of searches for one local day and one combination of the grouping fields."""

    day = models.DateField()
    query = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=100, blank=True)
    area = models.ForeignKey(
        "directory.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    postcode_district = models.CharField(max_length=4, blank=True)
    is_carer_search = models.BooleanField(default=False)
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0, help_text="Searches with no results.")
    low_results = models.PositiveIntegerField(
        default=0, help_text="Searches with 1 or 2 results (fewer than 3)."
    )
    clicked = models.PositiveIntegerField(
        default=0, help_text="Searches where at least one result was opened."
    )
    followed_by_referral = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["day"], name="dailyagg_day"),
            models.Index(fields=["area", "day"], name="dailyagg_area_day"),
        ]

    def __str__(self):
        return f"{self.day} {self.query!r} {self.category}: {self.searches}"


class UnmetNeedDecision(models.Model):
    """What the team decided about a need people search for but cannot find.

    Keyed by the normalised query (or "" when the decision is about a category alone) and the
    category code (or ""). Also carries the analytics permission, `view_analytics`.
    """

    class Decision(models.TextChoices):
        ADDED_LISTING = "added_listing", "Added a listing"
        NOT_PROVIDED = "not_provided", "Not something we provide"

    query = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=100, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    note = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-decided_at"]
        permissions = [("view_analytics", "Can view prevention analytics")]
        constraints = [
            models.UniqueConstraint(fields=["query", "category"], name="unmetneed_unique_key")
        ]

    def __str__(self):
        return f"{self.query or self.category}: {self.get_decision_display()}"

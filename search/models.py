"""Raw material for prevention analytics: anonymous search events, clicks and referral events.

Nothing here identifies a person: no IP addresses, no full postcodes, times to the hour,
query text scrubbed, and a session hash that rotates daily.
"""

from django.db import models


class SearchEvent(models.Model):
    """One public search (DESIGN §6)."""

    occurred_hour = models.DateTimeField(
        db_index=True, help_text="Time of the search, to the hour."
    )
    query = models.CharField(max_length=200, blank=True, help_text="Normalised, scrubbed text.")
    categories = models.JSONField(default=list, blank=True)
    category = models.CharField(
        max_length=100, blank=True, help_text="First category filter, for grouping (code)."
    )
    kind = models.CharField(max_length=20, blank=True)
    filters = models.JSONField(
        default=dict, blank=True, help_text="radius, open_now, free, age, sort."
    )
    postcode_district = models.CharField(
        max_length=4, blank=True, help_text='Outcode only, e.g. "S6".'
    )
    area = models.ForeignKey(
        "directory.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result_count = models.PositiveIntegerField(default=0)
    latency_ms = models.FloatField(default=0)
    backend = models.CharField(max_length=20, blank=True)
    session_hash = models.CharField(max_length=16, blank=True, db_index=True)
    is_carer_search = models.BooleanField(default=False)
    followed_by_referral = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["query", "occurred_hour"], name="searchevent_query_hour"),
            models.Index(fields=["category", "occurred_hour"], name="searchevent_category_hour"),
            models.Index(fields=["area", "occurred_hour"], name="searchevent_area_hour"),
            models.Index(fields=["result_count", "occurred_hour"], name="searchevent_results_hour"),
        ]

    def __str__(self):
        return f"{self.occurred_hour:%Y-%m-%d %H}:00 {self.query!r} ({self.result_count})"


class SearchClick(models.Model):
    """A result opened from a search."""

    event = models.ForeignKey(
        SearchEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="clicks"
    )
    service = models.ForeignKey(
        "directory.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    occurred_hour = models.DateTimeField(db_index=True)
    session_hash = models.CharField(max_length=16, blank=True, db_index=True)

    def __str__(self):
        return f"click {self.service_id} at {self.position}"


class ReferralEvent(models.Model):
    """Anonymous facts about a self-referral, written by the referrals app for analytics.

    Linked to its referral only by a random `token` (so an outcome can be recorded when the
    referral closes), never by reference, name or address. Survives the referral's purge.
    """

    token = models.UUIDField(unique=True)
    created_hour = models.DateTimeField(db_index=True)
    team = models.CharField(max_length=30)
    area = models.ForeignKey(
        "directory.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    postcode_district = models.CharField(max_length=4, blank=True)
    is_carer = models.BooleanField(default=False)
    carer_assessment_requested = models.BooleanField(default=False)
    needs = models.JSONField(default=list, blank=True, help_text="Wellbeing outcome codes chosen.")
    session_hash = models.CharField(max_length=16, blank=True, db_index=True)
    outcome = models.CharField(max_length=40, blank=True, db_index=True)
    closed_month = models.DateField(null=True, blank=True)

    def __str__(self):
        return f"referral event {self.created_hour:%Y-%m-%d} {self.team} {self.outcome}"


class SearchIndexEntry(models.Model):
    """One live service in the database search index (search/backends/database.py).

    Only live services have a row. The integer id is the rowid of the SQLite FTS5 table
    `search_fts`; on PostgreSQL a weighted `document tsvector` column (added by migration)
    carries the text. Columns are denormalised so filters never join the directory tables.
    """

    service = models.OneToOneField(
        "directory.Service", on_delete=models.CASCADE, related_name="search_index_entry"
    )
    kind = models.CharField(max_length=20)
    is_free = models.BooleanField(default=False)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    name = models.CharField(max_length=255)
    categories = models.TextField(blank=True, help_text="Category names and codes, for matching.")
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Description, organisation and eligibility text.")
    sort_name = models.CharField(max_length=255, db_index=True)
    tags = models.TextField(blank=True, help_text="Filter words: categories, kind, grid cells.")
    card = models.TextField(
        blank=True, help_text="What a result shows (search.query.ListedService as JSON)."
    )

    def __str__(self):
        return self.name


class SearchIndexCategory(models.Model):
    """A category code (and its ancestors) of an indexed service, for filters and facets."""

    # No index of its own: the unique (entry, code) constraint's index serves lookups by entry.
    entry = models.ForeignKey(
        SearchIndexEntry, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    code = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["code", "entry"], name="searchcat_code_entry")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "code"], name="searchcat_unique_entry_code")
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.code}"


class SearchIndexPoint(models.Model):
    """Where an indexed service is: one row per location and category code ("" = any category).

    The composite index (code, latitude, longitude, entry) answers geo browsing, with or without
    a category, from the index alone; (entry, code, latitude, longitude) gives a text match's
    distance from the index alone (and serves lookups by entry).
    """

    entry = models.ForeignKey(
        SearchIndexEntry, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    code = models.CharField(max_length=100, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        indexes = [
            models.Index(
                fields=["code", "latitude", "longitude", "entry"], name="searchpoint_code_lat_lon"
            ),
            models.Index(
                fields=["entry", "code", "latitude", "longitude"], name="searchpoint_entry_code"
            ),
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.code or '*'} ({self.latitude}, {self.longitude})"


class SearchIndexOpening(models.Model):
    """A weekly opening session of an indexed service, for "open now" (search/openings.py)."""

    entry = models.ForeignKey(
        SearchIndexEntry, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    weekday = models.PositiveSmallIntegerField(help_text="1 = Monday: the day the time is on.")
    starts = models.PositiveIntegerField(help_text="Seconds after midnight, wall-clock time.")
    ends = models.PositiveIntegerField(help_text="Open while the time is before this.")
    after_midnight = models.BooleanField(
        default=False, help_text="The part after midnight of a session begun the day before."
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    open_on_bank_holidays = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["entry", "weekday", "starts", "ends"], name="searchopening_entry")
        ]

    def __str__(self):
        return f"{self.entry_id}: day {self.weekday} {self.starts}-{self.ends}"


class SearchTerm(models.Model):
    """The vocabulary of indexed words with document counts: spelling suggestions, common words."""

    word = models.CharField(max_length=40, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.word} ({self.documents})"

"""The search index of our own (DESIGN §5): one row a live service, with its categories,
points, weekly opening rows and the vocabulary the ranking and spelling read.

The search events that analytics counts live in `analytics.models`.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchIndexEntry(models.Model):
    """One live service in the database search index (search/backends/database/).

    Only live services have a row. The integer id is the rowid of the SQLite FTS5 table
    `search_fts`; on PostgreSQL `SearchIndexText` (same id) carries the text as a tsvector. Columns are denormalised so filters never join the directory tables.
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
    review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Ranking: a listing long past its review date ranks lower (compared with "
        "today's date when searching, never the day it was indexed).",
    )

    def __str__(self):
        return self.name


class SearchIndexText(models.Model):
    """PostgreSQL's full text of an indexed service: one weighted tsvector with the filter tags,
    in a narrow table of its own with a GIN index (search/backends/database/dialects.py).

    Finding the first matches in id order reads these rows, not the wide entry rows (cards,
    descriptions): about a twentieth of the pages. On SQLite the FTS5 table `search_fts` does
    this and this table stays empty.
    """

    entry = models.OneToOneField(
        SearchIndexEntry,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,  # written and removed with its entry by the writer only
    )
    document = SearchVectorField(null=True)

    def __str__(self):
        return str(self.entry_id)


class SearchIndexCategory(models.Model):
    """A category code (and its ancestors) of an indexed service, for filters and facets."""

    # No index of its own: the unique (entry, code) constraint's index serves lookups by entry.
    # No database constraint: only search/backends/database/writer.py writes these rows, and
    # it removes them before their entry; checking every row at a rebuild's commit was slow.
    entry = models.ForeignKey(
        SearchIndexEntry,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    code = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["code", "entry"], name="searchcat_code_entry")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "code"], name="searchcat_unique_entry_code")
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.code}"


class SearchIndexFeature(models.Model):
    """A filter value of an indexed service (search.features): an access feature of one of
    its places, a language it is offered in, or that no referral is needed."""

    # No database constraint: only search/backends/database/writer.py writes these rows, and
    # it removes them before their entry; checking every row at a rebuild's commit was slow.
    entry = models.ForeignKey(
        SearchIndexEntry,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    code = models.CharField(max_length=60)  # "access:step_free", "language:urdu", "no_referral"

    class Meta:
        indexes = [models.Index(fields=["code", "entry"], name="searchfeature_code_entry")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "code"], name="searchfeature_unique_entry")
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.code}"


class SearchIndexPoint(models.Model):
    """Where an indexed service is: one row per location and category code ("" = any category).

    The composite index (code, latitude, longitude, entry) answers geo browsing, with or without
    a category, from the index alone; (entry, code, latitude, longitude) gives a text match's
    distance from the index alone (and serves lookups by entry).
    """

    # No database constraint: only search/backends/database/writer.py writes these rows, and
    # it removes them before their entry; checking every row at a rebuild's commit was slow.
    entry = models.ForeignKey(
        SearchIndexEntry,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
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

    # No database constraint: only search/backends/database/writer.py writes these rows, and
    # it removes them before their entry; checking every row at a rebuild's commit was slow.
    entry = models.ForeignKey(
        SearchIndexEntry,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
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
            models.Index(fields=["entry", "weekday", "starts", "ends"], name="searchopening_entry"),
            # "Open now" with nothing else to narrow by: the rows of a weekday, read from
            # the index alone (search.openings.open_entries_sql).
            models.Index(
                fields=[
                    "weekday",
                    "starts",
                    "ends",
                    "after_midnight",
                    "valid_from",
                    "valid_to",
                    "open_on_bank_holidays",
                    "entry",
                ],
                name="searchopening_time",
            ),
        ]

    def __str__(self):
        return f"{self.entry_id}: day {self.weekday} {self.starts}-{self.ends}"


class SearchTerm(models.Model):
    """The vocabulary of indexed words with document counts: spelling suggestions, common words."""

    word = models.CharField(max_length=40, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.word} ({self.documents})"

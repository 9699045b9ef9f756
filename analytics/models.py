"""Analytics storage: the anonymous events other apps emit (searches, clicks, referrals),
daily and monthly roll-ups of search events, and decisions on unmet need.

Nothing here identifies a person: no IP addresses, no full postcodes, times to the hour, query
text scrubbed and masked, session and visit hashes that rotate daily; the roll-ups hold counts
and only words typed in at least 5 visits once older than 30 days (DESIGN §6,
docs/data-protection.md).
Every complete day of raw `SearchEvent`s is folded into `DailySearchAggregate` by
`purge_expired`, and every complete month of those into `MonthlySearchAggregate` (and,
without the search words, `MonthlyAreaAggregate`). Reports
read whole months from the monthly roll-ups, other rolled-up days from the daily ones and
later hours from raw events, which keeps them fast on a year of data and gives the same
numbers as counting raw events. Raw events older than `SEARCH_EVENT_RETENTION_DAYS` are then
deleted.
"""

from django.conf import settings
from django.db import models

from checks.events import Band, CheckKind
from portal.information_ease import InformationEase, PageKind
from referrals.choices import Route


class SearchEvent(models.Model):
    """One public search (DESIGN §6)."""

    occurred_hour = models.DateTimeField(
        db_index=True, help_text="Time of the search, to the hour."
    )
    query = models.CharField(
        max_length=200,
        blank=True,
        help_text="Normalised, scrubbed and masked text; blanked after "
        "SEARCH_QUERY_TEXT_RETENTION_DAYS.",
    )
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
    visit = models.CharField(
        max_length=16,
        blank=True,
        help_text="Hash of the visit (changes daily), to count distinct visits per search "
        "words; blanked with the words.",
    )
    is_carer_search = models.BooleanField(default=False)
    followed_by_referral = models.BooleanField(default=False)

    class Meta:
        db_table = "search_searchevent"  # created by the search app, which held it first
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

    class Meta:
        db_table = "search_searchclick"  # created by the search app, which held it first

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
    route = models.CharField(
        max_length=20,
        choices=Route.choices,
        default=Route.SELF,
        help_text="Self or family, carer or professional (referrals.choices.route_for).",
    )
    first_contact_hour = models.DateTimeField(
        null=True, blank=True, help_text="When the person was first contacted, to the hour."
    )
    first_closed_hour = models.DateTimeField(
        null=True, blank=True, help_text="When the referral was first closed, to the hour."
    )
    referrer_notified = models.BooleanField(
        default=False, help_text="The person who referred was sent feedback (accepted, closed)."
    )

    class Meta:
        db_table = "search_referralevent"  # created by the search app, which held it first

    def __str__(self):
        return f"referral event {self.created_hour:%Y-%m-%d} {self.team} {self.outcome}"


class InformationEaseAnswer(models.Model):
    """One answer to "Was it easy to find information about support?" (ASCOF 3D), asked
    once per visit (portal.information_ease). No free text, no visit key, nothing personal:
    the answer, the hour, the kind of page, and the ward of the visit's postcode search
    earlier that day when there was one."""

    answered_hour = models.DateTimeField(db_index=True, help_text="To the hour.")
    answer = models.CharField(max_length=20, choices=InformationEase.choices)
    page_kind = models.CharField(max_length=20, choices=PageKind.choices)
    area = models.ForeignKey(
        "directory.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.answered_hour:%Y-%m-%d %H}:00 {self.answer} ({self.page_kind})"


COUNT_FIELDS = ("searches", "zero_results", "low_results", "clicked", "followed_by_referral")


class SearchCounts(models.Model):
    """The grouping fields and counts that every roll-up has."""

    category = models.CharField(max_length=100, blank=True)
    area = models.ForeignKey(
        "directory.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # covered by the covering indexes; a lone area index misleads SQLite
    )
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
        abstract = True


class DailySearchAggregate(SearchCounts):
    """Counts of searches for one local day and one combination of the grouping fields."""

    day = models.DateField()
    query = models.CharField(max_length=200, blank=True)
    postcode_district = models.CharField(max_length=4, blank=True)
    visits = models.PositiveIntegerField(
        default=0, help_text="Distinct visits that typed these words (each counted once a day)."
    )

    class Meta:
        # Covering indexes: reports read a range of days and nothing but these columns.
        indexes = [
            models.Index(
                fields=[
                    "day",
                    "area",
                    "category",
                    "is_carer_search",
                    "query",
                    "searches",
                    "zero_results",
                    "low_results",
                    "clicked",
                    "followed_by_referral",
                ],
                name="dailyagg_cover",
            ),
            # Grouping by query or category walks these in order instead of sorting.
            models.Index(
                fields=["query", "day", "area", "searches", "zero_results", "low_results"],
                name="dailyagg_query",
            ),
            models.Index(
                fields=["category", "day", "area", "searches", "zero_results", "low_results"],
                name="dailyagg_category",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.query!r} {self.category}: {self.searches}"


class MonthlySearchAggregate(SearchCounts):
    """The daily roll-ups of one whole local month added up (without the postcode district,
    which no report groups by): a year is about a fifth of the rows of its days."""

    month_start = models.DateField(help_text="The first day of the month.")
    query = models.CharField(max_length=200, blank=True)
    visits = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=[
                    "month_start",
                    "area",
                    "category",
                    "is_carer_search",
                    "query",
                    "searches",
                    "zero_results",
                    "low_results",
                    "clicked",
                    "followed_by_referral",
                ],
                name="monthlyagg_cover",
            ),
        ]

    def __str__(self):
        return f"{self.month_start:%Y-%m} {self.query!r} {self.category}: {self.searches}"


class MonthlyAreaAggregate(SearchCounts):
    """The monthly roll-ups without the search words, for every report that does not group
    by them: a tenth of the rows again."""

    month_start = models.DateField(help_text="The first day of the month.")

    class Meta:
        indexes = [
            models.Index(
                fields=[
                    "month_start",
                    "area",
                    "category",
                    "is_carer_search",
                    "searches",
                    "zero_results",
                    "low_results",
                    "clicked",
                    "followed_by_referral",
                ],
                name="monthlyarea_cover",
            ),
        ]

    def __str__(self):
        return f"{self.month_start:%Y-%m} {self.category} {self.area_id}: {self.searches}"


class RollUpState(models.Model):
    """How far raw search events have been rolled up (a single row): every local day up to
    and including `rolled_up_through` is in `DailySearchAggregate`, and every month up to and
    including the one starting `months_rolled_up_through` is in `MonthlySearchAggregate` and
    `MonthlyAreaAggregate`."""

    rolled_up_through = models.DateField()
    months_rolled_up_through = models.DateField(
        null=True, blank=True, help_text="The first day of the last month rolled up."
    )
    words_settled_through = models.DateField(
        null=True,
        blank=True,
        help_text="The last day whose search words in the daily counts were kept only if "
        "typed in at least 5 visits (SEARCH_QUERY_TEXT_RETENTION_DAYS).",
    )

    def __str__(self):
        return f"rolled up through {self.rolled_up_through}"

    @classmethod
    def through(cls):
        """The last rolled-up day, or None if nothing has been rolled up yet."""
        return cls.objects.values_list("rolled_up_through", flat=True).first()

    @classmethod
    def watermarks(cls) -> tuple:
        """(last rolled-up day, first day of the last rolled-up month); None for either when
        nothing has been rolled up yet."""
        return cls.objects.values_list("rolled_up_through", "months_rolled_up_through").first() or (
            None,
            None,
        )


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


class CheckEvent(models.Model):
    """A Care Act check started or finished (checks.events): the kind, the result band, the
    hour; never an answer, an amount or a postcode.

    `visit` (the day's visit key, portal.visits) is kept only so a listing opened later the
    same day by the same visit can set `then_opened_listing`; it and `run` (a keyed hash of
    the posted answers, so a reloaded result counts once) are blanked by `purge_expired` once
    the day is over."""

    class Event(models.TextChoices):
        STARTED = "started", "Started"
        FINISHED = "finished", "Finished"

    occurred_hour = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=10, choices=CheckKind.choices)
    event = models.CharField(max_length=10, choices=Event.choices)
    band = models.CharField(max_length=20, choices=Band.choices, blank=True)
    visit = models.CharField(max_length=16, blank=True, db_index=True)
    run = models.CharField(max_length=16, blank=True)
    then_opened_listing = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.occurred_hour:%Y-%m-%d %H}:00 {self.kind} {self.event} {self.band}"

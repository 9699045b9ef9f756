"""The six prevention analytics reports, as plain functions over a `ReportFilter`.

Each report returns a list of `Table`s: rows are dicts of raw numbers (tests assert on them);
screens and CSV exports format them through `portal.suppression`, so small
numbers are hidden in one place. Search counts come from raw `SearchEvent` rows plus the
daily and monthly roll-ups that `purge_expired` keeps, so a report over any period gives the
same totals before and after it runs: whole months up to the monthly watermark are read from
`MonthlySearchAggregate` (or `MonthlyAreaAggregate` when the search words are not needed),
other days up to the daily watermark from `DailySearchAggregate`, later hours from raw
events. One grouped SQL query per source (and day range) per table.
"""

import datetime
import functools
import uuid
import zoneinfo
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analytics.models import (
    DailySearchAggregate,
    MonthlyAreaAggregate,
    MonthlySearchAggregate,
    ReferralEvent,
    RollUpState,
    SearchClick,
    SearchEvent,
    UnmetNeedDecision,
)
from directory.models import Area, ChangeSuggestion, Location, Postcode, Service, TaxonomyTerm
from directory.vocabulary import CATEGORIES
from portal.suppression import is_small, rate, suppress
from referrals.choices import ASSESSMENT_OUTCOMES, OTHER_OUTCOMES, RESOLVED_OUTCOMES

LOW_RESULTS = 3  # "low-result" means fewer than this many results within the radius
DEFAULT_DAYS = 90
SCREEN_ROWS = 100
ONE_DAY = datetime.timedelta(days=1)

# --- Filter and table shapes ----------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilter:
    """The period (inclusive local dates) and, optionally, the area a report covers."""

    date_from: datetime.date
    date_to: datetime.date
    area: Area | None = None

    @classmethod
    def default(cls, today: datetime.date | None = None, area: Area | None = None):
        """The last 90 days, today included."""
        today = today or timezone.localdate()
        return cls(today - datetime.timedelta(days=DEFAULT_DAYS - 1), today, area)

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    @property
    def start(self) -> datetime.datetime:
        return local_midnight(self.date_from)

    @property
    def end(self) -> datetime.datetime:
        """Exclusive: midnight at the end of `date_to`."""
        return local_midnight(self.date_to + datetime.timedelta(days=1))

    def previous(self) -> "ReportFilter":
        """The period of the same length just before this one."""
        length = datetime.timedelta(days=self.days)
        return ReportFilter(self.date_from - length, self.date_to - length, self.area)

    @cached_property
    def area_ids(self) -> list | None:
        """The chosen area with the wards it covers (for a LAC patch), or None for everywhere."""
        if self.area is None:
            return None
        ids = {self.area.pk}
        ids.update(self.area.wards.values_list("pk", flat=True))
        ids.update(self.area.children.values_list("pk", flat=True))
        return list(ids)


@dataclass
class Column:
    key: str
    label: str
    kind: str = "text"  # text | count | rate | percent
    suppressed: bool = True  # counts of people's activity are; counts of listings are not


@dataclass
class Chart:
    """A horizontal bar chart of one count column, labelled by another column."""

    label_key: str
    value_key: str
    title: str
    limit: int = 15


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[dict]
    description: str = ""
    chart: Chart | None = None
    map_points: list[dict] = field(default_factory=list)

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=local_zone())


def local_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


# --- Shared counting ------------------------------------------------------------------------

RAW_METRICS = {
    "searches": lambda: Count("id"),
    "zero_results": lambda: Count("id", filter=Q(result_count=0)),
    "low_results": lambda: Count("id", filter=Q(result_count__gt=0, result_count__lt=LOW_RESULTS)),
    "followed_by_referral": lambda: Count("id", filter=Q(followed_by_referral=True)),
}
AGGREGATE_METRICS = {
    "searches": lambda: Sum("searches"),
    "zero_results": lambda: Sum("zero_results"),
    "low_results": lambda: Sum("low_results"),
    "followed_by_referral": lambda: Sum("followed_by_referral"),
    "clicked": lambda: Sum("clicked"),
}
RAW_SUBSETS = {
    "unmet": Q(result_count__lt=LOW_RESULTS),
    "carers": Q(is_carer_search=True),
    "with_query": Q(query__gt=""),
    "with_category": Q(category__gt=""),
}
AGGREGATE_SUBSETS = {
    "unmet": Q(zero_results__gt=0) | Q(low_results__gt=0),
    "carers": Q(is_carer_search=True),
    "with_query": Q(query__gt=""),
    "with_category": Q(category__gt=""),
}


def month_starts(report: ReportFilter) -> list[datetime.date]:
    """The first day of each calendar month the period touches."""
    month = report.date_from.replace(day=1)
    starts = []
    while month <= report.date_to:
        starts.append(month)
        month = next_month(month)
    return starts


def next_month(day: datetime.date) -> datetime.date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def month_bucket(field_name: str, report: ReportFilter) -> Case:
    """The index into `month_starts(report)` of each row's local month (for a date-time field).

    Plain comparisons on the (indexed) column: much faster on SQLite than a time zone
    conversion per row, and exact at British Summer Time month boundaries.
    """
    starts = month_starts(report)
    whens = [
        When(**{f"{field_name}__lt": local_midnight(start)}, then=Value(index))
        for index, start in enumerate(starts[1:])
    ]
    return Case(*whens, default=Value(len(starts) - 1), output_field=IntegerField())


@dataclass(frozen=True)
class CountSources:
    """Which store counts which part of a period.

    `months`: [first, after) month starts read from the monthly roll-ups (whole months only);
    `days`: inclusive (first, last) day ranges read from the daily roll-ups;
    `raw_from`: the moment from which raw events are counted (None: no raw part).
    """

    months: tuple[datetime.date, datetime.date] | None
    days: tuple[tuple[datetime.date, datetime.date], ...]
    raw_from: datetime.datetime | None


def count_sources(
    report: ReportFilter,
    days_through: datetime.date | None,
    months_through: datetime.date | None,
) -> CountSources:
    """Split the period between the monthly roll-ups, the daily roll-ups and raw events, given
    the last rolled-up day and the first day of the last rolled-up month (either may be None)."""
    if days_through is None or days_through < report.date_from:
        return CountSources(None, (), report.start)
    rolled_to = min(report.date_to, days_through)
    raw_from = local_midnight(rolled_to + ONE_DAY) if rolled_to < report.date_to else None
    # Whole months inside [date_from, rolled_to] that the monthly roll-ups hold.
    first_month = report.date_from if report.date_from.day == 1 else next_month(report.date_from)
    after_months = (rolled_to + ONE_DAY).replace(day=1)
    if months_through is not None:
        after_months = min(after_months, next_month(months_through))
    if months_through is None or first_month >= after_months:
        return CountSources(None, ((report.date_from, rolled_to),), raw_from)
    days = []
    if report.date_from < first_month:
        days.append((report.date_from, first_month - ONE_DAY))
    if after_months <= rolled_to:
        days.append((after_months, rolled_to))
    return CountSources((first_month, after_months), tuple(days), raw_from)


@dataclass
class CountQuery:
    """One grouped query of `search_counts`: `month_field` is what it groups by for "month",
    and `month_of` turns that field's value into the month's first day."""

    queryset: QuerySet
    annotations: dict
    month_field: str = "month"
    month_of: Callable[[object], datetime.date] | None = None


def search_counts(
    report: ReportFilter, group_by: tuple[str, ...], metrics: tuple[str, ...], subsets=()
) -> dict[tuple, dict[str, int]]:
    """Search counts grouped by `group_by` (fields, or "month"), from raw events + roll-ups.

    Returns {group key tuple: {metric: count}}; "month" keys are the month's first day.
    `clicked` (searches with a result opened) is counted from the clicks table, by the hour
    of the click, in its own query.
    """
    if "clicked" in metrics and subsets:
        raise ValueError("clicked cannot be combined with subsets")
    sources = count_sources(report, *RollUpState.watermarks())
    queries = _roll_up_queries(report, sources, group_by, metrics, subsets)
    if sources.raw_from is not None:
        queries += _raw_queries(report, sources.raw_from, group_by, metrics, subsets)
    totals: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(metrics, 0))
    fields = {name: name for name in group_by}
    convert = dict.fromkeys(group_by)
    if "area_id" in group_by:
        # Group on the stored value: Django's per-row UUID conversion is the slowest part of
        # a year's report on SQLite, so each distinct area is converted once instead.
        fields["area_id"], convert["area_id"] = "area_key", area_uuid
    for query in queries:
        queryset = query.queryset
        if "area_id" in group_by:
            area_key = ExpressionWrapper(F("area_id"), output_field=CharField())
            queryset = queryset.annotate(area_key=area_key)
        if "month" in group_by:
            fields["month"], convert["month"] = query.month_field, query.month_of
        if group_by:
            rows = queryset.values(*fields.values()).annotate(**query.annotations).order_by()
        else:
            rows = [queryset.aggregate(**query.annotations)]
        for row in rows:
            key = tuple(
                convert[name](row[fields[name]]) if convert[name] else row[fields[name]]
                for name in group_by
            )
            for name in query.annotations:
                totals[key][name] += row[name] or 0
    return dict(totals)


@functools.cache
def area_uuid(value) -> uuid.UUID | None:
    """An area id as stored (a UUID, or its hex on SQLite) as a UUID."""
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(value)


def _roll_up_queries(report, sources: CountSources, group_by, metrics, subsets) -> list:
    """Grouped queries over the daily and monthly roll-ups for `sources`."""
    annotations = {name: AGGREGATE_METRICS[name]() for name in metrics if name in AGGREGATE_METRICS}
    if "unmet" in subsets and "searches" in annotations:
        # A roll-up row counts all its searches; only the zero- and low-result ones are unmet.
        annotations["searches"] = Sum("zero_results") + Sum("low_results")
    if not annotations:
        return []
    stores = [
        (DailySearchAggregate, "day", {"day__gte": first, "day__lte": last})
        for first, last in sources.days
    ]
    if sources.months is not None:
        first, after = sources.months
        period = {"month_start__gte": first, "month_start__lt": after}
        # The roll-up without search words has a tenth of the rows: use it when it can answer.
        by_words = "query" in group_by or "with_query" in subsets
        monthly = MonthlySearchAggregate if by_words else MonthlyAreaAggregate
        stores.append((monthly, "month_start", period))
    queries = []
    for model, date_field, period in stores:
        aggregates = model.objects.filter(**period)
        for subset in subsets:
            aggregates = aggregates.filter(AGGREGATE_SUBSETS[subset])
        if report.area_ids is not None:
            aggregates = aggregates.filter(area_id__in=report.area_ids)
        # By month: group on the indexed date column itself (in index order, no sorting),
        # and fold the days into their months here.
        queries.append(
            CountQuery(aggregates, annotations, date_field, lambda day: day.replace(day=1))
        )
    return queries


def _raw_queries(report, raw_from, group_by, metrics, subsets) -> list:
    """Grouped queries over raw search events and clicks from `raw_from` on."""
    queries = []
    annotations = {name: RAW_METRICS[name]() for name in metrics if name in RAW_METRICS}
    events = SearchEvent.objects.filter(occurred_hour__gte=raw_from, occurred_hour__lt=report.end)
    for subset in subsets:
        events = events.filter(RAW_SUBSETS[subset])
    if report.area_ids is not None:
        events = events.filter(area_id__in=report.area_ids)
    months = month_starts(report)
    if "month" in group_by:
        events = events.annotate(month=month_bucket("occurred_hour", report))
    if annotations:
        queries.append(CountQuery(events, annotations, month_of=months.__getitem__))
    if "clicked" in metrics:
        # The search's own hour must be after the watermark too, or a click just after
        # midnight on a rolled-up search would be counted twice.
        clicks = SearchClick.objects.filter(
            occurred_hour__gte=raw_from,
            occurred_hour__lt=report.end,
            event__occurred_hour__gte=raw_from,
        )
        if report.area_ids is not None:
            clicks = clicks.filter(event__area_id__in=report.area_ids)
        click_fields = {
            name: month_bucket("occurred_hour", report) if name == "month" else F(f"event__{name}")
            for name in group_by
        }
        clicks = clicks.annotate(**click_fields) if click_fields else clicks
        clicked = {"clicked": Count("event_id", distinct=True)}
        queries.append(CountQuery(clicks, clicked, month_of=months.__getitem__))
    return queries


def category_names() -> dict[str, str]:
    names = {code: name for code, name, _description, _parent in CATEGORIES}
    names.update(TaxonomyTerm.objects.values_list("code", "name"))
    return names


def area_names(ids=None) -> dict:
    areas = Area.objects.all() if ids is None else Area.objects.filter(pk__in=ids)
    return dict(areas.values_list("pk", "name"))


def month_label(day: datetime.date) -> str:
    return day.strftime("%B %Y")


def percent_change(current: int, previous: int) -> float | None:
    """Change on the previous period, withheld if either count is small or there was none."""
    if not previous or is_small(current) or is_small(previous):
        return None
    return round((current - previous) * 100 / previous, 1)


def trend_word(current: int, previous: int) -> str:
    if previous == 0:
        return _("new") if current else _("no change")
    if current > previous:
        return _("up")
    if current < previous:
        return _("down")
    return _("no change")


# --- 1. Top searches and needs ---------------------------------------------------------------


def top_queries(report: ReportFilter, limit: int = 50) -> list[dict]:
    """The most searched normalised queries, with the previous period's counts."""
    current = search_counts(report, ("query",), ("searches",), subsets=("with_query",))
    previous = search_counts(report.previous(), ("query",), ("searches",), subsets=("with_query",))
    rows = []
    for (query,), counts in current.items():
        before = previous.get((query,), {}).get("searches", 0)
        rows.append(_trend_row({"query": query}, counts["searches"], before))
    rows.sort(key=lambda row: (-row["searches"], row["query"]))
    return rows[:limit]


def top_categories(report: ReportFilter) -> list[dict]:
    """Searches by category (the first category chosen), with the previous period's counts."""
    names = category_names()
    current = search_counts(report, ("category",), ("searches",), subsets=("with_category",))
    previous = search_counts(
        report.previous(), ("category",), ("searches",), subsets=("with_category",)
    )
    rows = []
    for (code,), counts in current.items():
        before = previous.get((code,), {}).get("searches", 0)
        rows.append(
            _trend_row(
                {"category": code, "category_name": names.get(code, code)},
                counts["searches"],
                before,
            )
        )
    rows.sort(key=lambda row: (-row["searches"], row["category_name"]))
    return rows


def _trend_row(row: dict, current: int, previous: int) -> dict:
    return {
        **row,
        "searches": current,
        "previous": previous,
        "change_percent": percent_change(current, previous),
        "trend": trend_word(current, previous),
    }


def top_searches_tables(report: ReportFilter) -> list[Table]:
    trend_columns = [
        Column("searches", _("Searches"), "count"),
        Column("previous", _("Previous period"), "count"),
        Column("change_percent", _("Change (%)"), "rate"),
        Column("trend", _("Trend")),
    ]
    return [
        Table(
            "queries",
            _("Top searches"),
            [Column("query", _("Search words")), *trend_columns],
            top_queries(report),
            _("Normalised search words, most searched first (top 50)."),
            chart=Chart("query", "searches", _("Searches for the top search words")),
        ),
        Table(
            "categories",
            _("Needs (categories chosen)"),
            [Column("category_name", _("Category")), *trend_columns],
            top_categories(report),
            _("The first category people chose when they searched."),
            chart=Chart("category_name", "searches", _("Searches by category")),
        ),
    ]


# --- 2. Unmet need ---------------------------------------------------------------------------


def unmet_need(report: ReportFilter, by: str = "query", limit: int = 200) -> list[dict]:
    """Zero- and low-result searches (fewer than 3 results) grouped by query or category,
    with the areas they came from and any decision already recorded."""
    if by not in ("query", "category"):
        raise ValueError(by)
    subset = "with_query" if by == "query" else "with_category"
    counts = search_counts(
        report, (by, "area_id"), ("searches", "zero_results", "low_results"), ("unmet", subset)
    )
    grouped: dict[str, dict] = {}
    for (key, area_id), values in counts.items():
        row = grouped.setdefault(
            key, {by: key, "searches": 0, "zero_results": 0, "low_results": 0, "areas": {}}
        )
        for name in ("searches", "zero_results", "low_results"):
            row[name] += values[name]
        if area_id is not None:
            row["areas"][area_id] = row["areas"].get(area_id, 0) + values["searches"]
    names = area_names({area_id for row in grouped.values() for area_id in row["areas"]})
    decisions = {
        (decision.query, decision.category): decision
        for decision in UnmetNeedDecision.objects.filter(
            **{f"{by}__in": list(grouped)},
            **({"category": ""} if by == "query" else {"query": ""}),
        )
    }
    categories = category_names()
    rows = []
    for key, row in grouped.items():
        top_areas = sorted(row.pop("areas").items(), key=lambda item: (-item[1], names[item[0]]))
        row["areas"] = [(names[area_id], count) for area_id, count in top_areas[:5]]
        row["areas_text"] = "; ".join(f"{name} ({suppress(count)})" for name, count in row["areas"])
        decision = decisions.get((key, "") if by == "query" else ("", key))
        row["decision"] = decision.decision if decision else ""
        row["decision_label"] = decision.get_decision_display() if decision else ""
        row["decision_note"] = decision.note if decision else ""
        row.setdefault("query", "")
        row.setdefault("category", "")
        row["category_name"] = categories.get(row["category"], row["category"])
        rows.append(row)
    rows.sort(key=lambda row: (-row["searches"], row[by]))
    return rows[:limit]


def unmet_need_tables(report: ReportFilter) -> list[Table]:
    counts = [
        Column("searches", _("Searches with fewer than 3 results"), "count"),
        Column("zero_results", _("No results"), "count"),
        Column("low_results", _("1 or 2 results"), "count"),
        Column("areas_text", _("Where they came from (top 5 areas)")),
        Column("decision_label", _("Decision")),
    ]
    return [
        Table(
            "by-query",
            _("Unmet need by search words"),
            [Column("query", _("Search words")), *counts],
            unmet_need(report, "query"),
            _("Searches that found fewer than 3 listings within the chosen distance."),
            chart=Chart("query", "searches", _("Searches with fewer than 3 results")),
        ),
        Table(
            "by-category",
            _("Unmet need by category"),
            [Column("category_name", _("Category")), *counts],
            unmet_need(report, "category"),
            chart=Chart("category_name", "searches", _("Searches with fewer than 3 results")),
        ),
    ]


# --- 3. Demand vs supply by area -------------------------------------------------------------


def report_areas(report: ReportFilter):
    """Wards and LAC patches the report covers."""
    areas = Area.objects.filter(kind__in=[Area.Kind.WARD, Area.Kind.LAC_PATCH])
    if report.area_ids is not None:
        areas = areas.filter(pk__in=report.area_ids)
    return list(areas.prefetch_related("wards"))


def _covered_ids(area: Area) -> set:
    """An area and, for a LAC patch, the wards it covers."""
    return {area.pk} | {ward.pk for ward in area.wards.all()}


def listings_by_ward() -> dict:
    """{ward id: {category code: set of live service ids located there}}; "" = any category."""
    supply: dict = defaultdict(lambda: defaultdict(set))
    rows = (
        Service.objects.live()
        .filter(service_at_locations__location__area__isnull=False)
        .values_list(
            "pk",
            "service_at_locations__location__area_id",
            "taxonomy_terms__code",
            "taxonomy_terms__parent__code",
        )
    )
    for service_id, ward_id, code, parent_code in rows:
        supply[ward_id][""].add(service_id)
        for category in (code, parent_code):
            if category:
                supply[ward_id][category].add(service_id)
    return supply


def demand_supply(report: ReportFilter) -> list[dict]:
    """Per area and category: searches, live listings located in the area, listings per 100
    searches. Sorted with the biggest gaps (fewest listings per search) first."""
    demand = search_counts(report, ("area_id", "category"), ("searches",), ("with_category",))
    supply = listings_by_ward()
    names = category_names()
    rows = []
    for area in report_areas(report):
        covered = _covered_ids(area)
        searches_by_category: dict[str, int] = defaultdict(int)
        for (area_id, category), counts in demand.items():
            if area_id in covered:
                searches_by_category[category] += counts["searches"]
        for category, searches in searches_by_category.items():
            listings = set().union(*(supply.get(ward, {}).get(category, set()) for ward in covered))
            rows.append(
                {
                    "area": area.name,
                    "area_kind": area.get_kind_display(),
                    "category": category,
                    "category_name": names.get(category, category),
                    "searches": searches,
                    "listings": len(listings),
                    "listings_per_100": per_hundred(len(listings), searches),
                }
            )
    rows.sort(
        key=lambda row: (
            row["listings_per_100"] is None,
            row["listings_per_100"] or 0,
            -row["searches"],
            row["area"],
            row["category_name"],
        )
    )
    return rows


def per_hundred(listings: int, searches: int) -> float | None:
    """Listings per 100 searches; withheld when the search count is small (or nil)."""
    if not searches or is_small(searches):
        return None
    return round(listings * 100 / searches, 1)


def area_overview(report: ReportFilter) -> list[dict]:
    """Per ward: all searches, live listings located there, listings per 100 searches, and
    a map position (centroid, else the mean of its postcodes or of its listings' locations)."""
    demand = search_counts(report, ("area_id",), ("searches",))
    supply = listings_by_ward()
    wards = [area for area in report_areas(report) if area.kind == Area.Kind.WARD]
    postcode_points = {
        row["ward_code"]: (row["lat"], row["lon"])
        for row in Postcode.objects.filter(ward_code__in=[ward.code for ward in wards if ward.code])
        .values("ward_code")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    }
    location_points = {
        row["area_id"]: (row["lat"], row["lon"])
        for row in Location.objects.with_coordinates()
        .filter(area_id__in=[ward.pk for ward in wards])
        .values("area_id")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    }
    rows = []
    for ward in wards:
        searches = demand.get((ward.pk,), {}).get("searches", 0)
        listings = len(supply.get(ward.pk, {}).get("", set()))
        if ward.centroid_latitude is not None and ward.centroid_longitude is not None:
            point = (ward.centroid_latitude, ward.centroid_longitude)
        else:
            point = postcode_points.get(ward.code) or location_points.get(ward.pk)
        rows.append(
            {
                "area": ward.name,
                "searches": searches,
                "listings": listings,
                "listings_per_100": per_hundred(listings, searches),
                "latitude": point[0] if point else None,
                "longitude": point[1] if point else None,
            }
        )
    rows.sort(key=lambda row: (-row["searches"], row["area"]))
    return rows


def demand_supply_tables(report: ReportFilter) -> list[Table]:
    overview = area_overview(report)
    return [
        Table(
            "gaps",
            _("Gap table: demand against supply by area and category"),
            [
                Column("area", _("Area")),
                Column("area_kind", _("Type of area")),
                Column("category_name", _("Category")),
                Column("searches", _("Searches"), "count"),
                Column("listings", _("Listings in the area"), "count", suppressed=False),
                Column("listings_per_100", _("Listings per 100 searches"), "rate"),
            ],
            demand_supply(report),
            _(
                "Biggest gaps first: the fewest local listings for each 100 searches. Listings "
                "are live services with a location in the ward (or in any ward of a LAC patch)."
            ),
        ),
        Table(
            "areas",
            _("Searches and listings by ward"),
            [
                Column("area", _("Ward")),
                Column("searches", _("Searches"), "count"),
                Column("listings", _("Listings in the ward"), "count", suppressed=False),
                Column("listings_per_100", _("Listings per 100 searches"), "rate"),
            ],
            overview,
            chart=Chart("area", "searches", _("Searches by ward"), limit=40),
            map_points=[row for row in overview if row["latitude"] is not None],
        ),
    ]


# --- 4. From search to support ----------------------------------------------------------------


def referral_counts(report: ReportFilter, group_by=(), **filters) -> dict:
    """ReferralEvents created in the period, grouped; {key: {"referrals", "closed", outcome…}}."""
    events = ReferralEvent.objects.filter(
        created_hour__gte=report.start, created_hour__lt=report.end, **filters
    )
    if report.area_ids is not None:
        events = events.filter(area_id__in=report.area_ids)
    if "month" in group_by:
        events = events.annotate(month=month_bucket("created_hour", report))
    rows = (
        events.values(*group_by, "outcome")
        .annotate(
            referrals=Count("id"),
            assessments=Count("id", filter=Q(carer_assessment_requested=True)),
        )
        .order_by()
    )
    months = month_starts(report)
    totals: dict = defaultdict(lambda: defaultdict(int))
    for row in rows:
        key = tuple(months[row[name]] if name == "month" else row[name] for name in group_by)
        totals[key]["referrals"] += row["referrals"]
        totals[key]["carer_assessments"] += row["assessments"]
        if row["outcome"]:
            totals[key]["closed"] += row["referrals"]
            totals[key][row["outcome"]] += row["referrals"]
    return totals


def _outcome_shares(counts: dict) -> dict:
    closed = counts.get("closed", 0)
    resolved = sum(counts.get(code, 0) for code in RESOLVED_OUTCOMES)
    assessed = sum(counts.get(code, 0) for code in ASSESSMENT_OUTCOMES)
    return {
        "resolved": resolved,
        "needs_assessment": assessed,
        "resolved_percent": rate(resolved, closed),
        "needs_assessment_percent": rate(assessed, closed),
    }


def search_to_support(report: ReportFilter) -> dict:
    """Headline figures: click-through, searches followed by a self-referral, outcomes."""
    searches = search_counts(report, (), ("searches", "clicked", "followed_by_referral")).get(
        (), {"searches": 0, "clicked": 0, "followed_by_referral": 0}
    )
    referrals = referral_counts(report).get((), {})
    return {
        "searches": searches["searches"],
        "clicked": searches["clicked"],
        "click_through_percent": rate(searches["clicked"], searches["searches"]),
        "followed_by_referral": searches["followed_by_referral"],
        "referral_percent": rate(searches["followed_by_referral"], searches["searches"]),
        "referrals": referrals.get("referrals", 0),
        "closed": referrals.get("closed", 0),
        **_outcome_shares(referrals),
    }


def referral_outcomes(report: ReportFilter) -> list[dict]:
    """Closed referrals by outcome, with each outcome's share of all closed referrals."""
    counts = referral_counts(report).get((), {})
    closed = counts.get("closed", 0)
    rows = []
    for group, outcomes in (
        (_("Resolved without long-term support"), RESOLVED_OUTCOMES),
        (_("Needs assessment"), ASSESSMENT_OUTCOMES),
        (_("Other"), OTHER_OUTCOMES),
    ):
        for outcome in outcomes:
            code, label = outcome.value, outcome.label
            referrals = counts.get(code, 0)
            rows.append(
                {
                    "group": group,
                    "outcome": code,
                    "outcome_label": str(label),
                    "referrals": referrals,
                    "share_percent": rate(referrals, closed),
                }
            )
    return rows


def support_by_month(report: ReportFilter) -> list[dict]:
    searches = search_counts(report, ("month",), ("searches", "clicked", "followed_by_referral"))
    referrals = referral_counts(report, ("month",))
    rows = []
    for key in sorted(set(searches) | set(referrals)):
        search_row = searches.get(key, {"searches": 0, "clicked": 0, "followed_by_referral": 0})
        referral_row = referrals.get(key, {})
        rows.append(
            {
                "month": month_label(key[0]),
                "searches": search_row["searches"],
                "click_through_percent": rate(search_row["clicked"], search_row["searches"]),
                "followed_by_referral": search_row["followed_by_referral"],
                "referrals": referral_row.get("referrals", 0),
                "closed": referral_row.get("closed", 0),
                **_outcome_shares(referral_row),
            }
        )
    return rows


def search_to_support_tables(report: ReportFilter) -> list[Table]:
    summary = search_to_support(report)
    headline = [
        (_("Searches"), summary["searches"], "count"),
        (_("Searches where a result was opened"), summary["clicked"], "count"),
        (_("Click-through rate"), summary["click_through_percent"], "percent"),
        (_("Searches followed by a self-referral"), summary["followed_by_referral"], "count"),
        (
            _("Share of searches followed by a self-referral"),
            summary["referral_percent"],
            "percent",
        ),
        (_("Self-referrals made"), summary["referrals"], "count"),
        (_("Self-referrals closed"), summary["closed"], "count"),
        (
            _("Closed as information, signposting or LAC introduction"),
            summary["resolved_percent"],
            "percent",
        ),
        (_("Closed as needs assessment"), summary["needs_assessment_percent"], "percent"),
    ]
    return [
        Table(
            "summary",
            _("From search to support"),
            [Column("measure", _("Measure")), Column("value", _("Value"), "mixed")],
            [
                {"measure": label, "value": value, "value_kind": kind}
                for label, value, kind in headline
            ],
            _(
                "Click-through is the share of searches where someone opened a result. Outcome "
                "shares are of referrals made in the period that have been closed."
            ),
        ),
        Table(
            "outcomes",
            _("Referral outcomes"),
            [
                Column("group", _("Group")),
                Column("outcome_label", _("Outcome")),
                Column("referrals", _("Referrals"), "count"),
                Column("share_percent", _("Share of closed referrals"), "percent"),
            ],
            referral_outcomes(report),
            chart=Chart("outcome_label", "referrals", _("Closed referrals by outcome")),
        ),
        Table(
            "by-month",
            _("By month"),
            [
                Column("month", _("Month")),
                Column("searches", _("Searches"), "count"),
                Column("click_through_percent", _("Click-through"), "percent"),
                Column("followed_by_referral", _("Followed by a self-referral"), "count"),
                Column("referrals", _("Self-referrals"), "count"),
                Column("closed", _("Closed"), "count"),
                Column("resolved_percent", _("Resolved without long-term support"), "percent"),
                Column("needs_assessment_percent", _("Needs assessment"), "percent"),
            ],
            support_by_month(report),
        ),
    ]


# --- 5. Carers -------------------------------------------------------------------------------


def carers(report: ReportFilter, by: str) -> list[dict]:
    """Carers' searches, carers' referrals and carer's assessment requests by area or month."""
    if by not in ("area_id", "month"):
        raise ValueError(by)
    searches = search_counts(report, (by,), ("searches",), ("carers",))
    referrals = referral_counts(report, (by,), is_carer=True)
    names = area_names() if by == "area_id" else {}
    rows = []
    for key in set(searches) | set(referrals):
        value = key[0]
        if by == "area_id":
            label = names.get(value, _("Area not known")) if value else _("Area not known")
        else:
            label = month_label(value)
        rows.append(
            {
                "label": label,
                "sort": value if by == "month" else "",
                "carer_searches": searches.get(key, {}).get("searches", 0),
                "carer_referrals": referrals.get(key, {}).get("referrals", 0),
                "carer_assessments": referrals.get(key, {}).get("carer_assessments", 0),
            }
        )
    if by == "month":
        rows.sort(key=lambda row: row["sort"])
    else:
        rows.sort(key=lambda row: (-row["carer_searches"], row["label"]))
    for row in rows:
        del row["sort"]
    return rows


def carers_tables(report: ReportFilter) -> list[Table]:
    counts = [
        Column("carer_searches", _("Carers' searches"), "count"),
        Column("carer_referrals", _("Carers' referrals"), "count"),
        Column("carer_assessments", _("Carer's assessment requests"), "count"),
    ]
    return [
        Table(
            "by-area",
            _("Carers by area"),
            [Column("label", _("Area")), *counts],
            carers(report, "area_id"),
            _("Carers' searches are searches made from the carers' hub or with a carers' filter."),
            chart=Chart("label", "carer_searches", _("Carers' searches by area"), limit=40),
        ),
        Table(
            "by-month",
            _("Carers by month"),
            [Column("label", _("Month")), *counts],
            carers(report, "month"),
            chart=Chart("label", "carer_searches", _("Carers' searches by month"), limit=40),
        ),
    ]


# --- 6. Directory health -----------------------------------------------------------------------


def _live_services(report: ReportFilter):
    services = Service.objects.live()
    if report.area_ids is not None:
        services = services.filter(
            service_at_locations__location__area_id__in=report.area_ids
        ).distinct()
    return services


def review_status(report: ReportFilter, today: datetime.date | None = None) -> list[dict]:
    """Live listings by review status today (the date range does not apply)."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=30)
    counts = _live_services(report).aggregate(
        overdue=Count("pk", filter=Q(review_due__lt=today), distinct=True),
        due_soon=Count("pk", filter=Q(review_due__gte=today, review_due__lt=soon), distinct=True),
        in_date=Count("pk", filter=Q(review_due__gte=soon), distinct=True),
    )
    total = sum(counts.values())
    labels = {
        "overdue": _("Overdue for review"),
        "due_soon": _("Review due in the next 30 days"),
        "in_date": _("Reviewed and in date"),
    }
    return [
        {
            "status": labels[key],
            "listings": counts[key],
            "share_percent": round(counts[key] * 100 / total, 1) if total else None,
        }
        for key in ("overdue", "due_soon", "in_date")
    ]


def listings_health_by(report: ReportFilter, by: str, today=None) -> list[dict]:
    """Live listings and overdue listings per ward (by="area") or per category."""
    today = today or timezone.localdate()
    field_name = {
        "area": "service_at_locations__location__area__name",
        "category": "taxonomy_terms__name",
    }[by]
    rows = (
        _live_services(report)
        .values(field_name)
        .annotate(
            listings=Count("pk", distinct=True),
            overdue=Count("pk", filter=Q(review_due__lt=today), distinct=True),
        )
        .order_by()
    )
    result = [
        {
            "label": row[field_name] or (_("No area") if by == "area" else _("No category")),
            "listings": row["listings"],
            "overdue": row["overdue"],
            "overdue_percent": round(row["overdue"] * 100 / row["listings"], 1),
        }
        for row in rows
    ]
    result.sort(key=lambda row: (-row["overdue"], row["label"]))
    return result


def suggestions_waiting(report: ReportFilter, now=None) -> list[dict]:
    """Change suggestions not yet applied or dismissed, by kind, with the oldest's age."""
    now = now or timezone.now()
    suggestions = ChangeSuggestion.objects.filter(status=ChangeSuggestion.Status.NEW)
    if report.area_ids is not None:
        suggestions = suggestions.filter(
            service__service_at_locations__location__area_id__in=report.area_ids
        )
    kinds = dict(ChangeSuggestion.Kind.choices)
    rows = (
        suggestions.values("kind")
        .annotate(waiting=Count("pk", distinct=True), oldest=Min("created_at"))
        .order_by("kind")
    )
    return [
        {
            "kind": str(kinds.get(row["kind"], row["kind"])),
            "waiting": row["waiting"],
            "oldest_days": (now - row["oldest"]).days,
        }
        for row in rows
    ]


def directory_health_tables(report: ReportFilter) -> list[Table]:
    listing_columns = [
        Column("listings", _("Live listings"), "count", suppressed=False),
        Column("overdue", _("Overdue for review"), "count", suppressed=False),
        Column("overdue_percent", _("Overdue (%)"), "percent"),
    ]
    return [
        Table(
            "review-status",
            _("Listings by review status"),
            [
                Column("status", _("Review status")),
                Column("listings", _("Live listings"), "count", suppressed=False),
                Column("share_percent", _("Share"), "percent"),
            ],
            review_status(report),
            _("As of today; the date range does not apply to this report."),
            chart=Chart("status", "listings", _("Live listings by review status")),
        ),
        Table(
            "by-area",
            _("Listings by ward"),
            [Column("label", _("Ward")), *listing_columns],
            listings_health_by(report, "area"),
        ),
        Table(
            "by-category",
            _("Listings by category"),
            [Column("label", _("Category")), *listing_columns],
            listings_health_by(report, "category"),
        ),
        Table(
            "suggestions",
            _("Change suggestions waiting"),
            [
                Column("kind", _("Kind")),
                Column("waiting", _("Waiting"), "count", suppressed=False),
                Column("oldest_days", _("Oldest (days)"), "count", suppressed=False),
            ],
            suggestions_waiting(report),
        ),
    ]


# --- The catalogue ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportSpec:
    slug: str
    title: str
    summary: str
    build: object


REPORTS = {
    spec.slug: spec
    for spec in (
        ReportSpec(
            "top-searches",
            gettext_lazy("Top searches and needs"),
            gettext_lazy("What people search for, and how that changed on the period before."),
            top_searches_tables,
        ),
        ReportSpec(
            "unmet-need",
            gettext_lazy("Unmet need"),
            gettext_lazy("Searches that found nothing or fewer than 3 listings, and where from."),
            unmet_need_tables,
        ),
        ReportSpec(
            "demand-supply",
            gettext_lazy("Demand against supply by area"),
            gettext_lazy("Searches and local listings for each ward and LAC patch: the gap table."),
            demand_supply_tables,
        ),
        ReportSpec(
            "search-to-support",
            gettext_lazy("From search to support"),
            gettext_lazy("Click-through, searches followed by a self-referral, referral outcomes."),
            search_to_support_tables,
        ),
        ReportSpec(
            "carers",
            gettext_lazy("Carers"),
            gettext_lazy("Carers' searches, referrals and carer's assessment requests."),
            carers_tables,
        ),
        ReportSpec(
            "directory-health",
            gettext_lazy("Directory health"),
            gettext_lazy("Listings overdue for review, by area and category; suggestions waiting."),
            directory_health_tables,
        ),
    )
}

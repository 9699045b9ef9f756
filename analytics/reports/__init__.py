"""The prevention analytics reports, as plain functions over a `ReportFilter`.

Each report returns a list of `Table`s: rows are dicts of raw numbers (tests assert on them);
screens and CSV exports format them through `portal.suppression`, so small
numbers are hidden in one place. Search counts come from raw `SearchEvent` rows plus the
daily and monthly roll-ups that `purge_expired` keeps, so a report over any period gives the
same totals before and after it runs: whole months up to the monthly watermark are read from
`MonthlySearchAggregate` (or `MonthlyAreaAggregate` when the search words are not needed),
other days up to the daily watermark from `DailySearchAggregate`, later hours from raw
events. One grouped SQL query per source (and day range) per table.

The package holds one module per report (`top_searches`, `unmet`, `demand`, `support`,
`carer_activity`, `directory_health`), the shapes they share (`shapes`), the count queries
over raw events and roll-ups (`counts`), the names they show (`labels`) and the areas "by
area" tables group by (`footprint`: wards, PCNs, LAC patches… as `ReportFilter.area_type`
says). `REPORTS`, the catalogue, and the public names of every module are importable from
`analytics.reports`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from analytics.reports.carer_activity import (
    YearError,
    carer_outcomes,
    carers,
    carers_by_footprint,
    carers_by_route,
    carers_tables,
    financial_year,
)
from analytics.reports.checks import (
    checks_by_band,
    checks_by_kind,
    checks_by_month,
    checks_tables,
    probably_not_then_listing,
)
from analytics.reports.counts import (
    AGGREGATE_METRICS,
    AGGREGATE_SUBSETS,
    LOW_RESULTS,
    RAW_METRICS,
    RAW_SUBSETS,
    CountQuery,
    CountSources,
    area_uuid,
    count_sources,
    month_bucket,
    referral_counts,
    search_counts,
)
from analytics.reports.demand import (
    area_overview,
    demand_supply,
    demand_supply_tables,
    listings_by_group,
    listings_by_ward,
    per_hundred,
    report_areas,
)
from analytics.reports.directory_health import (
    directory_health_tables,
    listing_quality,
    listings_health_by,
    review_status,
    suggestions_waiting,
)
from analytics.reports.first_contact import (
    by_route,
    first_contact_summary,
    first_contact_tables,
)
from analytics.reports.footprint import (
    NOT_IN,
    AreaGroup,
    area_groups,
    footprint_label,
    group_key,
    not_in_label,
    searches_by_group,
    type_label,
)
from analytics.reports.information_ease import (
    ease_by_answer,
    ease_by_area,
    ease_by_month,
    ease_by_page,
    information_ease_tables,
)
from analytics.reports.labels import area_names, category_names, month_label
from analytics.reports.shapes import (
    DEFAULT_DAYS,
    ONE_DAY,
    SCREEN_ROWS,
    Chart,
    Column,
    ReportFilter,
    Table,
    local_midnight,
    local_zone,
    month_starts,
    next_month,
)
from analytics.reports.support import (
    referral_outcomes,
    search_to_support,
    search_to_support_tables,
    support_by_month,
)
from analytics.reports.top_searches import (
    percent_change,
    top_categories,
    top_queries,
    top_searches_tables,
    trend_word,
)
from analytics.reports.unmet import unmet_need, unmet_need_by_area, unmet_need_tables

__all__ = [
    "AGGREGATE_METRICS",
    "AGGREGATE_SUBSETS",
    "AreaGroup",
    "Chart",
    "Column",
    "CountQuery",
    "CountSources",
    "DEFAULT_DAYS",
    "LOW_RESULTS",
    "NOT_IN",
    "ONE_DAY",
    "RAW_METRICS",
    "RAW_SUBSETS",
    "REPORTS",
    "ReportFilter",
    "ReportSpec",
    "SCREEN_ROWS",
    "Table",
    "YearError",
    "area_groups",
    "footprint_label",
    "area_names",
    "financial_year",
    "information_ease_tables",
    "ease_by_page",
    "ease_by_month",
    "ease_by_area",
    "ease_by_answer",
    "first_contact_tables",
    "first_contact_summary",
    "by_route",
    "carers_by_route",
    "carers_by_footprint",
    "carer_outcomes",
    "area_overview",
    "area_uuid",
    "carers",
    "carers_tables",
    "checks_by_band",
    "checks_by_kind",
    "checks_by_month",
    "checks_tables",
    "probably_not_then_listing",
    "category_names",
    "count_sources",
    "demand_supply",
    "demand_supply_tables",
    "directory_health_tables",
    "group_key",
    "listings_by_group",
    "listings_by_ward",
    "listing_quality",
    "listings_health_by",
    "local_midnight",
    "local_zone",
    "month_bucket",
    "month_label",
    "month_starts",
    "next_month",
    "not_in_label",
    "per_hundred",
    "percent_change",
    "referral_counts",
    "referral_outcomes",
    "report_areas",
    "review_status",
    "search_counts",
    "search_to_support",
    "search_to_support_tables",
    "searches_by_group",
    "suggestions_waiting",
    "support_by_month",
    "top_categories",
    "top_queries",
    "top_searches_tables",
    "trend_word",
    "type_label",
    "unmet_need",
    "unmet_need_by_area",
    "unmet_need_tables",
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
            gettext_lazy("Searches and local listings for each area (ward, PCN…): the gap table."),
            demand_supply_tables,
        ),
        ReportSpec(
            "search-to-support",
            gettext_lazy("From search to support"),
            gettext_lazy("Click-through, searches followed by a self-referral, referral outcomes."),
            search_to_support_tables,
        ),
        ReportSpec(
            "first-contact",
            gettext_lazy("First Contact measures"),
            gettext_lazy(
                "Contacts by route, outcomes, times to first contact and to close, feedback to "
                "referrers, carers identified."
            ),
            first_contact_tables,
        ),
        ReportSpec(
            "information-ease",
            gettext_lazy("Ease of finding information (ASCOF 3D)"),
            gettext_lazy("“Was it easy to find information about support?” by period and area."),
            information_ease_tables,
        ),
        ReportSpec(
            "carers",
            gettext_lazy("Carers"),
            gettext_lazy(
                "Carers identified and referred to the Carers Centre, their outcomes, carers' "
                "searches and assessment requests; the annual carers' report by financial year."
            ),
            carers_tables,
        ),
        ReportSpec(
            "care-act-checks",
            gettext_lazy("Care Act checks"),
            gettext_lazy(
                "The eligibility and cost checks started and finished, results by band, and "
                "“probably not eligible, then found local support”."
            ),
            checks_tables,
        ),
        ReportSpec(
            "directory-health",
            gettext_lazy("Directory health"),
            gettext_lazy(
                "Listings overdue for review, by area and category; suggestions waiting; "
                "listing quality checks and their trend."
            ),
            directory_health_tables,
        ),
    )
}

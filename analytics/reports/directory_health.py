"""Report 6, directory health: listings overdue for review by area and category, change
suggestions waiting, and the listings' quality checks now and their trend."""

import datetime
from collections import defaultdict

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from analytics.reports.footprint import area_groups, group_key, type_label
from analytics.reports.shapes import Chart, Column, ReportFilter, Table
from directory.models import ChangeSuggestion, QualitySnapshot, Service
from directory.quality import CHECKS, quality_counts

# The quality trend compares today's counts with the recorded counts this many days ago.
TREND_DAYS = (7, 30)


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
    """Live listings and overdue listings per area of the report's type (by="area") or per
    category. A listing counts once in each area (or category) it is in."""
    today = today or timezone.localdate()
    if by == "area":
        return _listings_health_by_area(report, today)
    field_name = {"category": "taxonomy_terms__name"}[by]
    rows = (
        _live_services(report)
        .values(field_name)
        .annotate(
            listings=Count("pk", distinct=True),
            overdue=Count("pk", filter=Q(review_due__lt=today), distinct=True),
        )
        .order_by()
    )
    return _health_rows(
        (row[field_name] or _("No category"), row["listings"], row["overdue"]) for row in rows
    )


def _listings_health_by_area(report: ReportFilter, today: datetime.date) -> list[dict]:
    """Grouped through the report's footprint: by ward, PCN, LAC patch…"""
    services: dict = defaultdict(set)
    overdue: dict = defaultdict(set)
    rows = _live_services(report).values_list(
        "pk", "service_at_locations__location__area_id", "review_due"
    )
    for service_id, area_id, review_due in rows:
        key = group_key(report, area_id)
        services[key].add(service_id)
        if review_due is not None and review_due < today:
            overdue[key].add(service_id)
    names = {group.key: group.name for group in area_groups(report)}
    names[None] = _("No area")
    return _health_rows(
        (names.get(key, _("No area")), len(ids), len(overdue[key])) for key, ids in services.items()
    )


def _health_rows(counts) -> list[dict]:
    result = [
        {
            "label": label,
            "listings": listings,
            "overdue": overdue,
            "overdue_percent": round(overdue * 100 / listings, 1),
        }
        for label, listings, overdue in counts
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


def listing_quality(report: ReportFilter, today: datetime.date | None = None) -> list[dict]:
    """Per quality check (directory.quality): live listings failing it today, their share of
    the live listings, and, for all areas, the counts `record_listing_quality` recorded 7 and
    30 days ago (the latest record on or before that day) and the change since then.

    Listings, not people: no small-number suppression. The date range does not apply."""
    today = today or timezone.localdate()
    live = _live_services(report)
    total = live.count()
    counts = quality_counts(live, today)
    past = {days: _recorded_counts(today - datetime.timedelta(days=days)) for days in TREND_DAYS}
    admin_list = reverse("wagtailsnippets_directory_service:list")
    rows = []
    for code, check in CHECKS.items():
        row = {
            "check": check.label,
            "code": code,
            "failing": counts[code],
            "failing_url": f"{admin_list}?quality={code}",
            "share_percent": round(counts[code] * 100 / total, 1) if total else None,
            "how_to_fix": check.how_to_fix,
        }
        for days in TREND_DAYS:
            recorded = past[days].get(code) if report.area is None else None
            row[f"days_{days}_ago"] = _recorded(recorded, report)
        recorded = past[TREND_DAYS[-1]].get(code) if report.area is None else None
        row["change"] = _change(counts[code], recorded, report)
        rows.append(row)
    return rows


def _recorded_counts(day: datetime.date) -> dict[str, int]:
    """{check code: failing} from the latest snapshot day on or before `day`."""
    latest = (
        QualitySnapshot.objects.filter(day__lte=day).order_by("-day").values_list("day", flat=True)
    ).first()
    if latest is None:
        return {}
    return dict(QualitySnapshot.objects.filter(day=latest).values_list("check_code", "failing"))


def _recorded(count: int | None, report: ReportFilter) -> str | int:
    if report.area is not None:
        return _("all areas only")
    return _("not recorded") if count is None else count


def _change(now: int, then: int | None, report: ReportFilter) -> str:
    if then is None:
        return _recorded(None, report)
    if now == then:
        return _("no change")
    return (_("up %(count)s") if now > then else _("down %(count)s")) % {"count": abs(now - then)}


def directory_health_tables(report: ReportFilter) -> list[Table]:
    kind = type_label(report.area_type)
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
            _("Listings by %(type)s") % {"type": kind.lower()},
            [Column("label", kind), *listing_columns],
            listings_health_by(report, "area"),
            _("A listing with locations in several areas counts in each of them."),
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
        Table(
            "listing-quality",
            _("Listing quality"),
            [
                Column("check", _("Quality check")),
                Column("failing", _("Live listings failing"), "count", suppressed=False),
                Column("share_percent", _("Share of live listings"), "percent"),
                *(
                    Column(f"days_{days}_ago", _("%(days)s days ago") % {"days": days})
                    for days in TREND_DAYS
                ),
                Column("change", _("Change in %(days)s days") % {"days": TREND_DAYS[-1]}),
                Column("how_to_fix", _("How to fix")),
            ],
            listing_quality(report),
            _(
                "As of today; the date range does not apply. Past counts are those "
                "record_listing_quality recorded for all areas: trends start when it runs daily."
            ),
        ),
    ]

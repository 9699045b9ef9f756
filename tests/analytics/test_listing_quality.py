"""The directory-health report's "Listing quality" section: counts of live listings failing
each check (directory.quality), their share, the trend from QualitySnapshot, links to the
admin listings filtered by the check, and the CSV. On the demo data the report's counts are
the per-listing checks summed."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from analytics import reports
from analytics.reports import ReportFilter
from demo import directory as demo_directory
from directory.models import QualitySnapshot, Service
from directory.quality import CHECKS, listing_problems
from tests.factories.directory import AreaFactory, LocationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

URL = reverse("analytics:report", args=["directory-health"])
CSV_URL = reverse("analytics:csv", args=["directory-health", "listing-quality"])


def by_code(rows):
    return {row["code"]: row for row in rows}


@pytest.fixture
def listings():
    """Four live listings, two with no way to contact them, one a draft (not counted)."""
    ward = AreaFactory(name="Walkley")
    for _ in range(2):
        ServiceFactory(kind=Service.Kind.SERVICE, location=LocationFactory(area=ward))
    for _ in range(2):
        ServiceFactory(kind=Service.Kind.SERVICE, organisation=None)
    ServiceFactory(kind=Service.Kind.SERVICE, organisation=None, live=False)
    return ward


def test_counts_shares_and_trend(listings):
    today = timezone.localdate()
    for days_ago, failing in ((7, 5), (30, 1), (31, 9)):
        QualitySnapshot.objects.create(
            day=today - datetime.timedelta(days=days_ago),
            check_code="no_contact",
            failing=failing,
            listings=10,
        )
    rows = by_code(reports.listing_quality(ReportFilter.default()))
    assert list(rows) == list(CHECKS)
    no_contact = rows["no_contact"]
    assert (no_contact["failing"], no_contact["share_percent"]) == (2, 50.0)
    assert no_contact["days_7_ago"] == 5
    assert no_contact["days_30_ago"] == 1  # the latest record on or before that day
    assert no_contact["change"] == "up 1"
    assert rows["no_category"]["failing"] == 4  # factory listings have no category
    assert rows["no_location"]["days_30_ago"] == "not recorded"
    assert no_contact["failing_url"].endswith("?quality=no_contact")

    # by area: today's counts for the area's listings; no trend (snapshots are for all areas)
    area_rows = by_code(reports.listing_quality(ReportFilter.default(area=listings)))
    assert area_rows["no_contact"]["failing"] == 0
    assert area_rows["no_category"]["failing"] == 2
    assert area_rows["no_contact"]["days_7_ago"] == "all areas only"


def test_section_renders_with_links_and_its_csv(client, analyst, listings):
    client.force_login(analyst)
    page = client.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Listing quality" in text
    assert "trends start when it runs daily" in text
    admin_list = reverse("wagtailsnippets_directory_service:list")
    assert f'<a href="{admin_list}?quality=no_contact">2</a>' in text

    export = client.get(CSV_URL)
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][:3] == ["Quality check", "Live listings failing", "Share of live listings"]
    no_contact = next(row for row in rows if row[0] == CHECKS["no_contact"].label)
    assert no_contact[1:3] == ["2", "50.0"]  # listings, not people: no small-number suppression
    assert no_contact[5] == "not recorded"


def test_the_quality_report_counts_match_the_checks_on_the_demo_data():
    demo_directory.load(stdout=io.StringIO(), listings=320, seed=2026)
    live = list(Service.objects.live())
    assert len(live) >= 300
    expected = dict.fromkeys(CHECKS, 0)
    for service in live:  # one at a time, without the report's prefetching
        for check in listing_problems(service):
            expected[check.code] += 1
    rows = reports.listing_quality(ReportFilter.default())
    assert {row["code"]: row["failing"] for row in rows} == expected
    assert sum(expected.values()) > 0  # the demo data has something to show
    # the demo records today's counts, so the report's trend has its first point
    recorded = QualitySnapshot.objects.filter(day=timezone.localdate())
    assert {s.check_code: s.failing for s in recorded} == expected
    assert {s.listings for s in recorded} == {len(live)}

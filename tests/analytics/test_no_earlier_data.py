"""The change on the previous period (#22, item 6): without searches counted for the whole of
the earlier period (a new site, a demo), "No earlier data" instead of a percentage."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from analytics import reports
from analytics.models import SearchEvent
from analytics.reports import ReportFilter
from analytics.retention import roll_up
from tests.analytics.conftest import search, searches

pytestmark = pytest.mark.django_db

MARCH = ReportFilter(datetime.date(2026, 3, 1), datetime.date(2026, 3, 28))
FIRST_OF_FEBRUARY = datetime.date(2026, 2, 1)  # the first day of the period before MARCH


def rows_by_query():
    return {row["query"]: row for row in reports.top_queries(MARCH)}


@pytest.fixture
def data_from_the_last_day_of_february(db):
    searches(6, datetime.date(2026, 2, 28), query="lunch club")
    searches(12, datetime.date(2026, 3, 10), query="lunch club")


def test_data_starting_inside_the_earlier_period_gives_no_change(
    data_from_the_last_day_of_february,
):
    row = rows_by_query()["lunch club"]
    assert (row["searches"], row["change_percent"], row["trend"]) == (12, None, "No earlier data")


def test_data_covering_the_earlier_period_gives_the_change(data_from_the_last_day_of_february):
    search(FIRST_OF_FEBRUARY)
    row = rows_by_query()["lunch club"]
    assert (row["change_percent"], row["trend"]) == (100.0, "up")


def test_rolled_up_days_count_as_earlier_data(data_from_the_last_day_of_february):
    search(FIRST_OF_FEBRUARY)
    roll_up(through=datetime.date(2026, 3, 31))  # raw events become daily and monthly counts
    SearchEvent.objects.all().delete()  # as purge_expired deletes them later
    assert rows_by_query()["lunch club"]["change_percent"] == 100.0


def test_the_screen_and_the_csv_say_no_earlier_data(
    client, analyst, data_from_the_last_day_of_february
):
    client.force_login(analyst)
    period = {"date_from": "2026-03-01", "date_to": "2026-03-28"}
    page = client.get(reverse("analytics:report", args=["top-searches"]), period).text
    assert "No earlier data" in page
    assert "8267" not in page and "up</td>" not in page
    export = client.get(reverse("analytics:csv", args=["top-searches", "queries"]), period)
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    header, lunch = rows[0], next(row for row in rows if row[0] == "lunch club")
    assert lunch[header.index("Change (%)")] == "No earlier data"

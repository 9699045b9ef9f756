"""The annual carers' report, /admin/analytics/carers/?year=2025: the financial year 1 April
2025 to 31 March 2026; carers identified by route and area, referred to the Carers Centre,
outcomes, suppression, printable; a bad year is a message, never a 500."""

import datetime

import pytest
from django.urls import reverse

from analytics import reports
from analytics.models import ReferralEvent
from analytics.reports import ReportFilter, YearError, financial_year
from directory.models import Area
from referrals.choices import Outcome, Route
from tests.analytics.conftest import referral

pytestmark = pytest.mark.django_db

URL = reverse("analytics:report", args=["carers"])
YEAR_2025 = ReportFilter(datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))


def carer(day, area=None, route=Route.CARER, outcome="", team="carers_centre", count=1):
    for _ in range(count):
        event = referral(day, area=area, outcome=outcome, carer=True, team=team)
        ReferralEvent.objects.filter(pk=event.pk).update(route=route)


@pytest.fixture
def year_of_carers(world):
    walkley, darnall = world["walkley"], world["darnall"]
    carer(datetime.date(2025, 4, 1), area=walkley, count=3)  # the first day of the year
    carer(datetime.date(2026, 3, 31), area=walkley, count=3, outcome=Outcome.CARERS_CENTRE)
    carer(
        datetime.date(2025, 9, 1),
        area=darnall,
        route=Route.PROFESSIONAL,
        count=2,
        team="first_contact",
        outcome=Outcome.NEEDS_ASSESSMENT,
    )
    carer(datetime.date(2025, 3, 31), area=walkley, count=4)  # the year before
    carer(datetime.date(2026, 4, 1), area=walkley, count=4)  # the year after
    referral(datetime.date(2025, 6, 1), area=walkley)  # not a carer
    return world


def test_financial_year_runs_april_to_march():
    today = datetime.date(2026, 12, 7)
    assert financial_year("2025", today) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    assert financial_year(" 2026 ", today)[1] == datetime.date(2027, 3, 31)
    for bad in ("", "abc", "25", "20255", "1999", "2027", "２０２５", "-2025"):
        with pytest.raises(YearError):
            financial_year(bad, today)


def test_carers_identified_by_route_and_area(year_of_carers):
    by_route = {row["label"]: row for row in reports.carers_by_route(YEAR_2025)}
    assert by_route["Carer"]["carers"] == 6
    assert by_route["Carer"]["to_carers_centre"] == 6
    assert by_route["Professional"]["carers"] == 2
    assert by_route["Professional"]["to_carers_centre"] == 0
    assert by_route["Self or family"]["carers"] == 0

    by_ward = {row["label"]: row["carers"] for row in reports.carers_by_footprint(YEAR_2025)}
    assert by_ward == {"Walkley": 6, "Darnall": 2}
    patches = ReportFilter(YEAR_2025.date_from, YEAR_2025.date_to, area_type=Area.Kind.LAC_PATCH)
    by_patch = {row["label"]: row["carers"] for row in reports.carers_by_footprint(patches)}
    assert by_patch == {"North West patch": 6, "Not in a local area coordination patch": 2}


def test_carers_outcomes(year_of_carers):
    rows = {row["outcome_label"]: row for row in reports.carer_outcomes(YEAR_2025)}
    assert rows["Referred to carers' centre"]["referrals"] == 3
    assert rows["Referred to carers' centre"]["bucket"] == "resolved"
    assert rows["Needs assessment"]["referrals"] == 2
    assert rows["Needs assessment"]["share_percent"] is None  # fewer than 5


def test_annual_report_page_is_the_financial_year(client, analyst, year_of_carers):
    client.force_login(analyst)
    page = client.get(URL, {"year": "2025"})
    assert page.status_code == 200
    text = page.text
    assert "financial year 2025 to 2026" in text
    assert "1 April 2025 to 31 March 2026" in text
    assert "Carers identified, by route" in text
    assert "fewer than 5" in text  # 2 professional referrals, 3 closed with the Carers Centre
    assert 'media="print"' in text and "analytics-print.css" in text
    csv_text = client.get(
        reverse("analytics:csv", args=["carers", "identified-by-route"]), {"year": "2025"}
    ).content.decode()
    assert "Carer,6,6" in csv_text
    assert "Professional,fewer than 5,0" in csv_text


@pytest.mark.parametrize("year", ["abc", "1999", "3000", "", "2025-26", "9" * 500])
def test_a_bad_year_is_a_clear_message(client, analyst, year_of_carers, year):
    client.force_login(analyst)
    page = client.get(URL, {"year": year})
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "Enter" in page.text
    assert "financial year 2025 to 2026" not in page.text
    response = client.get(reverse("analytics:csv", args=["carers", "by-area"]), {"year": year})
    assert response.status_code == 200


def test_year_only_on_the_carers_report(client, analyst, year_of_carers):
    client.force_login(analyst)
    page = client.get(reverse("analytics:report", args=["first-contact"]), {"year": "abc"})
    assert page.status_code == 200
    assert "Annual report" not in page.text

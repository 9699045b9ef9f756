"""Care Act checks counted, not kept: the check pages send `check_started` and
`check_finished` (checks.events), analytics stores anonymous CheckEvents (kind, band, hour),
links a "probably not" result to a listing opened later that day by the same visit, blanks
the visit hash in the nightly purge, and the "Care Act checks" report counts them."""

import datetime
import io
import re

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from analytics import reports
from analytics.models import CheckEvent
from analytics.reports import ReportFilter, checks_tables
from analytics.retention import blank_check_visits
from demo.analytics import make_check_events
from directory.models import Service
from tests.analytics.conftest import DAY, at
from tests.checks.test_cost_views import AT_HOME
from tests.checks.test_cost_views import walk as walk_cost
from tests.checks.test_eligibility_views import (
    ADULT,
    ADULT_ANSWERS,
    CARER,
    CARER_ANSWERS,
    see_result,
    walk,
)
from tests.factories.directory import (
    AreaFactory,
    LocationFactory,
    PostcodeFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)

pytestmark = pytest.mark.django_db

PROBABLY_NOT = [(step, "can" if step == "personal_hygiene" else v) for step, v in ADULT_ANSWERS]


def rows():
    return list(CheckEvent.objects.order_by("id").values("kind", "event", "band"))


def assert_nothing_personal():
    """No answer, amount or postcode in any stored check event."""
    for event in CheckEvent.objects.all():
        text = " ".join(str(value) for value in model_to_dict(event).values())
        for forbidden in ("myself", "needs_help", "significant", "£", "16,000", "S6", "s6"):
            assert forbidden not in text, forbidden


def test_adult_check_started_once_and_finished_with_its_band(client):
    check_page = walk(client, ADULT, ADULT_ANSWERS)
    assert rows() == [{"kind": "adult", "event": "started", "band": ""}]
    result = see_result(client, ADULT, check_page)
    assert result.status_code == 200
    see_result(client, ADULT, check_page)  # the same result reloaded: counted once
    assert rows()[1:] == [{"kind": "adult", "event": "finished", "band": "likely"}]
    assert_nothing_personal()


def test_showing_the_first_question_again_or_going_back_does_not_start_again(client):
    client.get(ADULT["questions"])
    client.get(ADULT["questions"])
    assert rows() == []
    check_page = walk(client, CARER, CARER_ANSWERS)
    see_result(client, CARER, check_page)
    assert [row["event"] for row in rows()] == ["started", "finished"]
    assert rows()[1]["kind"] == "carer" and rows()[1]["band"] in {"likely", "may_be"}
    assert_nothing_personal()


def test_cost_check_started_and_finished_without_a_band_or_amount(client, site):
    response = walk_cost(client, AT_HOME)
    assert "Your estimate" in response.content.decode()
    assert rows() == [
        {"kind": "cost", "event": "started", "band": ""},
        {"kind": "cost", "event": "finished", "band": ""},
    ]
    assert_nothing_personal()


@pytest.fixture
def local_support(db):
    ward = AreaFactory(name="Hillsborough", code="E05010863")
    PostcodeFactory(postcode="S6 2LN", latitude=53.4033, longitude=-1.4993, ward_code=ward.code)
    lunch = TaxonomyTermFactory(code="lunch-clubs", name="Lunch clubs and community meals")
    return ServiceFactory(
        name="Walkley Lunch Club",
        kind=Service.Kind.COMMUNITY_ASSET,
        categories=[lunch],
        location=LocationFactory(latitude=53.4040, longitude=-1.4990),
    )


def test_probably_not_then_a_local_listing_opened_is_counted(client, local_support):
    check_page = walk(client, ADULT, PROBABLY_NOT)
    result = see_result(client, ADULT, check_page)
    near = see_result(client, ADULT, result, postcode="s6 2ln")  # same run: not counted again
    link = f"{local_support.get_absolute_url()}?from=check"
    assert link in near.content.decode()
    finished = CheckEvent.objects.get(event="finished")
    assert finished.band == "probably_not" and not finished.then_opened_listing
    assert client.get(link).status_code == 200
    finished.refresh_from_db()
    assert finished.then_opened_listing
    assert CheckEvent.objects.filter(event="finished").count() == 1
    assert_nothing_personal()
    today = timezone.localdate()
    table = next(
        t
        for t in checks_tables(ReportFilter(today, today))
        if t.slug == "probably-not-then-listing"
    )
    assert table.rows[0]["probably_not"] == 1 and table.rows[0]["then_opened"] == 1


def test_a_listing_opened_by_another_visit_marks_nothing(client, local_support):
    walk_and_see = see_result(client, ADULT, walk(client, ADULT, PROBABLY_NOT))
    assert walk_and_see.status_code == 200
    other = client.__class__(REMOTE_ADDR="10.0.0.9", HTTP_USER_AGENT="Other browser")
    other.get(f"{local_support.get_absolute_url()}?from=check")
    assert not CheckEvent.objects.get(event="finished").then_opened_listing


def test_nightly_purge_blanks_the_visit_and_run_of_past_days(client):
    see_result(client, ADULT, walk(client, ADULT, ADULT_ANSWERS))
    assert all(event.visit for event in CheckEvent.objects.all())
    assert blank_check_visits(timezone.now()) == 0  # today's are kept until the day is over
    blanked = blank_check_visits(timezone.now() + datetime.timedelta(days=1))
    assert blanked == 2
    assert set(CheckEvent.objects.values_list("visit", "run")) == {("", "")}


def event(day, kind, what, band="", opened=False, times=1):
    CheckEvent.objects.bulk_create(
        CheckEvent(
            occurred_hour=at(day),
            kind=kind,
            event=what,
            band=band,
            then_opened_listing=opened,
        )
        for _ in range(times)
    )


@pytest.fixture
def march_checks(db):
    event(DAY, "adult", "started", times=12)
    event(DAY, "adult", "finished", "likely", times=3)
    event(DAY, "adult", "finished", "probably_not", times=4, opened=True)
    event(DAY, "adult", "finished", "probably_not", times=6)
    event(DAY, "carer", "started", times=2)
    event(DAY, "cost", "started", times=5)
    event(DAY, "cost", "finished", times=5)
    event(datetime.date(2026, 2, 10), "adult", "started", times=7)
    event(datetime.date(2026, 4, 10), "adult", "started", times=9)  # after the period


def test_report_counts_by_kind_band_and_month(march_checks):
    tables = {t.slug: t for t in checks_tables(ReportFilter(datetime.date(2026, 2, 1), DAY))}
    by_kind = {row["kind"]: row for row in tables["by-check"].rows}
    assert by_kind["adult"]["started"] == 19 and by_kind["adult"]["finished"] == 13
    assert by_kind["carer"] == {**by_kind["carer"], "started": 2, "finished": 0}
    assert by_kind["cost"]["finished_percent"] == 100.0
    assert by_kind["carer"]["finished_percent"] is None  # from a count under 5
    bands = {row["band"]: row["finished"] for row in tables["by-band"].rows}
    assert bands == {"likely": 3, "may_be": 0, "probably_not": 10}
    measure = tables["probably-not-then-listing"].rows[0]
    assert measure == {"probably_not": 10, "then_opened": 4, "then_opened_percent": None}
    months = {row["label"]: row for row in tables["by-month"].rows}
    assert months["February 2026"]["started"] == 7
    assert months["March 2026"]["started"] == 19 and months["March 2026"]["then_opened"] == 4


def test_report_is_in_the_catalogue_and_suppresses_small_numbers(client, analyst, march_checks):
    assert "care-act-checks" in reports.REPORTS
    client.force_login(analyst)
    period = {"date_from": "2026-03-01", "date_to": "2026-03-28"}
    page = client.get(reverse("analytics:report", args=["care-act-checks"]), period)
    assert page.status_code == 200
    assert "Probably not eligible, then found local support" in page.text
    csv_url = reverse("analytics:csv", args=["care-act-checks", "probably-not-then-listing"])
    exported = client.get(csv_url, period).content.decode()
    lines = list(io.StringIO(exported))
    assert re.sub(r"\s", "", lines[1]) == "10,fewerthan5,notshown"
    by_check = client.get(
        reverse("analytics:csv", args=["care-act-checks", "by-check"]), period
    ).content.decode()
    assert "fewer than 5" in by_check  # the carer check's 2 starts


def test_demo_check_events_are_plausible_and_carry_no_visit():
    written = make_check_events(days=20, seed=7)
    assert written == CheckEvent.objects.count() > 20 * 4
    assert not CheckEvent.objects.exclude(visit="").exists()
    assert not CheckEvent.objects.filter(kind="cost").exclude(band="").exists()
    assert (
        not CheckEvent.objects.filter(then_opened_listing=True)
        .exclude(band="probably_not")
        .exists()
    )
    assert (
        CheckEvent.objects.filter(event="finished").count()
        < CheckEvent.objects.filter(event="started").count()
    )

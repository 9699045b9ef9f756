"""The analytics admin screens: roles, suppression on screen and in CSV, decisions, bad input."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from analytics.models import UnmetNeedDecision
from analytics.reports import REPORTS
from referrals.choices import Outcome
from tests.analytics.conftest import DAY, search, searches

pytestmark = pytest.mark.django_db

MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-28"}


def assert_refused(response):
    """Wagtail turns PermissionDenied in the admin into a redirect to the dashboard."""
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def report_url(slug):
    return reverse("analytics:report", args=[slug])


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_analyst_sees_every_report(client, analyst, events):
    client.force_login(analyst)
    response = client.get(reverse("analytics:index"))
    assert response.status_code == 200
    for slug, spec in REPORTS.items():
        assert report_url(slug) in response.text
        page = client.get(report_url(slug), MARCH)
        assert page.status_code == 200, slug
        assert str(spec.title) in page.text
        assert "<svg" in page.text or slug == "search-to-support"


def test_analytics_menu_item_only_for_analysts(client, analyst, coordinator):
    client.force_login(analyst)
    assert reverse("analytics:index") in client.get("/admin/").text
    client.force_login(coordinator)
    assert reverse("analytics:index") not in client.get("/admin/").text


@pytest.mark.parametrize("slug", [None, *REPORTS])
def test_coordinator_is_refused(client, coordinator, slug):
    client.force_login(coordinator)
    url = reverse("analytics:index") if slug is None else report_url(slug)
    assert_refused(client.get(url))


def test_coordinator_cannot_download_or_decide(client, coordinator, events):
    client.force_login(coordinator)
    csv_url = reverse("analytics:csv", args=["top-searches", "queries"])
    assert_refused(client.get(csv_url, MARCH))
    response = client.post(
        reverse("analytics:decide"),
        {"query": "hoarding support", "decision": "not_provided"},
    )
    assert_refused(response)
    assert not UnmetNeedDecision.objects.exists()


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("analytics:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_small_numbers_suppressed_on_screen(client, analyst, events):

    searches(2, DAY - datetime.timedelta(days=28), query="hoarding support")
    client.force_login(analyst)
    page = client.get(report_url("top-searches"), MARCH).text
    # "hoarding support" was searched twice in the previous period: the 2 never appears.
    row = page[page.index('<th scope="row">hoarding support</th>') :].split("</tr>")[0]
    assert "fewer than 5" in row
    assert "<td>2</td>" not in row
    # "sign language cafe" was typed in 2 visits: the words never appear at all.
    assert "sign language cafe" not in page
    unmet = client.get(report_url("unmet-need"), MARCH).text
    assert "Darnall (fewer than 5)" in unmet


def test_small_numbers_suppressed_in_csv(client, analyst, events):
    search(datetime.date(2026, 1, 20))  # searches were counted for the whole of February
    client.force_login(analyst)
    response = client.get(reverse("analytics:csv", args=["top-searches", "queries"]), MARCH)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == ["Search words", "Searches", "Previous period", "Change (%)", "Trend"]
    table = {row[0]: row for row in rows[1:]}
    assert table["memory cafe"] == ["memory cafe", "12", "6", "100.0", "up"]
    assert "sign language cafe" not in table  # typed in 2 visits: never exported
    outcomes = csv_rows(
        client.get(reverse("analytics:csv", args=["search-to-support", "outcomes"]), MARCH)
    )
    information = next(row for row in outcomes if row[1] == Outcome.INFORMATION_ADVICE.label)
    assert information[2:] == ["fewer than 5", "not shown"]


def test_every_table_exports(client, analyst, events):
    client.force_login(analyst)
    for slug in REPORTS:
        page = client.get(report_url(slug), MARCH)
        for section in page.context["sections"]:
            response = client.get(section["csv_url"])
            assert response.status_code == 200, section["csv_url"]
            assert len(csv_rows(response)) == len(section["table"].rows) + 1


def test_csv_neutralises_formulas(client, analyst, events):
    search(datetime.date(2026, 1, 20))  # searches were counted for the whole of February
    searches(6, DAY, query="=HYPERLINK(1)")
    client.force_login(analyst)
    rows = csv_rows(client.get(reverse("analytics:csv", args=["top-searches", "queries"]), MARCH))
    assert ["'=HYPERLINK(1)", "6", "0", "not shown", "new"] in rows


def test_unknown_report_or_table_is_404(client, analyst):
    client.force_login(analyst)
    assert client.get(report_url("nothing-here")).status_code == 404
    url = reverse("analytics:csv", args=["top-searches", "nothing"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "params,message",
    [
        ({"date_from": "2026-13-45"}, "Enter the start date as a real date"),
        ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "must be on or before"),
        ({"date_from": "2020-01-01", "date_to": "2026-03-01"}, "3 years or less"),
        ({"area": "not-a-uuid"}, "Choose an area from the list"),
    ],
)
def test_bad_filters_show_errors_not_500(client, analyst, params, message):
    client.force_login(analyst)
    response = client.get(report_url("top-searches"), params)
    assert response.status_code == 200
    assert message in response.text


def test_area_filter(client, analyst, events):
    client.force_login(analyst)
    response = client.get(report_url("unmet-need"), {**MARCH, "area": events["walkley"].pk})
    sections = {section["table"].slug: section for section in response.context["sections"]}
    rows = {row["query"]: row for row in sections["by-query"]["table"].rows}
    assert set(rows) == {"hoarding support"}
    assert rows["hoarding support"]["searches"] == 7
    # In Darnall the same words were typed in 3 visits: within that area they are not shown.
    response = client.get(report_url("unmet-need"), {**MARCH, "area": events["darnall"].pk})
    sections = {section["table"].slug: section for section in response.context["sections"]}
    assert sections["by-query"]["table"].rows == []


def test_analyst_records_an_unmet_need_decision(client, analyst, events):
    client.force_login(analyst)
    back = report_url("unmet-need") + "?date_from=2026-03-01&date_to=2026-03-28"
    response = client.post(
        reverse("analytics:decide"),
        {"query": "hoarding support", "decision": "not_provided", "return_to": back},
    )
    assert response.status_code == 302
    assert response["Location"] == back
    decision = UnmetNeedDecision.objects.get(query="hoarding support")
    assert (decision.decision, decision.decided_by) == ("not_provided", analyst)
    page = client.get(back).text
    assert "Not something we provide" in page
    # Changing one's mind updates the same record.
    client.post(
        reverse("analytics:decide"),
        {"query": "hoarding support", "decision": "added_listing"},
    )
    assert UnmetNeedDecision.objects.get().decision == "added_listing"


def test_decision_needs_a_choice_and_a_safe_return(client, analyst, events):
    client.force_login(analyst)
    response = client.post(
        reverse("analytics:decide"),
        {"query": "hoarding support", "return_to": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == report_url("unmet-need")
    assert not UnmetNeedDecision.objects.exists()

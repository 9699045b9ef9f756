"""The "What you might pay" pages (/check/cost/): one question a page, answers carried in a
signed hidden field, nothing stored (no session, no rows written), the working on the result."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checks.models import ChargingFigures

pytestmark = pytest.mark.django_db

QUESTIONS = reverse("checks:cost_questions")
AT_HOME = [
    ("where", {"where": "home"}),
    ("age", {"age_band": "25_to_pension"}),
    ("savings", {"savings": "£16,000"}),
    ("income", {"state_pension": "", "other_pensions": "50", "benefits": "200.50"}),
    ("disability-benefit", {"disability_benefit": "standard"}),
    ("carer", {"carers_allowance": "no"}),
    ("disability-costs", {"disability_costs": "10"}),
    ("care-cost", {"care_cost": "300"}),
]


def token_in(response) -> str:
    match = re.search(r'name="answers" value="([^"]*)"', response.content.decode())
    return match.group(1)


def step_in(response) -> str:
    return re.search(r'name="step" value="([^"]*)"', response.content.decode()).group(1)


def answer(client, step, data, token=""):
    return client.post(QUESTIONS, {"answers": token, "step": step, **data})


def walk(client, steps):
    token = ""
    response = None
    for step, data in steps:
        response = answer(client, step, data, token)
        assert response.status_code == 200
        token = token_in(response)
    return response


def test_start_page_says_nothing_is_stored_and_the_year(client, site):
    response = client.get(reverse("checks:cost_start"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "We do not store your answers" in content
    assert "2025 to 2026" in content
    assert reverse("checks:cost_questions") in content


def test_first_question(client, site):
    response = client.get(QUESTIONS)
    assert "Where will you get care?" in response.content.decode()
    assert step_in(response) == "where"


def test_at_home_journey_ends_on_the_estimate_with_its_working(client, site):
    response = walk(client, AT_HOME)
    content = response.content.decode()
    # 16,000 savings: 1,750 over 14,250 = 7 steps of 250: £7 tariff income.
    # Income 250.50 + 7 = 257.50; MIG 112.50 + 49.65 = 162.15; less £10 costs: £85.35.
    assert "Your estimate" in content
    assert "£85.35" in content
    assert "£7.00" in content
    assert "£162.15" in content
    assert "This is an estimate, not a decision" in content
    assert "figures for 2025 to 2026" in content
    assert reverse("referrals:landing") in content
    assert "housing costs such as rent" in content  # when an assessment may differ
    assert "28 days in a care home" not in content


def test_at_home_never_asks_about_the_home(client, site):
    token = ""
    seen = []
    for step, data in AT_HOME:
        response = answer(client, step, data, token)
        token = token_in(response)
        if "Your estimate" not in response.content.decode():
            seen.append(step_in(response))
    assert "owns-home" not in seen and "home-value" not in seen


def test_care_home_asks_about_the_home_and_shows_both_periods(client, site):
    steps = [
        ("where", {"where": "care_home"}),
        ("age", {"age_band": "pension_age"}),
        ("savings", {"savings": "3000"}),
        ("owns-home", {"owns_home": "yes"}),
        ("home-value", {"home_value": "180000"}),
        ("relative", {"qualifying_relative": "no"}),
        ("income", {"state_pension": "230.25", "other_pensions": "", "benefits": ""}),
        ("care-cost", {"care_cost": "850"}),
    ]
    content = walk(client, steps).content.decode()
    assert "For the first 12 weeks" in content
    assert "£199.60" in content  # 230.25 - 30.65
    assert "After the first 12 weeks" in content
    assert "You would pay the full cost of your care" in content
    assert "deferred payment agreement" in content
    assert "28 days in a care home" in content
    assert "housing costs such as rent" not in content


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter your savings and investments, or 0 if you have none"),
        ("-5", "Your savings must be £0 or more"),
        ("lots", "Enter your savings as an amount of money, like 2500 or 2500.50"),
        ("25.505", "Enter your savings as an amount of money, like 2500 or 2500.50"),
        ("999999999", "Your savings must be less than £100,000,000"),
    ],
)
def test_bad_amounts_get_a_clear_message(client, site, typed, message):
    response = walk(client, AT_HOME[:2])
    response = answer(client, "savings", {"savings": typed}, token_in(response))
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert message in content
    assert step_in(response) == "savings"
    assert "<title>Error:" in content


def test_a_question_left_unanswered_links_to_its_first_option(client, site):
    content = answer(client, "where", {}).content.decode()
    assert "Select where you will get care" in content
    assert 'href="#id_where_0"' in content
    assert 'id="id_where_0"' in content


def test_back_shows_the_previous_question_with_its_answer(client, site):
    response = walk(client, AT_HOME[:3])
    assert step_in(response) == "income"
    response = client.post(
        QUESTIONS, {"answers": token_in(response), "step": "income", "back": "1"}
    )
    content = response.content.decode()
    assert step_in(response) == "savings"
    assert 'value="16000"' in content


def test_a_tampered_token_starts_again(client, site):
    response = answer(client, "savings", {"savings": "1"}, "not-a-signed-token")
    assert response.status_code == 400
    assert step_in(response) == "where"


def test_a_later_step_posted_first_goes_back_to_the_first_question(client, site):
    response = answer(client, "care-cost", {"care_cost": "100"})
    assert step_in(response) == "where"


def test_nothing_is_stored(client, site):
    client.get(reverse("checks:cost_start"))  # the site's own settings row (base.html) exists
    with CaptureQueriesContext(connection) as queries:
        response = walk(client, AT_HOME)
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))
    ]
    # Only the anonymous "started" and "finished" counts (analytics.CheckEvent): no amount.
    assert len(writes) == 2
    assert all('INTO "search_analytics_checkevent"' in sql for sql in writes)
    assert not any(amount in sql for sql in writes for amount in ("200.5", "£", "care_cost"))
    assert "sessionid" not in response.cookies
    assert "sessionid" not in client.cookies
    assert "16000" not in response.headers.get("Location", "")


def test_the_councils_figures_are_used(client, site):
    ChargingFigures.objects.create(
        site=site, figures_year="2026 to 2027", mig_single_25_to_pension_age=Decimal("120.00")
    )
    content = walk(client, AT_HOME).content.decode()
    # MIG 120.00 + 49.65 = 169.65; 257.50 - 169.65 - 10 = 77.85
    assert "£77.85" in content
    assert "figures for 2026 to 2027" in content


def test_the_lower_limit_must_be_below_the_upper(site):
    from django.core.exceptions import ValidationError

    figures = ChargingFigures(
        site=site, lower_capital_limit=Decimal("30000"), upper_capital_limit=Decimal("23250")
    )
    with pytest.raises(ValidationError) as error:
        figures.full_clean()
    assert "lower_capital_limit" in error.value.message_dict


def test_amounts_must_be_positive(site):
    from django.core.exceptions import ValidationError

    figures = ChargingFigures(site=site, personal_expenses_allowance=Decimal("-1"))
    with pytest.raises(ValidationError) as error:
        figures.full_clean()
    assert "personal_expenses_allowance" in error.value.message_dict


def test_a_later_question_sent_first_goes_to_the_first_unanswered(client, site):
    response = answer(client, "income", {"state_pension": "100"})
    assert step_in(response) == "where"


def test_at_state_pension_age_the_disability_premium_question_is_skipped(client, site):
    response = walk(
        client,
        [
            ("where", {"where": "home"}),
            ("age", {"age_band": "pension_age"}),
            ("savings", {"savings": "0"}),
            ("income", {"state_pension": "230.25"}),
        ],
    )
    assert step_in(response) == "carer"


def test_back_from_the_estimate_is_the_last_question_with_its_answer(client, site):
    response = walk(client, AT_HOME)
    response = client.post(
        QUESTIONS, {"answers": token_in(response), "step": "result", "back": "1"}
    )
    assert step_in(response) == "care-cost"
    assert 'value="300"' in response.content.decode()


def test_changing_to_a_care_home_drops_the_at_home_answers(client, site):
    response = walk(client, AT_HOME[:3])
    for _ in range(3):  # back from "income" to "where"
        response = client.post(
            QUESTIONS, {"answers": token_in(response), "step": step_in(response), "back": "1"}
        )
    assert step_in(response) == "where"
    response = answer(client, "where", {"where": "care_home"}, token_in(response))
    assert step_in(response) == "age"
    response = walk_from(client, response, [("age", {"age_band": "pension_age"})])
    response = walk_from(client, response, [("savings", {"savings": "1000"})])
    assert step_in(response) == "owns-home"


def walk_from(client, response, steps):
    for step, data in steps:
        response = answer(client, step, data, token_in(response))
    return response

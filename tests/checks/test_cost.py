"""The national charging rules of checks/cost.py, one rule (and its edges) a test."""

from decimal import Decimal as D

import pytest

from checks.cost import (
    AgeBand,
    CareSetting,
    CostAnswers,
    DisabilityBenefit,
    Figures,
    estimate_cost,
    minimum_income_guarantee,
    tariff_income,
)

FIGURES = Figures(
    year="2025 to 2026",
    upper_capital_limit=D("23250"),
    lower_capital_limit=D("14250"),
    tariff_step=D("250"),
    mig_single_18_to_24=D("89.15"),
    mig_single_25_to_pension_age=D("112.50"),
    mig_single_pension_age=D("232.60"),
    mig_disability_premium=D("49.65"),
    mig_enhanced_disability_premium=D("24.25"),
    mig_carer_premium=D("53.25"),
    personal_expenses_allowance=D("30.65"),
    property_disregard_weeks=12,
)


def at_home(**kwargs):
    return CostAnswers(setting=CareSetting.HOME, age_band=AgeBand.PENSION_AGE, **kwargs)


def in_care_home(**kwargs):
    return CostAnswers(setting=CareSetting.CARE_HOME, age_band=AgeBand.PENSION_AGE, **kwargs)


def labels(estimate):
    return {step.label: step.amount for step in estimate.steps}


@pytest.mark.parametrize(
    ("capital", "tariff"),
    [
        ("0", "0.00"),
        ("14249.99", "0.00"),
        ("14250", "0.00"),  # exactly the lower limit: nothing
        ("14250.01", "1.00"),  # a part of £250 counts as a whole £1
        ("14251", "1.00"),
        ("14500", "1.00"),  # exactly one step
        ("14500.01", "2.00"),
        ("18750", "18.00"),
        ("23250", "36.00"),  # exactly the upper limit
    ],
)
def test_tariff_income_is_a_pound_for_every_250_or_part(capital, tariff):
    assert tariff_income(D(capital), FIGURES) == D(tariff)


def test_capital_exactly_at_the_upper_limit_is_not_a_self_funder():
    result = estimate_cost(at_home(savings=D("23250"), state_pension=D("300")), FIGURES)
    assert not result.main.self_funder
    assert labels(result.main)["Tariff income from capital"] == D("36.00")


def test_capital_over_the_upper_limit_pays_the_full_cost():
    result = estimate_cost(
        at_home(savings=D("23250.01"), state_pension=D("100"), care_cost=D("250")), FIGURES
    )
    assert result.main.self_funder
    assert result.main.weekly_charge == D("250.00")


def test_over_the_upper_limit_without_a_cost_says_full_cost_with_no_figure():
    result = estimate_cost(at_home(savings=D("50000")), FIGURES)
    assert result.main.self_funder and result.main.weekly_charge is None


def test_at_home_the_home_is_never_counted():
    result = estimate_cost(
        at_home(savings=D("1000"), owns_home=True, home_value=D("250000"), state_pension=D("240")),
        FIGURES,
    )
    assert len(result.estimates) == 1
    assert labels(result.main)["Capital counted"] == D("1000.00")
    assert not result.main.self_funder


def test_at_home_income_less_the_minimum_income_guarantee():
    # £300 pension - £232.60 MIG = £67.40
    result = estimate_cost(at_home(state_pension=D("300")), FIGURES)
    assert result.main.weekly_charge == D("67.40")


def test_income_below_the_minimum_income_guarantee_pays_nothing():
    result = estimate_cost(at_home(state_pension=D("200"), care_cost=D("150")), FIGURES)
    assert result.main.weekly_charge == D("0.00")
    assert labels(result.main)["What you can afford"] == D("0.00")


def test_disability_related_costs_are_taken_off():
    result = estimate_cost(at_home(state_pension=D("300"), disability_costs=D("20")), FIGURES)
    assert result.main.weekly_charge == D("47.40")


def test_the_charge_is_never_more_than_the_cost_of_care():
    result = estimate_cost(at_home(state_pension=D("500"), care_cost=D("80")), FIGURES)
    assert result.main.weekly_charge == D("80.00")
    assert labels(result.main)["Capped at the cost of your care"] == D("80.00")


@pytest.mark.parametrize(
    ("age", "benefit", "carer", "mig"),
    [
        (AgeBand.AGE_18_TO_24, DisabilityBenefit.NONE, False, "89.15"),
        (AgeBand.AGE_25_TO_PENSION, DisabilityBenefit.NONE, False, "112.50"),
        (AgeBand.PENSION_AGE, DisabilityBenefit.NONE, False, "232.60"),
        (AgeBand.AGE_25_TO_PENSION, DisabilityBenefit.STANDARD, False, "162.15"),
        (AgeBand.AGE_25_TO_PENSION, DisabilityBenefit.HIGHEST, False, "186.40"),
        (AgeBand.AGE_18_TO_24, DisabilityBenefit.HIGHEST, True, "216.30"),
        # At Pension Credit age the disability premiums do not apply; the carer premium does.
        (AgeBand.PENSION_AGE, DisabilityBenefit.HIGHEST, False, "232.60"),
        (AgeBand.PENSION_AGE, DisabilityBenefit.NONE, True, "285.85"),
    ],
)
def test_minimum_income_guarantee_by_age_and_premiums(age, benefit, carer, mig):
    answers = CostAnswers(
        setting=CareSetting.HOME, age_band=age, disability_benefit=benefit, carers_allowance=carer
    )
    assert minimum_income_guarantee(answers, FIGURES)[0] == D(mig)


def test_care_home_income_less_the_personal_expenses_allowance():
    result = estimate_cost(in_care_home(state_pension=D("230.25"), savings=D("2000")), FIGURES)
    assert result.main.weekly_charge == D("199.60")  # 230.25 - 30.65


def test_disability_related_costs_do_not_apply_in_a_care_home():
    result = estimate_cost(
        in_care_home(state_pension=D("230.25"), disability_costs=D("50")), FIGURES
    )
    assert result.main.weekly_charge == D("199.60")


def test_care_home_home_not_counted_for_12_weeks_then_counted():
    answers = in_care_home(
        savings=D("5000"),
        owns_home=True,
        home_value=D("150000"),
        state_pension=D("230.25"),
        care_cost=D("900"),
    )
    result = estimate_cost(answers, FIGURES)
    first, after = result.estimates
    assert first.title == "For the first 12 weeks"
    assert not first.self_funder and first.weekly_charge == D("199.60")
    assert labels(first)["Your home"] == D("0.00")
    assert after.title == "After the first 12 weeks"
    assert after.self_funder and after.weekly_charge == D("900.00")
    assert labels(after)["Capital counted"] == D("155000.00")
    assert "deferred payment" in next(s for s in after.steps if s.label == "Your home").explanation


def test_care_home_home_not_counted_while_a_qualifying_relative_lives_there():
    answers = in_care_home(
        savings=D("5000"),
        owns_home=True,
        home_value=D("150000"),
        qualifying_relative=True,
        state_pension=D("230.25"),
    )
    result = estimate_cost(answers, FIGURES)
    assert len(result.estimates) == 1
    assert not result.main.self_funder
    assert result.main.weekly_charge == D("199.60")


def test_home_value_brings_capital_between_the_limits_after_12_weeks():
    answers = in_care_home(
        savings=D("4000"), owns_home=True, home_value=D("10500.50"), state_pension=D("200")
    )
    after = estimate_cost(answers, FIGURES).estimates[1]
    # 14,500.50 capital: £251 over the lower limit is 2 steps (one whole, one part) = £2
    assert labels(after)["Tariff income from capital"] == D("2.00")
    assert after.weekly_charge == D("171.35")  # 200 + 2 - 30.65


def test_amounts_are_rounded_to_pence():
    result = estimate_cost(at_home(state_pension=D("300.005")), FIGURES)
    assert result.main.weekly_charge == D("67.41")


def test_a_council_changing_the_figures_changes_the_answer():
    higher = Figures(**{**FIGURES.__dict__, "mig_single_pension_age": D("250.00")})
    assert estimate_cost(at_home(state_pension=D("300")), higher).main.weekly_charge == D("50.00")

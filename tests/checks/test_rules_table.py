"""The rules of the checks as a table of cases, each citing where the rule comes from (#24
item 5), with the boundary cases at each threshold for care at home and in a care home.

Sources: the Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313, "Elig.");
the Care and Support (Charging and Assessment of Resources) Regulations 2014 (SI 2014/2672,
"Charging"); the Care and Support Statutory Guidance ("CSSG"), annex B (capital) and annex C
(income). Figures are the 2025 to 2026 defaults (tests/checks/test_cost.py FIGURES)."""

from decimal import Decimal as D

import pytest

from checks.cost import AgeBand, CareSetting, CostAnswers, DisabilityBenefit, estimate_cost
from checks.eligibility import (
    ADULT_OUTCOMES,
    CARER_OUTCOMES,
    Ability,
    Health,
    Impact,
    Likelihood,
    YesNoUnsure,
    decide_adult,
    decide_carer,
)
from tests.checks.test_cost import FIGURES

HOME, CARE_HOME = CareSetting.HOME, CareSetting.CARE_HOME
PENSION, MID, YOUNG = AgeBand.PENSION_AGE, AgeBand.AGE_25_TO_PENSION, AgeBand.AGE_18_TO_24
FULL = "full cost"  # over the upper limit, the cost of the care (here £1,000 a week)
CARE_COST = D("1000")


def cost_case(source, setting, expected, *, periods=None, **answers):
    return pytest.param(setting, answers, expected, periods, id=source)


# Pension age at home: MIG £232.60; in a care home: PEA £30.65. Income £300 a week unless
# said otherwise, so at home the charge is £67.40 + tariff, in a care home £269.35 + tariff.
COST_CASES = [
    # Charging reg. 12 and 25; CSSG annex B: the capital limits and tariff income.
    cost_case("reg12 home at lower limit 14250: no tariff", HOME, "67.40", savings="14250"),
    cost_case("reg25 home 14250.01: £1 (part of £250)", HOME, "68.40", savings="14250.01"),
    cost_case("reg25 home 14500: £1 (one whole step)", HOME, "68.40", savings="14500"),
    cost_case("reg25 home 14500.01: £2", HOME, "69.40", savings="14500.01"),
    cost_case(
        "reg12 home at upper limit 23250: £36, not self-funder", HOME, "103.40", savings="23250"
    ),
    cost_case("reg12 home 23250.01: self-funder pays full cost", HOME, FULL, savings="23250.01"),
    cost_case("reg12 care home at lower limit 14250", CARE_HOME, "269.35", savings="14250"),
    cost_case("reg25 care home 14250.01: £1", CARE_HOME, "270.35", savings="14250.01"),
    cost_case("reg25 care home 14500: £1", CARE_HOME, "270.35", savings="14500"),
    cost_case("reg25 care home 14500.01: £2", CARE_HOME, "271.35", savings="14500.01"),
    cost_case("reg12 care home at upper limit 23250: £36", CARE_HOME, "305.35", savings="23250"),
    cost_case("reg12 care home 23250.01: self-funder", CARE_HOME, FULL, savings="23250.01"),
    # Charging reg. 7 and CSSG annex C: the Minimum Income Guarantee at home.
    cost_case("reg7(2)(c) income exactly at MIG pays 0", HOME, "0.00", state_pension="232.60"),
    cost_case("reg7(2)(c) a penny over MIG pays 0.01", HOME, "0.01", state_pension="232.61"),
    cost_case("reg7(2)(c) below MIG pays 0, never negative", HOME, "0.00", state_pension="100"),
    cost_case(
        "reg7(2)(a) 18 to 24 at MIG 89.15 pays 0",
        HOME,
        "0.00",
        age_band=YOUNG,
        state_pension="0",
        benefits="89.15",
    ),
    cost_case(
        "reg7(2)(b) 25 to pension age at MIG 112.50 pays 0",
        HOME,
        "0.00",
        age_band=MID,
        state_pension="0",
        benefits="112.50",
    ),
    cost_case(
        "reg7(5) disability and enhanced premiums: MIG 186.40",
        HOME,
        "13.60",
        age_band=MID,
        state_pension="0",
        benefits="200",
        disability_benefit=DisabilityBenefit.HIGHEST,
    ),
    cost_case(
        "reg7(7) carer premium: MIG 285.85",
        HOME,
        "14.15",
        state_pension="300",
        carers_allowance=True,
    ),
    # CSSG annex C: disability-related expenditure is disregarded, at home only.
    cost_case("annexC DRE taken off at home", HOME, "47.40", disability_costs="20"),
    cost_case("annexC DRE down to 0, never below", HOME, "0.00", disability_costs="500"),
    cost_case(
        "annexC DRE does not apply in a care home", CARE_HOME, "269.35", disability_costs="20"
    ),
    # Charging reg. 6: the personal expenses allowance in a care home.
    cost_case("reg6 income exactly at PEA pays 0", CARE_HOME, "0.00", state_pension="30.65"),
    cost_case("reg6 a penny over PEA pays 0.01", CARE_HOME, "0.01", state_pension="30.66"),
    # Charging sch. 2 para 2 and CSSG annex B: the 12-week property disregard.
    cost_case(
        "sch2 para2 home ignored 12 weeks, then counted",
        CARE_HOME,
        "269.35",
        periods=["269.35", FULL],
        owns_home=True,
        home_value="150000",
    ),
    cost_case(
        "sch2 para2 home brings capital to exactly 23250: £36 after 12 weeks",
        CARE_HOME,
        "269.35",
        periods=["269.35", "305.35"],
        savings="3250",
        owns_home=True,
        home_value="20000",
    ),
    # Charging sch. 2 para 4 and CSSG annex B: a qualifying relative still living there.
    cost_case(
        "sch2 para4 qualifying relative: home never counted",
        CARE_HOME,
        "269.35",
        periods=["269.35"],
        owns_home=True,
        home_value="150000",
        qualifying_relative=True,
    ),
    # Charging sch. 2 para 1 (care at home): the main home is ignored.
    cost_case(
        "sch2 para1 at home the home is never counted",
        HOME,
        "67.40",
        owns_home=True,
        home_value="500000",
    ),
    # Care Act 2014 s.14: never more than the cost of the care.
    cost_case("Care Act s14: capped at the cost of care", HOME, "50.00", care_cost="50"),
]


@pytest.mark.parametrize(("setting", "answers", "expected", "periods"), COST_CASES)
def test_cost_table(setting, answers, expected, periods):
    given = {"age_band": PENSION, "state_pension": "300", "care_cost": CARE_COST, **answers}
    for name in (
        "savings",
        "home_value",
        "state_pension",
        "benefits",
        "disability_costs",
        "care_cost",
    ):
        if name in given:
            given[name] = D(given[name])
    result = estimate_cost(CostAnswers(setting=setting, **given), FIGURES)

    def shown(estimate):
        return FULL if estimate.self_funder else str(estimate.weekly_charge)

    if expected == FULL:
        assert result.main.self_funder and result.main.weekly_charge == CARE_COST
    assert shown(result.estimates[0]) == expected
    if periods is not None:
        assert [shown(estimate) for estimate in result.estimates] == periods


# --- Eligibility ------------------------------------------------------------------------

LIKELY, MAY_BE, NOT = Likelihood.LIKELY, Likelihood.MAY_BE, Likelihood.PROBABLY_NOT


def adult(*, impairment="yes", wellbeing="significant", **outcomes):
    answers = dict.fromkeys(ADULT_OUTCOMES, Ability.CAN)
    answers.update(impairment=impairment, wellbeing=wellbeing, **outcomes)
    return answers


def carer(*, caring="yes", health="no", wellbeing="significant", **outcomes):
    answers = dict.fromkeys(CARER_OUTCOMES, Ability.CAN)
    answers.update(caring=caring, health=health, wellbeing=wellbeing, **outcomes)
    return answers


TWO = {"nutrition": Ability.NEEDS_HELP, "toilet": Ability.NEEDS_HELP}

ADULT_CASES = [
    pytest.param(
        adult(**TWO), LIKELY, id="Elig reg2(1), reg2(3)(a): two outcomes not achieved without help"
    ),
    pytest.param(
        adult(impairment=YesNoUnsure.NO, **TWO),
        NOT,
        id="Elig reg2(1)(a): no physical or mental impairment or illness",
    ),
    pytest.param(
        adult(impairment=YesNoUnsure.NOT_SURE, **TWO),
        MAY_BE,
        id="Elig reg2(1)(a): not sure of an impairment",
    ),
    pytest.param(
        adult(nutrition=Ability.NEEDS_HELP), NOT, id="Elig reg2(1)(b): only one outcome, two needed"
    ),
    pytest.param(adult(), NOT, id="Elig reg2(1)(b): every outcome achieved"),
    pytest.param(
        adult(nutrition=Ability.NEEDS_HELP, toilet=Ability.PAIN),
        LIKELY,
        id="Elig reg2(3)(b): significant pain, distress or anxiety",
    ),
    pytest.param(
        adult(nutrition=Ability.NEEDS_HELP, toilet=Ability.RISK),
        LIKELY,
        id="Elig reg2(3)(c): endangers health or safety",
    ),
    pytest.param(
        adult(nutrition=Ability.NEEDS_HELP, toilet=Ability.LONGER),
        MAY_BE,
        id="Elig reg2(3)(d): one only because it takes significantly longer",
    ),
    pytest.param(
        adult(nutrition=Ability.LONGER, toilet=Ability.LONGER),
        MAY_BE,
        id="Elig reg2(3)(d): both only because they take longer",
    ),
    pytest.param(
        adult(caring_for_child=Ability.NOT_APPLICABLE, nutrition=Ability.NEEDS_HELP),
        NOT,
        id="Elig reg2(2)(j): no child is not an outcome unmet",
    ),
    pytest.param(
        adult(wellbeing=Impact.LITTLE, **TWO),
        NOT,
        id="Elig reg2(1)(c): no significant impact on wellbeing",
    ),
    pytest.param(
        adult(wellbeing=Impact.SOME, **TWO),
        MAY_BE,
        id="Elig reg2(1)(c): some impact, may be significant",
    ),
    pytest.param(
        adult(wellbeing=Impact.NOT_SURE, **TWO),
        MAY_BE,
        id="Elig reg2(1)(c): not sure of the impact",
    ),
]


@pytest.mark.parametrize(("answers", "expected"), ADULT_CASES)
def test_adult_table(answers, expected):
    assert decide_adult(answers).likelihood == expected


CARER_CASES = [
    pytest.param(
        carer(health=Health.WORSE),
        LIKELY,
        id="Elig reg3(1), reg3(2)(a): caring, health deteriorating, big impact",
    ),
    pytest.param(
        carer(health=Health.AT_RISK), LIKELY, id="Elig reg3(2)(a): health at risk of deteriorating"
    ),
    pytest.param(
        carer(carer_time=Ability.NEEDS_HELP),
        LIKELY,
        id="Elig reg3(2)(b)(viii): any one carer outcome not achieved is enough",
    ),
    pytest.param(
        carer(carer_eating=Ability.PAIN),
        LIKELY,
        id="Elig reg3(3)(b): significant pain, distress or anxiety",
    ),
    pytest.param(
        carer(carer_home=Ability.RISK), LIKELY, id="Elig reg3(3)(c): endangers health or safety"
    ),
    pytest.param(carer(), NOT, id="Elig reg3(1)(b), reg3(2): health fine, every outcome achieved"),
    pytest.param(
        carer(health=Health.NOT_SURE),
        MAY_BE,
        id="Elig reg3(2)(a): not sure of health, every outcome achieved",
    ),
    pytest.param(
        carer(caring=YesNoUnsure.NO, health=Health.WORSE),
        NOT,
        id="Elig reg3(1)(a): not providing necessary care to an adult",
    ),
    pytest.param(
        carer(caring=YesNoUnsure.NOT_SURE, health=Health.WORSE),
        MAY_BE,
        id="Elig reg3(1)(a): not sure the care is necessary",
    ),
    pytest.param(
        carer(health=Health.WORSE, wellbeing=Impact.LITTLE),
        NOT,
        id="Elig reg3(1)(c): no significant impact on wellbeing",
    ),
    pytest.param(
        carer(health=Health.WORSE, wellbeing=Impact.SOME),
        MAY_BE,
        id="Elig reg3(1)(c): some impact, may be significant",
    ),
    pytest.param(
        carer(carer_child=Ability.NOT_APPLICABLE),
        NOT,
        id="Elig reg3(2)(b)(i): no child is not an outcome unmet",
    ),
]


@pytest.mark.parametrize(("answers", "expected"), CARER_CASES)
def test_carer_table(answers, expected):
    assert decide_carer(answers).likelihood == expected

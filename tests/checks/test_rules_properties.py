"""The rules of the checks (checks/cost.py, checks/eligibility.py) held to properties for any
answers (#24 item 5): more capital or income never costs less, more disability-related
spending never costs more, the charge is never below £0 nor above the cost of care; and one
more outcome not achieved never lowers an eligibility answer."""

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.cost import (
    AgeBand,
    CareSetting,
    CostAnswers,
    DisabilityBenefit,
    estimate_cost,
)
from checks.eligibility import (
    ADULT_OUTCOMES,
    CARER_ABILITIES,
    CARER_OUTCOMES,
    OPTIONAL_OUTCOMES,
    UNABLE,
    Ability,
    Health,
    Impact,
    Likelihood,
    YesNoUnsure,
    decide_adult,
    decide_carer,
)
from tests.checks.test_cost import FIGURES

FAST = settings(max_examples=150, deadline=None)
RANK = {Likelihood.PROBABLY_NOT: 0, Likelihood.MAY_BE: 1, Likelihood.LIKELY: 2}

# Amounts of money in pounds and pence, dense around the capital limits.
pounds = st.decimals(min_value=0, max_value=1_000_000, places=2)
near_limits = st.sampled_from(["14250", "23250"]).flatmap(
    lambda limit: st.decimals(
        min_value=Decimal(limit) - 600, max_value=Decimal(limit) + 600, places=2
    )
)
capital = pounds | near_limits
weekly = st.decimals(min_value=0, max_value=2_000, places=2)


@st.composite
def cost_answers(draw):
    owns_home = draw(st.booleans())
    return CostAnswers(
        setting=draw(st.sampled_from(CareSetting)),
        age_band=draw(st.sampled_from(AgeBand)),
        savings=draw(capital),
        owns_home=owns_home,
        home_value=draw(capital) if owns_home else Decimal("0"),
        qualifying_relative=owns_home and draw(st.booleans()),
        state_pension=draw(weekly),
        other_pensions=draw(weekly),
        benefits=draw(weekly),
        disability_benefit=draw(st.sampled_from(DisabilityBenefit)),
        carers_allowance=draw(st.booleans()),
        disability_costs=draw(weekly),
        care_cost=draw(st.none() | weekly),
    )


def charges(answers):
    """Each period's weekly charge; the full cost we were not told counts as unbounded."""
    return [
        Decimal("Infinity") if estimate.weekly_charge is None else estimate.weekly_charge
        for estimate in estimate_cost(answers, FIGURES).estimates
    ]


def never_less(before, after):
    assert len(before) == len(after)
    assert all(b <= a for b, a in zip(before, after, strict=True)), (before, after)


@FAST
@given(answers=cost_answers(), more=pounds)
def test_more_savings_never_costs_less(answers, more):
    never_less(charges(answers), charges(replace(answers, savings=answers.savings + more)))


@FAST
@given(answers=cost_answers(), more=pounds)
def test_a_home_worth_more_never_costs_less(answers, more):
    richer = replace(answers, home_value=answers.home_value + more)
    never_less(charges(answers), charges(richer))


@FAST
@given(
    answers=cost_answers(),
    more=weekly,
    which=st.sampled_from(["state_pension", "other_pensions", "benefits"]),
)
def test_more_income_never_costs_less(answers, more, which):
    richer = replace(answers, **{which: getattr(answers, which) + more})
    never_less(charges(answers), charges(richer))


@FAST
@given(answers=cost_answers(), more=weekly)
def test_more_disability_related_spending_never_costs_more(answers, more):
    spending = replace(answers, disability_costs=answers.disability_costs + more)
    never_less(charges(spending), charges(answers))


@FAST
@given(answers=cost_answers())
def test_the_charge_is_never_negative_nor_more_than_the_care_costs(answers):
    for estimate in estimate_cost(answers, FIGURES).estimates:
        if estimate.weekly_charge is None:  # the full cost, which we were not told
            assert estimate.self_funder and answers.care_cost is None
            continue
        assert estimate.weekly_charge >= 0
        assert estimate.weekly_charge == estimate.weekly_charge.quantize(Decimal("0.01"))
        if answers.care_cost is not None:
            assert estimate.weekly_charge <= answers.care_cost


@st.composite
def adult_answers(draw):
    answers = {
        code: draw(
            st.sampled_from(
                list(Ability)
                if code in OPTIONAL_OUTCOMES
                else [a for a in Ability if a != Ability.NOT_APPLICABLE]
            )
        )
        for code in ADULT_OUTCOMES
    }
    answers["impairment"] = draw(st.sampled_from(YesNoUnsure))
    answers["wellbeing"] = draw(st.sampled_from(Impact))
    return answers


@st.composite
def carer_answers(draw):
    answers = {
        code: draw(
            st.sampled_from(
                [*CARER_ABILITIES, Ability.NOT_APPLICABLE]
                if code in OPTIONAL_OUTCOMES
                else list(CARER_ABILITIES)
            )
        )
        for code in CARER_OUTCOMES
    }
    answers["caring"] = draw(st.sampled_from(YesNoUnsure))
    answers["health"] = draw(st.sampled_from(Health))
    answers["wellbeing"] = draw(st.sampled_from(Impact))
    return answers


@FAST
@given(answers=adult_answers(), data=st.data())
def test_adult_one_more_outcome_not_achieved_never_lowers_the_answer(answers, data):
    managed = [code for code in ADULT_OUTCOMES if answers[code] == Ability.CAN]
    if not managed:
        return
    code = data.draw(st.sampled_from(managed), label="outcome")
    how = data.draw(st.sampled_from(sorted(UNABLE)), label="how")
    before = decide_adult(answers)
    after = decide_adult({**answers, code: how})
    assert RANK[after.likelihood] >= RANK[before.likelihood], (code, how, before, after)
    assert code in after.struggles


@FAST
@given(answers=carer_answers(), data=st.data())
def test_carer_one_more_outcome_not_achieved_never_lowers_the_answer(answers, data):
    managed = [code for code in CARER_OUTCOMES if answers[code] == Ability.CAN]
    if not managed:
        return
    code = data.draw(st.sampled_from(managed), label="outcome")
    how = data.draw(st.sampled_from([a for a in CARER_ABILITIES if a in UNABLE]), label="how")
    before = decide_carer(answers)
    after = decide_carer({**answers, code: how})
    assert RANK[after.likelihood] >= RANK[before.likelihood], (code, how, before, after)
    assert code in after.struggles


@FAST
@given(answers=adult_answers())
def test_adult_a_firmer_answer_never_lowers_the_answer(answers):
    # "Takes much longer" to a firmer "cannot do it without help" never lowers the answer.
    for code in ADULT_OUTCOMES:
        if answers[code] == Ability.LONGER:
            firmer = decide_adult({**answers, code: Ability.NEEDS_HELP})
            assert RANK[firmer.likelihood] >= RANK[decide_adult(answers).likelihood]

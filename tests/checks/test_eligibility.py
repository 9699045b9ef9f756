"""The checks' rules (checks.eligibility): reg. 2 for adults, reg. 3 for carers, every branch."""

import pytest

from checks.eligibility import (
    ADULT_OUTCOMES,
    CARER_OUTCOMES,
    Ability,
    Health,
    Impact,
    IncompleteAnswers,
    Likelihood,
    Reason,
    decide_adult,
    decide_carer,
)

EVERY_ADULT_OUTCOME_MANAGED = dict.fromkeys(ADULT_OUTCOMES, Ability.CAN)
EVERY_CARER_OUTCOME_MANAGED = dict.fromkeys(CARER_OUTCOMES, Ability.CAN)


def adult(impairment="yes", wellbeing=Impact.SIGNIFICANT, **outcomes):
    return {
        "impairment": impairment,
        **EVERY_ADULT_OUTCOME_MANAGED,
        **outcomes,
        "wellbeing": wellbeing,
    }


def carer(caring="yes", health=Health.NO, wellbeing=Impact.SIGNIFICANT, **outcomes):
    return {
        "caring": caring,
        "health": health,
        **EVERY_CARER_OUTCOME_MANAGED,
        **outcomes,
        "wellbeing": wellbeing,
    }


# Adults (reg. 2)


def test_adult_meeting_all_three_conditions_is_likely_eligible():
    result = decide_adult(adult(personal_hygiene=Ability.NEEDS_HELP, dressing=Ability.PAIN))
    assert result.likelihood == Likelihood.LIKELY
    assert result.unmet == () and result.borderline == ()
    assert result.struggles == ("personal_hygiene", "dressing")


@pytest.mark.parametrize("unable", [Ability.NEEDS_HELP, Ability.PAIN, Ability.RISK])
def test_help_pain_or_risk_each_count_as_unable_to_achieve(unable):
    result = decide_adult(adult(toilet=Ability.NEEDS_HELP, community=unable))
    assert result.likelihood == Likelihood.LIKELY
    assert result.struggles == ("toilet", "community")


def test_taking_much_longer_counts_but_two_resting_on_it_is_only_may_be():
    one_firm = decide_adult(adult(nutrition=Ability.NEEDS_HELP, home_safe=Ability.LONGER))
    assert one_firm.likelihood == Likelihood.MAY_BE
    assert one_firm.borderline == (Reason.RELIES_ON_TAKING_LONGER,)
    assert one_firm.struggles == ("nutrition", "home_safe")
    both_longer = decide_adult(adult(nutrition=Ability.LONGER, dressing=Ability.LONGER))
    assert both_longer.likelihood == Likelihood.MAY_BE
    two_firm_one_longer = decide_adult(
        adult(nutrition=Ability.LONGER, dressing=Ability.RISK, toilet=Ability.PAIN)
    )
    assert two_firm_one_longer.likelihood == Likelihood.LIKELY


def test_one_outcome_not_achieved_is_probably_not_eligible():
    result = decide_adult(adult(relationships=Ability.NEEDS_HELP))
    assert result.likelihood == Likelihood.PROBABLY_NOT
    assert result.unmet == (Reason.FEWER_THAN_TWO,)
    assert result.struggles == ("relationships",)


def test_managing_everything_or_not_applicable_is_probably_not_eligible():
    result = decide_adult(
        adult(caring_for_child=Ability.NOT_APPLICABLE, work_learning=Ability.NOT_APPLICABLE)
    )
    assert result.likelihood == Likelihood.PROBABLY_NOT
    assert result.unmet == (Reason.FEWER_THAN_TWO,)
    assert result.struggles == ()


def test_no_impairment_or_illness_is_probably_not_whatever_else():
    result = decide_adult(
        adult("no", nutrition=Ability.NEEDS_HELP, toilet=Ability.NEEDS_HELP, dressing=Ability.RISK)
    )
    assert result.likelihood == Likelihood.PROBABLY_NOT
    assert result.unmet == (Reason.NO_IMPAIRMENT,)


def test_not_sure_about_an_impairment_is_may_be():
    result = decide_adult(adult("not_sure", nutrition=Ability.PAIN, toilet=Ability.RISK))
    assert result.likelihood == Likelihood.MAY_BE
    assert result.borderline == (Reason.IMPAIRMENT_UNSURE,)


@pytest.mark.parametrize(
    ("wellbeing", "likelihood", "unmet", "borderline"),
    [
        (Impact.SIGNIFICANT, Likelihood.LIKELY, (), ()),
        (Impact.SOME, Likelihood.MAY_BE, (), (Reason.SOME_IMPACT,)),
        (Impact.NOT_SURE, Likelihood.MAY_BE, (), (Reason.IMPACT_UNSURE,)),
        (Impact.LITTLE, Likelihood.PROBABLY_NOT, (Reason.LITTLE_IMPACT,), ()),
    ],
)
def test_the_impact_on_wellbeing(wellbeing, likelihood, unmet, borderline):
    result = decide_adult(
        adult(wellbeing=wellbeing, nutrition=Ability.NEEDS_HELP, toilet=Ability.NEEDS_HELP)
    )
    assert (result.likelihood, result.unmet, result.borderline) == (likelihood, unmet, borderline)


def test_every_condition_not_met_is_named_and_unmet_outweighs_borderline():
    result = decide_adult(adult("no", wellbeing=Impact.SOME))
    assert result.likelihood == Likelihood.PROBABLY_NOT
    assert result.unmet == (Reason.NO_IMPAIRMENT, Reason.FEWER_THAN_TWO)
    assert result.borderline == (Reason.SOME_IMPACT,)


def test_struggles_come_in_the_regulations_order():
    result = decide_adult(adult(caring_for_child=Ability.PAIN, nutrition=Ability.RISK))
    assert result.struggles == ("nutrition", "caring_for_child")


def test_an_adult_decision_needs_every_answer():
    answers = adult(nutrition=Ability.NEEDS_HELP)
    del answers["toilet"]
    with pytest.raises(IncompleteAnswers, match="toilet"):
        decide_adult(answers)
    with pytest.raises(IncompleteAnswers):
        decide_adult({})


# Carers (reg. 3)


@pytest.mark.parametrize("health", [Health.WORSE, Health.AT_RISK])
def test_a_carer_whose_health_is_getting_worse_or_at_risk_is_likely_eligible(health):
    result = decide_carer(carer(health=health))
    assert result.likelihood == Likelihood.LIKELY
    assert result.struggles == ()


@pytest.mark.parametrize("unable", [Ability.NEEDS_HELP, Ability.PAIN, Ability.RISK])
def test_one_carer_outcome_not_achieved_is_enough(unable):
    result = decide_carer(carer(carer_time=unable))
    assert result.likelihood == Likelihood.LIKELY
    assert result.struggles == ("carer_time",)


def test_not_caring_for_an_adult_is_probably_not():
    result = decide_carer(carer("no", health=Health.WORSE))
    assert result.likelihood == Likelihood.PROBABLY_NOT
    assert result.unmet == (Reason.NOT_CARING,)


def test_not_sure_about_caring_is_may_be():
    result = decide_carer(carer("not_sure", health=Health.WORSE))
    assert result.likelihood == Likelihood.MAY_BE
    assert result.borderline == (Reason.CARING_UNSURE,)


def test_health_fine_and_every_outcome_managed_is_probably_not():
    result = decide_carer(
        carer(carer_child=Ability.NOT_APPLICABLE, carer_work=Ability.NOT_APPLICABLE)
    )
    assert result.likelihood == Likelihood.PROBABLY_NOT
    assert result.unmet == (Reason.NO_CARER_NEED,)


def test_not_sure_about_health_with_every_outcome_managed_is_may_be():
    result = decide_carer(carer(health=Health.NOT_SURE))
    assert result.likelihood == Likelihood.MAY_BE
    assert result.borderline == (Reason.HEALTH_UNSURE,)
    with_an_outcome = decide_carer(carer(health=Health.NOT_SURE, carer_home=Ability.RISK))
    assert with_an_outcome.likelihood == Likelihood.LIKELY


@pytest.mark.parametrize(
    ("wellbeing", "likelihood"),
    [
        (Impact.SIGNIFICANT, Likelihood.LIKELY),
        (Impact.SOME, Likelihood.MAY_BE),
        (Impact.NOT_SURE, Likelihood.MAY_BE),
        (Impact.LITTLE, Likelihood.PROBABLY_NOT),
    ],
)
def test_a_carers_wellbeing(wellbeing, likelihood):
    assert decide_carer(carer(health=Health.WORSE, wellbeing=wellbeing)).likelihood == likelihood


def test_a_carer_decision_needs_every_answer():
    answers = carer()
    del answers["health"]
    with pytest.raises(IncompleteAnswers, match="health"):
        decide_carer(answers)

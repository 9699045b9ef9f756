"""The indicative Care Act checks' rules: an adult's needs (Care and Support (Eligibility
Criteria) Regulations 2015, reg. 2) and a carer's (reg. 3), decided from plain answers.

Pure: no database, no request. The questions' wording is in checks.eligibility_questions;
the pages in checks.eligibility_views. Outcome codes are the same as
referrals.choices.WellbeingOutcome and CarerOutcome (checks sits below referrals and cannot
import them: tests/checks/test_eligibility_vocabulary.py keeps the two in step).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# Reg. 2(2), in the order the regulation lists them: code -> plain English.
ADULT_OUTCOMES: dict[str, str] = {
    "nutrition": _("Eating and drinking well, and preparing meals"),
    "personal_hygiene": _("Washing and keeping clean"),
    "toilet": _("Using the toilet"),
    "dressing": _("Getting dressed and wearing the right clothes"),
    "home_safe": _("Moving around and using the home safely"),
    "home_environment": _("Keeping the home clean, warm and safe to live in"),
    "relationships": _("Seeing family and friends, and not feeling lonely"),
    "work_learning": _("Work, training, learning or volunteering"),
    "community": _("Getting out and about, using local places, services and transport"),
    "caring_for_child": _("Looking after a child"),
}

# Reg. 3(2)(b)(i) to (viii), in the regulation's order. "A break from caring" and "my own health"
# (also in CarerOutcome) are not reg. 3 outcomes: health is its own question here.
CARER_OUTCOMES: dict[str, str] = {
    "carer_child": _("Looking after a child"),
    "carer_others": _("Caring for other people too"),
    "carer_home": _("Keeping your home clean, safe and fit to live in"),
    "carer_eating": _("Eating well and having time to cook"),
    "carer_relationships": _("Keeping in touch with family and friends"),
    "carer_work": _("Work, training, education or volunteering"),
    "carer_community": _("Using local services and places, like shops or the GP"),
    "carer_time": _("Time for yourself, to do things you enjoy"),
}

OUTCOME_LABELS = {**ADULT_OUTCOMES, **CARER_OUTCOMES}

# Outcomes a person may not have at all (no child, no job wanted, no one else to care for).
OPTIONAL_OUTCOMES = frozenset(
    {"caring_for_child", "work_learning", "carer_child", "carer_others", "carer_work"}
)


class Ability(StrEnum):
    """How someone manages one outcome. Every answer but CAN and NOT_APPLICABLE counts as
    "unable to achieve" (reg. 2(3); reg. 3(3) has no "takes significantly longer")."""

    CAN = "can"
    NEEDS_HELP = "needs_help"  # unable without assistance
    PAIN = "pain"  # significant pain, distress or anxiety
    RISK = "risk"  # endangers the health or safety of themselves or others
    LONGER = "longer"  # takes significantly longer than would normally be expected
    NOT_APPLICABLE = "not_applicable"


UNABLE = frozenset({Ability.NEEDS_HELP, Ability.PAIN, Ability.RISK, Ability.LONGER})
CARER_ABILITIES = (Ability.CAN, Ability.NEEDS_HELP, Ability.PAIN, Ability.RISK)


class YesNoUnsure(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class Health(StrEnum):
    """Reg. 3(2)(a): is the carer's physical or mental health deteriorating, or at risk?"""

    WORSE = "worse"
    AT_RISK = "at_risk"
    NO = "no"
    NOT_SURE = "not_sure"


class Impact(StrEnum):
    """Reg. 2(1)(c) and 3(1)(c): the impact on wellbeing, now or likely."""

    SIGNIFICANT = "significant"
    SOME = "some"
    LITTLE = "little"
    NOT_SURE = "not_sure"


class Likelihood(StrEnum):
    LIKELY = "likely"
    MAY_BE = "may_be"
    PROBABLY_NOT = "probably_not"


class Reason(StrEnum):
    """Why a result is not "likely": a condition not met, or one that is borderline."""

    NO_IMPAIRMENT = "no_impairment"
    IMPAIRMENT_UNSURE = "impairment_unsure"
    FEWER_THAN_TWO = "fewer_than_two"
    RELIES_ON_TAKING_LONGER = "relies_on_taking_longer"
    NOT_CARING = "not_caring"
    CARING_UNSURE = "caring_unsure"
    NO_CARER_NEED = "no_carer_need"
    HEALTH_UNSURE = "health_unsure"
    LITTLE_IMPACT = "little_impact"
    SOME_IMPACT = "some_impact"
    IMPACT_UNSURE = "impact_unsure"


@dataclass(frozen=True)
class Indication:
    """A check's answer: how likely, which conditions are not met (`unmet`) or borderline
    (`borderline`), and the outcomes the person cannot achieve (`struggles`, in order)."""

    likelihood: Likelihood
    unmet: tuple[Reason, ...] = ()
    borderline: tuple[Reason, ...] = ()
    struggles: tuple[str, ...] = ()


class IncompleteAnswers(ValueError):
    """A decision was asked for before every question had an answer."""


ADULT_QUESTIONS = ("impairment", *ADULT_OUTCOMES, "wellbeing")
CARER_QUESTIONS = ("caring", "health", *CARER_OUTCOMES, "wellbeing")


def _require(answers: dict, questions) -> None:
    missing = [question for question in questions if not answers.get(question)]
    if missing:
        raise IncompleteAnswers(f"No answer for: {', '.join(missing)}")


def _impact(answer: str, unmet: list, borderline: list) -> None:
    if answer == Impact.LITTLE:
        unmet.append(Reason.LITTLE_IMPACT)
    elif answer == Impact.SOME:
        borderline.append(Reason.SOME_IMPACT)
    elif answer == Impact.NOT_SURE:
        borderline.append(Reason.IMPACT_UNSURE)


def _likelihood(unmet: list, borderline: list) -> Likelihood:
    if unmet:
        return Likelihood.PROBABLY_NOT
    return Likelihood.MAY_BE if borderline else Likelihood.LIKELY


def decide_adult(answers: dict) -> Indication:
    """Reg. 2 from the adult check's answers ({question code: answer code}).

    Likely: an impairment or illness, two or more outcomes not achieved (at least two of
    them for a reason other than only taking longer), and a significant impact on wellbeing.
    Probably not: no impairment or illness, fewer than two outcomes, or little impact. May
    be: the rest (not sure, "some" impact, or two outcomes only because one takes longer).
    Raises IncompleteAnswers if a question has no answer.
    """
    _require(answers, ADULT_QUESTIONS)
    unmet: list[Reason] = []
    borderline: list[Reason] = []
    if answers["impairment"] == YesNoUnsure.NO:
        unmet.append(Reason.NO_IMPAIRMENT)
    elif answers["impairment"] == YesNoUnsure.NOT_SURE:
        borderline.append(Reason.IMPAIRMENT_UNSURE)
    struggles = tuple(code for code in ADULT_OUTCOMES if answers[code] in UNABLE)
    # "Takes much longer" counts, but only an assessment can say whether it is "significantly".
    firm = [code for code in struggles if answers[code] != Ability.LONGER]
    if len(struggles) < 2:
        unmet.append(Reason.FEWER_THAN_TWO)
    elif len(firm) < 2:
        borderline.append(Reason.RELIES_ON_TAKING_LONGER)
    _impact(answers["wellbeing"], unmet, borderline)
    return Indication(_likelihood(unmet, borderline), tuple(unmet), tuple(borderline), struggles)


def decide_carer(answers: dict) -> Indication:
    """Reg. 3 from the carer check's answers ({question code: answer code}).

    Likely: caring for an adult who needs it; their health getting worse or at risk, or any
    one carer outcome not achieved; and a significant impact on wellbeing. Probably not: not
    caring, health fine and every outcome achieved, or little impact. May be: the rest.
    Raises IncompleteAnswers if a question has no answer.
    """
    _require(answers, CARER_QUESTIONS)
    unmet: list[Reason] = []
    borderline: list[Reason] = []
    if answers["caring"] == YesNoUnsure.NO:
        unmet.append(Reason.NOT_CARING)
    elif answers["caring"] == YesNoUnsure.NOT_SURE:
        borderline.append(Reason.CARING_UNSURE)
    struggles = tuple(code for code in CARER_OUTCOMES if answers[code] in UNABLE)
    health_at_risk = answers["health"] in (Health.WORSE, Health.AT_RISK)
    if not (health_at_risk or struggles):
        if answers["health"] == Health.NOT_SURE:
            borderline.append(Reason.HEALTH_UNSURE)
        else:
            unmet.append(Reason.NO_CARER_NEED)
    _impact(answers["wellbeing"], unmet, borderline)
    return Indication(_likelihood(unmet, borderline), tuple(unmet), tuple(borderline), struggles)


# A check's result as staff read it, when the person chose to send it with a self-referral
# (referrals shows these; the person's own pages word the result for "you" or "they").
LIKELIHOOD_LABELS = {
    Likelihood.LIKELY: _("Likely to be eligible"),
    Likelihood.MAY_BE: _("May be eligible"),
    Likelihood.PROBABLY_NOT: _("Probably not eligible"),
}
ABILITY_LABELS = {
    Ability.NEEDS_HELP: _("Cannot do it without help"),
    Ability.PAIN: _("Can, but with a lot of pain, distress or worry"),
    Ability.RISK: _("Can, but it puts their or others' health or safety at risk"),
    Ability.LONGER: _("Can, but it takes much longer than it should"),
}
CARER_NEEDS_HELP_LABEL = _("Cannot do it because of caring")
HEALTH_LABELS = {
    Health.WORSE: _("Their health is getting worse because of caring"),
    Health.AT_RISK: _("Their health will suffer if things carry on as they are"),
    Health.NO: _("Caring is not affecting their health"),
    Health.NOT_SURE: _("Not sure whether caring is affecting their health"),
}

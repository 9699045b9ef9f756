"""The checks' outcomes keep the referral vocabularies' codes (checks cannot import referrals,
so this test is what stops them drifting apart), and every outcome finds local support."""

import re

from checks.eligibility import ADULT_OUTCOMES, CARER_OUTCOMES
from checks.eligibility_help import GENERAL_CATEGORIES, OUTCOME_CATEGORIES
from checks.eligibility_questions import ADULT_PAGES, CARER_PAGES, WHO
from directory.vocabulary import CATEGORIES
from referrals.choices import CarerOutcome, FilledInBy, WellbeingOutcome


def test_adult_outcomes_are_the_ten_wellbeing_outcomes_in_order():
    assert list(ADULT_OUTCOMES) == list(WellbeingOutcome.values)


def test_carer_outcomes_are_carer_outcome_codes_of_the_eight_in_reg_3():
    assert set(CARER_OUTCOMES) <= set(CarerOutcome.values)
    assert set(CarerOutcome.values) - set(CARER_OUTCOMES) == {
        CarerOutcome.BREAK,  # not a reg. 3 outcome (a way of meeting one)
        CarerOutcome.HEALTH,  # reg. 3(1)(b)(i), asked as its own question
    }
    assert len(CARER_OUTCOMES) == 8


def test_every_outcome_maps_to_real_directory_categories():
    known = {code for code, _name, _description, _parent in CATEGORIES}
    assert set(OUTCOME_CATEGORIES) == set(ADULT_OUTCOMES) | set(CARER_OUTCOMES)
    for categories in [*OUTCOME_CATEGORIES.values(), *GENERAL_CATEGORIES.values()]:
        assert categories and set(categories) <= known


def test_the_pages_ask_every_outcome_once():
    adult_codes = [question.code for question in ADULT_PAGES]
    carer_codes = [question.code for question in CARER_PAGES]
    assert adult_codes == ["who", "impairment", *ADULT_OUTCOMES, "wellbeing"]
    assert carer_codes == ["caring", "health", *CARER_OUTCOMES, "wellbeing"]
    assert len(adult_codes) == 13 and len(carer_codes) == 11


def test_checking_for_someone_else_every_question_after_the_first_is_about_them():
    you = re.compile(r"\b(you|your|yourself|I|me|my)\b", re.IGNORECASE)
    for question in ADULT_PAGES[1:]:
        words = question.said_to("they")
        texts = [words["text"], words["hint"], words["error"], *dict(words["options"]).values()]
        for text in texts:
            assert not you.search(str(text).replace("I'm not sure", "")), (question.code, text)


def test_who_the_check_is_for_uses_the_self_referrals_codes():
    assert [value for value, _labels in WHO.options] == [
        FilledInBy.MYSELF,
        FilledInBy.SOMEONE_ELSE,
    ]

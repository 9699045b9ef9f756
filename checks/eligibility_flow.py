"""The two checks' page flows, and their answers carried from page to page.

Nothing is stored: the answers so far travel in each page's form as a signed token (Django
signing; tamper-proof, not secret: it holds only the person's own answers, in their own
browser, and is never put in a URL). A token that does not verify, or names a question or
answer the check does not have, is refused (BadAnswers) and the person starts again.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext_lazy as _

from checks.eligibility import (
    OUTCOME_LABELS,
    Health,
    Indication,
    decide_adult,
    decide_carer,
)
from checks.eligibility_questions import ADULT_PAGES, CARER_PAGES, THEY, YOU, Question

CHECK_ANSWERS = "check"  # the step name of "Check your answers"
MAX_TOKEN_LENGTH = 4000


class BadAnswers(ValueError):
    """The answers in a posted form cannot be trusted or make no sense for this check."""


@dataclass(frozen=True)
class Check:
    slug: str  # "adult" or "carer"
    title: str
    pages: tuple[Question, ...]
    decide: Callable[[dict], Indication]
    url_names: dict  # start, questions, result

    @property
    def is_carer(self) -> bool:
        return self.slug == "carer"

    @property
    def codes(self) -> list[str]:
        return [question.code for question in self.pages]

    def question(self, code: str) -> Question | None:
        return next((question for question in self.pages if question.code == code), None)

    def position(self, code: str) -> int:
        """1-based: "Question 3 of 13"."""
        return self.codes.index(code) + 1

    def next_code(self, code: str) -> str:
        """The question after `code`, or CHECK_ANSWERS after the last."""
        index = self.codes.index(code)
        return self.codes[index + 1] if index + 1 < len(self.codes) else CHECK_ANSWERS

    def previous_code(self, code: str) -> str | None:
        """The question before `code` (the last, before "Check your answers"); None first."""
        if code == CHECK_ANSWERS:
            return self.codes[-1]
        index = self.codes.index(code)
        return self.codes[index - 1] if index else None

    def first_unanswered(self, answers: dict) -> str | None:
        return next((code for code in self.codes if code not in answers), None)

    def audience(self, answers: dict) -> str:
        """Who the questions speak to: "they" only when an adult is checked for someone else."""
        return THEY if answers.get("who") == "someone_else" else YOU

    def summary_rows(self, answers: dict) -> list[dict]:
        """ "Check your answers": each question's short label and the answer as chosen."""
        audience = self.audience(answers)
        return [
            {
                "code": question.code,
                "label": question.summary,
                "value": dict(question.said_to(audience)["options"]).get(
                    answers.get(question.code), ""
                ),
            }
            for question in self.pages
        ]

    def struggle_labels(self, answers: dict, indication: Indication) -> list:
        """What they find hard, in plain English: a carer's own health first, then outcomes."""
        labels = [OUTCOME_LABELS[code] for code in indication.struggles]
        if self.is_carer and answers.get("health") in (Health.WORSE, Health.AT_RISK):
            labels.insert(0, _("Caring is affecting your own health, or will if nothing changes"))
        return labels

    # The answers so far, in the page's form.

    def _salt(self) -> str:
        return f"checks.eligibility.{self.slug}"

    def pack(self, answers: dict) -> str:
        return signing.dumps(answers, salt=self._salt(), compress=True)

    def unpack(self, token: str) -> dict:
        """The answers in a posted token ("" for none yet), or BadAnswers."""
        if not token:
            return {}
        if len(token) > MAX_TOKEN_LENGTH:
            raise BadAnswers("The answers are too long")
        try:
            answers = signing.loads(token, salt=self._salt())
        except signing.BadSignature as error:
            raise BadAnswers("The answers' signature does not verify") from error
        if not isinstance(answers, dict):
            raise BadAnswers("The answers are not a mapping")
        for code, value in answers.items():
            question = self.question(code)
            if question is None or value not in {option for option, _labels in question.options}:
                raise BadAnswers(f"No answer {value!r} to {code!r}")
        return answers


ADULT = Check(
    "adult",
    _("Check if you could get care and support"),
    ADULT_PAGES,
    decide_adult,
    {
        "start": "checks:eligibility_start",
        "questions": "checks:eligibility_questions",
        "result": "checks:eligibility_result",
    },
)
CARER = Check(
    "carer",
    _("Check if you could get support as a carer"),
    CARER_PAGES,
    decide_carer,
    {
        "start": "checks:carer_start",
        "questions": "checks:carer_questions",
        "result": "checks:carer_result",
    },
)
CHECKS = {check.slug: check for check in (ADULT, CARER)}

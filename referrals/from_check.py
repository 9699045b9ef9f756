"""Tell it once: the answers of "Check what help you might get" (checks), carried into the
self-referral only when the person presses "Ask for an assessment and bring these answers".

The check's signed token is read here (checks.eligibility_flow; checks sits below referrals).
What is carried is codes only, kept in the wizard's own encrypted session storage with its
unfinished answers (and expiring with them); it reaches the database only inside the
referral's answers, under "check", when the person sends the referral and has not removed it:

    {"kind": "adult" | "carer", "likelihood": "likely" | "may_be" | "probably_not",
     "who": "myself" | "someone_else" (adult), "health": Health code (carer),
     "struggles": [outcome codes], "reasons": {outcome code: Ability code}}
"""

from django.utils.translation import gettext as _

from checks.eligibility import LIKELIHOOD_LABELS, Health
from checks.eligibility_flow import CHECKS, BadAnswers
from referrals.choices import CarerOutcome, FilledInBy

EXTRA_KEY = "check"  # in the wizard storage's extra_data
SEND_KEY = "check_send"  # False once the person chose not to send it


def read(kind: str, token: str) -> dict:
    """The record to carry from a posted check (kind and signed answers), or BadAnswers if
    the check is unknown, the token does not verify, or the check was not finished."""
    check = CHECKS.get(kind)
    if check is None:
        raise BadAnswers("No such check")
    answers = check.unpack(token)
    if not answers or check.first_unanswered(answers):
        raise BadAnswers("The check is not finished")
    indication = check.decide(answers)
    record = {
        "kind": check.slug,
        "likelihood": str(indication.likelihood),
        "struggles": list(indication.struggles),
        "reasons": {code: answers[code] for code in indication.struggles},
    }
    if check.is_carer:
        record["health"] = answers["health"]
    else:
        record["who"] = answers["who"]
    return record


def filled_in_by(record: dict) -> str:
    """The wizard's "who" answer to start with."""
    if record.get("kind") == "carer":
        return FilledInBy.CARER
    return FilledInBy.SOMEONE_ELSE if record.get("who") == "someone_else" else FilledInBy.MYSELF


def outcomes(record: dict) -> list[str]:
    """The outcomes step's boxes to tick: what they find hard, and (a carer) their own health
    when caring is making it worse or putting it at risk."""
    codes = list(record.get("struggles") or [])
    if record.get("kind") == "carer" and record.get("health") in (Health.WORSE, Health.AT_RISK):
        codes.append(CarerOutcome.HEALTH.value)
    return codes


def likelihood_label(record: dict) -> str:
    label = LIKELIHOOD_LABELS.get(record.get("likelihood"))
    return str(label) if label else _("Not known")


def carried(extra_data: dict) -> dict | None:
    """The record to send with the referral, or None (never carried, or removed)."""
    record = extra_data.get(EXTRA_KEY)
    if not isinstance(record, dict) or not extra_data.get(SEND_KEY, True):
        return None
    return record

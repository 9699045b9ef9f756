"""Which team (and partner) a self-referral goes to, and who referred it. Every routing rule
lives here, nowhere else."""

from referrals.choices import CarerSupportFor, FilledInBy, Team
from referrals.models import Partner

CARER_SUPPORT = {CarerSupportFor.CARER, CarerSupportFor.BOTH}
# Who referred, by who filled it in: the person themselves (or a carer, about their own
# caring role) gave their email with their details; a family member or a professional gave
# theirs as the referrer.
REFERRER_IS_THE_PERSON = {FilledInBy.MYSELF, FilledInBy.CARER}


def is_carer(answers: dict) -> bool:
    return answers.get("filled_in_by") == FilledInBy.CARER


def wants_carer_support(answers: dict) -> bool:
    """A carer asking for support in their caring role (or a carer's assessment)."""
    carer = answers.get("carer") or {}
    return is_carer(answers) and (
        carer.get("support_for") in CARER_SUPPORT or bool(carer.get("wants_assessment"))
    )


def team_for(answers: dict) -> str:
    """Carers asking for carer support go to the Carers Centre; everyone else to First Contact."""
    if wants_carer_support(answers):
        return Team.CARERS_CENTRE
    return Team.FIRST_CONTACT


def partner_for(team: str) -> Partner | None:
    """The active partner organisation that works from `team`'s queue (the Carers Centre),
    if any: a referral routed there waits for it to accept."""
    return Partner.objects.filter(team=team, active=True).first()


def referrer_email(answers: dict) -> str:
    """Where the notifications to the person who referred go (accepted, closed): their own
    email if they filled it in for themselves (or as a carer), the referrer's email if a
    family member or a professional did; "" if none was given."""
    if answers.get("filled_in_by") in REFERRER_IS_THE_PERSON:
        return str((answers.get("person") or {}).get("email") or "").strip()
    return str((answers.get("referrer") or {}).get("referrer_email") or "").strip()

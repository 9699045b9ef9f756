"""Which team a self-referral goes to. Every routing rule lives here, nowhere else."""

from referrals.choices import CarerSupportFor, FilledInBy, Team

CARER_SUPPORT = {CarerSupportFor.CARER, CarerSupportFor.BOTH}


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

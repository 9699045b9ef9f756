"""Fixed vocabularies of the self-referral: whether anyone is in danger, who fills it in,
whether the person agrees, wellbeing outcomes, contact, communication and caring, teams,
statuses and closing outcomes. Codes are stored; labels are what people read. Everything
else (forms, the wizard, the triage queue, analytics) imports them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    """The first question: anything but NONE stops the form and shows who to call."""

    DANGER = "danger", _("Yes, someone is in danger now")
    ABUSE = "abuse", _("Yes, I think an adult is being abused or neglected")
    NONE = "none", _("No")


class PersonAgrees(models.TextChoices):
    """Asking for someone else: do they know and agree? NO stops the form."""

    YES = "yes", _("Yes, they know and agree")
    CANNOT_DECIDE = "cannot_decide", _("They are not able to decide this for themselves")
    NO = "no", _("No, they do not know or do not agree")


class FilledInBy(models.TextChoices):
    MYSELF = "myself", _("Myself")
    SOMEONE_ELSE = "someone_else", _("Someone else")
    CARER = "carer", _("I am a carer and want support for my caring role")
    PROFESSIONAL = (
        "professional",
        _(
            "I am a professional referring someone (for example a GP, social prescriber or "
            "hospital discharge team)"
        ),
    )


class ProfessionalRole(models.TextChoices):
    """A professional referring someone: their role ("Other" reveals a box for it)."""

    GP = "gp", _("GP or practice staff")
    SOCIAL_PRESCRIBER = "social_prescriber", _("Social prescriber or link worker")
    HOSPITAL_DISCHARGE = "hospital_discharge", _("Hospital discharge team")
    COMMUNITY_HEALTH = "community_health", _("Community nurse or therapist")
    HOUSING = "housing", _("Housing officer")
    VOLUNTARY_SECTOR = "voluntary_sector", _("Voluntary sector worker")
    OTHER = "other", _("Other")


class ConsentGivenBy(models.TextChoices):
    """A professional's referral: who agreed to it (Mental Capacity Act 2005). A best-interests
    decision is flagged to the triager."""

    PERSON = "person", _("The person themselves")
    ATTORNEY = (
        "attorney",
        _("Someone with lasting power of attorney, or a deputy, for health and welfare"),
    )
    BEST_INTERESTS = (
        "best_interests",
        _("A best-interests decision, because the person lacks capacity to decide"),
    )


# What each answer means, said under it on the question's page.
CONSENT_GIVEN_BY_HINTS = {
    ConsentGivenBy.PERSON: _("They understand what the referral is for and have agreed to it"),
    ConsentGivenBy.ATTORNEY: _(
        "The attorney or deputy can make decisions about the person's health and care, and "
        "has agreed"
    ),
    ConsentGivenBy.BEST_INTERESTS: _(
        "A capacity assessment found the person cannot decide this for themselves, and the "
        "referral was agreed in their best interests"
    ),
}


# Filled in by someone other than the person who needs help: the questions say "they".
ABOUT_SOMEONE_ELSE = frozenset({FilledInBy.SOMEONE_ELSE, FilledInBy.PROFESSIONAL})


class Route(models.TextChoices):
    """How a referral came in, as the First Contact measures count it."""

    SELF = "self", _("Self or family")
    CARER = "carer", _("Carer")
    PROFESSIONAL = "professional", _("Professional")


ROUTE_BY_FILLED_IN_BY = {
    FilledInBy.MYSELF: Route.SELF,
    FilledInBy.SOMEONE_ELSE: Route.SELF,
    FilledInBy.CARER: Route.CARER,
    FilledInBy.PROFESSIONAL: Route.PROFESSIONAL,
}


def route_for(filled_in_by: str) -> str:
    """The measures' route of a referral from who filled it in (self or family by default)."""
    return ROUTE_BY_FILLED_IN_BY.get(filled_in_by, Route.SELF).value


class Team(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("First Contact")
    CARERS_CENTRE = "carers_centre", _("Carers Centre")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    CONTACTED = "contacted", _("Contacted")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    INFORMATION_ADVICE = "information_advice", _("Information and advice given")
    COMMUNITY_ASSET = "community_asset", _("Signposted to a community asset")
    LAC_INTRODUCTION = "lac_introduction", _("Introduced to local area coordinator")
    CARERS_CENTRE = "carers_centre", _("Referred to carers' centre")
    NEEDS_ASSESSMENT = "needs_assessment", _("Needs assessment")
    SAFEGUARDING = "safeguarding", _("Safeguarding referral")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")


# How the First Contact measures group the outcomes: resolved by information, advice and
# signposting (no long-term support), a needs assessment, or neither. Every Outcome is in one.
RESOLVED_OUTCOMES = (
    Outcome.INFORMATION_ADVICE,
    Outcome.COMMUNITY_ASSET,
    Outcome.LAC_INTRODUCTION,
    Outcome.CARERS_CENTRE,
)
ASSESSMENT_OUTCOMES = (Outcome.NEEDS_ASSESSMENT,)
OTHER_OUTCOMES = (Outcome.SAFEGUARDING, Outcome.NO_FURTHER_ACTION)


# The Care Act 2014 eligibility outcomes (Care and Support (Eligibility Criteria)
# Regulations 2015, reg. 2(2)), in plain English.
class WellbeingOutcome(models.TextChoices):
    NUTRITION = "nutrition", _("Eating and drinking well, and preparing meals")
    PERSONAL_HYGIENE = "personal_hygiene", _("Washing and keeping clean")
    TOILET = "toilet", _("Using the toilet")
    DRESSING = "dressing", _("Getting dressed and wearing the right clothes")
    HOME_SAFE = "home_safe", _("Moving around and using my home safely")
    HOME_ENVIRONMENT = "home_environment", _("Keeping my home clean, warm and safe to live in")
    RELATIONSHIPS = "relationships", _("Seeing family and friends, and not feeling lonely")
    WORK_LEARNING = "work_learning", _("Work, training, learning or volunteering")
    COMMUNITY = "community", _("Getting out and about, using local places, services and transport")
    CARING_FOR_CHILD = "caring_for_child", _("Looking after a child")


# A carer's own outcomes (Care and Support (Eligibility Criteria) Regulations 2015, reg. 3(3)),
# in plain English, plus a break from caring and their own health. Asked on the carer route
# instead of WellbeingOutcome, which is about the person cared for. Codes start "carer_" so a
# stored code names its vocabulary (analytics keeps both in one list of needs).
class CarerOutcome(models.TextChoices):
    CARING_FOR_CHILD = "carer_child", _("Caring for my children, or another child, as well")
    CARING_FOR_OTHERS = "carer_others", _("Caring for other people too")
    HOME = "carer_home", _("Keeping my home clean, safe and fit to live in")
    EATING_WELL = "carer_eating", _("Eating well and having time to cook")
    RELATIONSHIPS = "carer_relationships", _("Keeping in touch with family and friends")
    WORK_LEARNING = "carer_work", _("Work, training, education or volunteering")
    COMMUNITY = "carer_community", _("Using local services and places, like shops or the GP")
    TIME_FOR_ME = "carer_time", _("Time for myself, to do things I enjoy")
    BREAK = "carer_break", _("A break from caring")
    HEALTH = "carer_health", _("My own health")


OUTCOME_LABELS = {**dict(WellbeingOutcome.choices), **dict(CarerOutcome.choices)}


def outcome_label(code: str) -> str:
    """What a stored outcome code (from either vocabulary) means; an unknown code as it is."""
    return str(OUTCOME_LABELS.get(code, code))


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    EITHER = "either", _("Phone or email")


class BestTime(models.TextChoices):
    MORNING = "morning", _("Mornings")
    AFTERNOON = "afternoon", _("Afternoons")
    ANY = "any", _("Any time during opening hours")


class CommunicationNeed(models.TextChoices):
    INTERPRETER = "interpreter", _("A spoken language interpreter")
    BSL = "bsl", _("A British Sign Language (BSL) interpreter")
    EASY_READ = "easy_read", _("Easy read information")
    LARGE_PRINT = "large_print", _("Large print")
    OTHER = "other", _("Something else")


class CaringHours(models.TextChoices):
    UNDER_20 = "under_20", _("Less than 20 hours a week")
    FROM_20_TO_34 = "20_to_34", _("20 to 34 hours a week")
    FROM_35_TO_49 = "35_to_49", _("35 to 49 hours a week")
    OVER_50 = "50_plus", _("50 hours a week or more")


class CarerSupportFor(models.TextChoices):
    CARER = "carer", _("Support for me as a carer")
    CARED_FOR = "cared_for", _("Support for the person I care for")
    BOTH = "both", _("Both")


class HandoverState(models.TextChoices):
    """Where a referral passed to a partner organisation stands with that partner."""

    WAITING = "waiting", _("Waiting for the partner to accept")
    ACCEPTED = "accepted", _("Accepted by the partner")
    DECLINED = "declined", _("Declined by the partner")


class HandoverStep(models.TextChoices):
    """One step on a referral's handover timeline."""

    ROUTED = "routed", _("Routed to the partner by the routing rules")
    PASSED = "passed", _("Passed to the partner by First Contact")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class DeclineReason(models.TextChoices):
    """Why a partner declined a referral (it goes back to First Contact)."""

    NOT_OFFERED = "not_offered", _("Not something we offer")
    OUTSIDE_AREA = "outside_area", _("Outside our area")
    NO_CAPACITY = "no_capacity", _("We have no capacity at the moment")
    PERSON_DECLINED = "person_declined", _("The person did not want our help")
    OTHER = "other", _("Another reason")

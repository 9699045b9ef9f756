"""The checks' questions in plain English, one a page, and the form that asks each one.

Every text is a pair: how it reads to someone checking for themselves ("you") and for
someone else ("they"). The carer check is always about the carer, so it uses "you" only.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from checks.eligibility import (
    ADULT_OUTCOMES,
    CARER_ABILITIES,
    CARER_OUTCOMES,
    OPTIONAL_OUTCOMES,
    Ability,
    Health,
    Impact,
    Reason,
    YesNoUnsure,
)
from coordination.forms import CoordinatorPostcodeForm

YOU = "you"
THEY = "they"


@dataclass(frozen=True)
class Question:
    code: str
    text: tuple  # (you, they)
    hint: tuple  # (you, they); ("", "") for none
    options: tuple  # ((value, (you, they)), ...)
    error: tuple  # (you, they): what to do when nothing is chosen
    summary: str = ""  # the short label on "Check your answers"

    def said_to(self, audience: str) -> dict:
        pick = 1 if audience == THEY else 0
        return {
            "text": self.text[pick],
            "hint": self.hint[pick],
            "options": [(value, labels[pick]) for value, labels in self.options],
            "error": self.error[pick],
        }


def _same(text) -> tuple:
    return (text, text)


YES_NO_UNSURE = (
    (YesNoUnsure.YES, _same(_("Yes"))),
    (YesNoUnsure.NO, _same(_("No"))),
    (YesNoUnsure.NOT_SURE, _same(_("I'm not sure"))),
)

ADULT_ABILITY_OPTIONS = (
    (Ability.CAN, (_("I can do this without help"), _("They can do this without help"))),
    (Ability.NEEDS_HELP, (_("I need help to do this"), _("They need help to do this"))),
    (
        Ability.PAIN,
        (
            _("I can do it but it causes me a lot of pain, distress or worry"),
            _("They can do it but it causes them a lot of pain, distress or worry"),
        ),
    ),
    (
        Ability.RISK,
        (
            _("I can do it but it puts my or others' safety at risk"),
            _("They can do it but it puts their or others' safety at risk"),
        ),
    ),
    (
        Ability.LONGER,
        (
            _("I can do it but it takes me much longer than it should"),
            _("They can do it but it takes them much longer than it should"),
        ),
    ),
    (Ability.NOT_APPLICABLE, (_("This does not apply to me"), _("This does not apply to them"))),
)

CARER_ABILITY_LABELS = {
    Ability.CAN: _("I can do this"),
    Ability.NEEDS_HELP: _("I cannot do this because of my caring"),
    Ability.PAIN: _("I can, but it causes me a lot of pain, distress or worry"),
    Ability.RISK: _("I can, but it puts my or others' health or safety at risk"),
    Ability.NOT_APPLICABLE: _("This does not apply to me"),
}

IMPACT_OPTIONS = (
    (Impact.SIGNIFICANT, _same(_("A lot, or it soon will if nothing changes"))),
    (Impact.SOME, _same(_("A little"))),
    (Impact.LITTLE, _same(_("Not really"))),
    (Impact.NOT_SURE, _same(_("I'm not sure"))),
)

WHO = Question(
    "who",
    _same(_("Who are you checking for?")),
    _same(_("If you are checking for someone else, the questions will ask about them.")),
    (("myself", _same(_("Myself"))), ("someone_else", _same(_("Someone else")))),
    _same(_("Select who you are checking for")),
    _("Checking for"),
)

IMPAIRMENT = Question(
    "impairment",
    (
        _("Do you have a health condition, illness or disability that means you need help?"),
        _("Do they have a health condition, illness or disability that means they need help?"),
    ),
    _same(
        _(
            "This includes physical and mental health conditions, frailty, dementia or memory "
            "problems, a learning disability, autism, sight or hearing loss, a brain injury, "
            "or problems with alcohol or drugs. A diagnosis is not needed."
        )
    ),
    YES_NO_UNSURE,
    (
        _("Select yes if you have a health condition, illness or disability"),
        _("Select yes if they have a health condition, illness or disability"),
    ),
    _("Health condition, illness or disability"),
)

# code: ((question you, they), (hint you, they)); the summary label is the outcome's own.
_ADULT_OUTCOME_WORDING = {
    "nutrition": (
        (
            _("How do you manage eating, drinking and preparing meals?"),
            _("How do they manage eating, drinking and preparing meals?"),
        ),
        _same(_("For example, making a meal or a drink, eating it, and having enough food in.")),
    ),
    "personal_hygiene": (
        (
            _("How do you manage washing and keeping clean?"),
            _("How do they manage washing and keeping clean?"),
        ),
        (
            _("For example, having a wash, a bath or a shower, and washing your clothes."),
            _("For example, having a wash, a bath or a shower, and washing their clothes."),
        ),
    ),
    "toilet": (
        (_("How do you manage using the toilet?"), _("How do they manage using the toilet?")),
        _same(_("For example, getting to the toilet in time, and managing continence.")),
    ),
    "dressing": (
        (_("How do you manage getting dressed?"), _("How do they manage getting dressed?")),
        _same(
            _("For example, putting clothes on and taking them off, and dressing for the weather.")
        ),
    ),
    "home_safe": (
        (
            _("How do you manage moving around your home safely?"),
            _("How do they manage moving around their home safely?"),
        ),
        (
            _(
                "For example, getting in and out of bed or a chair, using the stairs, and getting in and out of your home."
            ),
            _(
                "For example, getting in and out of bed or a chair, using the stairs, and getting in and out of their home."
            ),
        ),
    ),
    "home_environment": (
        (
            _("How do you manage keeping your home clean, warm and safe to live in?"),
            _("How do they manage keeping their home clean, warm and safe to live in?"),
        ),
        _same(
            _("For example, cleaning, keeping warm, and keeping the gas, electricity and water on.")
        ),
    ),
    "relationships": (
        (
            _("How do you manage keeping in touch with family and friends?"),
            _("How do they manage keeping in touch with family and friends?"),
        ),
        (
            _(
                "For example, seeing or talking to people who matter to you, so you do not feel lonely."
            ),
            _(
                "For example, seeing or talking to people who matter to them, so they do not feel lonely."
            ),
        ),
    ),
    "work_learning": (
        (
            _("How do you manage work, training, learning or volunteering?"),
            _("How do they manage work, training, learning or volunteering?"),
        ),
        (
            _("Answer this if you do, or want to do, any of these."),
            _("Answer this if they do, or want to do, any of these."),
        ),
    ),
    "community": (
        (
            _("How do you manage getting out and using local places and transport?"),
            _("How do they manage getting out and using local places and transport?"),
        ),
        _same(
            _("For example, going to the shops, the GP or the library, and using buses or trains.")
        ),
    ),
    "caring_for_child": (
        (
            _("How do you manage looking after a child?"),
            _("How do they manage looking after a child?"),
        ),
        (
            _("Answer this if you are a parent or look after a child."),
            _("Answer this if they are a parent or look after a child."),
        ),
    ),
}

_CARER_OUTCOME_WORDING = {
    "carer_child": (
        _("Alongside caring, how do you manage looking after a child?"),
        _("Answer this if you are a parent or look after a child."),
    ),
    "carer_others": (
        _("Alongside caring, how do you manage caring for anyone else?"),
        _("For example, if you also look after another relative."),
    ),
    "carer_home": (
        _("Alongside caring, how do you manage keeping your home clean, safe and fit to live in?"),
        "",
    ),
    "carer_eating": (
        _("Alongside caring, how do you manage eating well?"),
        _("For example, having time to shop and cook for yourself."),
    ),
    "carer_relationships": (
        _("Alongside caring, how do you manage keeping in touch with family and friends?"),
        "",
    ),
    "carer_work": (
        _("Alongside caring, how do you manage work, training, education or volunteering?"),
        _("Answer this if you do, or want to do, any of these."),
    ),
    "carer_community": (
        _("Alongside caring, how do you manage using local services and places?"),
        _("For example, going to the shops, the GP, a gym or the library."),
    ),
    "carer_time": (
        _("Alongside caring, how do you manage having time for yourself?"),
        _("For example, for hobbies, exercise, seeing friends or rest."),
    ),
}


def _adult_outcome(code: str, label) -> Question:
    text, hint = _ADULT_OUTCOME_WORDING[code]
    options = tuple(
        option
        for option in ADULT_ABILITY_OPTIONS
        if option[0] != Ability.NOT_APPLICABLE or code in OPTIONAL_OUTCOMES
    )
    return Question(
        code,
        text,
        hint,
        options,
        (_("Select how you manage this"), _("Select how they manage this")),
        label,
    )


def _carer_outcome(code: str, label) -> Question:
    text, hint = _CARER_OUTCOME_WORDING[code]
    abilities = [*CARER_ABILITIES]
    if code in OPTIONAL_OUTCOMES:
        abilities.append(Ability.NOT_APPLICABLE)
    options = tuple((ability, _same(CARER_ABILITY_LABELS[ability])) for ability in abilities)
    return Question(
        code, _same(text), _same(hint), options, _same(_("Select how you manage this")), label
    )


ADULT_WELLBEING = Question(
    "wellbeing",
    (
        _("How much are these difficulties affecting your wellbeing?"),
        _("How much are these difficulties affecting their wellbeing?"),
    ),
    (
        _(
            "Wellbeing means things like your health, feeling safe, your dignity, being in "
            "control of your day-to-day life, and your relationships. Think about now, and "
            "what is likely to happen if nothing changes."
        ),
        _(
            "Wellbeing means things like their health, feeling safe, their dignity, being in "
            "control of their day-to-day life, and their relationships. Think about now, and "
            "what is likely to happen if nothing changes."
        ),
    ),
    IMPACT_OPTIONS,
    (
        _("Select how much this is affecting your wellbeing"),
        _("Select how much this is affecting their wellbeing"),
    ),
    _("Effect on wellbeing"),
)

CARING = Question(
    "caring",
    _same(_("Do you look after an adult who could not manage without your help?")),
    _same(
        _(
            "For example, a partner, parent, grown-up child, friend or neighbour who needs help "
            "because of illness, disability, mental health, age, or alcohol or drugs. Not as a "
            "paid job, or as a volunteer for an organisation."
        )
    ),
    YES_NO_UNSURE,
    _same(_("Select yes if you look after an adult who could not manage without your help")),
    _("Looking after an adult"),
)

HEALTH = Question(
    "health",
    _same(_("Is caring affecting your own physical or mental health?")),
    _same(
        _(
            "For example, back pain from lifting, not sleeping, or feeling low, anxious or exhausted."
        )
    ),
    (
        (Health.WORSE, _same(_("Yes, my health is getting worse"))),
        (Health.AT_RISK, _same(_("It will if things carry on as they are"))),
        (Health.NO, _same(_("No"))),
        (Health.NOT_SURE, _same(_("I'm not sure"))),
    ),
    _same(_("Select if caring is affecting your health")),
    _("Your own health"),
)

CARER_WELLBEING = Question(
    "wellbeing",
    _same(_("How much is caring affecting your wellbeing?")),
    _same(
        _(
            "Wellbeing means things like your health, feeling safe, your dignity, being in "
            "control of your day-to-day life, and your relationships. Think about now, and "
            "what is likely to happen if nothing changes."
        )
    ),
    IMPACT_OPTIONS,
    _same(_("Select how much caring is affecting your wellbeing")),
    _("Effect on wellbeing"),
)


# Each check's pages, in order: "Question 3 of 13".
ADULT_PAGES: tuple[Question, ...] = (
    WHO,
    IMPAIRMENT,
    *(_adult_outcome(code, label) for code, label in ADULT_OUTCOMES.items()),
    ADULT_WELLBEING,
)
CARER_PAGES: tuple[Question, ...] = (
    CARING,
    HEALTH,
    *(_carer_outcome(code, label) for code, label in CARER_OUTCOMES.items()),
    CARER_WELLBEING,
)


# Why a result is not "likely to be eligible", in the regulations' terms made plain.
REASONS: dict[Reason, tuple] = {
    Reason.NO_IMPAIRMENT: (
        _(
            "You said you do not have a health condition, illness or disability. Council care "
            "and support is for needs caused by one of these."
        ),
        _(
            "You said they do not have a health condition, illness or disability. Council care "
            "and support is for needs caused by one of these."
        ),
    ),
    Reason.IMPAIRMENT_UNSURE: (
        _(
            "You were not sure if a health condition, illness or disability causes your needs. "
            "You do not need a diagnosis: an assessment would look at this with you."
        ),
        _(
            "You were not sure if a health condition, illness or disability causes their needs. "
            "They do not need a diagnosis: an assessment would look at this with them."
        ),
    ),
    Reason.FEWER_THAN_TWO: (
        _(
            "The rules say your needs must stop you doing at least 2 of the 10 everyday things "
            "we asked about (doing them without help, pain, risk, or taking much longer). Your "
            "answers show fewer than 2."
        ),
        _(
            "The rules say their needs must stop them doing at least 2 of the 10 everyday things "
            "we asked about (doing them without help, pain, risk, or taking much longer). Your "
            "answers show fewer than 2."
        ),
    ),
    Reason.RELIES_ON_TAKING_LONGER: (
        _(
            "Some of the things you find hard only take you much longer. That counts if it takes "
            "significantly longer than it normally would: an assessment would look at this with you."
        ),
        _(
            "Some of the things they find hard only take them much longer. That counts if it takes "
            "significantly longer than it normally would: an assessment would look at this with them."
        ),
    ),
    Reason.NOT_CARING: _same(
        _(
            "You said you do not look after an adult who could not manage without your help. "
            "Support as a carer is for people who give care an adult needs."
        )
    ),
    Reason.CARING_UNSURE: _same(
        _(
            "You were not sure if the person you look after could manage without your help. If "
            "you help them with things they cannot do on their own, that counts."
        )
    ),
    Reason.NO_CARER_NEED: _same(
        _(
            "You said caring is not affecting your health and you can manage all the things we "
            "asked about. The rules say caring must put your health at risk, or stop you doing "
            "at least one of them."
        )
    ),
    Reason.HEALTH_UNSURE: _same(
        _(
            "You were not sure if caring is affecting your health, and said you can manage all "
            "the other things we asked about. An assessment would look at this with you."
        )
    ),
    Reason.LITTLE_IMPACT: (
        _(
            "You said this is not really affecting your wellbeing. The rules say there must be, or "
            "be likely to be, a big effect on wellbeing."
        ),
        _(
            "You said this is not really affecting their wellbeing. The rules say there must be, "
            "or be likely to be, a big effect on wellbeing."
        ),
    ),
    Reason.SOME_IMPACT: (
        _(
            "You said this affects your wellbeing a little. The rules need a big effect, now or "
            "soon: an assessment would look at this with you."
        ),
        _(
            "You said this affects their wellbeing a little. The rules need a big effect, now or "
            "soon: an assessment would look at this with them."
        ),
    ),
    Reason.IMPACT_UNSURE: (
        _(
            "You were not sure how much this affects your wellbeing. An assessment would look at "
            "this with you."
        ),
        _(
            "You were not sure how much this affects their wellbeing. An assessment would look at "
            "this with them."
        ),
    ),
}


def reason_text(reason: Reason, audience: str):
    return REASONS[reason][1 if audience == THEY else 0]


class AnswerForm(forms.Form):
    """One question: one set of radios named "answer", worded for `audience`."""

    answer = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, question: Question, audience: str, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        words = question.said_to(audience)
        field = self.fields["answer"]
        field.label = words["text"]
        field.help_text = words["hint"]
        field.choices = words["options"]
        field.error_messages = {"required": words["error"], "invalid_choice": words["error"]}
        self.question = question


class PostcodeForm(CoordinatorPostcodeForm):
    """The result page's optional postcode, to find support near it: the coordinator
    finder's postcode question (the same checks), worded for this page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["postcode"]
        field.label = _("Your postcode")
        field.error_messages["required"] = _("Enter a postcode, like S1 2HH")

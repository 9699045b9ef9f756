"""The staff referral page in plain English: every answer under its label, every code as its
label from referrals.choices (never the code), dates as "4 May 1941 (age 85)", in sections
that follow the form, and a summary at the top with flags drawn from the answers.

`sections(answers)` and `summary(referral, answers, today)` are all the detail view needs.
An answer this module does not know yet (a question added to the wizard later) is still
shown, under "Other answers", so nothing a person told us is hidden from staff.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from checks.eligibility import (
    ABILITY_LABELS,
    CARER_NEEDS_HELP_LABEL,
    HEALTH_LABELS,
    LIKELIHOOD_LABELS,
    Ability,
)
from portal.phones import tel_href
from referrals.choices import (
    BestTime,
    CarerOutcome,
    CarerSupportFor,
    CaringHours,
    CommunicationNeed,
    ConsentGivenBy,
    ContactMethod,
    FilledInBy,
    PersonAgrees,
    ProfessionalRole,
    Urgency,
    WellbeingOutcome,
    outcome_label,
)

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Words in the person's own story that should catch a triager's eye (whole words or
# phrases, case-insensitive). Deliberately short: a flag to read the story first, not a
# judgement.
URGENT_WORDS = (
    "fall",
    "fell",
    "fallen",
    "hospital",
    "ambulance",
    "injured",
    "hurt",
    "not eating",
    "no food",
    "no heating",
    "evicted",
    "eviction",
    "homeless",
    "suicide",
    "suicidal",
    "kill myself",
    "end my life",
    "can't cope",
    "cannot cope",
    "scared",
    "afraid",
)
STRAIN_WORDS = ("exhausted", "breaking point", "can't cope", "cannot cope", "no break")
LIVES_ALONE = re.compile(
    r"\b(live|lives|living)\s+(alone|on\s+(my|his|her|their)\s+own|by\s+(myself|himself|herself))\b",
    re.IGNORECASE,
)
HIGH_CARING_HOURS = {CaringHours.FROM_35_TO_49, CaringHours.OVER_50}
STRAIN_OUTCOMES = {CarerOutcome.BREAK, CarerOutcome.HEALTH}
# The story: where urgent words are looked for.
STORY_FIELDS = (
    ("situation", "what_is_happening"),
    ("situation", "what_matters"),
    ("person", "contact_notes"),
    (None, "outcomes_other"),
    ("services", "other_help"),
)


@dataclass
class Row:
    label: str
    value: str | list[str]
    href: str = ""  # a tel: or mailto: link for a phone number or email address

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)

    def add(self, label, value, href: str = "") -> None:
        self.rows.append(Row(str(label), value, href))


def phone_href(number) -> str:
    """`tel:…` for a phone number given, so it can be tapped; "" if none."""
    return tel_href(number) if number else ""


def email_href(address) -> str:
    """`mailto:…` for an email address given; "" if none (or not an address)."""
    return f"mailto:{address}" if address and "@" in str(address) else ""


# How the referral page says who consented to a professional's referral, and when.
CONSENT_SENTENCES = {
    ConsentGivenBy.PERSON: gettext_lazy("Given by the person themselves on %(date)s"),
    ConsentGivenBy.ATTORNEY: gettext_lazy(
        "Given by someone with lasting power of attorney, or a deputy, for health and "
        "welfare on %(date)s"
    ),
    ConsentGivenBy.BEST_INTERESTS: gettext_lazy(
        "A best-interests decision (the person lacks capacity to decide) made on %(date)s"
    ),
}


def professional_role(referrer: dict) -> str:
    """The referrer's role as its label; "Other" as the role they typed."""
    if referrer.get("role") == ProfessionalRole.OTHER and referrer.get("role_other"):
        return str(referrer["role_other"])
    return _label(ProfessionalRole, referrer.get("role"))


def consent_given(consent: dict) -> str:
    """ "Given by the person themselves on 3 December 2026" (a professional's referral)."""
    who = consent.get("consent_given_by")
    when = format_date(consent.get("consent_date"))
    sentence = CONSENT_SENTENCES.get(who)
    if sentence is None:
        return _("Given by %(who)s on %(date)s") % {
            "who": _label(ConsentGivenBy, who),
            "date": when,
        }
    return str(sentence) % {"date": when}


def referred_by(answers: dict) -> Section:
    """A professional's referral: who referred, from where, how to reach them (tappable),
    and who consented when."""
    referrer = answers.get("referrer") or {}
    section = Section(_("Referred by"))
    section.add(_("Name"), _text(referrer.get("referrer_name")))
    section.add(_("Role"), professional_role(referrer))
    section.add(_("Organisation"), _text(referrer.get("organisation")))
    phone, email = referrer.get("referrer_phone"), referrer.get("referrer_email")
    section.add(_("Work phone number"), _text(phone), phone_href(phone))
    section.add(_("Work email address"), _text(email), email_href(email))
    section.add(_("Consent"), consent_given(answers.get("consent") or {}))
    return section


def format_date(value, today: datetime.date | None = None, *, with_age=False) -> str:
    """ "4 May 1941", or with its age on `today`: "4 May 1941 (age 85)"."""
    if not value:
        return _("Not given")
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    shown = date_format(day, "j F Y")
    if with_age and today:
        age = today.year - day.year - ((today.month, today.day) < (day.month, day.day))
        shown = _("%(date)s (age %(age)s)") % {"date": shown, "age": age}
    return shown


def _text(value) -> str:
    if value is None or value == "" or value == []:
        return _("Not given")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and ISO_DATE.match(value):
        return format_date(value)
    return str(value)


def _label(vocabulary, code) -> str:
    if not code:
        return _("Not given")
    try:
        return str(vocabulary(code).label)
    except ValueError:
        return str(code)  # not in the vocabulary any more: as it was stored


def _labels(vocabulary, codes) -> list[str] | str:
    return [_label(vocabulary, code) for code in codes or []] or _("None")


def _yes_no(value) -> str:
    if value in (None, ""):
        return _("Not given")
    return _("Yes") if value in (True, "yes") else _("No")


def sections(answers: dict, today: datetime.date) -> list[Section]:
    """The answers as titled sections of labelled rows, in the form's order."""
    person = answers.get("person") or {}
    referrer = answers.get("referrer") or {}
    communication = answers.get("communication") or {}
    situation = answers.get("situation") or {}
    carer = answers.get("carer") or {}
    gp = answers.get("gp") or {}
    services = answers.get("services") or {}
    consent = answers.get("consent") or {}
    shown: dict[str, set] = {}

    def take(group, *names):
        shown.setdefault(group, set()).update(names)

    result = []
    professional = answers.get("filled_in_by") == FilledInBy.PROFESSIONAL
    if professional:
        result.append(referred_by(answers))
        take("referrer", "referrer_name", "role", "role_other", "organisation")
        take("referrer", "referrer_phone", "referrer_email")
        take("consent", "consent_given_by", "consent_date")
    about = Section(_("About the person"))
    about.add(_("Filled in by"), _label(FilledInBy, answers.get("filled_in_by")))
    if referrer and not professional:
        about.add(_("Referrer's name"), _text(referrer.get("referrer_name")))
        about.add(_("How they know the person"), _text(referrer.get("relationship")))
        about.add(_("Referrer's phone number"), _text(referrer.get("referrer_phone")))
        about.add(_("Referrer's email address"), _text(referrer.get("referrer_email")))
        take("referrer", "referrer_name", "relationship", "referrer_phone", "referrer_email")
    about.add(_("Name"), _text(person.get("full_name")))
    about.add(
        _("Date of birth"),
        format_date(person.get("date_of_birth"), today, with_age=True),
    )
    address = [
        person.get(part)
        for part in ("address_line_1", "address_line_2", "town", "postcode")
        if person.get(part)
    ]
    about.add(_("Address"), "\n".join(address) or _("Not given"))
    take("person", "full_name", "date_of_birth", "address_line_1", "address_line_2", "town")
    take("person", "postcode")
    result.append(about)

    contact = Section(_("Contact and best time"))
    contact.add(_("How to contact"), _label(ContactMethod, person.get("contact_method")))
    contact.add(_("Best time"), _label(BestTime, person.get("best_time")))
    contact.add(_("Phone number"), _text(person.get("phone")), phone_href(person.get("phone")))
    contact.add(_("Email address"), _text(person.get("email")), email_href(person.get("email")))
    contact.add(_("Notes about contacting"), _text(person.get("contact_notes")))
    contact.add(_("Confirmation email asked for"), _yes_no(answers.get("wants_confirmation_email")))
    take("person", "contact_method", "best_time", "phone", "email", "contact_notes")
    result.append(contact)

    talk = Section(_("Communication needs"))
    talk.add(_("Language"), communication.get("language") or _("English"))
    talk.add(_("Communication needs"), _labels(CommunicationNeed, communication.get("needs")))
    talk.add(_("Other communication needs"), _text(communication.get("other_needs")))
    take("communication", "language", "needs", "other_needs")
    result.append(talk)

    happening = Section(_("What is happening"))
    happening.add(_("Anyone in danger or being abused"), _label(Urgency, answers.get("urgent")))
    happening.add(_("What is happening"), _text(situation.get("what_is_happening")))
    take("situation", "what_is_happening")
    result.append(happening)

    matters = Section(_("What matters to them"))
    matters.add(_("What matters most"), _text(situation.get("what_matters")))
    take("situation", "what_matters")
    result.append(matters)

    helps = Section(_("What would help"))
    outcomes = answers.get("outcomes") or []
    is_carer_route = any(code in CarerOutcome.values for code in outcomes)
    helps.add(
        _("The carer's own outcomes") if is_carer_route else _("Help with"),
        [outcome_label(code) for code in outcomes] or _("None"),
    )
    helps.add(_("Something else"), _text(answers.get("outcomes_other")))
    result.append(helps)

    check = answers.get("check")
    if isinstance(check, dict) and check:  # they chose to send the check's answers
        result.append(from_check(check))
        take("check", *check)

    if carer:
        caring = Section(_("Caring role"))
        caring.add(_("Hours caring each week"), _label(CaringHours, carer.get("hours")))
        caring.add(_("Support for"), _label(CarerSupportFor, carer.get("support_for")))
        caring.add(_("Wants a carer's assessment"), _yes_no(carer.get("wants_assessment")))
        caring.add(
            _("Told us about the person cared for"), _yes_no(carer.get("tell_about_cared_for"))
        )
        caring.add(_("Name of the person cared for"), _text(carer.get("cared_for_name")))
        caring.add(_("How they are related to the carer"), _text(carer.get("relationship")))
        take("carer", "hours", "support_for", "wants_assessment", "tell_about_cared_for")
        take("carer", "cared_for_name", "relationship")
        result.append(caring)

    doctor = Section(_("GP"))
    doctor.add(_("GP practice"), _text(gp.get("gp_practice")))
    doctor.add(_("GP practice town"), _text(gp.get("gp_town")))
    take("gp", "gp_practice", "gp_town")
    result.append(doctor)

    looked = Section(_("Services they looked at"))
    looked.add(
        _("Services from their shortlist"),
        [
            item.get("name") or _("A service no longer listed")
            for item in services.get("services") or []
        ]
        or _("None"),
    )
    looked.add(_("What they searched for"), list(services.get("searches") or []) or _("None"))
    looked.add(_("Anything else they have tried"), _text(services.get("other_help")))
    take("services", "services", "searches", "other_help")
    result.append(looked)

    agreed = Section(_("Consent"))
    if "person_agrees" in consent:
        agreed.add(
            _("The person knows and agrees"), _label(PersonAgrees, consent.get("person_agrees"))
        )
    if "agrees" in consent:
        agreed.add(_("Agreed to share information"), _yes_no(consent.get("agrees")))
    take("consent", "person_agrees", "agrees")
    if agreed.rows:  # a professional's consent is under "Referred by"
        result.append(agreed)

    other = _other_answers(answers, shown)
    if other.rows:
        result.append(other)
    return result


def from_check(check: dict) -> Section:
    """The answers carried from "Check what help you might get" (referrals.from_check), in
    words: the result, who it was for, and how each outcome affects them."""
    section = Section(_("From the 'Check what help you might get' check"))
    carer = check.get("kind") == "carer"
    section.add(_("Check"), _("A carer's needs") if carer else _("An adult's care needs"))
    likelihood = LIKELIHOOD_LABELS.get(check.get("likelihood"))
    section.add(_("Result"), str(likelihood) if likelihood else _text(check.get("likelihood")))
    if carer:
        health = HEALTH_LABELS.get(check.get("health"))
        section.add(_("Their own health"), str(health) if health else _("Not given"))
    elif check.get("who"):
        someone_else = check.get("who") == FilledInBy.SOMEONE_ELSE
        section.add(
            _("Who answered"),
            _("Someone else, for the person") if someone_else else _("The person themselves"),
        )
    reasons = check.get("reasons") or {}
    for code in check.get("struggles") or []:
        how = reasons.get(code)
        if carer and how == Ability.NEEDS_HELP:
            label = CARER_NEEDS_HELP_LABEL
        else:
            label = ABILITY_LABELS.get(how, _("Finds it hard"))
        section.add(outcome_label(code), str(label))
    if not check.get("struggles"):
        section.add(_("Things they find hard"), _("None"))
    return section


KNOWN_TOP_LEVEL = {
    "urgent",
    "filled_in_by",
    "outcomes",
    "outcomes_other",
    "wants_confirmation_email",
}
# Codes from any vocabulary, for answers this module does not know by name.
ANY_LABEL = {
    **dict(BestTime.choices),
    **dict(ContactMethod.choices),
    **dict(CommunicationNeed.choices),
    **dict(CaringHours.choices),
    **dict(PersonAgrees.choices),
    **dict(WellbeingOutcome.choices),
    **dict(CarerOutcome.choices),
}


def _other_answers(answers: dict, shown: dict[str, set]) -> Section:
    """Answers not placed in a section above, each under its humanised name."""
    other = Section(_("Other answers"))

    def value(item):
        if isinstance(item, list):
            return [str(ANY_LABEL.get(part, _text(part))) for part in item] or _("None")
        if isinstance(item, str) and item in ANY_LABEL:
            return str(ANY_LABEL[item])
        return _text(item)

    for key, item in answers.items():
        if key in KNOWN_TOP_LEVEL:
            continue
        if isinstance(item, dict):
            for name, inner in item.items():
                if name not in shown.get(key, set()):
                    other.add(_humanise(name), value(inner))
        elif key not in shown:
            other.add(_humanise(key), value(item))
    return other


def _humanise(name: str) -> str:
    return name.replace("_", " ").capitalize()


FLAG_LABELS = {
    "lives_alone": gettext_lazy("Lives alone"),
    "urgent_words": gettext_lazy("Urgent words in the story"),
    "carer_strain": gettext_lazy("Carer under strain"),
    "communication": gettext_lazy("Communication needs"),
    "consent_by_someone_else": gettext_lazy("Consent given by someone else"),
    "best_interests": gettext_lazy("Consent: a best-interests decision"),
}


@dataclass
class Flag:
    kind: str
    detail: str = ""

    @property
    def label(self) -> str:
        return str(FLAG_LABELS[self.kind])


def _story(answers: dict) -> str:
    parts = []
    for group, name in STORY_FIELDS:
        source = answers if group is None else (answers.get(group) or {})
        parts.append(str(source.get(name) or ""))
    return "\n".join(parts)


def _found_words(text: str, words) -> list[str]:
    lowered = text.lower().replace("\u2019", "'")
    return [word for word in words if re.search(rf"\b{re.escape(word)}\b", lowered)]


def flags(referral, answers: dict) -> list[Flag]:
    """What a triager should notice first, drawn from the answers."""
    found = []
    story = _story(answers)
    person = answers.get("person") or {}
    situation = answers.get("situation") or {}
    stated_alone = person.get("lives_alone", situation.get("lives_alone"))
    if stated_alone in (True, "yes") or (stated_alone is None and LIVES_ALONE.search(story)):
        found.append(Flag("lives_alone"))
    urgent = _found_words(story, URGENT_WORDS)
    if urgent:
        found.append(Flag("urgent_words", ", ".join(f"“{word}”" for word in urgent)))
    carer = answers.get("carer") or {}
    if referral.is_carer or referral.filled_in_by == FilledInBy.CARER:
        reasons = []
        if carer.get("hours") in HIGH_CARING_HOURS:
            reasons.append(_label(CaringHours, carer["hours"]).lower())
        reasons += [
            outcome_label(code).lower()
            for code in answers.get("outcomes") or []
            if code in STRAIN_OUTCOMES
        ]
        reasons += [f"“{word}”" for word in _found_words(story, STRAIN_WORDS)]
        if reasons:
            found.append(Flag("carer_strain", ", ".join(reasons)))
    communication = answers.get("communication") or {}
    needs = [_label(CommunicationNeed, code) for code in communication.get("needs") or []]
    if communication.get("language"):
        needs.insert(0, communication["language"])
    if communication.get("other_needs"):
        needs.append(communication["other_needs"])
    if needs:
        found.append(Flag("communication", ", ".join(needs)))
    consent = answers.get("consent") or {}
    if consent.get("consent_given_by") == ConsentGivenBy.BEST_INTERESTS:
        found.append(Flag("best_interests", _("the person lacks capacity to decide")))
    if answers.get("filled_in_by") == FilledInBy.SOMEONE_ELSE:
        found.append(
            Flag("consent_by_someone_else", _label(PersonAgrees, consent.get("person_agrees")))
        )
    return found


@dataclass
class Summary:
    who: str
    filled_in_by: str
    where: str
    contact: str
    flags: list[Flag]


def summary(referral, answers: dict, today: datetime.date) -> Summary:
    """Who, where (area), how they want contacting, and the flags: the top of the page."""
    person = answers.get("person") or {}
    referrer = answers.get("referrer") or {}
    born = person.get("date_of_birth")
    who = person.get("full_name") or _("Name not given")
    if born:
        who = f"{who}, {format_date(born, today, with_age=True)}"
    filled_in_by = _label(FilledInBy, answers.get("filled_in_by") or referral.filled_in_by)
    if answers.get("filled_in_by") == FilledInBy.PROFESSIONAL:
        filled_in_by = _("%(name)s (%(role)s, %(organisation)s), a professional") % {
            "name": referrer.get("referrer_name") or _("name not given"),
            "role": professional_role(referrer),
            "organisation": referrer.get("organisation") or _("organisation not given"),
        }
    elif referrer.get("referrer_name"):
        filled_in_by = _("%(name)s (%(relationship)s) for them") % {
            "name": referrer["referrer_name"],
            "relationship": referrer.get("relationship") or _("relationship not given"),
        }
    area = referral.area.name if referral.area_id else _("Area not known")
    where = f"{area} ({referral.postcode_district})" if referral.postcode_district else area
    method = person.get("contact_method")
    contact_parts = [_label(ContactMethod, method), _label(BestTime, person.get("best_time"))]
    if method in (ContactMethod.PHONE, ContactMethod.EITHER) and person.get("phone"):
        contact_parts.append(person["phone"])
    if method in (ContactMethod.EMAIL, ContactMethod.EITHER) and person.get("email"):
        contact_parts.append(person["email"])
    return Summary(
        who=who,
        filled_in_by=filled_in_by,
        where=where,
        contact=" · ".join(contact_parts) if method else _("Not given"),
        flags=flags(referral, answers),
    )

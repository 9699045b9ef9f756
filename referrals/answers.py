"""Turning validated wizard forms into the stored answers, and answers into the
"Check your answers" summary."""

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from referrals.choices import FilledInBy

# Check your answers: sections in the form's order, each gathering the steps (one question
# a page) that belong together; each row's "Change" goes back to its own step.
SUMMARY_SECTIONS = [
    (gettext_lazy("Who is filling in this form"), ("who",)),
    (gettext_lazy("Agreeing to share information"), ("consent",)),
    (
        gettext_lazy("Your details"),
        ("your-name", "relationship", "your-role", "your-organisation", "your-contact"),
    ),
    (gettext_lazy("The person's consent"), ("consent-given-by", "consent-date")),
    (
        (gettext_lazy("About you"), gettext_lazy("About the person")),
        ("name", "date-of-birth", "address", "contact", "best-time", "contact-notes"),
    ),
    (gettext_lazy("Communication needs"), ("communication",)),
    (gettext_lazy("What is happening"), ("situation", "what-matters")),
    (gettext_lazy("What would help"), ("outcomes",)),
    (
        gettext_lazy("Your caring role"),
        ("carer-hours", "carer-support", "carers-assessment", "about-cared-for"),
    ),
    (gettext_lazy("The person you care for"), ("cared-for",)),
    (gettext_lazy("GP"), ("gp",)),
    (gettext_lazy("Services already looked at"), ("services", "tried")),
]
# Which steps make up each part of the stored answers (the referral's JSON is the same
# whichever pages asked the questions).
ANSWER_PARTS = {
    "consent": ("consent", "consent-given-by", "consent-date"),
    "referrer": ("your-name", "relationship", "your-role", "your-organisation", "your-contact"),
    "person": ("name", "date-of-birth", "address", "contact", "best-time", "contact-notes"),
    "situation": ("situation", "what-matters"),
    "carer": ("carer-hours", "carer-support", "carers-assessment", "about-cared-for", "cared-for"),
}
DATE_PARTS = ("dob_day", "dob_month", "dob_year", "consent_day", "consent_month", "consent_year")
# Answers that only steer a page (which boxes revealed which inputs), never stored.
NOT_STORED = {*DATE_PARTS, "methods"}
# Shown as one "Address" row, lines in this order, whichever step asks them.
ADDRESS_FIELDS = ("address_line_1", "address_line_2", "town", "postcode")
ADDRESS = "address"

# Check your answers names each answer by a short label (the GOV.UK pattern: "Date of birth",
# not the question; never "(optional)"), by (step, field). A field missing here falls back
# to its question without "(optional)" or "?".
SHORT_LABELS = {
    ("who", "filled_in_by"): gettext_lazy("Who is filling in the form"),
    ("consent", "agrees"): gettext_lazy("Agreed to share information"),
    ("consent", "person_agrees"): gettext_lazy("The person knows and agrees"),
    ("your-name", "referrer_name"): gettext_lazy("Your name"),
    ("relationship", "relationship"): gettext_lazy("How you know them"),
    ("your-role", "role"): gettext_lazy("Your role"),
    ("your-role", "role_other"): gettext_lazy("Other role"),
    ("your-organisation", "organisation"): gettext_lazy("Organisation"),
    ("consent-given-by", "consent_given_by"): gettext_lazy("Consent given by"),
    ("consent-date", "consent_date"): gettext_lazy("Date consent was given"),
    ("your-contact", "referrer_phone"): gettext_lazy("Your phone number"),
    ("your-contact", "referrer_email"): gettext_lazy("Your email address"),
    ("name", "full_name"): gettext_lazy("Name"),
    ("date-of-birth", "date_of_birth"): gettext_lazy("Date of birth"),
    ("address", ADDRESS): gettext_lazy("Address"),
    ("contact", "methods"): gettext_lazy("Contact by"),
    ("contact", "phone"): gettext_lazy("Phone number"),
    ("contact", "email"): gettext_lazy("Email address"),
    ("best-time", "best_time"): gettext_lazy("Best time to call"),
    ("contact-notes", "contact_notes"): gettext_lazy("Notes about contacting"),
    ("communication", "needs"): gettext_lazy("Communication needs"),
    ("communication", "language"): gettext_lazy("Language"),
    ("communication", "other_needs"): gettext_lazy("Other communication needs"),
    ("situation", "what_is_happening"): gettext_lazy("What is happening"),
    ("what-matters", "what_matters"): gettext_lazy("What matters most"),
    ("outcomes", "outcomes"): gettext_lazy("Help with"),
    ("outcomes", "something_else"): gettext_lazy("Something else"),
    ("carer-hours", "hours"): gettext_lazy("Hours caring each week"),
    ("carer-support", "support_for"): gettext_lazy("Support for"),
    ("carers-assessment", "wants_assessment"): gettext_lazy("Carer's assessment"),
    ("about-cared-for", "tell_about_cared_for"): gettext_lazy(
        "Tell us about the person you care for"
    ),
    ("cared-for", "cared_for_name"): gettext_lazy("Name of the person you care for"),
    ("cared-for", "relationship"): gettext_lazy("How they are related to you"),
    ("gp", "gp_practice"): gettext_lazy("GP practice"),
    ("gp", "gp_town"): gettext_lazy("GP practice town"),
    ("services", "services"): gettext_lazy("Services from your shortlist"),
    ("tried", "other_help"): gettext_lazy("Anything else you have tried"),
}
# A professional's contact details are their work ones.
PROFESSIONAL_LABELS = {
    ("your-contact", "referrer_phone"): gettext_lazy("Work phone number"),
    ("your-contact", "referrer_email"): gettext_lazy("Work email address"),
}
# What a "Change" link's hidden text says where "Change" + the short label would not read
# well to a screen reader user listening to a list of links.
CHANGE_TEXTS = {
    ("consent", "agrees"): gettext_lazy("whether you agree to share information"),
    ("consent", "person_agrees"): gettext_lazy("whether the person knows and agrees"),
}
# Answers about the person themselves: "Change your address" or "Change their address".
PERSONAL = {"full_name", "date_of_birth", ADDRESS, "phone", "email"}


def build_answers(form_dict: dict) -> dict:
    """The referral's answers (JSON-ready) from the wizard's validated forms."""

    def data(*steps):
        answers = {}
        for step in steps:
            form = form_dict.get(step)
            if form is not None:
                answers.update({k: v for k, v in form.cleaned_data.items() if k not in NOT_STORED})
        return answers

    services_form = form_dict.get("services")
    services = data("services")
    chosen_ids = services.get("services", [])
    names = dict(services_form.fields["services"].choices) if services_form else {}
    check = data("check")
    return {
        "urgent": data("urgent").get("situation", ""),
        "filled_in_by": data("who").get("filled_in_by", FilledInBy.MYSELF),
        "consent": data(*ANSWER_PARTS["consent"]),
        "referrer": data(*ANSWER_PARTS["referrer"]),
        "person": data(*ANSWER_PARTS["person"]),
        "communication": data("communication"),
        "situation": data(*ANSWER_PARTS["situation"]),
        "outcomes": data("outcomes").get("outcomes", []),
        "outcomes_other": data("outcomes").get("something_else", ""),
        "carer": data(*ANSWER_PARTS["carer"]),
        "gp": data("gp"),
        "services": {
            "services": [{"id": sid, "name": str(names.get(sid, ""))} for sid in chosen_ids],
            "other_help": data("tried").get("other_help", ""),
        },
        "wants_confirmation_email": bool(check.get("send_confirmation")),
    }


def display_value(field: forms.Field, value) -> str:
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.TypedChoiceField) and isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, list):
        return "\n".join(str(choices.get(item, item)) for item in value) or _("None")
    if choices:
        return str(choices.get(value, value))
    return str(value or "")


def summary(form_dict: dict) -> list[dict]:
    """Sections for Check your answers: a title and rows of {label, value, step, change}
    (step: the question's page; change: the "Change" link's visually hidden text)."""
    sections = []
    for title, steps in SUMMARY_SECTIONS:
        rows = [
            _row(form_dict[step], step, name, value)
            for step in steps
            if step in form_dict
            for name, value in _answers(form_dict[step])
        ]
        if rows:
            if isinstance(title, tuple):  # (yours, theirs): who the answers are about
                about_self = form_dict[steps[0]].about_self if steps[0] in form_dict else True
                title = title[0] if about_self else title[1]
            sections.append({"title": title, "rows": rows})
    return sections


def _answers(form) -> list[tuple[str, str]]:
    """(name, shown value) for each answer of a validated step, in question order; a date's
    parts as one answer, the address lines as one (a line each), an answer revealed under
    an option after the question, only if given; the honeypot never."""
    answers = []
    for row in form.rows():
        if "date" in row:
            answers.append((row["date"], _format_date(form.cleaned_data.get(row["date"]))))
            continue
        name = row["field"].name
        if name == "website" or (name in ADDRESS_FIELDS and name != ADDRESS_FIELDS[0]):
            continue
        if name == ADDRESS_FIELDS[0]:
            lines = [form.cleaned_data.get(part) for part in ADDRESS_FIELDS if part in form.fields]
            answers.append((ADDRESS, "\n".join(line for line in lines if line)))
            continue
        answers.append((name, display_value(form.fields[name], form.cleaned_data.get(name))))
        for revealed in form.reveals.get(name, {}).values():  # shown under an option
            if revealed in form.fields and form.cleaned_data.get(revealed):
                answers.append((revealed, str(form.cleaned_data[revealed])))
    return answers


def _row(form, step: str, name: str, value: str) -> dict:
    label = SHORT_LABELS.get((step, name)) or _question(form, name)
    if form.filled_in_by == FilledInBy.PROFESSIONAL:
        label = PROFESSIONAL_LABELS.get((step, name), label)
    change = CHANGE_TEXTS.get((step, name))
    if change is None and name in PERSONAL:
        change = (_("your %(answer)s") if form.about_self else _("their %(answer)s")) % {
            "answer": _lower_first(label)
        }
    return {
        "label": label,
        "value": value or _("Not given"),
        "step": step,
        "change": change or _lower_first(label),
    }


def _question(form, name: str) -> str:
    """A field's question as its short label: "Which language is best? (optional)" gives
    "Which language is best"."""
    dates = getattr(form, "date_labels", {})
    label = str(form.fields[name].label if name in form.fields else dates.get(name, name))
    return label.removesuffix(" (optional)").rstrip("?")


def _lower_first(text) -> str:
    """ "Date of birth" -> "date of birth", but "GP practice" stays as it is."""
    text = str(text)
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _format_date(iso: str | None) -> str:
    if not iso:
        return ""
    return datetime.date.fromisoformat(iso).strftime("%-d %B %Y")

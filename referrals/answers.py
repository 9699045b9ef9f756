"""Turning validated wizard forms into the stored answers, and answers into the
"Check your answers" summary."""

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from referrals.choices import FilledInBy

SUMMARY_STEPS = {
    "who": gettext_lazy("Who is filling in this form"),
    "consent": gettext_lazy("Agreeing to share information"),
    "your-details": gettext_lazy("Your details"),
    "person": gettext_lazy("About the person"),
    "communication": gettext_lazy("Communication needs"),
    "situation": gettext_lazy("What is happening"),
    "outcomes": gettext_lazy("What would help"),
    "carer": gettext_lazy("Your caring role"),
    "cared-for": gettext_lazy("The person you care for"),
    "gp": gettext_lazy("GP"),
    "services": gettext_lazy("Services already looked at"),
}
DATE_PARTS = ("dob_day", "dob_month", "dob_year")
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
    ("your-details", "referrer_name"): gettext_lazy("Your name"),
    ("your-details", "relationship"): gettext_lazy("How you know them"),
    ("your-details", "referrer_phone"): gettext_lazy("Your phone number"),
    ("your-details", "referrer_email"): gettext_lazy("Your email address"),
    ("person", "full_name"): gettext_lazy("Name"),
    ("person", "date_of_birth"): gettext_lazy("Date of birth"),
    ("person", ADDRESS): gettext_lazy("Address"),
    ("person", "phone"): gettext_lazy("Phone number"),
    ("person", "email"): gettext_lazy("Email address"),
    ("person", "contact_method"): gettext_lazy("How to contact"),
    ("person", "best_time"): gettext_lazy("Best time to call"),
    ("person", "contact_notes"): gettext_lazy("Notes about contacting"),
    ("communication", "language"): gettext_lazy("Language"),
    ("communication", "needs"): gettext_lazy("Communication needs"),
    ("communication", "other_needs"): gettext_lazy("Other communication needs"),
    ("situation", "what_is_happening"): gettext_lazy("What is happening"),
    ("situation", "what_matters"): gettext_lazy("What matters most"),
    ("outcomes", "outcomes"): gettext_lazy("Help with"),
    ("outcomes", "something_else"): gettext_lazy("Something else"),
    ("carer", "tell_about_cared_for"): gettext_lazy("Tell us about the person you care for"),
    ("cared-for", "cared_for_name"): gettext_lazy("Name of the person you care for"),
    ("cared-for", "relationship"): gettext_lazy("How they are related to you"),
    ("carer", "hours"): gettext_lazy("Hours caring each week"),
    ("carer", "support_for"): gettext_lazy("Support for"),
    ("carer", "wants_assessment"): gettext_lazy("Carer's assessment"),
    ("gp", "gp_practice"): gettext_lazy("GP practice"),
    ("gp", "gp_town"): gettext_lazy("GP practice town"),
    ("services", "services"): gettext_lazy("Services from your shortlist"),
    ("services", "other_help"): gettext_lazy("Anything else you have tried"),
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

    def data(step):
        form = form_dict.get(step)
        return {k: v for k, v in form.cleaned_data.items() if k not in DATE_PARTS} if form else {}

    services_form = form_dict.get("services")
    services = data("services")
    chosen_ids = services.get("services", [])
    names = (
        dict(services_form.fields["services"].choices)
        if services_form and "services" in services_form.fields
        else {}
    )
    check = data("check")
    return {
        "urgent": data("urgent").get("situation", ""),
        "filled_in_by": data("who").get("filled_in_by", FilledInBy.MYSELF),
        "consent": data("consent"),
        "referrer": data("your-details"),
        "person": data("person"),
        "communication": data("communication"),
        "situation": data("situation"),
        "outcomes": data("outcomes").get("outcomes", []),
        "outcomes_other": data("outcomes").get("something_else", ""),
        "carer": {**data("carer"), **data("cared-for")},
        "gp": data("gp"),
        "services": {
            "services": [{"id": sid, "name": str(names.get(sid, ""))} for sid in chosen_ids],
            "other_help": services.get("other_help", ""),
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
    """Sections for Check your answers: a title, the step to change, and rows of
    {label, value, change} (change: the "Change" link's visually hidden text)."""
    sections = []
    for step, title in SUMMARY_STEPS.items():
        form = form_dict.get(step)
        if form is None:
            continue
        rows = [_row(form, step, name, value) for name, value in _answers(form)]
        sections.append({"title": title, "step": step, "rows": rows})
    return sections


def _answers(form) -> list[tuple[str, str]]:
    """(name, shown value) for each answer of a validated step, in question order; a date's
    parts as one answer, the address lines as one (a line each), the honeypot never."""
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
    return answers


def _row(form, step: str, name: str, value: str) -> dict:
    label = SHORT_LABELS.get((step, name)) or _question(form, name)
    change = CHANGE_TEXTS.get((step, name))
    if change is None and name in PERSONAL:
        change = (_("your %(answer)s") if form.about_self else _("their %(answer)s")) % {
            "answer": _lower_first(label)
        }
    return {
        "label": label,
        "value": value or _("Not given"),
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

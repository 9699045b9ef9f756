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
    "gp": gettext_lazy("GP"),
    "services": gettext_lazy("Services already looked at"),
}
DATE_PARTS = ("dob_day", "dob_month", "dob_year")


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
    declaration = data("declaration")
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
        "carer": data("carer"),
        "gp": data("gp"),
        "services": {
            "services": [{"id": sid, "name": str(names.get(sid, ""))} for sid in chosen_ids],
            "other_help": services.get("other_help", ""),
        },
        "wants_confirmation_email": bool(declaration.get("send_confirmation")),
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
    """Sections for Check your answers: a title, the step to change, and (label, value) rows."""
    sections = []
    for step, title in SUMMARY_STEPS.items():
        form = form_dict.get(step)
        if form is None:
            continue
        rows = []
        for row in form.rows():
            if "date" in row:
                born = form.cleaned_data.get(row["date"])
                rows.append((row["label"], _format_date(born)))
                continue
            bound = row["field"]
            if bound.name == "website":
                continue
            value = display_value(bound.field, form.cleaned_data.get(bound.name))
            rows.append((bound.label, value or _("Not given")))
        sections.append({"title": title, "step": step, "rows": rows})
    return sections


def _format_date(iso: str | None) -> str:
    if not iso:
        return ""
    return datetime.date.fromisoformat(iso).strftime("%-d %B %Y")

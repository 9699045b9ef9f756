"""What every wizard step form shares: the `StepForm` base (who is filling in the form,
GOV.UK rows and error links) and the field helpers with kind, GOV.UK-style error messages."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from referrals.choices import ABOUT_SOMEONE_ELSE

PHONE_RE = re.compile(r"^\+?[0-9 ()-]+$")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def required(message):
    return {"required": message}


def bounded(label: str, limit: int) -> dict:
    return {
        "max_length": _("%(label)s must be %(limit)s characters or fewer")
        % {"label": label, "limit": f"{limit:,}"}
    }


def text_field(label, limit, *, required_message=None, textarea=False, **kwargs):
    """A stripped CharField with kind messages for missing and too-long answers."""
    messages = bounded(kwargs.pop("message_label", label), limit)
    if required_message:
        messages.update(required(required_message))
    widget = forms.Textarea(attrs={"rows": 6}) if textarea else kwargs.pop("widget", None)
    return forms.CharField(
        label=label,
        max_length=limit,
        required=bool(required_message),
        error_messages=messages,
        widget=widget,
        **kwargs,
    )


def clean_phone(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE_RE.match(value) or not 10 <= len(digits) <= 13:
        raise forms.ValidationError(message)
    return value


def reveal_answers(cleaned: dict, choice_field: str, reveals: dict[str, str]) -> list[str]:
    """The choices of a question whose options reveal a follow-up input (the GOV.UK
    conditional reveal), and the follow-up answers kept to match them. With JavaScript, an
    unticked option's input is hidden but still sent: its answer is dropped. Without
    JavaScript every follow-up input shows, so someone may type an answer without ticking
    anything: then what they typed counts as ticked, so nothing they wrote is lost."""
    chosen = list(cleaned.get(choice_field) or [])
    if not chosen:
        chosen = [choice for choice, field in reveals.items() if cleaned.get(field)]
    for choice, field in reveals.items():
        if choice not in chosen:
            cleaned[field] = ""
    cleaned[choice_field] = chosen
    return chosen


def reveal_answer(cleaned: dict, choice_field: str, reveals: dict[str, str]) -> str:
    """`reveal_answers` for a question with one answer (radios): the option chosen, its
    revealed answer kept and any other dropped; with nothing chosen but a revealed box
    filled in (no JavaScript shows every box), that box's option."""
    chosen = cleaned.get(choice_field) or ""
    if not chosen:
        chosen = next((choice for choice, field in reveals.items() if cleaned.get(field)), "")
    for choice, field in reveals.items():
        if choice != chosen:
            cleaned[field] = ""
    cleaned[choice_field] = chosen
    return chosen


class StepForm(forms.Form):
    """Base for wizard steps: knows who is filling in the form, and offers `rows` to the
    template (date parts are rendered as one GOV.UK date input).

    One question per page (the GOV.UK pattern): a step is either one question, whose label
    or legend is the page's heading, or one group of inputs (an address, a date) under a
    fieldset whose legend is the heading. `has_intro` steps say something before the
    question, so their heading is a separate h1. `reveals` maps a choice field to
    {option value: field shown under that option}; `option_hints` to {option value: hint}."""

    date_groups: dict[str, tuple[str, str, str]] = {}
    date_hints: dict[str, str] = {}  # a date group's hint, when "For example, 27 3 1950" is wrong
    reveals: dict[str, dict[str, str]] = {}
    option_hints: dict[str, dict[str, str]] = {}  # choice field: {option value: its hint}
    heading = ""
    hint = ""  # said under a group's heading, for the whole group
    has_intro = False

    def __init__(self, *args, filled_in_by: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.filled_in_by = filled_in_by
        self.about_self = filled_in_by not in ABOUT_SOMEONE_ELSE

    def you(self, yours, theirs):
        return yours if self.about_self else theirs

    @property
    def page_heading(self) -> str:
        """The page's h1 and title: the heading, else the only question's label."""
        if self.heading:
            return self.heading
        row = next(iter(self.rows()))
        return row["label"] if "date" in row else row["field"].label

    @property
    def question_is_heading(self) -> bool:
        """One question and nothing said before it: its label or legend is the h1."""
        return not self.has_intro and len(list(self.rows())) == 1

    def rows(self):
        """Fields in order, with GOV.UK classes; a date's three parts come as one row; a
        field revealed under an option comes with that option, not as a row of its own."""
        grouped = {name for parts in self.date_groups.values() for name in parts}
        revealed = {name for options in self.reveals.values() for name in options.values()}
        for name in self.fields:
            if name in revealed:
                continue
            self._style(name)
            for group, parts in self.date_groups.items():
                if name == parts[0]:
                    errors = [e for part in parts for e in self.errors.get(part, [])]
                    yield {
                        "date": group,
                        "fields": [self[part] for part in parts],
                        "label": self.date_labels[group],
                        "hint": self.date_hints.get(group, ""),
                        "errors": errors,
                    }
            if name not in grouped:
                yield {"field": self[name], "choices": self._choices_with_reveals(name)}

    def _choices_with_reveals(self, name):
        """[(option, revealed bound field or None, hint or "")] for a choice field with
        reveals or hints under its options; None for any other field."""
        options = self.reveals.get(name)
        hints = self.option_hints.get(name)
        if not options and not hints:
            return None
        triples = []
        for choice in self[name]:
            value = str(choice.data["value"])
            field = (options or {}).get(value)
            hint = (hints or {}).get(value, "")
            if field in self.fields:
                self._style(field)
                triples.append((choice, self[field], hint))
            else:
                triples.append((choice, None, hint))
        return triples

    def _style(self, name):
        widget = self.fields[name].widget
        if isinstance(
            widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput)
        ):
            return
        base = "govuk-textarea" if isinstance(widget, forms.Textarea) else "govuk-input"
        if name in self.errors or any(
            name in parts and part in self.errors
            for parts in self.date_groups.values()
            for part in parts
        ):
            base += f" {base}--error"
        extra = widget.attrs.get("data-width", "")
        widget.attrs["class"] = f"{base} {extra}".strip()
        described = []
        if self.fields[name].help_text:
            described.append(f"{self[name].auto_id}-hint")
        if name in self.errors:
            described.append(f"{self[name].auto_id}-error")
        if described:
            widget.attrs["aria-describedby"] = " ".join(described)

    def error_links(self):
        """(anchor id, message) pairs for the error summary, in field order."""
        links = [("main-content", error) for error in self.non_field_errors()]
        for name in self.fields:
            for error in self.errors.get(name, []):
                links.append((self._anchor(name), error))
        return links

    def _anchor(self, name):
        """Where an error's link goes: the field, or a group's first option (GOV.UK), since
        Django gives a radio or checkbox group no id of its own."""
        field = self[name]
        if isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            return f"{field.auto_id}_0"
        return field.id_for_label

"""What every wizard step form shares: the `StepForm` base (who is filling in the form,
GOV.UK rows and error links) and the field helpers with kind, GOV.UK-style error messages."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from referrals.choices import FilledInBy

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


class StepForm(forms.Form):
    """Base for wizard steps: knows who is filling in the form, and offers `rows` to the
    template (date parts are rendered as one GOV.UK date input)."""

    date_groups: dict[str, tuple[str, str, str]] = {}
    heading = ""

    def __init__(self, *args, filled_in_by: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.filled_in_by = filled_in_by
        self.about_self = filled_in_by != FilledInBy.SOMEONE_ELSE

    def you(self, yours, theirs):
        return yours if self.about_self else theirs

    def rows(self):
        """Fields in order, with GOV.UK classes; a date's three parts come as one row."""
        grouped = {name for parts in self.date_groups.values() for name in parts}
        for name in self.fields:
            self._style(name)
            for group, parts in self.date_groups.items():
                if name == parts[0]:
                    errors = [e for part in parts for e in self.errors.get(part, [])]
                    yield {
                        "date": group,
                        "fields": [self[part] for part in parts],
                        "label": self.date_labels[group],
                        "errors": errors,
                    }
            if name not in grouped:
                yield {"field": self[name]}

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
                links.append((self[name].id_for_label, error))
        return links

"""The listing fields the public can suggest a new value for, and how one is applied.

A suggestion keeps the values in `ChangeSuggestion.suggested_fields` under these keys; the
coordinator's review screen shows each beside the listing's current value (its latest
draft) with an "Apply" button, which saves the listing as a new draft revision.
"""

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from directory.models import Phone
from directory.sanitise import html_to_text, sanitise_html

# key in suggested_fields: its label (the keys are Service fields, except "phone").
SUGGESTIBLE_FIELDS = {
    "name": _("Name"),
    "summary": _("Short description"),
    "description": _("Description"),
    "url": _("Website"),
    "email": _("Email address"),
    "phone": _("Phone number"),
    "eligibility": _("Who it is for"),
    "fees_description": _("Costs"),
}


def current_value(listing, key: str) -> str:
    """The listing's value for the key, as plain text to compare with a suggestion."""
    if key == "phone":
        phones = [phone for phone in listing.phones.all() if phone.is_public]
        return phones[0].number if phones else ""
    if key == "description":
        return html_to_text(listing.description)
    return str(getattr(listing, key) or "")


def text_to_html(text: str) -> str:
    """Plain text from the public form as paragraphs (blank lines between them)."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return sanitise_html(
        "".join(f"<p>{escape(part)}</p>".replace("\n", "<br>") for part in paragraphs if part)
    )


def apply_value(listing, key: str, value: str) -> None:
    """Set the suggested value on the listing (in memory; the caller saves a revision)."""
    if key not in SUGGESTIBLE_FIELDS:
        raise KeyError(key)
    if key == "phone":
        phones = list(listing.phones.all())
        public = [phone for phone in phones if phone.is_public]
        if public:
            public[0].number = value
        else:
            phones.insert(0, Phone(number=value, is_public=True))
        listing.phones = phones
    elif key == "description":
        listing.description = text_to_html(value)
    else:
        setattr(listing, key, value)


def is_applied(listing, key: str, value: str) -> bool:
    """Whether the listing already says what the suggestion does."""
    if key == "description":
        return current_value(listing, key) == html_to_text(text_to_html(value))
    return current_value(listing, key).strip() == value.strip()

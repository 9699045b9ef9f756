"""Scrubbing personal details out of free text that people type into public forms."""

import re

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# UK phone numbers: 0114 273 4908, +44 7700 900123, 07700900123 (10-11 digits, spaces allowed).
PHONE_RE = re.compile(r"(\+44\s?|\b0)(\d[\s-]?){9,10}\b")
POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}\b", re.IGNORECASE)


def scrub_personal_details(text: str) -> str:
    """Replace emails, phone numbers and full postcodes with placeholders."""
    text = EMAIL_RE.sub("[email removed]", text or "")
    text = PHONE_RE.sub("[phone number removed]", text)
    return POSTCODE_RE.sub("[postcode removed]", text)

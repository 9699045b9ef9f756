"""Scrub personal data (emails, UK phone numbers, full postcodes) out of free text.

Plain functions with no Django imports, so logging filters, search analytics and referrals
can all use the same rules. A full postcode keeps its outward code (`S10 2TN` -> `S10 ***`):
the district is useful for analytics and does not identify a household.
"""

import re

EMAIL_PATTERN = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# UK numbers: 01/02/03/07/08 numbers of 10 or 11 digits, or +44 / 0044 forms, with
# optional spaces, dashes and brackets between groups.
PHONE_PATTERN = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(?0)(?:[\s\-()]*\d){9,10}(?!\d)",
)
# A full UK postcode: outward code, optional space, inward code (digit + two letters).
POSTCODE_PATTERN = re.compile(
    r"\b(GIR|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s*(\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)

EMAIL_MASK = "[email]"
PHONE_MASK = "[phone]"


def scrub_emails(text: str) -> str:
    """`text` with every email address replaced by `[email]`."""
    return EMAIL_PATTERN.sub(EMAIL_MASK, text)


def scrub_phone_numbers(text: str) -> str:
    """`text` with every UK phone number replaced by `[phone]`."""
    return PHONE_PATTERN.sub(PHONE_MASK, text)


def scrub_postcodes(text: str) -> str:
    """`text` with every full postcode cut to its outward code (`S10 2TN` -> `S10 ***`)."""
    return POSTCODE_PATTERN.sub(lambda match: f"{match.group(1).upper()} ***", text)


def scrub_text(text):
    """Free text with emails, phone numbers and full postcodes removed.

    Anything that is not a string is returned unchanged, so callers can pass log
    arguments of any type.
    """
    if not isinstance(text, str) or not text:
        return text
    # Emails first: their local parts may contain digits that look like phone numbers.
    return scrub_postcodes(scrub_phone_numbers(scrub_emails(text)))


def contains_personal_data(text: str) -> bool:
    """Whether `text` holds anything `scrub_text` would remove."""
    return isinstance(text, str) and scrub_text(text) != text

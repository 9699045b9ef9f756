"""UK postcode rules: recognising, normalising and cutting postcodes down to outcodes.

Pure text rules, no database: the gazetteer lookups that turn a postcode into a place are in
directory.geography.
"""

import re

# Full UK postcode (outward + inward) and outcode-only patterns, on normalised upper-case text.
POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
OUTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def clean_postcode_text(text: str) -> str:
    """Upper-case, without spaces or punctuation: " s1  2hh " -> "S12HH"."""
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def normalise_postcode(text: str) -> str | None:
    """A full postcode in standard form ("S1 2HH"), or None if it doesn't look like one."""
    compact = clean_postcode_text(text)
    if not 5 <= len(compact) <= 7:
        return None
    candidate = f"{compact[:-3]} {compact[-3:]}"
    return candidate if POSTCODE_RE.match(candidate) else None


def normalise_outcode(text: str) -> str | None:
    """An outcode ("S10"), or None."""
    compact = clean_postcode_text(text)
    return compact if OUTCODE_RE.match(compact) and len(compact) <= 4 else None


def outcode_of(text: str) -> str:
    """The outcode (postcode district) of a postcode or outcode, or ""; safe to store."""
    postcode = normalise_postcode(text)
    if postcode:
        return postcode.split(" ")[0]
    return normalise_outcode(text) or ""

"""Telephone numbers as links people can tap: a `tel:` address for a number as it is written.

`tel_href("0114 273 4567")` is "tel:+441142734567" (RFC 3966, international form, so it dials
from any phone, including one registered abroad); the page still shows the number exactly as
written. Written forms understood: 0114 273 4567, (0114) 273 4567, 0114-273-4567,
+44 (0)114 273 4567, 0044 114 273 4567, 07700 900123, 0800 123 456, another country's
+353 1 234 5678, a Relay UK number (18001 0114 273 4567, dialled as written) and short numbers given on their own (999, 111, 116 123). Anything else
(opening hours, prices, a charity number) is not a phone number and gives "".

`uk_mobile_number("07700 900123")` is "+447700900123": a UK mobile number someone typed, to
send a text message to ("" for anything that is not one).

`link_phones(text)` (and `link_phones_in_html(markup)` for sanitised HTML) finds the numbers in a line of text ("0114 273 4567 (9am to 5pm)") and
makes each one a link, leaving the rest as text. Short numbers are only linked when they are
the whole text: "text SHOUT to 85258" stays text.
"""

import html
import re
from html import unescape

from django.utils.safestring import SafeString, mark_safe

# A number inside text: "+" and digits (with an optional "(0)"), an area code in brackets and
# the rest, or digits starting with 0. One space, dot or hyphen at most between two digits,
# so "0114 273 4567 (9am to 5pm)" and "0114 273 4567 - 0114 273 4568" split where they should.
_SEP = r"[ \u00a0.\-]"
_DIGITS = rf"\d(?:{_SEP}?\d)*"
_IN_TEXT = re.compile(
    rf"(?<![\w+])(?:\+\s?{_DIGITS}(?:\s?\(\s?0\s?\)\s?{_DIGITS})?"
    rf"|\(\s?0{_DIGITS}\s?\){_SEP}?{_DIGITS}"
    rf"|(?:1800[12]\s?)?0{_DIGITS})"
)
_TRUNK_ZERO = re.compile(r"\(\s*0\s*\)")  # the "(0)" in "+44 (0)114 …"
_SHORT = re.compile(r"\d{3}(?:\s?\d{3})?")  # 999, 111, 116 123, 116123

RELAY_PREFIX = re.compile(r"1800[12]")  # text relay (Relay UK) before a national number
UK_NATIONAL_LENGTHS = (10, 11)  # 0114 273 4567 and 01697 73456: a trunk 0 and 9 or 10 digits
UK_ODD_NUMBERS = {"08001111"}  # Childline: the one national number shorter than that
INTERNATIONAL_LENGTHS = range(8, 16)  # country code and number, E.164 allows up to 15


def tel_href(number) -> str:
    """ "tel:+441142734567" for a phone number as written; "" if it is not one."""
    text = str(number or "").strip()
    if _SHORT.fullmatch(text):
        return "tel:" + text.replace(" ", "")
    match = _IN_TEXT.search(text)
    return _href(match.group()) if match else ""


# Only what people type around a mobile number: digits, "+", spaces, dots, dashes, brackets.
_TYPED_NUMBER = re.compile(r"[\d+\s().\-]+")


def uk_mobile_number(text) -> str:
    """A UK mobile number as typed ("07700 900123", "+44 7700 900123") in international form
    ("+447700900123") to send a text message to; "" for anything else."""
    text = str(text or "").strip()
    if not _TYPED_NUMBER.fullmatch(text):
        return ""
    href = tel_href(text)
    number = href.removeprefix("tel:")
    return number if number.startswith("+447") and len(number) == 13 else ""


def link_phones(text, *, short_numbers: bool = True) -> SafeString:
    """The text, escaped, with every phone number in it a `tel:` link showing it as written.

    `short_numbers`: link a short number (999) that is the whole text.
    """
    text = str(text or "")
    if short_numbers and _SHORT.fullmatch(text.strip()):
        return mark_safe(_link(text.strip(), tel_href(text)))  # noqa: S308 - escaped in _link
    parts, end = [], 0
    for match in _IN_TEXT.finditer(text):
        written = match.group()
        href = _href(written)
        if not href:
            continue
        parts.append(html.escape(text[end : match.start()]))
        parts.append(_link(written, href))
        end = match.end()
    parts.append(html.escape(text[end:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece went through html.escape


_TAG = re.compile(r"(<[^>]*>)")
_LINK_OPENS = re.compile(r"<a[\s>]", re.IGNORECASE)
_LINK_CLOSES = re.compile(r"</a\s*>", re.IGNORECASE)


def link_phones_in_html(markup) -> SafeString:
    """Already-sanitised HTML with the phone numbers in its text made links (not inside a link).

    For descriptions ("Booking is essential, please call 01652 650585."): only the text
    between tags changes, each piece unescaped and escaped again by `link_phones`.
    """
    pieces, inside_link = [], 0
    for piece in _TAG.split(str(markup or "")):
        if piece.startswith("<"):
            if _LINK_OPENS.match(piece):
                inside_link += 1
            elif _LINK_CLOSES.match(piece):
                inside_link = max(0, inside_link - 1)
            pieces.append(piece)
        elif inside_link or not piece.strip():
            pieces.append(piece)
        else:
            pieces.append(link_phones(unescape(piece), short_numbers=False))
    return mark_safe("".join(pieces))  # noqa: S308 - tags as given, text through link_phones


def _link(written: str, href: str) -> str:
    return (
        f'<a class="govuk-link signpost-tel" href="{html.escape(href)}">{html.escape(written)}</a>'
    )


def _href(written: str) -> str:
    """The tel: address for one candidate number, or "" when it is not a usable number."""
    international = written.startswith(("+", "00"))
    if international:
        written = _TRUNK_ZERO.sub("", written)
    digits = "".join(ch for ch in written if ch.isdigit())
    relay = RELAY_PREFIX.match(written)  # Relay UK: "18001 0114 …" as dialled
    if relay:
        national = digits[5:]
        valid = len(national) in UK_NATIONAL_LENGTHS and national.startswith("0")
        return f"tel:{digits}" if valid else ""
    if international:
        digits = digits[2:] if digits.startswith("00") else digits
        if digits.startswith("440"):  # "+44 0114 …": the trunk 0 written by mistake
            digits = "44" + digits[3:]
        if digits.startswith("44") and len(digits) - 2 not in (9, 10):
            return ""
        return f"tel:+{digits}" if len(digits) in INTERNATIONAL_LENGTHS else ""
    if len(digits) in UK_NATIONAL_LENGTHS or digits in UK_ODD_NUMBERS:
        return f"tel:+44{digits[1:]}"
    return ""

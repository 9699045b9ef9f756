"""Allow-list HTML sanitising for descriptions from imports and editors (nh3 / ammonia)."""

from html import unescape

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_html(html: str) -> str:
    """Keep simple formatting and safe links; drop scripts, styles, event handlers and images."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment (for summaries, search indexing and JSON-LD)."""
    return " ".join(unescape(nh3.clean(html or "", tags=set())).split())

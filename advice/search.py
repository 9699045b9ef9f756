"""Advice pages in the site search: `search_advice(text) -> [AdvicePage]`, with shared synonyms."""

import logging

from modelsearch.query import PlainText

from advice.models import AdvicePage

logger = logging.getLogger(__name__)

try:
    from search.synonyms import expand_terms
except ImportError:  # the shared synonyms module arrives with the search issue

    def expand_terms(text: str):
        return [text]


MAX_QUERY_LENGTH = 200


def _alternatives(text: str) -> list[str]:
    """The query as typed, then its synonym expansions (whatever shape expand_terms returns)."""
    expanded = expand_terms(text)
    if isinstance(expanded, str):
        expanded = [expanded]
    alternatives = [text]
    for term in expanded or []:
        term = " ".join(term) if isinstance(term, list | tuple | set) else str(term)
        if term and term.lower() not in {alt.lower() for alt in alternatives}:
            alternatives.append(term)
    return alternatives


def search_advice(text: str, limit: int = 3) -> list[AdvicePage]:
    """Live, public advice pages matching the text (or a synonym), best first, at most `limit`.

    One search: every word as typed, or any of its synonyms (so "memory problems" does not
    find every page that says "problems"); none when no advice page is published (a search,
    even of no pages, costs far more than asking). Which sections are private is read once
    (Wagtail's `public()` reads it per queryset).
    """
    text = " ".join((text or "").split())[:MAX_QUERY_LENGTH]
    if not text:
        return []
    private = AdvicePage.objects.all().private_q()
    pages = AdvicePage.objects.live().exclude(private)
    if not pages.exists():
        return []
    query = PlainText(text, operator="and")
    alternatives = _alternatives(text)
    if len(alternatives) > 1:
        query |= PlainText(" ".join(alternatives[1:]), operator="or")
    try:
        return list(pages.search(query)[:limit])
    except Exception:
        # A broken search index degrades to "no advice results", never a failed search page.
        logger.exception("Advice search failed")
        return []

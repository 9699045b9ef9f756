"""What the public search page (/services/) does beyond the search itself: keeping the page
number in range and suggesting categories when nothing matches."""

from dataclasses import replace

from search.api import search_services
from search.backends.database import stem_prefix
from search.query import ServiceQuery, ServiceResults
from search.synonyms import CATEGORY_WORDS, RELATED_CATEGORIES
from search.text import STOP_WORDS, parse_query, words

# Words too general to say which category a search was about.
GENERAL_WORDS = frozenset({"support", "help", "care", "service", "services", "advice", "group"})


def run_service_search(query: ServiceQuery, *, request=None, place=None) -> ServiceResults:
    """Search, then clamp an out-of-range page to the last page (page=9999 shows the last page).

    The search backends apply the filters; the database backend checks "open now" against the
    weekly opening rows in its index (search/openings.py), by the rules in `schedules`.
    """
    results = search_services(query, request=request, place=place)
    if results.total and query.page > results.num_pages:
        results = search_services(replace(query, page=results.num_pages), request=None, place=place)
    return results


def related_categories(selected, categories, limit: int = 6) -> list:
    """Categories next to the chosen ones in the vocabulary: their parent, children and siblings."""

    def is_related(term, chosen):
        if term.parent_id == chosen.id:
            return True
        return chosen.parent_id is not None and chosen.parent_id in (term.id, term.parent_id)

    return [
        term
        for term in categories
        if term not in selected and any(is_related(term, chosen) for chosen in selected)
    ][:limit]


def categories_for_text(text: str, categories, limit: int = 6) -> list:
    """Categories a search's words point to, for the "other ways to find help" beside "No
    results": curated needs (synonyms.RELATED_CATEGORIES), people's words for a category
    (synonyms.CATEGORY_WORDS) and words of a category's name. Never shown as results."""
    phrases = {" ".join(alt) for group in parse_query(text) for alt in group.alternatives}
    typed = {
        stem_prefix(word)
        for word in words(text)
        if len(word) >= 4 and word not in STOP_WORDS and word not in GENERAL_WORDS
    }
    codes = [code for phrase in sorted(phrases) for code in RELATED_CATEGORIES.get(phrase, ())]
    codes += [code for code, everyday in CATEGORY_WORDS.items() if phrases & set(everyday)]
    by_code = {term.code: term for term in categories}
    found = [by_code[code] for code in dict.fromkeys(codes) if code in by_code]
    found += [
        term
        for term in categories
        if term not in found and typed & {stem_prefix(word) for word in words(term.name)}
    ]
    return found[:limit]

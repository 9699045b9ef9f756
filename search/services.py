"""What the public search page (/services/) does beyond the search itself: keeping the page
number in range and suggesting neighbouring categories when nothing matches."""

from dataclasses import replace

from search.api import search_services
from search.query import ServiceQuery, ServiceResults


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

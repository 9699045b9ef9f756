"""Entry point for the public search: `search_services(query) -> ServiceResults`.

Views call these three functions and nothing else in search. `match_expression` lets another
app's full-text index (advice.search) match words the way the service index does. The backend is chosen by
settings.SEARCH_BACKEND; if Elasticsearch cannot answer, the database backend does, with a
warning in the log, so search never fails because a search cluster is down.
"""

import logging
import re
from dataclasses import replace

from directory.geography import PlaceNotFound, resolve_postcode
from directory.models import Service
from directory.review_policy import out_of_date_before
from search.backends import BackendUnavailable, database_backend, get_backend
from search.backends.database import dialect
from search.events import announce_search
from search.features import language_code
from search.models import SearchIndexFeature
from search.query import ServiceQuery, ServiceResults
from search.synonyms import CARER_WORDS
from search.text import TermGroup, normalise

logger = logging.getLogger(__name__)

# "dementia cafe near S6": a postcode or outcode typed into the "what" box.
_PLACE_IN_TEXT = re.compile(
    r"(?:\b(?:near|in|around)\s+)?\b([A-Za-z]{1,2}[0-9][A-Za-z0-9]?(?:\s*[0-9][A-Za-z]{2})?)\s*$"
)


def place_in_text(text: str):
    """(text without the place, Place) when the text ends with a known postcode, else (text, None)."""
    match = _PLACE_IN_TEXT.search(text or "")
    if not match:
        return text, None
    try:
        place = resolve_postcode(match.group(1))
    except PlaceNotFound:
        return text, None
    return text[: match.start()].strip(), place


def offered_languages(keys) -> set[str]:
    """Those of the language keys (search.features) some live listing is offered in.

    A language in a URL that no listing has is dropped rather than searched for, so what
    reaches the page and analytics is only ever a language from the directory.
    """
    return {
        key for key in keys if SearchIndexFeature.objects.filter(code=language_code(key)).exists()
    }


def search_services(query: ServiceQuery, *, request=None, place=None) -> ServiceResults:
    """Run a search; only live services are returned.

    With `request` (a public search page), the search is also recorded as an anonymous
    SearchEvent for analytics; `place` is the resolved `directory.geography.Place`, if any.
    A postcode at the end of the text ("memory cafe near S6") is used as the place when no
    place was given.
    """
    if query.text and not query.has_point:
        text, found = place_in_text(query.text)
        if found is not None:
            query = replace(query, text=text, latitude=found.latitude, longitude=found.longitude)
            place = place or found
    query = replace(
        query,
        page=max(1, query.page),
        per_page=max(1, min(query.per_page, 100)),
        out_of_date_before=query.out_of_date_before
        or out_of_date_before(site=getattr(request, "_wagtail_site", None)),
    )
    backend = get_backend()
    try:
        results = backend.search(query)
    except BackendUnavailable as error:
        logger.warning(
            "Search backend %s unavailable (%s); using the database", backend.name, error
        )
        results = database_backend().search(query)
    if request is not None:
        event_id = announce_search(
            request, query, results, place, is_carer_search=is_carer_search(query)
        )
        if event_id is not None:
            results = replace(results, event_id=event_id)
    return results


def suggest(prefix: str, limit: int = 8) -> list[str]:
    """Autocomplete suggestions (category and service names) for what has been typed so far."""
    backend = get_backend()
    try:
        return backend.suggest(prefix, limit=limit)
    except BackendUnavailable as error:
        logger.warning(
            "Search backend %s unavailable (%s); using the database", backend.name, error
        )
        return database_backend().suggest(prefix, limit=limit)


def is_carer_search(query: ServiceQuery) -> bool:
    """Whether a search is for carers' support: by kind, category or the carers' words."""
    if query.kind == Service.Kind.CARERS_SUPPORT:
        return True
    if any(code.startswith("carers") for code in query.categories):
        return True
    text = f" {normalise(query.text)} "
    return any(f" {word} " in text for word in CARER_WORDS)


def match_expression(groups: list[TermGroup], operator: str = "AND") -> str:
    """The full-text query for term groups (search.text.parse_query) on this database.

    Groups are joined by `operator` ("AND" or "OR"); each group matches any of its phrases.
    On SQLite it is FTS5 MATCH text, on PostgreSQL text for to_tsquery('english', …): the
    same words, phrases and prefixes the service index matches.
    """
    return dialect().match_expression(groups, operator)

# ruff: noqa: S608 -- SQL text is built only from constant names and placeholders; values are parameters.
"""`DatabaseBackend`: the search backend over our own index tables (see the package docstring)."""

import dataclasses
import time
from collections.abc import Iterable

from django.db import connection

from search.backends.database import ranking, scan, spelling, writer
from search.backends.database.dialects import dialect
from search.backends.database.tables import ENTRY, TOTAL_KEY, as_uuid
from search.query import ListedService, ServiceHit, ServiceQuery, ServiceResults
from search.text import is_filler, parse_query


class DatabaseBackend:
    """Search over our own index tables (search.backends.database)."""

    name = "database"

    # --- Indexing ---------------------------------------------------------------------------

    def index(self, services: Iterable) -> None:
        """(Re)index the given services (or their ids); those not live are removed from the index."""
        ids = [getattr(service, "pk", service) for service in services]
        if not ids:
            return
        writer.index_services(ids)

    def remove(self, service_ids: Iterable) -> None:
        """Take the services with these ids out of the index."""
        writer.remove_services(service_ids)

    def rebuild(self, progress=None) -> int:
        """Rebuild the whole index in one transaction; returns the number of services indexed.

        `progress`, if given, is called with the number of services just indexed.
        """
        return writer.rebuild_index(progress)

    def differences(self) -> dict:
        """Where the index is out of step with the live listings (writer.differences)."""
        return writer.differences()

    # --- Searching --------------------------------------------------------------------------

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Autocomplete: matching category names, then live service names, for a typed prefix."""
        return spelling.suggest(prefix, limit)

    def search(self, query: ServiceQuery) -> ServiceResults:
        """One page of live services for `query`, with counts, facets and any "did you mean".

        Honest results: a listing is a result only if it has every word typed (or its stem,
        or a curated synonym). Nothing is corrected silently: when nothing matches, close
        spellings that would find listings come back as `suggestions` ("Did you mean …?")
        and the total stays 0. The only words ever left out are words about the asking
        (search.text.QUERY_FILLER: "classes", "help"), when no listing has every word, and
        the results say which (`left_out`).
        """
        started = time.perf_counter()
        groups = parse_query(query.text)
        suggestions: tuple[str, ...] = ()
        left_out: tuple[str, ...] = ()
        if groups:
            rows, total, facets, exact = _text_search(query, groups)
            needs = [group for group in groups if not is_filler(group)]
            if total == 0 and needs and len(needs) < len(groups):
                # "computer classes": no listing has both, so look for "computer" and say so.
                rows, total, facets, exact = _text_search(query, needs)
                if total:
                    left_out = tuple(group.typed for group in groups if is_filler(group))
            if total == 0:
                suggestions = _did_you_mean(query, groups)
        elif query.has_point:
            rows, total, facets, exact = scan.geo_page(query)
        else:
            rows, total, facets, exact = scan.browse_page(query)
        return ServiceResults(
            hits=_hits(rows),
            total=total,
            total_exact=exact,
            page=query.page,
            per_page=query.per_page,
            facets=facets,
            suggestion=suggestions[0] if suggestions else None,
            suggestions=suggestions,
            left_out=left_out,
            backend=self.name,
            latency_ms=(time.perf_counter() - started) * 1000,
        )


def _text_search(query: ServiceQuery, groups) -> scan.Page:
    """The listings with every term group (each: the word, its stem or a curated synonym)."""
    counts = ranking.word_counts({word for group in groups for word in group.words})
    groups, all_common = ranking.without_common_words(groups, counts)
    # Only very common words ("support group"): match where they mean most.
    text = scan.Text(
        groups,
        columns=("name", "categories") if all_common else None,
        weights=ranking.phrase_weights(groups, counts),
        share=ranking.matching_share(groups, counts),
        indexed=counts.get(TOTAL_KEY),
    )
    return scan.text_search(query, text)


def _did_you_mean(query: ServiceQuery, groups) -> tuple[str, ...]:
    """Close spellings of the words no listing has, each kept only if it finds listings.

    Offered as links beside "No results"; never searched in place of what was typed.
    """
    found = []
    for text in spelling.corrections(groups):
        corrected = parse_query(text)
        probe = dataclasses.replace(query, page=1, per_page=1)
        if corrected and _text_search(probe, corrected)[1]:
            found.append(text)
        if len(found) == spelling.MAX_SUGGESTIONS:
            break
    return tuple(found)


def _hits(rows: list[tuple[int, float | None, float | None]]) -> list[ServiceHit]:
    """What to show for (entry id, miles, score) rows, in order: one read by primary key."""
    if not rows:
        return []
    db = dialect()
    among, params = db.in_id_list("id", [entry_id for entry_id, _, _ in rows])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {db.as_text('service_id')}, card FROM {ENTRY} WHERE {among}", params
        )
        cards = {entry_id: (service_id, card) for entry_id, service_id, card in cursor}
    return [
        ServiceHit(
            service=ListedService.from_json(as_uuid(cards[entry_id][0]), cards[entry_id][1]),
            distance_miles=miles,
            score=score,
        )
        for entry_id, miles, score in rows
        if entry_id in cards
    ]

# ruff: noqa: S608 -- SQL text is built only from constant names and placeholders; values are parameters.
"""The default backend: a search index of our own in the database.

Tables (search/models.py): `SearchIndexEntry` (one row per live service, denormalised filter
columns and text), `SearchIndexCategory` (codes with ancestors) and `SearchIndexPoint` (one row
per location and category code, with a composite (code, latitude, longitude, entry) index).
Full text lives in an FTS5 table `search_fts` (external content = the entry table) on SQLite and
in a weighted `document tsvector` column with a GIN index on PostgreSQL.

A text search is one SQL statement: full-text match, bounding box and exact radius, category and
other filters, relevance (or distance) order, the page, and the total count (a window function).
Facets are one more grouped statement over the same candidates without the category filter.
Browsing by place alone never touches the text: it reads the point index, with an expanding box
for the nearest page.
"""

import difflib
import json
import logging
import time
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from search.backends.base import MILES_PER_DEGREE, box_for, load_hits, miles_from_squared_degrees
from search.indexing import (
    Searchable,
    documents_for,
    iter_live_documents,
)
from search.query import ServiceQuery, ServiceResults
from search.synonyms import SYNONYMS
from search.text import STOP_WORDS, TermGroup, normalise, parse_query

logger = logging.getLogger(__name__)

ENTRY = "search_searchindexentry"
CATEGORY = "search_searchindexcategory"
POINT = "search_searchindexpoint"
TERM = "search_searchterm"
TOTAL_KEY = ""  # SearchTerm row holding the number of indexed services
COMMON_WORD_SHARE = 0.2  # words in more than this share of listings don't narrow a search
COMMON_WORD_MIN_INDEX = 1000
DISTANCE_DECAY_MILES = 2.0  # only judge words common in directories at least this big
BATCH = 1000


class SqliteDialect:
    vendor = "sqlite"

    @staticmethod
    def _phrase(words: tuple[str, ...], prefix: bool) -> str:
        quoted = '"' + " ".join(words).replace('"', "") + '"'
        return quoted + ("*" if prefix else "")

    def match_expression(self, groups: list[TermGroup], operator: str) -> str:
        parts = []
        for group in groups:
            alternatives = " OR ".join(
                self._phrase(alt, group.prefix) for alt in group.alternatives
            )
            parts.append(f"({alternatives})")
        return f" {operator} ".join(parts)

    def match_sql(self, groups, operator, *, scored=True, columns=None):
        expression = self.match_expression(groups, operator)
        if columns:
            expression = "{" + " ".join(columns) + "} : (" + expression + ")"
        score = ", -bm25(search_fts, 4.0, 3.0, 2.0, 1.0) AS score" if scored else ""
        return (
            f"SELECT rowid AS entry_id{score} FROM search_fts WHERE search_fts MATCH %s",
            [expression],
        )

    @staticmethod
    def as_text(column: str) -> str:
        return column

    def in_uuid_list(self, column: str, ids) -> tuple[str, list]:
        return (
            f"{column} IN (SELECT value FROM json_each(%s))",
            [json.dumps([str(i).replace("-", "") for i in ids])],
        )

    def write_fulltext(self, cursor, entry_ids: list[int]) -> None:
        for start in range(0, len(entry_ids), BATCH):
            chunk = entry_ids[start : start + BATCH]
            cursor.execute(
                "INSERT INTO search_fts(rowid, name, categories, summary, body) "
                f"SELECT id, name, categories, summary, body FROM {ENTRY} "
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )

    def delete_fulltext(self, cursor, entry_ids: list[int]) -> None:
        for start in range(0, len(entry_ids), BATCH):
            chunk = entry_ids[start : start + BATCH]
            cursor.execute(
                "INSERT INTO search_fts(search_fts, rowid, name, categories, summary, body) "
                f"SELECT 'delete', id, name, categories, summary, body FROM {ENTRY} "
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )

    def clear_fulltext(self, cursor) -> None:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")

    def rebuild_fulltext(self, cursor) -> None:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")

    def analyse(self, cursor) -> None:
        cursor.execute("ANALYZE")


class PostgresDialect:
    vendor = "postgresql"
    DOCUMENT = (
        "setweight(to_tsvector('english', coalesce(name, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(categories, '')), 'B') || "
        "setweight(to_tsvector('english', coalesce(summary, '')), 'C') || "
        "setweight(to_tsvector('english', coalesce(body, '')), 'D')"
    )

    @staticmethod
    def _phrase(words: tuple[str, ...], prefix: bool, weights: str = "") -> str:
        # Words are [a-z0-9]+ only (search.text), so they are safe tsquery operands.
        parts = []
        for position, word in enumerate(words):
            if prefix and position == len(words) - 1:
                parts.append(f"{word}:*{weights}")
            else:
                parts.append(f"{word}:{weights}" if weights else word)
        return " <-> ".join(parts)

    def match_expression(self, groups, operator, weights: str = "") -> str:
        joiner = " & " if operator == "AND" else " | "
        return joiner.join(
            "(" + " | ".join(self._phrase(alt, g.prefix, weights) for alt in g.alternatives) + ")"
            for g in groups
        )

    def match_sql(self, groups, operator, *, scored=True, columns=None):
        # Column restriction uses the weight labels: A = name, B = categories.
        weights = "".join({"name": "A", "categories": "B"}[c] for c in columns) if columns else ""
        expression = self.match_expression(groups, operator, weights)
        score = ", ts_rank('{0.25, 0.5, 0.75, 1.0}', document, q) AS score" if scored else ""
        return (
            f"SELECT id AS entry_id{score} FROM {ENTRY}, to_tsquery('english', %s) q "
            "WHERE document @@ q",
            [expression],
        )

    @staticmethod
    def as_text(column: str) -> str:
        return f"{column}::text"

    def in_uuid_list(self, column: str, ids) -> tuple[str, list]:
        return f"{column} = ANY(%s::uuid[])", [[str(i) for i in ids]]

    def write_fulltext(self, cursor, entry_ids: list[int]) -> None:
        for start in range(0, len(entry_ids), BATCH):
            cursor.execute(
                f"UPDATE {ENTRY} SET document = {self.DOCUMENT} WHERE id = ANY(%s)",
                [entry_ids[start : start + BATCH]],
            )

    def delete_fulltext(self, cursor, entry_ids) -> None:
        """The document lives on the entry row and goes with it."""

    def clear_fulltext(self, cursor) -> None:
        """Nothing separate to clear."""

    def rebuild_fulltext(self, cursor) -> None:
        cursor.execute(f"UPDATE {ENTRY} SET document = {self.DOCUMENT}")

    def analyse(self, cursor) -> None:
        for table in (ENTRY, CATEGORY, POINT, TERM):
            cursor.execute(f"ANALYZE {table}")


def dialect():
    if connection.vendor == "postgresql":
        return PostgresDialect()
    if connection.vendor == "sqlite":
        return SqliteDialect()
    raise NotImplementedError(f"No database search for {connection.vendor}")


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


class DatabaseBackend:
    """Search over our own index tables (see module docstring)."""

    name = "database"

    # --- Indexing ---------------------------------------------------------------------------

    def index(self, services: Iterable) -> None:
        """(Re)index the given services; those not live are removed from the index."""
        from directory.models import Service

        ids = [getattr(service, "pk", service) for service in services]
        if not ids:
            return
        with transaction.atomic():
            self.remove(ids)
            documents = documents_for(Service.objects.filter(pk__in=ids))
            self._insert(documents)
            self._add_words(documents)

    def remove(self, service_ids: Iterable) -> None:
        from search.models import SearchIndexEntry

        service_ids = list(service_ids)
        with transaction.atomic(), connection.cursor() as cursor:
            entry_ids = list(
                SearchIndexEntry.objects.filter(service_id__in=service_ids).values_list(
                    "id", flat=True
                )
            )
            if not entry_ids:
                return
            dialect().delete_fulltext(cursor, entry_ids)
            for table, column in ((CATEGORY, "entry_id"), (POINT, "entry_id"), (ENTRY, "id")):
                for start in range(0, len(entry_ids), BATCH):
                    chunk = entry_ids[start : start + BATCH]
                    cursor.execute(
                        f"DELETE FROM {table} WHERE {column} IN ({_placeholders(chunk)})", chunk
                    )

    def rebuild(self, progress=None) -> int:
        """Rebuild the whole index in one transaction; returns the number of services indexed.

        `progress`, if given, is called with the number of services just indexed.
        """
        from search.models import SearchTerm

        db = dialect()
        count = 0
        word_counts: Counter = Counter()
        with transaction.atomic(), connection.cursor() as cursor:
            db.clear_fulltext(cursor)
            for table in (CATEGORY, POINT, ENTRY, TERM):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (constant table names)
            batch: list[Searchable] = []
            for document in iter_live_documents():
                batch.append(document)
                if len(batch) >= BATCH:
                    self._insert(batch, fulltext=False)
                    word_counts.update(_document_words(batch))
                    count += len(batch)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                self._insert(batch, fulltext=False)
                word_counts.update(_document_words(batch))
                count += len(batch)
                if progress:
                    progress(len(batch))
            db.rebuild_fulltext(cursor)
            word_counts[TOTAL_KEY] = count
            SearchTerm.objects.bulk_create(
                (SearchTerm(word=word, documents=n) for word, n in word_counts.items()),
                batch_size=5000,
            )
            db.analyse(cursor)
        return count

    def _insert(self, documents: list[Searchable], fulltext: bool = True) -> None:
        from search.models import SearchIndexCategory, SearchIndexEntry, SearchIndexPoint

        if not documents:
            return
        entries = SearchIndexEntry.objects.bulk_create(
            [
                SearchIndexEntry(
                    service_id=doc.service_id,
                    kind=doc.kind,
                    is_free=doc.is_free,
                    min_age=doc.min_age,
                    max_age=doc.max_age,
                    name=doc.name[:255],
                    categories=doc.categories,
                    summary=doc.summary,
                    body=doc.body,
                    sort_name=doc.sort_name,
                    card=doc.card,
                )
                for doc in documents
            ],
            batch_size=BATCH,
        )
        categories, points = [], []
        for entry, doc in zip(entries, documents, strict=True):
            categories.extend(SearchIndexCategory(entry_id=entry.id, code=c) for c in doc.codes)
            for latitude, longitude in doc.points:
                for code in ("", *doc.codes):
                    points.append(
                        SearchIndexPoint(
                            entry_id=entry.id, code=code, latitude=latitude, longitude=longitude
                        )
                    )
        SearchIndexCategory.objects.bulk_create(categories, batch_size=5000)
        SearchIndexPoint.objects.bulk_create(points, batch_size=5000)
        if fulltext:
            with connection.cursor() as cursor:
                dialect().write_fulltext(cursor, [entry.id for entry in entries])

    def _add_words(self, documents: list[Searchable]) -> None:
        """Add new words to the spelling vocabulary (counts are exact only after a rebuild)."""
        from search.models import SearchTerm

        words = set(_document_words(documents))
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word, documents=1) for word in words], ignore_conflicts=True
        )

    # --- Searching --------------------------------------------------------------------------

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Autocomplete: matching category names, then live service names, for a typed prefix."""
        return _suggest(self, prefix, limit)

    def search(self, query: ServiceQuery) -> ServiceResults:
        started = time.perf_counter()
        groups = parse_query(query.text)
        suggestion = None
        columns = None
        if groups:
            corrected = self._correct_spelling(groups)
            if corrected is not None:
                groups, suggestion = corrected
            groups, all_common = self._without_common_words(groups)
            if all_common:
                # Only very common words ("support group"): match where they mean most.
                columns = ("name", "categories")
        if groups:
            rows, total, facets = self._text_search(query, groups, "AND", columns)
            if total == 0 and len(groups) > 1:
                rows, total, facets = self._text_search(query, groups, "OR", columns)
        elif query.has_point:
            rows, total, facets = self._geo_page(query)
        else:
            rows, total, facets = self._browse_page(query)
        return ServiceResults(
            hits=load_hits(rows),
            total=total,
            page=query.page,
            per_page=query.per_page,
            facets=facets,
            suggestion=suggestion,
            backend=self.name,
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def _filters(self, query: ServiceQuery, alias: str = "e") -> tuple[list[str], list]:
        clauses, params = [], []
        if query.kind:
            clauses.append(f"{alias}.kind = %s")
            params.append(query.kind)
        if query.free_only:
            clauses.append(f"{alias}.is_free = %s")
            params.append(True)
        if query.age is not None:
            clauses.append(f"({alias}.min_age IS NULL OR {alias}.min_age <= %s)")
            clauses.append(f"({alias}.max_age IS NULL OR {alias}.max_age >= %s)")
            params.extend([query.age, query.age])
        if query.open_now:
            clause, extra = dialect().in_uuid_list(f"{alias}.service_id", _open_service_ids())
            clauses.append(clause)
            params.extend(extra)
        return clauses, params

    def _point_subquery(self, query: ServiceQuery, codes: tuple[str, ...]) -> tuple[str, list]:
        """Entries with a location inside the radius, with the squared distance (degrees)."""
        min_lat, max_lat, min_lon, max_lon, scale = box_for(
            query.latitude, query.longitude, query.radius_miles
        )
        codes = codes or ("",)
        distance = (
            "((p.latitude - %s) * (p.latitude - %s) + (p.longitude - %s) * (p.longitude - %s) * %s)"
        )
        distance_params = [
            query.latitude,
            query.latitude,
            query.longitude,
            query.longitude,
            scale * scale,
        ]
        sql = (
            f"SELECT p.entry_id, MIN({distance}) AS d2 FROM {POINT} p "
            f"WHERE p.code IN ({_placeholders(codes)}) "
            "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s "
            "GROUP BY p.entry_id"
        )
        return sql, [*distance_params, *codes, min_lat, max_lat, min_lon, max_lon]

    def _radius_squared(self, query: ServiceQuery) -> float:
        return (query.radius_miles / MILES_PER_DEGREE) ** 2

    def _text_search(self, query, groups, operator, columns=None):
        """One statement: matches, filters, radius, the page, the total and the facets.

        The full-text match is materialised once (so SQLite never re-runs it per row), joined
        to the denormalised filters and the point index; the page, the count and the facet
        counts are read from that candidate set and returned together (UNION ALL).
        """
        db = dialect()
        match_sql, params = db.match_sql(groups, operator, scored=True, columns=columns)
        clauses, filter_params = self._filters(query)
        point_join, distance = "", "NULL"
        if query.has_point:
            point_sql, point_params = self._point_subquery(query, ())
            point_join = f"JOIN ({point_sql}) p ON p.entry_id = e.id "
            params += point_params
            clauses.append("p.d2 <= %s")
            filter_params.append(self._radius_squared(query))
            distance = "p.d2"
        where = ("WHERE " + " AND ".join(clauses) + " ") if clauses else ""
        params += filter_params
        category_filter, category_params = "", []
        if query.categories:
            category_filter = (
                f"WHERE c.entry_id IN (SELECT entry_id FROM {CATEGORY} "
                f"WHERE code IN ({_placeholders(query.categories)})) "
            )
            category_params = list(query.categories)
        order_params = []
        if query.has_point and query.sort == "distance":
            order = "c.d2, c.score DESC, c.sort_name"
        elif query.has_point:
            # Relevance blended with distance: a listing DISTANCE_DECAY_MILES away counts half.
            order = "c.score / (1.0 + c.d2 / %s) DESC, c.sort_name"
            order_params = [(DISTANCE_DECAY_MILES / MILES_PER_DEGREE) ** 2]
        else:
            order = "c.score DESC, c.sort_name"
        as_text = db.as_text
        sql = (
            f"WITH matched AS MATERIALIZED ({match_sql}), "
            "candidates AS MATERIALIZED ("
            f"SELECT e.id AS entry_id, e.service_id, m.score, {distance} AS d2, e.sort_name "
            f"FROM matched m JOIN {ENTRY} e ON e.id = m.entry_id {point_join}{where}), "
            f"page AS (SELECT c.service_id, c.d2, c.score FROM candidates c {category_filter}"
            f"ORDER BY {order} LIMIT %s OFFSET %s) "
            f"SELECT 'hit', {as_text('service_id')}, d2, score FROM page "
            f"UNION ALL SELECT 'total', NULL, NULL, COUNT(*) FROM candidates c {category_filter}"
            # CROSS JOIN keeps SQLite driving from the candidates into the (entry, code) index.
            f"UNION ALL SELECT 'facet', k.code, NULL, COUNT(*) FROM candidates c "
            f"CROSS JOIN {CATEGORY} k WHERE k.entry_id = c.entry_id GROUP BY k.code"
        )
        params += [
            *category_params,
            *order_params,
            query.per_page,
            (query.page - 1) * query.per_page,
            *category_params,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        rows, total, facets = [], 0, {}
        for kind, key, d2, value in fetched:
            if kind == "hit":
                rows.append((_uuid(key), miles_from_squared_degrees(d2), value))
            elif kind == "total":
                total = int(value)
            else:
                facets[key] = int(value)
        return rows, total, facets

    def _geo_page(self, query: ServiceQuery):
        """Browse by place: counts and facets from the point index, then the nearest page."""
        from directory.models import TaxonomyTerm

        clauses, filter_params = self._filters(query)
        join = f"JOIN {ENTRY} e ON e.id = p.entry_id " if clauses else ""
        where = (" AND " + " AND ".join(clauses)) if clauses else ""
        all_codes = ["", *TaxonomyTerm.objects.values_list("code", flat=True)]
        min_lat, max_lat, min_lon, max_lon, scale = box_for(
            query.latitude, query.longitude, query.radius_miles
        )
        distance = (
            "((p.latitude - %s) * (p.latitude - %s) + (p.longitude - %s) * (p.longitude - %s) * %s)"
        )
        distance_params = [
            query.latitude,
            query.latitude,
            query.longitude,
            query.longitude,
            scale * scale,
        ]
        radius_squared = self._radius_squared(query)

        def counts(codes):
            sql = (
                f"SELECT p.code, COUNT(DISTINCT p.entry_id) FROM {POINT} p {join}"
                f"WHERE p.code IN ({_placeholders(codes)}) "
                "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s "
                f"AND {distance} <= %s{where} GROUP BY p.code"
            )
            params = [
                *codes,
                min_lat,
                max_lat,
                min_lon,
                max_lon,
                *distance_params,
                radius_squared,
                *filter_params,
            ]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return dict(cursor.fetchall())

        by_code = counts(all_codes)
        total = by_code.pop("", 0)
        facets = by_code
        codes = tuple(query.categories) or ("",)
        if query.categories:
            if len(codes) == 1:
                total = facets.get(codes[0], 0)
            else:
                sql = (
                    f"SELECT COUNT(DISTINCT p.entry_id) FROM {POINT} p {join}"
                    f"WHERE p.code IN ({_placeholders(codes)}) "
                    "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s "
                    f"AND {distance} <= %s{where}"
                )
                with connection.cursor() as cursor:
                    cursor.execute(
                        sql,
                        [
                            *codes,
                            min_lat,
                            max_lat,
                            min_lon,
                            max_lon,
                            *distance_params,
                            radius_squared,
                            *filter_params,
                        ],
                    )
                    total = cursor.fetchone()[0]
        offset = (query.page - 1) * query.per_page
        needed = offset + query.per_page
        if total == 0 or offset >= total:
            return [], total, facets
        # Expanding box: start with the radius expected to hold the page at even density.
        radius = min(query.radius_miles, query.radius_miles * (needed / total) ** 0.5 * 1.5)
        while True:
            r_min_lat, r_max_lat, r_min_lon, r_max_lon, _ = box_for(
                query.latitude, query.longitude, radius
            )
            sql = (
                f"SELECT p.entry_id, MIN({distance}) AS d2 FROM {POINT} p {join}"
                f"WHERE p.code IN ({_placeholders(codes)}) "
                "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s"
                f"{where} GROUP BY p.entry_id HAVING MIN({distance}) <= %s "
                "ORDER BY d2, p.entry_id LIMIT %s"
            )
            params = [
                *distance_params,
                *codes,
                r_min_lat,
                r_max_lat,
                r_min_lon,
                r_max_lon,
                *filter_params,
                *distance_params,
                (radius / MILES_PER_DEGREE) ** 2,
                needed,
            ]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                found = cursor.fetchall()
            if len(found) >= needed or radius >= query.radius_miles:
                break
            radius = min(query.radius_miles, radius * 2)
        page = found[offset:needed]
        service_ids = self._service_ids([entry_id for entry_id, _ in page])
        rows = [
            (service_ids[entry_id], miles_from_squared_degrees(d2), None)
            for entry_id, d2 in page
            if entry_id in service_ids
        ]
        return rows, total, facets

    def _service_ids(self, entry_ids: list[int]) -> dict[int, object]:
        from search.models import SearchIndexEntry

        return dict(
            SearchIndexEntry.objects.filter(id__in=entry_ids).values_list("id", "service_id")
        )

    def _browse_page(self, query: ServiceQuery):
        """No text and no place: everything (or a category) in name order."""
        clauses, params = self._filters(query)
        facet_clauses, facet_params = list(clauses), list(params)
        if query.categories:
            clauses.append(
                f"e.id IN (SELECT entry_id FROM {CATEGORY} WHERE code IN ({_placeholders(query.categories)}))"
            )
            params.extend(query.categories)
        where = ("WHERE " + " AND ".join(clauses) + " ") if clauses else ""
        sql = (
            f"SELECT e.service_id, COUNT(*) OVER () FROM {ENTRY} e {where}"
            "ORDER BY e.sort_name, e.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, query.per_page, (query.page - 1) * query.per_page])
            fetched = cursor.fetchall()
            if fetched:
                total = fetched[0][1]
            else:
                cursor.execute(f"SELECT COUNT(*) FROM {ENTRY} e {where}", params)
                total = cursor.fetchone()[0]
            facet_where = ("WHERE " + " AND ".join(facet_clauses) + " ") if facet_clauses else ""
            if facet_clauses:
                cursor.execute(
                    f"SELECT c.code, COUNT(*) FROM {CATEGORY} c JOIN {ENTRY} e ON e.id = c.entry_id "
                    f"{facet_where}GROUP BY c.code",
                    facet_params,
                )
            else:
                cursor.execute(f"SELECT code, COUNT(*) FROM {CATEGORY} GROUP BY code")
            facets = dict(cursor.fetchall())
        rows = [(_uuid(service_id), None, None) for service_id, _ in fetched]
        return rows, total, facets

    # --- Relevance helpers ------------------------------------------------------------------

    def _word_counts(self, words: set[str]) -> dict[str, int]:
        from search.models import SearchTerm

        return dict(
            SearchTerm.objects.filter(word__in=[*words, TOTAL_KEY]).values_list("word", "documents")
        )

    def _without_common_words(self, groups: list[TermGroup]) -> tuple[list[TermGroup], bool]:
        """Drop words found in most listings when rarer words narrow the search anyway.

        Returns the groups to search for, and whether every word was common.
        """
        single_words = {
            group.alternatives[0][0] for group in groups if len(group.alternatives) == 1
        }
        if not single_words:
            return groups, False
        counts = self._word_counts(single_words)
        total = counts.get(TOTAL_KEY, 0)
        if total < COMMON_WORD_MIN_INDEX:
            return groups, False
        common = {word for word in single_words if counts.get(word, 0) > COMMON_WORD_SHARE * total}
        kept = [
            group
            for group in groups
            if not (len(group.alternatives) == 1 and group.alternatives[0][0] in common)
        ]
        return (kept, False) if kept else (groups, True)

    def _correct_spelling(self, groups: list[TermGroup]):
        """Replace unknown words with close known ones: (groups, "did you mean" text) or None."""
        from search.models import SearchTerm

        unknown = [
            group
            for group in groups
            if len(group.alternatives) == 1
            and len(group.alternatives[0]) == 1
            and len(group.typed) >= 4
            and not group.typed.isdigit()
        ]
        if not unknown:
            return None
        known = _SYNONYM_WORDS | set(
            SearchTerm.objects.filter(word__in=[g.typed for g in unknown]).values_list(
                "word", flat=True
            )
        )
        corrections: dict[str, str] = {}
        for group in unknown:
            word = group.typed
            if word in known or _stem_known(word, known):
                continue
            candidates = list(
                SearchTerm.objects.filter(word__startswith=word[0], documents__gte=0).values_list(
                    "word", flat=True
                )[:20000]
            )
            candidates = [c for c in candidates if abs(len(c) - len(word)) <= 2]
            match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
            if match:
                corrections[word] = match[0]
        if not corrections:
            return None
        text = " ".join(corrections.get(group.typed, group.typed) for group in groups)
        return parse_query(text), text


def _stem_known(word: str, known: set[str]) -> bool:
    return word.rstrip("s") in known


def _document_words(documents: list[Searchable]) -> Iterable[str]:
    for doc in documents:
        text = " ".join((normalise(doc.name), doc.categories, doc.summary, doc.body))
        yield from {
            word for word in text.split() if 3 <= len(word) <= 40 and word not in STOP_WORDS
        }


_SYNONYM_WORDS = frozenset(
    word for term in SYNONYMS for word in normalise(term).split() if len(word) >= 3
)


def _uuid(value):
    import uuid

    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _open_service_ids() -> list:
    """Ids of services open now, from the directory's schedules (Europe/London)."""
    from django.utils import timezone

    from directory.schedules import open_service_ids

    return list(open_service_ids(timezone.localtime()))


def _suggest(backend: DatabaseBackend, prefix: str, limit: int) -> list[str]:
    from directory.models import TaxonomyTerm

    groups = parse_query(prefix, prefix=True, synonyms=False)
    if not groups or len(normalise(prefix)) < 2:
        return []
    typed = [group.typed for group in groups]
    suggestions: list[str] = []
    for name in TaxonomyTerm.objects.categories().values_list("name", flat=True):
        name_words = normalise(name).split()
        if all(any(w.startswith(t) for w in name_words) for t in typed):
            suggestions.append(name)
    sql, params = dialect().match_sql(groups, "AND", columns=("name",))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.name FROM ({sql}) m JOIN {ENTRY} e ON e.id = m.entry_id "
            "ORDER BY m.score DESC, e.sort_name LIMIT %s",
            [*params, limit],
        )
        suggestions.extend(name for (name,) in cursor.fetchall())
    return list(dict.fromkeys(suggestions))[:limit]

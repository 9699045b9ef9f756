# ruff: noqa: S608 -- SQL text is built only from constant names and placeholders; values are parameters.
"""The default backend: a search index of our own in the database.

Tables (search/models.py): `SearchIndexEntry` (one row per live service, denormalised filter
columns and text), `SearchIndexCategory` (codes with ancestors), `SearchIndexPoint` (one row
per location and category code, with a composite (code, latitude, longitude, entry) index) and
`SearchIndexOpening` (weekly opening sessions, for "open now": search/openings.py).
Full text lives in an FTS5 table `search_fts` (external content = the entry table) on SQLite and
in a weighted `document tsvector` column with a GIN index on PostgreSQL.

A text search asks the full-text index for the ids of at most SCAN_LIMIT + 1 matches (text,
categories, kind, cost and the grid cells around the place are all in that index: search.tags),
reads those rows with their distances, and ranks them in Python (`_Text.scorer`, the same on
both databases). docs/search.md says how the work stays bounded past SCAN_LIMIT matches.
Browsing by place alone never touches the text: it reads the point index, with an expanding box
for the nearest page.
"""

import dataclasses
import difflib
import json
import logging
import math
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from search.backends.base import MILES_PER_DEGREE, box_for, miles_from_squared_degrees
from search.indexing import (
    Searchable,
    documents_for,
    iter_live_documents,
)
from search.openings import OPENING_COLUMNS, open_now_clause, opening_rows
from search.query import ListedService, ServiceHit, ServiceQuery, ServiceResults
from search.synonyms import SYNONYMS
from search.tags import FREE_TAG, category_tag, cover, kind_tag
from search.text import STOP_WORDS, TermGroup, normalise, parse_query

logger = logging.getLogger(__name__)

ENTRY = "search_searchindexentry"
CATEGORY = "search_searchindexcategory"
POINT = "search_searchindexpoint"
OPENING = "search_searchindexopening"
TERM = "search_searchterm"
TOTAL_KEY = ""  # SearchTerm row holding the number of indexed services
COMMON_WORD_SHARE = 0.2  # words in more than this share of listings don't narrow a search
COMMON_WORD_MIN_INDEX = 1000
# The most matches one search scores. Beyond it, counts read "more than" and the search
# narrows (closer in, or to name and category matches) so the work stays bounded, and
# counts read "at least".
SCAN_LIMIT = 500
SAMPLE_LIMIT = 200  # matches read to judge how far out the closest lie
CLOSER_SHARE = 0.3  # of SCAN_LIMIT: 150 matches, several pages of the nearest and best
TOP_COLUMNS = ("name", "categories")
# How much a phrase found in each column counts (as bm25's column weights were: name 4,
# categories 3, summary 2).
NAME_WEIGHT, CATEGORIES_WEIGHT, SUMMARY_WEIGHT = 4.0, 3.0, 2.0
STEM_MIN = 4  # letters a word keeps when stem_prefix takes off an ending
SYNONYM_SHARE = 0.5  # a synonym found counts half as much as the words as typed
DISTANCE_DECAY_MILES = 2.0  # "best match" with a place: relevance counts half this far away
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
        score = ", -bm25(search_fts, 4.0, 3.0, 2.0, 1.0, 0.0) AS score" if scored else ""
        return (
            f"SELECT rowid AS entry_id{score} FROM search_fts WHERE search_fts MATCH %s",
            [expression],
        )

    def bounded_match_sql(self, groups, operator, tags, columns=None):
        """Matches (unscored) of the text in the text columns (or `columns`) and every tag group."""
        expression = self.match_expression(groups, operator)
        text_columns = columns or ("name", "categories", "summary", "body")
        parts = ["{" + " ".join(text_columns) + "} : (" + expression + ")"]
        parts.extend("tags : (" + " OR ".join(group) + ")" for group in tags)
        return (
            "SELECT rowid AS entry_id FROM search_fts WHERE search_fts MATCH %s",
            [" AND ".join(parts)],
        )

    @staticmethod
    def as_text(column: str) -> str:
        return column

    @staticmethod
    def uuid_param(value) -> str:
        return _uuid(value).hex  # how Django stores a UUIDField on SQLite

    @staticmethod
    def next_entry_ids(cursor, count: int) -> list[int]:
        # Writes are serialised on SQLite (BEGIN IMMEDIATE), so MAX(id) + 1 is safe.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {ENTRY}")
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))

    @staticmethod
    def in_id_list(column: str, ids: list[int]) -> tuple[str, list]:
        return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]

    def write_fulltext(self, cursor, entry_ids: list[int]) -> None:
        for start in range(0, len(entry_ids), BATCH):
            chunk = entry_ids[start : start + BATCH]
            cursor.execute(
                "INSERT INTO search_fts(rowid, name, categories, summary, body, tags) "
                f"SELECT id, name, categories, summary, body, tags FROM {ENTRY} "
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )

    def delete_fulltext(self, cursor, entry_ids: list[int]) -> None:
        for start in range(0, len(entry_ids), BATCH):
            chunk = entry_ids[start : start + BATCH]
            cursor.execute(
                "INSERT INTO search_fts(search_fts, rowid, name, categories, summary, body, tags) "
                f"SELECT 'delete', id, name, categories, summary, body, tags FROM {ENTRY} "
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

    @staticmethod
    def drop_indexes(cursor, tables) -> list[str]:
        """Drop the tables' own indexes (not those of constraints); returns how to recreate them.

        A rebuild fills the tables first and indexes them after: building an index from
        all the rows at once is quicker than keeping it up to date row by row. Readers are
        not held up: in WAL mode they go on reading the last committed index.
        """
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({_placeholders(tables)}) ORDER BY name",
            list(tables),
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in indexes]


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

    def bounded_match_sql(self, groups, operator, tags, columns=None):
        """Matches (unscored) of the text in the text columns (or `columns`) and every tag group."""
        sql, params = self.match_sql(groups, operator, scored=False, columns=columns)
        if tags:
            # Tags are [a-z0-9]+ (search.tags), safe as tsquery operands.
            sql += " AND tags_vector @@ to_tsquery('simple', %s)"
            params.append(" & ".join("(" + " | ".join(group) + ")" for group in tags))
        # In id order, as FTS5 gives them: the first matches are then the first indexed, a
        # fair sample of place and text (`_closer_radius`). Without it PostgreSQL returns
        # them in table order, which updates reshuffle.
        return sql + " ORDER BY id", params

    @staticmethod
    def as_text(column: str) -> str:
        return f"{column}::text"

    @staticmethod
    def uuid_param(value):
        return _uuid(value)

    @staticmethod
    def next_entry_ids(cursor, count: int) -> list[int]:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [ENTRY, count],
        )
        return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def in_id_list(column: str, ids: list[int]) -> tuple[str, list]:
        return f"{column} = ANY(%s)", [list(ids)]

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

    @staticmethod
    def drop_indexes(cursor, tables) -> list[str]:
        """Nothing dropped: DROP INDEX would lock searches out until the rebuild commits."""
        return []


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
            added = _count_words(Counter(), documents)
            added[TOTAL_KEY] = len(documents)
            self._change_word_counts(added)

    def remove(self, service_ids: Iterable) -> None:
        from search.models import SearchIndexEntry

        service_ids = list(service_ids)
        with transaction.atomic(), connection.cursor() as cursor:
            entries = list(
                SearchIndexEntry.objects.filter(service_id__in=service_ids).values_list(
                    "id", "name", "categories", "summary", "body"
                )
            )
            if not entries:
                return
            entry_ids = [entry[0] for entry in entries]
            removed = Counter(word for entry in entries for word in _indexed_words(*entry[1:]))
            removed[TOTAL_KEY] = len(entries)
            self._change_word_counts(Counter({word: -n for word, n in removed.items()}))
            dialect().delete_fulltext(cursor, entry_ids)
            tables = ((CATEGORY, "entry_id"), (POINT, "entry_id"), (OPENING, "entry_id"))
            for table, column in (*tables, (ENTRY, "id")):
                for start in range(0, len(entry_ids), BATCH):
                    chunk = entry_ids[start : start + BATCH]
                    cursor.execute(
                        f"DELETE FROM {table} WHERE {column} IN ({_placeholders(chunk)})", chunk
                    )

    def rebuild(self, progress=None) -> int:
        """Rebuild the whole index in one transaction; returns the number of services indexed.

        `progress`, if given, is called with the number of services just indexed.
        """

        db = dialect()
        count = 0
        word_counts: Counter = Counter()
        with transaction.atomic(), connection.cursor() as cursor:
            db.clear_fulltext(cursor)
            recreate = db.drop_indexes(cursor, (ENTRY, CATEGORY, POINT, OPENING))
            for table in (CATEGORY, POINT, OPENING, ENTRY, TERM):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (constant table names)
            batch: list[Searchable] = []
            for document in iter_live_documents():
                batch.append(document)
                if len(batch) >= BATCH:
                    self._insert(batch, fulltext=False)
                    _count_words(word_counts, batch)
                    count += len(batch)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                self._insert(batch, fulltext=False)
                _count_words(word_counts, batch)
                count += len(batch)
                if progress:
                    progress(len(batch))
            for statement in recreate:
                cursor.execute(statement)
            db.rebuild_fulltext(cursor)
            word_counts[TOTAL_KEY] = count
            cursor.executemany(
                f"INSERT INTO {TERM} (word, documents) VALUES (%s, %s)", list(word_counts.items())
            )
            db.analyse(cursor)
        return count

    def _insert(self, documents: list[Searchable], fulltext: bool = True) -> None:
        if not documents:
            return
        db = dialect()
        with connection.cursor() as cursor:
            ids = db.next_entry_ids(cursor, len(documents))
            # Plain executemany, not the ORM: a rebuild writes a row per live service here
            # and hundreds of thousands of category and point rows below.
            cursor.executemany(
                f"INSERT INTO {ENTRY} (id, service_id, kind, is_free, min_age, max_age, name, "
                "categories, summary, body, sort_name, card, tags) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        entry_id,
                        db.uuid_param(doc.service_id),
                        doc.kind,
                        doc.is_free,
                        doc.min_age,
                        doc.max_age,
                        doc.name[:255],
                        doc.categories,
                        doc.summary,
                        doc.body,
                        doc.sort_name,
                        doc.card,
                        doc.tags,
                    )
                    for entry_id, doc in zip(ids, documents, strict=True)
                ],
            )
        categories, points, openings = [], [], []
        for entry_id, doc in zip(ids, documents, strict=True):
            categories.extend((entry_id, code) for code in doc.codes)
            for latitude, longitude in doc.points:
                points.extend((entry_id, code, latitude, longitude) for code in ("", *doc.codes))
            for *session, valid_from, valid_to, bank_holidays in opening_rows(doc.openings):
                dates = [day.isoformat() if day else None for day in (valid_from, valid_to)]
                openings.append((entry_id, *session, *dates, bank_holidays))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {CATEGORY} (entry_id, code) VALUES (%s, %s)", categories
            )
            cursor.executemany(
                f"INSERT INTO {POINT} (entry_id, code, latitude, longitude) VALUES (%s, %s, %s, %s)",
                points,
            )
            cursor.executemany(
                f"INSERT INTO {OPENING} (entry_id, {', '.join(OPENING_COLUMNS)}) "
                f"VALUES ({_placeholders(range(len(OPENING_COLUMNS) + 1))})",
                openings,
            )
            if fulltext:
                db.write_fulltext(cursor, ids)

    def _change_word_counts(self, changes: Counter) -> None:
        """Add to (or, with negative numbers, take from) the vocabulary's document counts.

        Kept exact as services are indexed and removed, so relevance (IDF) and the common-word
        rule work on a directory that has never been rebuilt.
        """
        rows = [
            (word, max(change, 0), change, change) for word, change in changes.items() if change
        ]
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TERM} (word, documents) VALUES (%s, %s) ON CONFLICT (word) DO UPDATE "
                f"SET documents = CASE WHEN {TERM}.documents + %s < 0 THEN 0 "
                f"ELSE {TERM}.documents + %s END",
                rows,
            )

    # --- Searching --------------------------------------------------------------------------

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Autocomplete: matching category names, then live service names, for a typed prefix."""
        return _suggest(self, prefix, limit)

    def search(self, query: ServiceQuery) -> ServiceResults:
        started = time.perf_counter()
        groups = parse_query(query.text)
        suggestion = None
        if groups:
            corrected = self._correct_spelling(groups)
            if corrected is not None:
                groups, suggestion = corrected
            counts = self._word_counts({word for group in groups for word in group.words})
            groups, all_common = _without_common_words(groups, counts)
            # Only very common words ("support group"): match where they mean most.
            text = _Text(
                groups,
                columns=("name", "categories") if all_common else None,
                weights=_phrase_weights(groups, counts),
            )
            rows, total, facets, exact = self._text_search(query, text)
            if total == 0 and len(groups) > 1:
                text = dataclasses.replace(text, operator="OR")
                rows, total, facets, exact = self._text_search(query, text)
        elif query.has_point:
            rows, total, facets, exact = self._geo_page(query)
        else:
            rows, total, facets, exact = self._browse_page(query)
        return ServiceResults(
            hits=self._hits(rows),
            total=total,
            total_exact=exact,
            page=query.page,
            per_page=query.per_page,
            facets=facets,
            suggestion=suggestion,
            backend=self.name,
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def _filters(
        self, query: ServiceQuery, alias: str = "e", tagged: bool = False
    ) -> tuple[list[str], list]:
        """SQL conditions for the filters; `tagged`: kind and cost are full-text tags instead."""
        clauses, params = [], []
        if query.kind and not tagged:
            clauses.append(f"{alias}.kind = %s")
            params.append(query.kind)
        if query.free_only and not tagged:
            clauses.append(f"{alias}.is_free = %s")
            params.append(True)
        if query.age is not None:
            clauses.append(f"({alias}.min_age IS NULL OR {alias}.min_age <= %s)")
            clauses.append(f"({alias}.max_age IS NULL OR {alias}.max_age >= %s)")
            params.extend([query.age, query.age])
        if query.open_now:
            # An indexed check per listing (search/openings.py), not a list of open services.
            clause, extra = open_now_clause(OPENING, f"{alias}.id", timezone.localtime())
            clauses.append(clause)
            params.extend(extra)
        return clauses, params

    def _radius_squared(self, query: ServiceQuery) -> float:
        return (query.radius_miles / MILES_PER_DEGREE) ** 2

    def _text_search(self, query: ServiceQuery, text: "_Text"):
        """Text (and place, category, kind, cost) search with bounded work.

        The full-text index does the filtering it can (search.tags: categories, kind, cost and
        the grid cells around the place). Up to SCAN_LIMIT matches are all scored and counted
        exactly. Past that the total reads "at least" and only some are scored: with a place,
        those closer in (`_closer_radius`), so the nearest and best are among them; without
        one, those matching in a name or category, ranked first.
        """
        needed = query.page * query.per_page
        if query.categories:
            # Facets count what each category would add, so they need the matches without
            # the category filter: when those are few, one scan gives both.
            unfiltered = dataclasses.replace(query, categories=())
            matches = self._matches(unfiltered, text, query.radius_miles)
            if len(matches) <= SCAN_LIMIT:
                everything = self._scan(unfiltered, text, query.radius_miles, matches)
                scan = everything.in_categories(query.categories)
                return scan.page(query), scan.total, everything.facets(), True
        matches = self._matches(query, text, query.radius_miles)
        if len(matches) <= SCAN_LIMIT:
            scan = self._scan(query, text, query.radius_miles, matches)
            return scan.page(query), scan.total, scan.facets(), True
        if query.has_point:
            # The first matches in index order are a fair sample of where the matches lie.
            radius = self._closer_radius(matches[:SAMPLE_LIMIT], query)
            scan = self._scan(query, text, radius)
            while len(scan.candidates) < needed and radius < query.radius_miles:
                radius = min(query.radius_miles, radius * 1.5)  # too few that close: wider
                wider = self._scan(query, text, radius)
                if not wider.exact and scan.exact:
                    # Wider holds more than can be read: keep every nearer match, first.
                    scan.add(wider)
                    break
                scan = wider
        else:
            best = tuple(c for c in (text.columns or TOP_COLUMNS) if c in TOP_COLUMNS)
            scan = self._scan(query, dataclasses.replace(text, columns=best), None)
            if len(scan.candidates) < needed:
                wider = dataclasses.replace(text, limit=needed * 2)
                scan.add(self._scan(query, wider, None))
        # The total is what was checked against every filter: a true lower bound ("at least").
        # Categories are those the checked matches have, without (partial) counts.
        return scan.page(query), scan.total, dict.fromkeys(scan.facets()), False

    def _matches(self, query, text: "_Text", radius) -> list[int]:
        """Entry ids of the first `text.reads` matches, in index order: the full-text index alone.

        Cheap, since nothing is ranked: the index intersects the lists of the text and tags.
        """
        match_sql, params = dialect().bounded_match_sql(
            text.groups, text.operator, _tag_groups(query, radius), columns=text.columns
        )
        with connection.cursor() as cursor:
            cursor.execute(f"{match_sql} LIMIT %s", [*params, text.reads])
            return [entry_id for (entry_id,) in cursor.fetchall()]

    def _scan(self, query, text: "_Text", radius, matches: list[int] | None = None) -> "_Scan":
        """The matches (`_matches`, unless given) with what ranking and filtering need."""
        if matches is None:
            matches = self._matches(query, text, radius)
        rows = self._rows(query, matches[:SCAN_LIMIT], radius)
        limit_squared = None
        if query.has_point and radius is not None:
            limit_squared = (radius / MILES_PER_DEGREE) ** 2
        # Exact: the full-text index had no more matches than were read.
        return _Scan(rows, len(matches) < text.reads, limit_squared, text, self)

    def _rows(self, query, entry_ids: list[int], radius) -> list["_Row"]:
        """`_Row`s for the entries: distances (with a place) and the filters checked per row."""
        if not entry_ids:
            return []
        db = dialect()
        distance, distance_params = "NULL", []
        if query.has_point and radius is not None:
            d2, distance_params = _squared_distance(query)
            distance = f"(SELECT MIN({d2}) FROM {POINT} p WHERE p.entry_id = e.id AND p.code = '')"
        # Filters the full-text index can't apply (age, open now) are checked per row.
        clauses, filter_params = self._filters(query, tagged=True)
        passes = f"CASE WHEN {' AND '.join(clauses)} THEN 1 ELSE 0 END" if clauses else "1"
        among, among_params = db.in_id_list("e.id", entry_ids)
        sql = (
            f"SELECT e.id, {distance}, {passes}, "
            f"e.sort_name, e.categories, e.summary FROM {ENTRY} e WHERE {among}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*distance_params, *filter_params, *among_params])
            return [_Row._make(row) for row in cursor.fetchall()]

    def _closer_radius(self, sample: list[int], query: ServiceQuery) -> float:
        """A radius expected to hold about SCAN_LIMIT * CLOSER_SHARE matches, from a sample of them.

        The sample holds the first matches in index (insertion) order, which has nothing to
        do with place or text, so it is a fair one: the share of row ids it reached (its last
        id / the highest id) estimates how many matches there are in all.
        """
        distances = sorted(self._distances(query, sample))
        if not distances:
            return query.radius_miles
        lowest, highest = self._entry_id_range()
        reached = max(sample) - lowest + 1
        estimated = len(sample) * max(highest - lowest + 1, reached) / max(reached, 1)
        wanted = int(len(distances) * SCAN_LIMIT * CLOSER_SHARE / max(estimated, 1))
        radius = math.sqrt(distances[min(max(wanted, 1), len(distances)) - 1]) * MILES_PER_DEGREE
        return min(query.radius_miles, max(radius, 0.1))

    def _distances(self, query: ServiceQuery, entry_ids: list[int]) -> list[float]:
        """Squared distances (degrees, longitude scaled) of the entries' nearest locations.

        From the (entry, code, latitude, longitude) index alone: no text is read.
        """
        among, params = dialect().in_id_list("p.entry_id", entry_ids)
        d2, d2_params = _squared_distance(query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT MIN({d2}) FROM {POINT} p WHERE p.code = '' AND {among} "
                "GROUP BY p.entry_id",
                [*d2_params, *params],
            )
            return [d2 for (d2,) in cursor.fetchall()]

    def _entry_id_range(self) -> tuple[int, int]:
        with connection.cursor() as cursor:
            # Two subqueries, so each reads one end of the primary key.
            cursor.execute(f"SELECT (SELECT MIN(id) FROM {ENTRY}), (SELECT MAX(id) FROM {ENTRY})")
            lowest, highest = cursor.fetchone()
            return lowest or 0, highest or 0

    def _entry_codes(self, entry_ids) -> list[tuple[int, str]]:
        entry_ids = list(entry_ids)
        if not entry_ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT entry_id, code FROM {CATEGORY} "
                f"WHERE entry_id IN ({_placeholders(entry_ids)})",
                entry_ids,
            )
            return cursor.fetchall()

    def _geo_page(self, query: ServiceQuery):
        """Browse by place: counts from the point index (up to SCAN_LIMIT), then the nearest page.

        Everything reads the (code, latitude, longitude, entry) index. Counting stops at
        SCAN_LIMIT + 1 listings; past that the total is "at least 500" and the categories are
        listed by whether any listing in the radius has them, without counts.
        """
        from directory.models import TaxonomyTerm

        clauses, filter_params = self._filters(query)
        join = f"JOIN {ENTRY} e ON e.id = p.entry_id " if clauses else ""
        where = (" AND " + " AND ".join(clauses)) if clauses else ""
        min_lat, max_lat, min_lon, max_lon, _ = box_for(
            query.latitude, query.longitude, query.radius_miles
        )
        distance, distance_params = _squared_distance(query)
        radius_squared = self._radius_squared(query)

        def in_radius(codes, extra=""):
            return (
                f"FROM {POINT} p {join}WHERE p.code IN ({_placeholders(codes)}) "
                "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s "
                f"AND {distance} <= %s{where}{extra}",
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

        def capped_count(codes) -> int:
            sql, params = in_radius(codes)
            return self._fetch_value(
                f"SELECT COUNT(*) FROM (SELECT DISTINCT p.entry_id {sql} LIMIT %s) counted",
                [*params, SCAN_LIMIT + 1],
            )

        codes = tuple(query.categories) or ("",)
        total = capped_count(codes)
        everything = capped_count(("",)) if query.categories else total
        all_codes = list(TaxonomyTerm.objects.values_list("code", flat=True))
        exact = total <= SCAN_LIMIT
        if everything <= SCAN_LIMIT:
            sql, params = in_radius(all_codes, " GROUP BY p.code")
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT p.code, COUNT(DISTINCT p.entry_id) {sql}", params)
                facets = dict(cursor.fetchall())
        else:
            # Which categories are here at all: each check stops at its first listing.
            checks, params = [], []
            for code in all_codes:
                sql, code_params = in_radius([code])
                checks.append(f"SELECT %s WHERE EXISTS (SELECT 1 {sql})")
                params.extend([code, *code_params])
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(checks), params)
                facets = {code: None for (code,) in cursor.fetchall()}
        total = min(total, SCAN_LIMIT)
        offset = (query.page - 1) * query.per_page
        needed = offset + query.per_page
        if total == 0 or offset >= total:
            return [], total, facets, exact
        # Expanding box: start with the radius expected to hold the page at even density
        # (a third of that when the count stopped at the limit: the density is higher).
        spread = 1.5 if exact else 0.5
        radius = min(query.radius_miles, query.radius_miles * (needed / total) ** 0.5 * spread)
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
        rows = [
            (entry_id, miles_from_squared_degrees(d2), None)
            for entry_id, d2 in found[offset:needed]
        ]
        return rows, total, facets, exact

    @staticmethod
    def _fetch_value(sql: str, params: list):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def _hits(self, rows: list[tuple[int, float | None, float | None]]) -> list[ServiceHit]:
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
                service=ListedService.from_json(_uuid(cards[entry_id][0]), cards[entry_id][1]),
                distance_miles=miles,
                score=score,
            )
            for entry_id, miles, score in rows
            if entry_id in cards
        ]

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
            f"SELECT e.id, COUNT(*) OVER () FROM {ENTRY} e {where}"
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
        rows = [(entry_id, None, None) for entry_id, _ in fetched]
        return rows, total, facets, True

    # --- Relevance helpers ------------------------------------------------------------------

    def _word_counts(self, words: set[str]) -> dict[str, int]:
        """How many listings have each word, and (key TOTAL_KEY) how many are indexed.

        A word of STEM_MIN letters or more counts as its commonest form in the vocabulary
        starting with its `stem_prefix` ("scam" as "scams"), since that is what it matches.
        """
        parts, params = [f"SELECT %s, documents FROM {TERM} WHERE word = %s"], [TOTAL_KEY] * 2
        for word in sorted(words):
            start = stem_prefix(word)
            if len(start) < STEM_MIN:
                parts.append(f"SELECT %s, documents FROM {TERM} WHERE word = %s")
                params.extend([word, word])
            else:
                parts.append(
                    f"SELECT %s, MAX(documents) FROM {TERM} WHERE word >= %s AND word < %s"
                )
                params.extend([word, start, start[:-1] + chr(ord(start[-1]) + 1)])
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            return {word: max(documents, 0) for word, documents in cursor.fetchall() if documents}

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
            SearchTerm.objects.filter(
                word__in=[g.typed for g in unknown], documents__gt=0
            ).values_list("word", flat=True)
        )
        corrections: dict[str, str] = {}
        for group in unknown:
            word = group.typed
            if word in known or _stem_known(word, known):
                continue
            candidates = list(
                SearchTerm.objects.filter(word__startswith=word[0], documents__gt=0).values_list(
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


@dataclasses.dataclass(frozen=True)
class _Text:
    """What a text search matches: term groups joined by AND (or OR), in some columns, and
    how many matches to read at most.

    `weights` is the inverse document frequency of each phrase (`_phrase_weights`).
    """

    groups: list[TermGroup]
    operator: str = "AND"
    columns: tuple[str, ...] | None = None
    weights: dict = dataclasses.field(default_factory=dict)
    limit: int | None = None  # matches read at most; None: SCAN_LIMIT + 1

    @property
    def reads(self) -> int:
        return self.limit or SCAN_LIMIT + 1

    def scorer(self):
        """A function of a `_Row` giving its relevance, the same on every database.

        For each term group and each of the name, categories and summary: the best phrase
        found there, by inverse document frequency (a synonym counts SYNONYM_SHARE of the
        words as typed), times the column's weight; all summed. Not FTS5's bm25(), which
        counts the documents of every phrase in the query (tags too) by reading its whole
        list, on every search: here the counts come from the vocabulary (`SearchTerm`) and
        only the matched rows' short columns are read. Stored text is normalised (lower case,
        single spaces), so " carer" finds a word that starts so ("carers", as the stemmer
        would); a match only in the body scores nothing beyond the match itself.
        """
        groups = []
        for group in self.groups:
            phrases = [
                (_word_start(phrase), self.weights.get(phrase, 1.0) * (SYNONYM_SHARE if n else 1.0))
                for n, phrase in enumerate(group.alternatives)
            ]
            # Best first, so the first phrase found in a column is the one that counts.
            groups.append(sorted(phrases, key=lambda phrase: -phrase[1]))

        def score(row: _Row) -> float:
            total = 0.0
            for text, weight in (
                (" " + row.sort_name, NAME_WEIGHT),
                (" " + row.categories, CATEGORIES_WEIGHT),
                (" " + row.summary, SUMMARY_WEIGHT),
            ):
                for phrases in groups:
                    for needle, idf in phrases:
                        if needle in text:
                            total += weight * idf
                            break
            return total

        return score


def _phrase_weights(groups: list[TermGroup], counts: dict[str, int]) -> dict[tuple, float]:
    """BM25's inverse document frequency for each phrase, from the vocabulary's counts.

    A phrase is taken to be as rare as its rarest word; a word not in the vocabulary as rare
    as can be.
    """
    weights = {}
    for group in groups:
        for phrase in group.alternatives:
            documents = min(counts.get(word, 0) for word in phrase)
            total = max(counts.get(TOTAL_KEY, 0), documents, 1)
            weights[phrase] = math.log(1 + (total - documents + 0.5) / (documents + 0.5))
    return weights


def _word_start(phrase: tuple[str, ...]) -> str:
    """The text that starts `phrase` in normalised text: " looking after", " carer"."""
    *first, last = phrase
    return " " + " ".join([*first, stem_prefix(last)])


def stem_prefix(word: str) -> str:
    """The word less a common English ending, kept to STEM_MIN letters ("carers" -> "carer")."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= STEM_MIN:
            return word[: -len(ending)]
    return word


def _squared_distance(query: ServiceQuery) -> tuple[str, list]:
    """SQL for a point row `p`'s squared distance from the query's place, and its parameters.

    In degrees of latitude, longitude scaled by cos(latitude); compared with squared radii.
    """
    scale = max(math.cos(math.radians(query.latitude)), 0.01) ** 2
    return (
        "((p.latitude - %s) * (p.latitude - %s) + (p.longitude - %s) * (p.longitude - %s) * %s)",
        [query.latitude, query.latitude, query.longitude, query.longitude, scale],
    )


def _tag_groups(query: ServiceQuery, radius: float | None) -> list[list[str]]:
    """The filters as full-text tags (search.tags): a list of groups, each one of its tags."""
    groups = []
    if query.categories:
        groups.append([category_tag(code) for code in query.categories])
    if query.kind:
        groups.append([kind_tag(query.kind)])
    if query.free_only:
        groups.append([FREE_TAG])
    if query.has_point and radius is not None:
        cells = cover(query.latitude, query.longitude, radius)
        if cells:
            groups.append(cells)
    return groups


class _Row(NamedTuple):
    """One match of a scan, with what ranking it needs (text columns as indexed)."""

    entry_id: int
    d2: float | None  # squared distance in degrees (longitude scaled), with a place
    passes: int  # 1 when the filters checked per row (age, open now) pass
    sort_name: str
    categories: str
    summary: str


class _Scan:
    """The matches of one bounded scan.

    `exact` when the scan saw every match; `candidates` are the matches that pass every
    filter (the radius included).
    """

    def __init__(self, rows: list[_Row], exact: bool, limit_squared, text: "_Text", backend):
        self.backend = backend
        self.text = text
        self.exact = exact
        self.rows = rows
        self.candidates = [
            row
            for row in self.rows
            if row.passes
            and (limit_squared is None or (row.d2 is not None and row.d2 <= limit_squared))
        ]
        self.preferred: set[int] = set()
        self._codes: list[tuple[int, str]] | None = None

    @property
    def total(self) -> int:
        return len(self.candidates)

    def codes(self) -> list[tuple[int, str]]:
        """(entry id, category code) of the candidates, codes with their ancestors."""
        if self._codes is None:
            self._codes = self.backend._entry_codes(row.entry_id for row in self.candidates)
        return self._codes

    def in_categories(self, categories) -> "_Scan":
        """The candidates in any of `categories` (as the category tags would have matched)."""
        wanted = set(categories)
        inside = {entry_id for entry_id, code in self.codes() if code in wanted}
        # The candidates passed every filter already, so no radius is given again.
        kept = [row for row in self.candidates if row.entry_id in inside]
        return _Scan(kept, self.exact, None, self.text, self.backend)

    def add(self, other: "_Scan") -> None:
        """Rank `other`'s candidates after these (nearer, or matched in a name or category)."""
        self.preferred = {row.entry_id for row in self.candidates}
        self.candidates.extend(
            row for row in other.candidates if row.entry_id not in self.preferred
        )

    def facets(self) -> dict[str, int]:
        return dict(Counter(code for _, code in self.codes()))

    def page(self, query: ServiceQuery) -> list[tuple]:
        """(entry id, miles, score) for the candidates on the page asked for, best first."""
        decay = (DISTANCE_DECAY_MILES / MILES_PER_DEGREE) ** 2
        preferred = self.preferred
        score = self.text.scorer()
        scored = [(row, score(row)) for row in self.candidates]

        def key(item):
            row, relevance = item
            first = 0 if row.entry_id in preferred else 1
            if row.d2 is not None and query.sort == "distance":
                return (first, row.d2, -relevance, row.sort_name)
            if row.d2 is not None:
                return (first, -relevance / (1.0 + row.d2 / decay), row.sort_name)
            return (first, -relevance, row.sort_name)

        offset = (query.page - 1) * query.per_page
        ranked = sorted(scored, key=key)[offset : offset + query.per_page]
        return [
            (row.entry_id, miles_from_squared_degrees(row.d2), relevance)
            for row, relevance in ranked
        ]


def _without_common_words(
    groups: list[TermGroup], counts: dict[str, int]
) -> tuple[list[TermGroup], bool]:
    """Drop words found in most listings when rarer words narrow the search anyway.

    A typed word in more than COMMON_WORD_SHARE of listings is dropped when other typed
    words remain; a one-word synonym that common is dropped from its group (it narrows
    nothing, and matching it costs a pass over a quarter of the index). Only in directories
    of COMMON_WORD_MIN_INDEX listings or more. Returns the groups to search for, and
    whether every typed word was common.
    """
    single_words = {
        phrase[0] for group in groups for phrase in group.alternatives if len(phrase) == 1
    }
    if not single_words:
        return groups, False
    total = counts.get(TOTAL_KEY, 0)
    if total < COMMON_WORD_MIN_INDEX:
        return groups, False
    common = {word for word in single_words if counts.get(word, 0) > COMMON_WORD_SHARE * total}
    groups = [_without_common_synonyms(group, common) for group in groups]
    kept = [
        group
        for group in groups
        if not (len(group.alternatives) == 1 and group.alternatives[0] in {(w,) for w in common})
    ]
    return (kept, False) if kept else (groups, True)


def _without_common_synonyms(group: TermGroup, common: set[str]) -> TermGroup:
    """The group less its one-word alternatives in `common`, except the first (as typed)."""
    first, *others = group.alternatives
    kept = [phrase for phrase in others if not (len(phrase) == 1 and phrase[0] in common)]
    if len(kept) == len(others):
        return group
    return dataclasses.replace(group, alternatives=(first, *kept))


def _stem_known(word: str, known: set[str]) -> bool:
    return word.rstrip("s") in known


def _count_words(counts: Counter, documents: list[Searchable]) -> Counter:
    """Add each document's vocabulary words to `counts`, once per document; returns `counts`."""
    for doc in documents:
        counts.update(_words_of(doc.normalised_name, doc.categories, doc.summary, doc.body))
    return counts


def _indexed_words(name: str, categories: str, summary: str, body: str) -> set[str]:
    """The vocabulary words of an indexed row (name as stored, other columns normalised)."""
    return _words_of(normalise(name), categories, summary, body)


def _words_of(*normalised: str) -> set[str]:
    words = set(" ".join(normalised).split())
    return {word for word in words if 3 <= len(word) <= 40} - STOP_WORDS


_SYNONYM_WORDS = frozenset(
    word for term in SYNONYMS for word in normalise(term).split() if len(word) >= 3
)


def _uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


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

# ruff: noqa: S608 -- SQL text is built only from constant names and placeholders; values are parameters.
"""The SQL that differs between the databases: SQLite's FTS5 and PostgreSQL's tsvector.

On SQLite the full text lives in an FTS5 table `search_fts` (external content = the entry
table); on PostgreSQL a weighted tsvector in a narrow table of its own with a GIN index. `dialect()`
gives the one for the current connection; everything else in the backend is common SQL.
"""

import json

from django.db import connection

from search.backends.database.tables import (
    BATCH,
    CATEGORY,
    ENTRY,
    FEATURE,
    OPENING,
    POINT,
    TERM,
    TEXT,
    as_uuid,
    placeholders,
)
from search.text import TermGroup


class SqliteDialect:
    """FTS5: a `search_fts` table beside the entries, kept in step by hand."""

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

    def bounded_match_sql(self, groups, operator, tags, columns=None, few=False):
        """Matches (unscored) of the text in the text columns (or `columns`) and every tag group.

        `few` (matches expected to be few: scan.few_matches) changes nothing here: FTS5
        reads its lists in id order either way."""
        expression = self.match_expression(groups, operator)
        text_columns = columns or ("name", "categories", "summary", "body")
        parts = ["{" + " ".join(text_columns) + "} : (" + expression + ")"]
        parts.extend("tags : (" + " OR ".join(group) + ")" for group in tags)
        return (
            "SELECT rowid AS entry_id FROM search_fts WHERE search_fts MATCH %s",
            [" AND ".join(parts)],
        )

    @staticmethod
    def estimated_matches(groups, operator, tags, columns=None) -> None:
        """None: FTS5 reads its lists in id order however many match, so nothing is chosen."""
        return None

    @staticmethod
    def as_text(column: str) -> str:
        return column

    @staticmethod
    def joined(expression: str) -> str:
        """An aggregate of `expression`'s values joined by spaces (NULL when there are none)."""
        return f"group_concat({expression}, ' ')"

    @staticmethod
    def uuid_param(value) -> str:
        return as_uuid(value).hex  # how Django stores a UUIDField on SQLite

    @staticmethod
    def next_entry_ids(cursor, count: int) -> list[int]:
        # Writes are serialised on SQLite (BEGIN IMMEDIATE), so MAX(id) + 1 is safe.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {ENTRY}")
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))

    @staticmethod
    def in_id_list(column: str, ids: list[int]) -> tuple[str, list]:
        return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]

    @staticmethod
    def insert_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert `rows` (values of `columns`, in order) into `table`."""
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(columns)})", rows
        )

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

    vacuums_after_rebuild = False  # the rebuild's ANALYZE, in its transaction, is enough

    def tidy_after_rebuild(self, cursor) -> None:
        """Nothing to tidy."""

    @staticmethod
    def prepare_bulk_load(cursor, tables) -> list[str]:
        """Drop the tables' own indexes (not those of constraints); returns how to recreate them
        (the statements to run once the tables are full).

        A rebuild fills the tables first and indexes them after: building an index from
        all the rows at once is quicker than keeping it up to date row by row. Readers are
        not held up: in WAL mode they go on reading the last committed index.
        """
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({placeholders(tables)}) ORDER BY name",
            list(tables),
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in indexes]


class PostgresDialect:
    """The full text as a weighted tsvector in a narrow table of its own (`TEXT`, one row per
    entry, same id) with a GIN index: the text columns weighted A (name) to D (body), then the
    filter tags (search.tags, unstemmed, unweighted), so one GIN scan intersects the text's and
    the tags' lists, and finding the first matches in id order reads narrow rows only.
    """

    vendor = "postgresql"
    # The name is read normalised (sort_name: no accents, as search.text.normalise gives the
    # query), so "cafe" finds "Café" as on SQLite (FTS5 remove_diacritics).
    DOCUMENT = (
        "setweight(to_tsvector('english', coalesce(sort_name, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(categories, '')), 'B') || "
        "setweight(to_tsvector('english', coalesce(summary, '')), 'C') || "
        "setweight(to_tsvector('english', coalesce(body, '')), 'D') || "
        "to_tsvector('simple', coalesce(tags, ''))"
    )
    GIN_INDEX = "search_text_document_gin"
    REBUILT_TEXT = "search_rebuilt_text"  # a rebuild's temporary table (rebuild_fulltext)

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

    def match_sql(self, groups, operator, *, scored=True, columns=None, tags=None):
        # Column restriction uses the weight labels: A = name, B = categories.
        weights = "".join({"name": "A", "categories": "B"}[c] for c in columns) if columns else ""
        expression = self.match_expression(groups, operator, weights)
        score = ", ts_rank('{0.25, 0.5, 0.75, 1.0}', t.document, q) AS score" if scored else ""
        query, params = "to_tsquery('english', %s)", [expression]
        if tags:
            # Tags are [a-z0-9]+ (search.tags), safe as tsquery operands; 'simple': as stored.
            query += " && to_tsquery('simple', %s)"
            params.append(" & ".join("(" + " | ".join(group) + ")" for group in tags))
        return (
            f"SELECT t.entry_id AS entry_id{score} FROM {TEXT} t, (SELECT {query} AS q) asked "
            "WHERE t.document @@ q",
            params,
        )

    def bounded_match_sql(self, groups, operator, tags, columns=None, few=False):
        """Matches (unscored) of the text in the text columns (or `columns`) and every tag group.

        In id order, as FTS5 gives them: the first matches are then the first indexed, a
        fair sample of place and text (`closer_radius`). Without it PostgreSQL returns them
        in table order, which updates reshuffle. With `few` (scan.few_matches) the order is
        by an expression of the id, which no index gives: PostgreSQL then collects the
        matches from the GIN index and sorts them, instead of walking the primary key and
        testing each listing until enough match.
        """
        sql, params = self.match_sql(groups, operator, scored=False, columns=columns, tags=tags)
        return sql + (" ORDER BY t.entry_id + 0" if few else " ORDER BY t.entry_id"), params

    def estimated_matches(self, groups, operator, tags, columns=None) -> int:
        """The planner's estimate of the matches (EXPLAIN: planned, not run, ~0.5 ms).

        It knows how common each tag is (the statistics of the tsvector's elements), which
        the vocabulary does not; it takes a phrase's words and the weights asked for as no
        narrower than the words anywhere, so it errs high.
        """
        sql, params = self.match_sql(groups, operator, scored=False, columns=columns, tags=tags)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            (plan,) = cursor.fetchone()  # json: decoded by psycopg (Django leaves only jsonb raw)
        return int(plan[0]["Plan"]["Plan Rows"])

    @staticmethod
    def as_text(column: str) -> str:
        return f"{column}::text"

    @staticmethod
    def joined(expression: str) -> str:
        """An aggregate of `expression`'s values joined by spaces (NULL when there are none)."""
        return f"string_agg({expression}, ' ')"

    @staticmethod
    def uuid_param(value):
        return as_uuid(value)

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

    @staticmethod
    def insert_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert `rows` (values of `columns`, in order) into `table` with COPY: one stream,
        not a statement a row (a rebuild writes hundreds of thousands of rows)."""
        if not rows:
            return
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def write_fulltext(self, cursor, entry_ids: list[int]) -> None:
        for start in range(0, len(entry_ids), BATCH):
            cursor.execute(
                f"INSERT INTO {TEXT} (entry_id, document) "
                f"SELECT id, {self.DOCUMENT} FROM {ENTRY} WHERE id = ANY(%s)",
                [entry_ids[start : start + BATCH]],
            )

    def delete_fulltext(self, cursor, entry_ids) -> None:
        for start in range(0, len(entry_ids), BATCH):
            cursor.execute(
                f"DELETE FROM {TEXT} WHERE entry_id = ANY(%s)", [entry_ids[start : start + BATCH]]
            )

    def clear_fulltext(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {TEXT}")

    def rebuild_fulltext(self, cursor) -> None:
        """Every entry's tsvector, worked out by parallel workers into a temporary table and
        then copied in.

        `INSERT … SELECT` runs in one process; `CREATE TABLE … AS` may share the SELECT
        among parallel workers, and working out the tsvectors (stemming every word) is most
        of the cost: at 100,000 listings on 2 cores, 10.8 s in one statement against 4.8 s
        for the table and 1.5 s to copy it in.
        """
        cursor.execute(
            f"CREATE TEMPORARY TABLE {self.REBUILT_TEXT} AS "
            f"SELECT id AS entry_id, {self.DOCUMENT} AS document FROM {ENTRY}"
        )
        cursor.execute(
            f"INSERT INTO {TEXT} (entry_id, document) "
            f"SELECT entry_id, document FROM {self.REBUILT_TEXT}"
        )
        cursor.execute(f"DROP TABLE {self.REBUILT_TEXT}")

    TABLES = (ENTRY, TEXT, CATEGORY, POINT, OPENING, FEATURE, TERM)

    def analyse(self, cursor) -> None:
        for table in self.TABLES:
            cursor.execute(f"ANALYZE {table}")

    vacuums_after_rebuild = True

    def tidy_after_rebuild(self, cursor) -> None:
        """VACUUM (ANALYZE) the index's tables, outside the rebuild's transaction.

        A rebuild deletes every old row: until they are vacuumed, planning a search near a
        place took ~75 ms (the planner probes the point index's ends for the actual lowest
        and highest latitude, wading through the dead entries; PostgreSQL 15), against
        well under 1 ms after. Autovacuum would get there, minutes later.

        Then the GIN index is built again beside the one in use (`REINDEX CONCURRENTLY`:
        searches and publishing go on meanwhile; it waits for transactions already under
        way). Entries merged into it from the pending list, a rebuild after another, leave it
        several times the size of one built from the rows at once: 146 MB after the first
        rebuild of 100,000 listings and 165 MB after the fourth, against 18 MB built afresh
        (3.4 s). The same 150 searches (text + place + category) before and after: p50 31 ->
        27 ms, p95 60 -> 49, once, on a machine whose runs vary by a fifth.
        """
        for table in self.TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
        cursor.execute(f"REINDEX INDEX CONCURRENTLY {self.GIN_INDEX}")

    @staticmethod
    def prepare_bulk_load(cursor, tables) -> list[str]:
        """Nothing dropped: DROP INDEX would lock searches out until the rebuild commits.

        Instead the GIN index's pending list may grow for this transaction: new entries are
        appended to it and merged into the index in bulk at the end (one sorted pass), not
        inserted into the index row by row. The returned statement does that merge before
        the commit, so no search after it scans a long pending list.
        """
        cursor.execute("SET LOCAL gin_pending_list_limit = '512MB'")
        return [f"SELECT gin_clean_pending_list('{PostgresDialect.GIN_INDEX}'::regclass)"]


def dialect() -> SqliteDialect | PostgresDialect:
    """The SQL dialect of the current database connection (SQLite or PostgreSQL only)."""
    if connection.vendor == "postgresql":
        return PostgresDialect()
    if connection.vendor == "sqlite":
        return SqliteDialect()
    raise NotImplementedError(f"No database search for {connection.vendor}")

"""The default backend: a search index of our own in the database.

Tables (search/models.py): `SearchIndexEntry` (one row per live service, denormalised filter
columns and text), `SearchIndexCategory` (codes with ancestors), `SearchIndexPoint` (one row
per location and category code, with a composite (code, latitude, longitude, entry) index) and
`SearchIndexOpening` (weekly opening sessions, for "open now", days and evenings:
search/openings.py) and `SearchIndexFeature` (access features, languages, "no referral needed":
search.features).
Full text lives in an FTS5 table `search_fts` (external content = the entry table) on SQLite and
in a weighted tsvector (`SearchIndexText`, a narrow table with a GIN index) on PostgreSQL.

A text search asks the full-text index for the ids of at most SCAN_LIMIT + 1 matches (text,
categories, kind, cost and the grid cells around the place are all in that index: search.tags),
reads those rows with their distances, and ranks them in Python (`ranking.scorer`, the same on
both databases). docs/search.md says how the work stays bounded past SCAN_LIMIT matches.
Browsing by place alone never touches the text: it reads the point index, with an expanding box
for the nearest page.

The modules, by concept:
- `tables`: the table names and small SQL helpers;
- `dialects`: the SQL that differs between SQLite (FTS5) and PostgreSQL (tsvector);
- `writer`: writing and removing entries, and rebuilding the whole index;
- `scan`: reading candidates (bounded text scans, browsing by place or by name);
- `ranking`: relevance in Python (inverse document frequency), common words;
- `spelling`: "did you mean" and autocomplete suggestions;
- `backend`: `DatabaseBackend`, which puts them together.

Other apps use `search.api` (e.g. `search.api.match_expression`), not these modules.
"""

from search.backends.database.backend import DatabaseBackend
from search.backends.database.dialects import PostgresDialect, SqliteDialect, dialect
from search.backends.database.ranking import (
    CATEGORIES_WEIGHT,
    COMMON_WORD_MIN_INDEX,
    COMMON_WORD_SHARE,
    DISTANCE_DECAY_MILES,
    NAME_WEIGHT,
    STEM_MIN,
    SUMMARY_WEIGHT,
    SYNONYM_SHARE,
    stem_prefix,
)
from search.backends.database.scan import CLOSER_SHARE, SAMPLE_LIMIT, SCAN_LIMIT, TOP_COLUMNS
from search.backends.database.tables import (
    BATCH,
    CATEGORY,
    ENTRY,
    FEATURE,
    OPENING,
    POINT,
    TERM,
    TOTAL_KEY,
)

__all__ = [
    "BATCH",
    "CATEGORIES_WEIGHT",
    "CATEGORY",
    "CLOSER_SHARE",
    "COMMON_WORD_MIN_INDEX",
    "COMMON_WORD_SHARE",
    "DISTANCE_DECAY_MILES",
    "ENTRY",
    "FEATURE",
    "NAME_WEIGHT",
    "OPENING",
    "POINT",
    "SAMPLE_LIMIT",
    "SCAN_LIMIT",
    "STEM_MIN",
    "SUMMARY_WEIGHT",
    "SYNONYM_SHARE",
    "TERM",
    "TOP_COLUMNS",
    "TOTAL_KEY",
    "DatabaseBackend",
    "PostgresDialect",
    "SqliteDialect",
    "dialect",
    "stem_prefix",
]

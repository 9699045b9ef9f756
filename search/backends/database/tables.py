"""The database index's tables, as its SQL names them, and small helpers for that SQL.

The tables are search/models.py's: `SearchIndexEntry` (ENTRY), `SearchIndexCategory`,
`SearchIndexPoint`, `SearchIndexOpening`, `SearchIndexFeature`, `SearchIndexText` (TEXT, PostgreSQL's
full text) and the vocabulary `SearchTerm` (TERM).
"""

import uuid

ENTRY = "search_searchindexentry"
CATEGORY = "search_searchindexcategory"
POINT = "search_searchindexpoint"
OPENING = "search_searchindexopening"
FEATURE = "search_searchindexfeature"
TERM = "search_searchterm"
TEXT = "search_searchindextext"  # PostgreSQL's full text (SQLite: the FTS5 table search_fts)
TOTAL_KEY = ""  # SearchTerm row holding the number of indexed services
BATCH = 1000


def placeholders(values) -> str:
    """One "%s" placeholder for each of `values`, comma-separated."""
    return ", ".join(["%s"] * len(values))


def as_uuid(value) -> uuid.UUID:
    """`value` (a UUID, or its text in any form the database returns) as a UUID."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))

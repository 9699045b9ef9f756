"""Demo data for search: rebuild the index after the directory's demo listings are loaded."""

from search.backends import database_backend


def load(stdout, listings: int = 0, seed: int = 0) -> None:
    """Rebuild the database search index (idempotent; listings may have been bulk-created)."""
    count = database_backend().rebuild()
    stdout.write(f"  Search index rebuilt: {count} live services.")

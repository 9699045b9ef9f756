"""Search backends behind one interface (search.backends.base.SearchBackend).

`get_backend()` returns the configured backend (settings.SEARCH_BACKEND); `database_backend()`
is always available and is the fallback when Elasticsearch cannot answer.
"""

from django.conf import settings

from search.backends.base import BackendUnavailable, SearchBackend
from search.backends.database import DatabaseBackend

__all__ = ["BackendUnavailable", "SearchBackend", "database_backend", "get_backend"]


def database_backend() -> DatabaseBackend:
    """The database backend: always available, and the fallback when another can't answer."""
    return DatabaseBackend()


def get_backend(name: str | None = None) -> SearchBackend:
    """The backend called `name`, by default settings.SEARCH_BACKEND ("database" if unset)."""
    name = name or getattr(settings, "SEARCH_BACKEND", "database")
    if name == "elasticsearch":
        # Imported here, not at the top: the Elasticsearch client takes ~3 s to import, and
        # sites that search the database (the default) never need it.
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    return DatabaseBackend()

"""Search backends behind one interface (search.backends.base.SearchBackend).

`get_backend()` returns the configured backend (settings.SEARCH_BACKEND); `database_backend()`
is always available and is the fallback when Elasticsearch cannot answer.
"""

from django.conf import settings

from search.backends.base import BackendUnavailable, SearchBackend
from search.backends.database import DatabaseBackend

__all__ = ["BackendUnavailable", "SearchBackend", "database_backend", "get_backend"]


def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or getattr(settings, "SEARCH_BACKEND", "database")
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    return DatabaseBackend()

"""The public search categories, kept in memory instead of read on every results page.

The results page needs every public category (the form's choices, the facets' names, related
categories) on every search, and they change only when someone edits the vocabulary in the
admin. So each process keeps the list it read, with the **version** of the categories it read
it under; the version lives in Django's cache (Redis when REDIS_URL is set, shared by every app
server; else this process's memory), and a page asks only for that number (a cached list of
model instances cost more to unpickle, ~0.3 ms, than the query). A warm process costs the page
no query.

Nothing here is about a visitor: the same list for everyone. Saving or deleting a taxonomy
term or vocabulary sets a new version, at once and again when that change commits (so a list
read while the change was being made is not kept), and every process reads the categories
again on its next page. A list is also read again after TIMEOUT seconds whatever the version
says: the backstop for a change made without signals (`update()`, raw SQL) and for processes
that could not see the shared version (Redis down: portal.cache.FallbackRedisCache answers
from each process's memory meanwhile). A cache that fails outright costs the query each time.
"""

import threading
import time

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from directory.models import Taxonomy, TaxonomyTerm
from search.pagecache import cache_add, cache_get, cache_set

VERSION_KEY = "search:categories-version"
TIMEOUT = 300  # seconds a process keeps a list, whatever the version says

_kept = threading.local()  # per thread: (version, read at (monotonic), list)


def public_categories() -> list[TaxonomyTerm]:
    """The public categories (TaxonomyTerm.objects.categories(), parents loaded), in name order.

    The list is shared by the pages this thread serves: read it, never change it."""
    version = categories_version()
    kept = getattr(_kept, "value", None)
    now = time.monotonic()
    if version is not None and kept and kept[0] == version and now - kept[1] < TIMEOUT:
        return kept[2]
    found = list(TaxonomyTerm.objects.categories().select_related("parent"))
    _kept.value = (version, now, found) if version is not None else None
    return found


def categories_version() -> int | None:
    """The categories' current version (None: the cache cannot say, so nothing is kept)."""
    version = cache_get(VERSION_KEY)
    if version is None:
        # Never a number used before, even if the key was evicted or the cache emptied.
        cache_add(VERSION_KEY, time.time_ns(), None)
        version = cache_get(VERSION_KEY)
    return version


def _new_version() -> None:
    cache_set(VERSION_KEY, time.time_ns(), None)


def forget_categories(sender=None, **kwargs) -> None:
    """Signal receiver: a new version of the categories now and again when the change commits."""
    _new_version()
    transaction.on_commit(_new_version)


def connect() -> None:
    """Drop the cached categories when a term or vocabulary is saved or deleted."""
    for model in (TaxonomyTerm, Taxonomy):
        name = model._meta.model_name
        post_save.connect(forget_categories, sender=model, dispatch_uid=f"search_{name}_saved")
        post_delete.connect(forget_categories, sender=model, dispatch_uid=f"search_{name}_deleted")

"""Paging the ORUK API's long lists by their standard `page`/`per_page` with exact totals,
without counting every row or skipping over them on each request.

A list (live services, live organisations, with the caller's filters) is always ordered by
(name, id), which the indexes of migration 0008 serve. The first request for a list makes
one pass over its (name, id) pairs in that order and caches a summary: the exact total and a
"mark" every STRIDE rows (the (name, id) of that row). A page then seeks from the nearest
mark before it (`name >= mark` on the index) and skips fewer than STRIDE rows, so page 50 and
the last page cost what page 1 costs. Seeking gives the same rows as OFFSET would: the order
is total (id breaks ties in name) and the comparison is the database's own.

The summary is cached under the listings' version, which changes when anything a list is
filtered or ordered by is saved or deleted (the signals connected in `connect()`); a
publish, unpublish or delete therefore never leaves a stale total. TIMEOUT is the backstop
for a change made without signals (a queryset `update()`, raw SQL). With a shared cache
(Redis) every app server sees the same version.
"""

import contextlib
import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import published, unpublished

from directory.models import (
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

ORDER = ("name", "id")
STRIDE = 500  # rows between marks: the most a page skips (and MAX_PER_PAGE)
TIMEOUT = 600  # seconds a summary is kept at most
VERSION_KEY = "directory:listings-version"
# Parameters that choose a page of a list, not the list itself (`place` is derived from
# `postcode`, which is in the key).
NOT_IN_KEY = frozenset({"page", "per_page", "place"})


def listings_version() -> int:
    """The current version of the listings; a new one after any change that alters a list."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # Never a number used before, even if the key was evicted or the cache emptied.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _bump() -> None:
    with contextlib.suppress(ValueError):  # no version yet: the next read starts one
        cache.incr(VERSION_KEY)


def bump_listings_version(**kwargs) -> None:
    """Signal receiver: a new version now, and again when the change commits (so a summary
    worked out between the save and the commit is not kept either)."""
    _bump()
    transaction.on_commit(_bump)


def summary_key(kind: str, params: dict) -> str:
    chosen = sorted((name, repr(value)) for name, value in params.items() if name not in NOT_IN_KEY)
    digest = hashlib.sha256(repr(chosen).encode()).hexdigest()[:32]
    return f"oruk:paging:{listings_version()}:{kind}:{digest}"


def summary(rows) -> dict:
    """The exact total of `rows` and the (name, id) of every STRIDE-th row, in one pass."""
    marks, total = [], 0
    for position, row in enumerate(rows.order_by(*ORDER).values_list(*ORDER).iterator(2000)):
        if position and position % STRIDE == 0:
            marks.append(row)
        total = position + 1
    return {"total": total, "marks": marks}


def page_of(rows, kind: str, params: dict) -> tuple[int, object]:
    """The exact total of `rows` and its page `params["page"]` of `params["per_page"]` rows
    in (name, id) order, as a sliced queryset (None when the page is past the end)."""
    key = summary_key(kind, params)
    found = cache.get(key)
    if found is None:
        found = summary(rows)
        cache.set(key, found, TIMEOUT)
    total, per_page = found["total"], params["per_page"]
    start = (params["page"] - 1) * per_page
    if start >= total:
        return total, None
    ordered = rows.order_by(*ORDER)
    mark = min(start // STRIDE, len(found["marks"]))
    if mark:
        name, pk = found["marks"][mark - 1]
        # `name >= mark` alone is the index range; the OR is checked within it.
        ordered = ordered.filter(Q(name__gt=name) | Q(name=name, pk__gte=pk), name__gte=name)
    skip = start - mark * STRIDE
    return total, ordered[skip : skip + per_page]


def connect() -> None:
    """Bump the version when a listing, or anything the lists filter or order by, changes
    (directory.apps, once the models are ready)."""
    for model in (Service, Organisation, Location, ServiceAtLocation, Schedule, TaxonomyTerm):
        name = model._meta.model_name
        post_save.connect(bump_listings_version, sender=model, dispatch_uid=f"oruk_saved_{name}")
        post_delete.connect(
            bump_listings_version, sender=model, dispatch_uid=f"oruk_deleted_{name}"
        )
    published.connect(bump_listings_version, sender=Service, dispatch_uid="oruk_published")
    unpublished.connect(bump_listings_version, sender=Service, dispatch_uid="oruk_unpublished")
    m2m_changed.connect(
        bump_listings_version,
        sender=Service.taxonomy_terms.through,
        dispatch_uid="oruk_service_terms",
    )

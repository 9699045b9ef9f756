# ruff: noqa: S608 -- SQL text is built only from constant names and placeholders; values are parameters.
"""Writing the database index: entries for services, removing them, rebuilding it all.

Each live service is one `SearchIndexEntry` row with its category, point and opening rows
and its full text (dialects). The vocabulary (`SearchTerm`: how many listings have each
word, and under TOTAL_KEY how many are indexed) is kept exact as services come and go, so
relevance (ranking) never needs a rebuild.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from directory.models import Service
from search.backends.database.dialects import dialect
from search.backends.database.tables import (
    BATCH,
    CATEGORY,
    ENTRY,
    FEATURE,
    OPENING,
    POINT,
    TERM,
    TOTAL_KEY,
    placeholders,
)
from search.indexing import Searchable, documents_for, iter_live_documents, searchable_services
from search.models import SearchIndexEntry, SearchTerm
from search.openings import OPENING_COLUMNS, opening_rows
from search.text import STOP_WORDS, normalise


def index_services(ids: list) -> None:
    """(Re)index the services with these ids; those not live are removed from the index."""
    with transaction.atomic():
        changes = Counter()
        remove_services(ids, word_changes=changes)
        documents = documents_for(Service.objects.filter(pk__in=ids))
        _insert(documents)
        changes.update(count_words(Counter(), documents))
        changes[TOTAL_KEY] += len(documents)
        # One pass over the vocabulary for the removal and the insertion together: see
        # _change_word_counts on why one sorted pass cannot deadlock with another server's.
        _change_word_counts(changes)


def remove_services(service_ids: Iterable, word_changes: Counter | None = None) -> None:
    """Take the services with these ids out of the index (those not in it are ignored).

    The vocabulary's counts are lowered here, or, given `word_changes`, the decrements are
    added to it for the caller to apply with its own (one pass: index_services)."""
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
        if word_changes is None:
            _change_word_counts(Counter({word: -n for word, n in removed.items()}))
        else:
            word_changes.subtract(removed)
        dialect().delete_fulltext(cursor, entry_ids)
        tables = (
            (CATEGORY, "entry_id"),
            (POINT, "entry_id"),
            (OPENING, "entry_id"),
            (FEATURE, "entry_id"),
        )
        for table, column in (*tables, (ENTRY, "id")):
            for start in range(0, len(entry_ids), BATCH):
                chunk = entry_ids[start : start + BATCH]
                cursor.execute(
                    f"DELETE FROM {table} WHERE {column} IN ({placeholders(chunk)})", chunk
                )


def rebuild_index(progress=None) -> int:
    """Rebuild the whole index in one transaction; returns the number of services indexed.

    `progress`, if given, is called with the number of services just indexed.
    """

    db = dialect()
    count = 0
    word_counts: Counter = Counter()
    outermost = not connection.in_atomic_block  # VACUUM cannot run inside a transaction
    with transaction.atomic(), connection.cursor() as cursor:
        db.clear_fulltext(cursor)
        finish = db.prepare_bulk_load(cursor, (ENTRY, CATEGORY, POINT, OPENING, FEATURE))
        for table in (CATEGORY, POINT, OPENING, FEATURE, ENTRY, TERM):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (constant table names)
        batch: list[Searchable] = []
        for document in iter_live_documents():
            batch.append(document)
            if len(batch) >= BATCH:
                _insert(batch, fulltext=False)
                count_words(word_counts, batch)
                count += len(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            _insert(batch, fulltext=False)
            count_words(word_counts, batch)
            count += len(batch)
            if progress:
                progress(len(batch))
        db.rebuild_fulltext(cursor)
        for statement in finish:
            cursor.execute(statement)
        word_counts[TOTAL_KEY] = count
        db.insert_rows(cursor, TERM, ("word", "documents"), list(word_counts.items()))
        if not (outermost and db.vacuums_after_rebuild):
            db.analyse(cursor)
    if outermost:
        with connection.cursor() as cursor:
            db.tidy_after_rebuild(cursor)
    return count


def _insert(documents: list[Searchable], fulltext: bool = True) -> None:
    """Write entries for `documents`, with their category, point, opening and feature rows and
    (unless a rebuild writes it all at the end) their full text."""
    if not documents:
        return
    db = dialect()
    ids = _insert_entries(db, documents)
    categories, points, openings, features = [], [], [], []
    for entry_id, doc in zip(ids, documents, strict=True):
        categories.extend((entry_id, code) for code in doc.codes)
        features.extend((entry_id, code) for code in doc.features)
        for latitude, longitude in doc.points:
            points.extend((entry_id, code, latitude, longitude) for code in ("", *doc.codes))
        for *session, valid_from, valid_to, bank_holidays in opening_rows(doc.openings):
            dates = [day.isoformat() if day else None for day in (valid_from, valid_to)]
            openings.append((entry_id, *session, *dates, bank_holidays))
    with connection.cursor() as cursor:
        db.insert_rows(cursor, CATEGORY, ("entry_id", "code"), categories)
        db.insert_rows(cursor, FEATURE, ("entry_id", "code"), features)
        db.insert_rows(cursor, POINT, ("entry_id", "code", "latitude", "longitude"), points)
        db.insert_rows(cursor, OPENING, ("entry_id", *OPENING_COLUMNS), openings)
        if fulltext:
            db.write_fulltext(cursor, ids)


ENTRY_COLUMNS = (
    "id",
    "service_id",
    "kind",
    "is_free",
    "min_age",
    "max_age",
    "name",
    "categories",
    "summary",
    "body",
    "sort_name",
    "card",
    "tags",
    "review_due",
)


def _insert_entries(db, documents: list[Searchable]) -> list[int]:
    """Write the entry rows of `documents`; returns their ids, in the same order."""
    with connection.cursor() as cursor:
        ids = db.next_entry_ids(cursor, len(documents))
        # Not the ORM: a rebuild writes a row per live service here and hundreds of
        # thousands of category and point rows after (COPY on PostgreSQL).
        db.insert_rows(
            cursor,
            ENTRY,
            ENTRY_COLUMNS,
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
                    doc.review_due.isoformat() if doc.review_due else None,
                )
                for entry_id, doc in zip(ids, documents, strict=True)
            ],
        )
    return ids


def _change_word_counts(changes: Counter) -> None:
    """Add to (or, with negative numbers, take from) the vocabulary's document counts.

    Kept exact as services are indexed and removed, so relevance (IDF) and the common-word
    rule work on a directory that has never been rebuilt. The rows are updated in the order
    of their words: two app servers indexing at once lock shared words (and TOTAL_KEY) in the
    same order, so one waits for the other instead of both deadlocking (PostgreSQL would
    abort one, and its listing would be missing from the index).
    """
    rows = [
        (word, max(change, 0), change, change) for word, change in sorted(changes.items()) if change
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


def count_words(counts: Counter, documents: list[Searchable]) -> Counter:
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


def differences() -> dict:
    """How the index differs from the directory: {"missing": live services with no entry,
    "stale": entries for services no longer live, "total": (the vocabulary's count of indexed
    services, the number of entries)}. An index in step has no missing or stale ids and both
    totals equal."""
    live = set(searchable_services().values_list("pk", flat=True))
    indexed = set(SearchIndexEntry.objects.values_list("service_id", flat=True))
    recorded = SearchTerm.objects.filter(word=TOTAL_KEY).values_list("documents", flat=True).first()
    return {
        "missing": sorted(live - indexed),
        "stale": sorted(indexed - live),
        "total": (recorded or 0, len(indexed)),
    }

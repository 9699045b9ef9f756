"""Advice pages in the site search, from an index of our own (not Wagtail's `.search()`).

`search_advice(text) -> [AdviceSearchEntry]`: live, public advice pages for a search, best
first. The words and synonyms are parsed as for services (`search.text.parse_query`) and
matched in the advice full-text index (advice.models.AdviceSearchEntry: FTS5 with bm25 on
SQLite, a weighted tsvector with ts_rank on PostgreSQL): one indexed query, where Wagtail's
search cost ~3–4 ms a search even for a dozen pages. Wagtail's search stays for the admin.

`index_advice_pages()` rebuilds that index; advice.signals calls it when a page that holds
advice is published, unpublished, moved or deleted, or a section's privacy changes, and
`manage.py search_index --rebuild` calls it too.
"""

import logging

from django.db import DatabaseError, connection, transaction

from advice.models import AdvicePage, AdviceSearchEntry
from search.api import match_expression
from search.text import parse_query

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200


def _page_text(page: AdvicePage) -> str:
    """What the page says, as plain text: its body's searchable content and its topics."""
    body_field = AdvicePage._meta.get_field("body")
    parts = [str(part) for part in body_field.get_searchable_content(page.body)]
    parts.extend(topic.name for topic in page.topics.all())
    return "\n".join(part for part in parts if part)


def index_advice_pages(leaving=()) -> int:
    """Bring the advice index in step with the live pages outside private sections.

    Returns how many pages it holds. The whole set is checked every time: a council has tens
    or hundreds of advice pages, and a change to a section (moved, made private) changes the
    URLs or visibility of every page in it. Entries are updated in place, not replaced, so a
    page being deleted keeps the entry its deletion will remove. `leaving`: ids of pages being
    unpublished or deleted that the database may still show as live.
    """
    private = AdvicePage.objects.all().private_q()
    pages = (
        AdvicePage.objects.live()
        .exclude(private)
        .exclude(pk__in=list(leaving))
        .prefetch_related("topics")
    )
    wanted = {
        page.pk: {
            "title": page.title[:255],
            "summary": page.summary,
            "body": _page_text(page),
            "url": (page.get_url() or page.url or "")[:255],
        }
        for page in pages
    }
    with transaction.atomic():
        entries = {entry.page_id: entry for entry in AdviceSearchEntry.objects.all()}
        gone = [entry.pk for page_id, entry in entries.items() if page_id not in wanted]
        AdviceSearchEntry.objects.filter(pk__in=gone).delete()
        for page_id, fields in wanted.items():
            entry = entries.get(page_id)
            if entry is None:
                AdviceSearchEntry.objects.create(page_id=page_id, **fields)
            elif any(getattr(entry, name) != value for name, value in fields.items()):
                AdviceSearchEntry.objects.filter(pk=entry.pk).update(**fields)
    return len(wanted)


# The weights: title 4, summary 2, body 1 (bm25 on SQLite; ts_rank's D, C, B, A on PostgreSQL).
_POSTGRES_MATCH = (
    "SELECT e.id, e.page_id, e.title, e.summary, e.url "
    "FROM advice_advicesearchentry e, to_tsquery('english', %s) q WHERE e.document @@ q "
    "ORDER BY ts_rank('{0.25, 0.5, 0.5, 1.0}', e.document, q) DESC, e.id LIMIT %s"
)
_SQLITE_MATCH = (
    "SELECT e.id, e.page_id, e.title, e.summary, e.url "
    "FROM advice_search_fts f JOIN advice_advicesearchentry e ON e.id = f.rowid "
    "WHERE advice_search_fts MATCH %s ORDER BY bm25(advice_search_fts, 4.0, 2.0, 1.0), e.id "
    "LIMIT %s"
)


def search_advice(text: str, limit: int = 3) -> list[AdviceSearchEntry]:
    """Live, public advice pages matching the text, best first, at most `limit`.

    Every thing asked for (a word or phrase, or one of its synonyms) must match: the advice
    box sits above the listings, so it shows only pages about the whole search. A failing
    index gives no advice results, never a failed search page.
    """
    text = " ".join((text or "").split())[:MAX_QUERY_LENGTH]
    groups = parse_query(text) if text else []
    if not groups:
        return []
    sql = _POSTGRES_MATCH if connection.vendor == "postgresql" else _SQLITE_MATCH
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, [match_expression(groups, "AND"), limit])
            rows = cursor.fetchall()
    except DatabaseError:
        logger.exception("Advice search failed")
        return []
    return [
        AdviceSearchEntry(id=id_, page_id=page_id, title=title, summary=summary, url=url)
        for id_, page_id, title, summary, url in rows
    ]

"""Masking search words nobody else could have meant, before a search event is stored.

A word typed into the search box is kept only if it is an English word (the committed lists
in `analytics/data/`: everyday words and a British English dictionary without proper nouns)
or a word Signpost itself publishes: in a live listing (the search index's vocabulary), a
category, a synonym, a ward or area name, or the title of a live page (advice, carers' hub). Anything else, such as a person's name, is
replaced by MASK. Numbers that could be part of a date of birth, a house or case number are
replaced by NUMBER_MASK: a number of three or more digits (years like 1941), and any number
next to another number ("12 3 41"); a lone number of one or two digits ("over 65", "under
18") is kept. Outcodes ("s6", "s10") are kept: the full postcode was already cut to its
district by `events.scrub_query`.

The vocabulary is built once per process and then at most every VOCABULARY_TTL seconds (a
few database queries: the index's word table, categories, synonyms, areas, page titles), so
masking a query is a set look-up per word. It is capped at MAX_WORDS words.
"""

import re
import threading
import time
from functools import cache
from pathlib import Path

from django.db import DatabaseError
from wagtail.models import Page

from directory.models import Area, Service, TaxonomyTerm
from search.models import SearchTerm
from search.synonyms import SYNONYMS
from search.text import STOP_WORDS, normalise

MASK = "[word]"
NUMBER_MASK = "[number]"
# Markers `events.scrub_query` puts in place of personal details: kept as they are.
PLACEHOLDERS = frozenset({"[email]", "[phone]", "[number]", "[name]", MASK})
VOCABULARY_TTL = 3600  # seconds
MAX_WORDS = 500_000
MAX_SERVICES_READ = 20_000  # when the index keeps no word table (Elasticsearch)
DATA = Path(__file__).resolve().parent / "data"
# Everyday and care words, and a British English dictionary (lower-case entries only, so
# names such as "Yolanda" are not in it): a need nobody has listed yet ("hoarding") is kept for
# the unmet-need report, a person's name is masked.
WORD_FILES = (DATA / "common-words.txt", DATA / "british-english.txt")

_OUTCODE = re.compile(r"[a-z]{1,2}[0-9][a-z0-9]?")
_lock = threading.Lock()
_cached: dict = {"words": None, "built": 0.0}


@cache
def common_words() -> frozenset[str]:
    """The committed lists of English words."""
    lines = [line for path in WORD_FILES for line in path.read_text(encoding="utf-8").splitlines()]
    return frozenset(
        word
        for line in lines
        if line and not line.startswith("#")
        for word in normalise(line).split()
    )


def _words_in(texts) -> set[str]:
    found: set[str] = set()
    for text in texts:
        if text:
            found.update(normalise(text, limit=None).split())
    return found


def build_vocabulary() -> frozenset[str]:
    """Every word a search may keep: common words plus the words Signpost publishes."""
    words = set(common_words()) | set(STOP_WORDS)
    words |= _words_in(term for term in SYNONYMS)
    words |= _words_in(
        alternative for alternatives in SYNONYMS.values() for alternative in alternatives
    )
    words |= _words_in(TaxonomyTerm.objects.values_list("name", flat=True))
    words |= _words_in(TaxonomyTerm.objects.values_list("description", flat=True))
    words |= _words_in(Area.objects.values_list("name", flat=True))
    words |= _words_in(Page.objects.live().values_list("title", flat=True))
    indexed = (
        SearchTerm.objects.filter(documents__gt=0).exclude(word="").values_list("word", flat=True)
    )
    indexed_words = set(indexed[:MAX_WORDS])
    if not indexed_words:
        # Another backend (Elasticsearch) keeps no word table: read the live listings.
        for row in Service.objects.live().values_list(
            "name", "summary", "description", "organisation__name"
        )[:MAX_SERVICES_READ]:
            indexed_words |= _words_in(row)
    words |= indexed_words
    return frozenset(sorted(words)[:MAX_WORDS]) if len(words) > MAX_WORDS else frozenset(words)


def vocabulary() -> frozenset[str]:
    """The cached vocabulary, rebuilt when older than VOCABULARY_TTL seconds.

    If the database cannot be read, the common words alone are used (masking more, never
    less)."""
    now = time.monotonic()
    words = _cached["words"]
    if words is not None and now - _cached["built"] < VOCABULARY_TTL:
        return words
    with _lock:
        if _cached["words"] is not None and now - _cached["built"] < VOCABULARY_TTL:
            return _cached["words"]
        try:
            words = build_vocabulary()
        except DatabaseError:
            words = common_words() | STOP_WORDS
        _cached["words"], _cached["built"] = words, time.monotonic()
        return words


def forget_vocabulary() -> None:
    """Rebuild the vocabulary on next use (tests; after a big import)."""
    with _lock:
        _cached["words"], _cached["built"] = None, 0.0


def mask_query(text: str, known: frozenset[str] | None = None) -> str:
    """`text` (already scrubbed: lower case, single spaces) with unknown words and risky
    numbers masked; runs of the same mask become one."""
    known = vocabulary() if known is None else known
    pieces: list[str] = []
    for token in text.split():
        pieces.extend([token] if token in PLACEHOLDERS else normalise(token).split())
    out: list[str] = []
    for index, piece in enumerate(pieces):
        if piece not in PLACEHOLDERS:
            piece = _mask_word(
                piece, pieces[index - 1 : index] + pieces[index + 1 : index + 2], known
            )
        if not (out and out[-1] == piece and piece in PLACEHOLDERS):
            out.append(piece)
    return " ".join(out)


def _mask_word(word: str, neighbours: list[str], known: frozenset[str]) -> str:
    if word.isdigit():
        if len(word) <= 2 and not any(n.isdigit() or n == NUMBER_MASK for n in neighbours):
            return word
        return NUMBER_MASK
    if word in known or _OUTCODE.fullmatch(word):
        return word
    if word.endswith("s") and word[:-1] in known:  # "clubs", "carers"
        return word
    return MASK

# ruff: noqa: S608 -- SQL text is built only from constant names and placeholders; values are parameters.
"""Relevance, the same on every database: inverse document frequency from the vocabulary.

The full-text index only finds matches (scan); they are ranked here, in Python. Each phrase
weighs its BM25 inverse document frequency, read from the vocabulary (`SearchTerm`), times
the weight of the column it is found in. Words in most listings are dropped when rarer
words narrow the search anyway.
"""

import dataclasses
import math

from django.db import connection

from directory.distance import MILES_PER_DEGREE, miles_from_squared_degrees
from search.backends.database.tables import TERM, TOTAL_KEY
from search.query import ServiceQuery
from search.text import TermGroup

COMMON_WORD_SHARE = 0.2  # words in more than this share of listings don't narrow a search
COMMON_WORD_MIN_INDEX = 1000
# How much a phrase found in each column counts (as bm25's column weights were: name 4,
# categories 3, summary 2).
NAME_WEIGHT, CATEGORIES_WEIGHT, SUMMARY_WEIGHT = 4.0, 3.0, 2.0
STEM_MIN = 4  # letters a word keeps when stem_prefix takes off an ending
SYNONYM_SHARE = 0.5  # a synonym found counts half as much as the words as typed
DISTANCE_DECAY_MILES = 2.0  # "best match" with a place: relevance counts half this far away
# A listing long past its review date (directory.review_policy) counts this share of its
# relevance: below an equally good current listing, above a much weaker match. The same
# share in the Elasticsearch query (search.backends.elasticsearch).
OUT_OF_DATE_SHARE = 0.5


def word_counts(words: set[str]) -> dict[str, int]:
    """How many listings have each word, and (key TOTAL_KEY) how many are indexed.

    A word of STEM_MIN letters or more counts as its commonest form in the vocabulary
    starting with its `stem_prefix` ("scam" as "scams"), since that is what it matches.
    """
    parts, params = [f"SELECT %s, documents FROM {TERM} WHERE word = %s"], [TOTAL_KEY] * 2
    for word in sorted(words):
        start = stem_prefix(word)
        if len(start) < STEM_MIN:
            parts.append(f"SELECT %s, documents FROM {TERM} WHERE word = %s")
            params.extend([word, word])
        else:
            parts.append(f"SELECT %s, MAX(documents) FROM {TERM} WHERE word >= %s AND word < %s")
            params.extend([word, start, start[:-1] + chr(ord(start[-1]) + 1)])
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {word: max(documents, 0) for word, documents in cursor.fetchall() if documents}


def phrase_weights(groups: list[TermGroup], counts: dict[str, int]) -> dict[tuple, float]:
    """BM25's inverse document frequency for each phrase, from the vocabulary's counts.

    A phrase is taken to be as rare as its rarest word; a word not in the vocabulary as rare
    as can be.
    """
    weights = {}
    for group in groups:
        for phrase in group.alternatives:
            documents = min(counts.get(word, 0) for word in phrase)
            total = max(counts.get(TOTAL_KEY, 0), documents, 1)
            weights[phrase] = math.log(1 + (total - documents + 0.5) / (documents + 0.5))
    return weights


def matching_share(groups: list[TermGroup], counts: dict[str, int], operator: str = "AND") -> float:
    """The share of indexed listings expected to match, from the vocabulary's counts.

    Words as independent (a phrase's words in a listing together, groups joined by AND),
    a group as its phrases together. An estimate for choosing how to read the matches
    (scan.few_matches), never a count shown to anyone.
    """
    total = max(counts.get(TOTAL_KEY, 0), 1)
    shares = [
        min(
            1.0,
            sum(
                math.prod(counts.get(word, 0) / total for word in phrase)
                for phrase in group.alternatives
            ),
        )
        for group in groups
    ]
    if operator == "AND":
        return math.prod(shares)
    return min(1.0, sum(shares))


def scorer(groups: list[TermGroup], weights: dict):
    """A function of a scanned row (scan.Row) giving its relevance, the same on every database.

    For each term group and each of the name, categories and summary: the best phrase
    found there, by inverse document frequency (`weights`, from `phrase_weights`; a synonym
    counts SYNONYM_SHARE of the words as typed), times the column's weight; all summed. Not
    FTS5's bm25(), which counts the documents of every phrase in the query (tags too) by
    reading its whole list, on every search: here the counts come from the vocabulary
    (`SearchTerm`) and only the matched rows' short columns are read. Stored text is
    normalised (lower case, single spaces), so " carer" finds a word that starts so
    ("carers", as the stemmer would); a match only in the body scores nothing beyond the
    match itself.
    """
    needles = []
    for group in groups:
        phrases = [
            (_word_start(phrase), weights.get(phrase, 1.0) * (SYNONYM_SHARE if n else 1.0))
            for n, phrase in enumerate(group.alternatives)
        ]
        # Best first, so the first phrase found in a column is the one that counts.
        needles.append(sorted(phrases, key=lambda phrase: -phrase[1]))

    def score(row) -> float:
        total = 0.0
        for text, weight in (
            (" " + row.sort_name, NAME_WEIGHT),
            (" " + row.categories, CATEGORIES_WEIGHT),
            (" " + row.summary, SUMMARY_WEIGHT),
        ):
            for phrases in needles:
                for needle, idf in phrases:
                    if needle in text:
                        total += weight * idf
                        break
        return total

    return score


def ranked_page(candidates: list, preferred: set[int], score, query: ServiceQuery) -> list[tuple]:
    """(entry id, miles, score) for the scanned rows on the page asked for, best first.

    Rows whose entry is in `preferred` come first. With a place, "best match" lets relevance
    fade with distance (half at DISTANCE_DECAY_MILES); "distance" sorts nearest first.
    Out-of-date listings count OUT_OF_DATE_SHARE of their relevance.
    """
    decay = (DISTANCE_DECAY_MILES / MILES_PER_DEGREE) ** 2
    scored = [
        (row, score(row) * (OUT_OF_DATE_SHARE if row.out_of_date else 1.0)) for row in candidates
    ]

    def key(item):
        row, relevance = item
        first = 0 if row.entry_id in preferred else 1
        if row.d2 is not None and query.sort == "distance":
            return (first, row.d2, -relevance, row.sort_name)
        if row.d2 is not None:
            return (first, -relevance / (1.0 + row.d2 / decay), row.sort_name)
        return (first, -relevance, row.sort_name)

    offset = (query.page - 1) * query.per_page
    ranked = sorted(scored, key=key)[offset : offset + query.per_page]
    return [
        (row.entry_id, miles_from_squared_degrees(row.d2), relevance) for row, relevance in ranked
    ]


def _word_start(phrase: tuple[str, ...]) -> str:
    """The text that starts `phrase` in normalised text: " looking after", " carer"."""
    *first, last = phrase
    return " " + " ".join([*first, stem_prefix(last)])


def stem_prefix(word: str) -> str:
    """The word less a common English ending, kept to STEM_MIN letters ("carers" -> "carer")."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= STEM_MIN:
            return word[: -len(ending)]
    return word


def without_common_words(
    groups: list[TermGroup], counts: dict[str, int]
) -> tuple[list[TermGroup], bool]:
    """Drop words found in most listings when rarer words narrow the search anyway.

    A typed word in more than COMMON_WORD_SHARE of listings is dropped when other typed
    words remain; a one-word synonym that common is dropped from its group (it narrows
    nothing, and matching it costs a pass over a quarter of the index). Only in directories
    of COMMON_WORD_MIN_INDEX listings or more. Returns the groups to search for, and
    whether every typed word was common.
    """
    single_words = {
        phrase[0] for group in groups for phrase in group.alternatives if len(phrase) == 1
    }
    if not single_words:
        return groups, False
    total = counts.get(TOTAL_KEY, 0)
    if total < COMMON_WORD_MIN_INDEX:
        return groups, False
    common = {word for word in single_words if counts.get(word, 0) > COMMON_WORD_SHARE * total}
    groups = [_without_common_synonyms(group, common) for group in groups]
    kept = [
        group
        for group in groups
        if not (len(group.alternatives) == 1 and group.alternatives[0] in {(w,) for w in common})
    ]
    return (kept, False) if kept else (groups, True)


def _without_common_synonyms(group: TermGroup, common: set[str]) -> TermGroup:
    """The group less its one-word alternatives in `common`, except the first (as typed)."""
    first, *others = group.alternatives
    kept = [phrase for phrase in others if not (len(phrase) == 1 and phrase[0] in common)]
    if len(kept) == len(others):
        return group
    return dataclasses.replace(group, alternatives=(first, *kept))

"""Turning what people type into search terms: normalise, tokenise, drop stop words, expand synonyms.

Both backends build their queries from `parse_query()`; nothing the user typed reaches a query
language unquoted, so no input can cause a syntax error.
"""

import re
import unicodedata
from dataclasses import dataclass

from search.synonyms import MAX_PHRASE_WORDS, MISSPELLINGS, SYNONYMS

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_WORD_CHARS = 40

STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "for",
        "from",
        "get",
        "have",
        "how",
        "i",
        "im",
        "in",
        "is",
        "it",
        "me",
        "my",
        "near",
        "need",
        "needs",
        "of",
        "on",
        "or",
        "our",
        "some",
        "something",
        "that",
        "the",
        "their",
        "there",
        "to",
        "want",
        "we",
        "what",
        "where",
        "which",
        "who",
        "with",
        "you",
        "your",
        "around",
        "local",
        "nearby",
        "please",
    ]
)

# Words about the asking rather than the need ("help", "classes", "too much", "mum"). When no
# listing has every word typed, the database backend searches again without these, and the
# page says which were left out; a word that names a need is never left out.
QUERY_FILLER = frozenset(
    [
        "help",
        "helping",
        "support",
        "service",
        "services",
        "class",
        "classes",
        "course",
        "courses",
        "group",
        "groups",
        "session",
        "sessions",
        "too",
        "much",
        "many",
        "very",
        "really",
        "worried",
        "worry",
        "worrying",
        "concerned",
        "someone",
        "somebody",
        "person",
        "people",
        "mum",
        "mother",
        "dad",
        "father",
        "husband",
        "wife",
        "partner",
        "son",
        "daughter",
        "friend",
        "neighbour",
        "relative",
        "elderly",
        "old",
        "older",
    ]
)

_APOSTROPHES = re.compile(r"['\u2019`]")
_WORD = re.compile(r"[0-9a-z]+")


def normalise(text: str, limit: int | None = MAX_QUERY_CHARS * 2) -> str:
    """Lower case, no accents or apostrophes, words separated by single spaces.

    Queries are cut to `limit` characters first; indexed documents pass `limit=None`.
    """
    text = (text or "")[:limit] if limit is not None else (text or "")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.lower()
    if "'" in text or "\u2019" in text or "`" in text:
        text = _APOSTROPHES.sub("", text)
    return " ".join(_WORD.findall(text))


def words(text: str) -> list[str]:
    """The normalised words of `text`, each at most MAX_WORD_CHARS long."""
    return [word[:MAX_WORD_CHARS] for word in normalise(text).split()]


def is_filler(group: "TermGroup") -> bool:
    """Whether a term group is a word about the asking (QUERY_FILLER), not the need."""
    return group.typed in QUERY_FILLER


@dataclass(frozen=True)
class TermGroup:
    """One thing the person asked for: interchangeable phrases (each a tuple of words)."""

    typed: str
    alternatives: tuple[tuple[str, ...], ...]
    prefix: bool = False  # the last word is still being typed (autocomplete)

    @property
    def words(self) -> set[str]:
        return {word for phrase in self.alternatives for word in phrase}


def _normalised_synonyms() -> dict[str, frozenset[str]]:
    return {
        normalise(term): frozenset(normalise(alt) for alt in alts)
        for term, alts in SYNONYMS.items()
    }


_SYNONYMS = _normalised_synonyms()


def parse_query(text: str, *, prefix: bool = False, synonyms: bool = True) -> list[TermGroup]:
    """Split text into term groups: synonym phrases first (longest match), then single words.

    Stop words are dropped unless they are part of a known phrase ("looking after").
    """
    tokens = words(text[:MAX_QUERY_CHARS])
    groups: list[TermGroup] = []
    position = 0
    while position < len(tokens) and len(groups) < MAX_TERMS:
        matched = None
        if synonyms:
            for size in range(min(MAX_PHRASE_WORDS, len(tokens) - position), 1, -1):
                phrase = " ".join(tokens[position : position + size])
                if phrase in _SYNONYMS:
                    matched = (phrase, size)
                    break
        if matched:
            phrase, size = matched
            alternatives = _SYNONYMS[phrase]
            position += size
        else:
            word = tokens[position]
            position += 1
            is_last = position == len(tokens)
            if word in STOP_WORDS and not (prefix and is_last):
                continue
            phrase = word
            alternatives = _SYNONYMS.get(word, frozenset({word})) if synonyms else {word}
            if prefix and is_last:
                groups.append(TermGroup(word, ((word,),), prefix=True))
                continue
        ordered = sorted(alternatives, key=lambda alt: (alt != phrase, alt))
        groups.append(TermGroup(phrase, tuple(tuple(alt.split()) for alt in ordered)))
    return groups


_MISSPELLINGS = {normalise(typo): normalise(meant) for typo, meant in MISSPELLINGS.items()}


def respellings(text: str) -> list[tuple[str, str]]:
    """(typed, meant) for each curated misspelling in the text, so the page can say what
    else it looked for ("Including results for ‘dementia’")."""
    return [(word, _MISSPELLINGS[word]) for word in words(text) if word in _MISSPELLINGS]

# ruff: noqa: S608 -- SQL text is built only from constant names and placeholders; values are parameters.
"""What people meant to type: "did you mean" corrections and autocomplete suggestions."""

import difflib

from django.db import connection

from directory.models import TaxonomyTerm
from search.backends.database.dialects import dialect
from search.backends.database.tables import ENTRY
from search.models import SearchTerm
from search.synonyms import SYNONYMS
from search.text import TermGroup, normalise, parse_query

_SYNONYM_WORDS = frozenset(
    word for term in SYNONYMS for word in normalise(term).split() if len(word) >= 3
)


def correct_spelling(groups: list[TermGroup]):
    """Replace unknown words with close known ones: (groups, "did you mean" text) or None."""
    unknown = [
        group
        for group in groups
        if len(group.alternatives) == 1
        and len(group.alternatives[0]) == 1
        and len(group.typed) >= 4
        and not group.typed.isdigit()
    ]
    if not unknown:
        return None
    known = _SYNONYM_WORDS | set(
        SearchTerm.objects.filter(word__in=[g.typed for g in unknown], documents__gt=0).values_list(
            "word", flat=True
        )
    )
    corrections: dict[str, str] = {}
    for group in unknown:
        word = group.typed
        if word in known or _stem_known(word, known):
            continue
        candidates = list(
            SearchTerm.objects.filter(word__startswith=word[0], documents__gt=0).values_list(
                "word", flat=True
            )[:20000]
        )
        candidates = [c for c in candidates if abs(len(c) - len(word)) <= 2]
        match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
        if match:
            corrections[word] = match[0]
    if not corrections:
        return None
    text = " ".join(corrections.get(group.typed, group.typed) for group in groups)
    return parse_query(text), text


def _stem_known(word: str, known: set[str]) -> bool:
    return word.rstrip("s") in known


def suggest(prefix: str, limit: int) -> list[str]:
    """Autocomplete: matching category names, then live service names, for a typed prefix."""
    groups = parse_query(prefix, prefix=True, synonyms=False)
    if not groups or len(normalise(prefix)) < 2:
        return []
    typed = [group.typed for group in groups]
    suggestions: list[str] = []
    for name in TaxonomyTerm.objects.categories().values_list("name", flat=True):
        name_words = normalise(name).split()
        if all(any(w.startswith(t) for w in name_words) for t in typed):
            suggestions.append(name)
    sql, params = dialect().match_sql(groups, "AND", columns=("name",))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.name FROM ({sql}) m JOIN {ENTRY} e ON e.id = m.entry_id "
            "ORDER BY m.score DESC, e.sort_name LIMIT %s",
            [*params, limit],
        )
        suggestions.extend(name for (name,) in cursor.fetchall())
    return list(dict.fromkeys(suggestions))[:limit]

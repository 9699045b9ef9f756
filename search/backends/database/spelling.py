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


MAX_SUGGESTIONS = 3  # "Did you mean …?" links at most
CLOSE_ENOUGH = 0.75  # difflib's ratio: "dementa" ~ "dementia"; "hoarding" ~ "hearing" too


def corrections(groups: list[TermGroup]) -> list[str]:
    """Texts with unknown words replaced by close known ones, closest first ("did you mean").

    Only suggestions: the search never runs one in place of what was typed (DatabaseBackend).
    A word is unknown when no listing has it (or its plural) and it is in no synonym.
    """
    unknown = [
        group
        for group in groups
        if len(group.alternatives) == 1
        and len(group.alternatives[0]) == 1
        and len(group.typed) >= 4
        and not group.typed.isdigit()
    ]
    if not unknown:
        return []
    known = _SYNONYM_WORDS | set(
        SearchTerm.objects.filter(word__in=[g.typed for g in unknown], documents__gt=0).values_list(
            "word", flat=True
        )
    )
    options: dict[str, list[str]] = {}
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
        close = difflib.get_close_matches(word, candidates, n=MAX_SUGGESTIONS, cutoff=CLOSE_ENOUGH)
        if close:
            options[word] = close
    if not options:
        return []
    texts = []
    for rank in range(MAX_SUGGESTIONS):
        # The rank-th closest spelling of each unknown word (the closest where it has fewer).
        texts.append(
            " ".join(
                options[g.typed][min(rank, len(options[g.typed]) - 1)]
                if g.typed in options
                else g.typed
                for g in groups
            )
        )
    return list(dict.fromkeys(texts))


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

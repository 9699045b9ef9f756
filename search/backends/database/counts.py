# ruff: noqa: S608 -- SQL text is built only from constant names and placeholders; values are parameters.
"""How many results each value of the access, language, referral and opening filters would
leave (search.features), shown beside the filters as the categories' counts are.

Counted from the index alone: the feature rows (`SearchIndexFeature`) and the weekly opening
rows (`SearchIndexOpening`), for a set of entries given as SQL (`Among`). Languages and days
match any one chosen, so theirs are counted among the results without that filter: what
choosing one more would add.
"""

from collections.abc import Callable

from django.db import connection
from django.utils import timezone

from search.backends.database.dialects import dialect
from search.backends.database.tables import FEATURE, OPENING
from search.features import EVENING_WEEKEND_CODE, day_code
from search.openings import day_counts_sql, evening_or_weekend_count_sql

# A set of entries: given a column, SQL true when the column holds one of them (and its
# parameters). None: every entry in the index.
Among = Callable[[str], tuple[str, list]] | None


def among_ids(entry_ids) -> Among:
    """The entries with these ids."""
    ids = list(entry_ids)
    return lambda column: dialect().in_id_list(column, ids)


def among_query(sql: str, params: list) -> Among:
    """The entries whose ids `sql` (a SELECT of one column) returns."""
    return lambda column: (f"{column} IN ({sql})", list(params))


def filter_counts(query, among: Among, without_languages: Among, without_days: Among) -> dict:
    """{feature code: results} for the results `among`; languages among `without_languages`
    and days among `without_days` (the results without those filters), when they are chosen.

    One statement (each count a part of a UNION ALL), not three: a results page asks for
    these on every search, and each statement is planned and sent on its own.
    """
    parts = [_features(among, "feature")]
    if query.languages:
        parts.append(_features(without_languages, "language"))
    parts.append(_days(without_days if query.days else among))
    parts.append(_evenings_or_weekends(among))
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]
        )
        rows = cursor.fetchall()
    counts = {}
    for part, key, count in rows:
        if part in ("feature", "language"):
            # With languages chosen, theirs come from the "language" part (counted without
            # that filter) and every other feature's from the "feature" part.
            if not query.languages or key.startswith("language:") == (part == "language"):
                counts[key] = count
        elif part == "day" and 1 <= int(key) <= 7:
            counts[day_code(int(key))] = count
        elif part == "evening" and count:
            counts[EVENING_WEEKEND_CODE] = count
    return counts


def _condition(among: Among, column: str) -> tuple[str, list]:
    return among(column) if among is not None else ("1 = 1", [])


# Each part gives (part, key, count) rows; `part` is one of these constant labels.
def _features(among: Among, part: str) -> tuple[str, list]:
    where, params = _condition(among, "f.entry_id")
    return (
        f"SELECT '{part}', f.code, COUNT(*) FROM {FEATURE} f WHERE {where} GROUP BY f.code",
        params,
    )


def _days(among: Among) -> tuple[str, list]:
    where, params = _condition(among, "o.entry_id")
    sql, day_params = day_counts_sql(OPENING, where, timezone.localtime().date())
    return (
        f"SELECT 'day', CAST(days.weekday AS TEXT), days.entries FROM ({sql}) days",
        [*params, *day_params],
    )


def _evenings_or_weekends(among: Among) -> tuple[str, list]:
    where, params = _condition(among, "o.entry_id")
    sql, extra = evening_or_weekend_count_sql(OPENING, where, timezone.localtime().date())
    return f"SELECT 'evening', '', ({sql})", [*params, *extra]

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
    and days among `without_days` (the results without those filters), when they are chosen."""
    counts = {
        code: count
        for code, count in _features(among).items()
        if not (query.languages and code.startswith("language:"))
    }
    if query.languages:
        counts.update(
            (code, count)
            for code, count in _features(without_languages).items()
            if code.startswith("language:")
        )
    counts.update(_days(without_days if query.days else among))
    evenings = _evenings_or_weekends(among)
    if evenings:
        counts[EVENING_WEEKEND_CODE] = evenings
    return counts


def _condition(among: Among, column: str) -> tuple[str, list]:
    return among(column) if among is not None else ("1 = 1", [])


def _features(among: Among) -> dict:
    where, params = _condition(among, "f.entry_id")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT f.code, COUNT(*) FROM {FEATURE} f WHERE {where} GROUP BY f.code", params
        )
        return dict(cursor.fetchall())


def _days(among: Among) -> dict:
    where, params = _condition(among, "o.entry_id")
    sql, day_params = day_counts_sql(OPENING, where, timezone.localtime().date())
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *day_params])
        return {day_code(day): count for day, count in cursor.fetchall() if 1 <= day <= 7}


def _evenings_or_weekends(among: Among) -> int:
    where, params = _condition(among, "o.entry_id")
    sql, extra = evening_or_weekend_count_sql(OPENING, where, timezone.localtime().date())
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *extra])
        return cursor.fetchone()[0]

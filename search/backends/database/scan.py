# ruff: noqa: S608 -- SQL text is built only from constant names and placeholders; values are parameters.
"""Reading candidates from the database index, with the work bounded however broad the search.

A text search asks the full-text index for the ids of at most SCAN_LIMIT + 1 matches (text,
categories, kind, cost and the grid cells around the place are all in that index: search.tags),
reads those rows with their distances, and has them ranked in Python (ranking). Past
SCAN_LIMIT matches the search narrows (closer in, or to name and category matches) and counts
read "at least": docs/search.md says how. Browsing by place alone never touches the text: it
reads the point index, with an expanding box for the nearest page.
"""

import dataclasses
import math
from collections import Counter
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from directory.distance import MILES_PER_DEGREE, bounding_box, miles_from_squared_degrees
from directory.models import TaxonomyTerm
from search.backends.database.counts import among_ids, among_query, filter_counts
from search.backends.database.dialects import dialect
from search.backends.database.ranking import ranked_page, scorer
from search.backends.database.tables import (
    CATEGORY,
    ENTRY,
    FEATURE,
    OPENING,
    POINT,
    placeholders,
)
from search.features import NO_REFERRAL_CODE, access_code, feature_tag, language_code
from search.openings import (
    evening_or_weekend_clause,
    on_days_clause,
    open_entries_sql,
    open_now_clause,
)
from search.query import ServiceQuery
from search.tags import FREE_TAG, category_tag, cover, kind_tag
from search.text import TermGroup

# The most matches one search scores. Beyond it, counts read "more than" and the search
# narrows (closer in, or to name and category matches) so the work stays bounded, and
# counts read "at least".
SCAN_LIMIT = 500
SAMPLE_LIMIT = 200  # matches read to judge how far out the closest lie
CLOSER_SHARE = 0.3  # of SCAN_LIMIT: 150 matches, several pages of the nearest and best
# Browsing "open now": up to this many open listings are read from the opening rows and put
# in name order; when more are open (one in 50 at 100,000 listings), the listings are read
# in name order, each checked, and few are read before SCAN_LIMIT + 1 are found.
OPEN_PROBE = 2000
# Browsing "open now" by place: the alternative to listing the open ones is an EXISTS for every
# listing in the radius, which costs far more than reading more ids when few are open (Saturday
# 00:30: 2,150 of 100,000), so more are listed.
RADIUS_OPEN_PROBE = 5000
TOP_COLUMNS = ("name", "categories")
# Matches collected from the index and sorted (few_matches) when the vocabulary's counts
# expect at most this share of the listings: testing listings in order would read 1 / share
# of them for each match wanted (33 at 3%); past it, testing in order finds enough sooner.
FEW_SHARE = 0.03
# Names and categories alone: their share is unknown, below that of every column (given), so
# testing in order costs more than that share says and collecting them less. At 100,000
# synthetic listings, "wheelchair swimming" (3.9% in every column, 1.5% in names and
# categories) took 63 ms testing in order and 21 ms collected.
FEW_COLUMNS_SHARE = 0.06
# Otherwise the database's own estimate decides (it knows how the tags narrow, which the
# vocabulary does not): collected at most this share. Its estimate was mostly 1.5 to 4 times
# the matches in the benchmark; the matches cost about the same either way near a tenth.
PLANNED_FEW_SHARE = 0.1

# (entry id, miles or None, score or None) rows of a results page; total; facets; exact.
Page = tuple[list[tuple], int, dict, bool]


@dataclasses.dataclass(frozen=True)
class Text:
    """What a text search matches: term groups joined by AND (or OR), in some columns, and
    how many matches to read at most.

    `weights` is the inverse document frequency of each phrase (ranking.phrase_weights);
    `share`, the share of the index expected to match, and `indexed`, the listings in it, if
    known.
    """

    groups: list[TermGroup]
    operator: str = "AND"
    columns: tuple[str, ...] | None = None
    weights: dict = dataclasses.field(default_factory=dict)
    limit: int | None = None  # matches read at most; None: SCAN_LIMIT + 1
    share: float | None = None  # of the index expected to match (ranking.matching_share)
    indexed: int | None = None  # listings in the index, if known

    @property
    def reads(self) -> int:
        return self.limit or SCAN_LIMIT + 1

    def scorer(self):
        """A function of a `Row` giving its relevance (ranking.scorer)."""
        return scorer(self.groups, self.weights)


class Row(NamedTuple):
    """One match of a scan, with what ranking it needs (text columns as indexed)."""

    entry_id: int
    d2: float | None  # squared distance in degrees (longitude scaled), with a place
    passes: int  # 1 when the filters checked per row (age, open now, evenings) pass
    speaks: int  # 1 when it is offered in a language chosen (or none was chosen)
    on_day: int  # 1 when it is open on a day chosen (or none was chosen)
    sort_name: str
    categories: str
    summary: str
    out_of_date: int = 0  # 1 when its review was due before out_of_date_before (ranks lower)
    codes: str | None = None  # its category codes with their ancestors, space-separated


class Scan:
    """The matches of one bounded scan.

    `exact` when the scan saw every match; `candidates` are the matches that pass every
    filter (the radius included); `near`, those that pass all but the language and day
    filters (which match any one chosen: their counts are of what another would add).
    """

    def __init__(self, rows: list[Row], exact: bool, limit_squared, text: Text):
        self.text = text
        self.exact = exact
        self.rows = rows
        self.near = [
            row
            for row in self.rows
            if row.passes
            and (limit_squared is None or (row.d2 is not None and row.d2 <= limit_squared))
        ]
        self.candidates = [row for row in self.near if row.speaks and row.on_day]
        self.preferred: set[int] = set()

    @property
    def total(self) -> int:
        return len(self.candidates)

    def codes(self) -> list[tuple[int, str]]:
        """(entry id, category code) of the `near` matches, codes with their ancestors."""
        return [(row.entry_id, code) for row in self.near for code in (row.codes or "").split()]

    def in_categories(self, categories) -> "Scan":
        """The matches in any of `categories` (as the category tags would have matched)."""
        wanted = set(categories)
        inside = {entry_id for entry_id, code in self.codes() if code in wanted}
        # These passed the radius already, so no radius is given again.
        kept = [row for row in self.near if row.entry_id in inside]
        return Scan(kept, self.exact, None, self.text)

    def add(self, other: "Scan") -> None:
        """Rank `other`'s candidates after these (nearer, or matched in a name or category)."""
        self.preferred = {row.entry_id for row in self.candidates}
        self.candidates.extend(
            row for row in other.candidates if row.entry_id not in self.preferred
        )
        seen = {row.entry_id for row in self.near}
        self.near.extend(row for row in other.near if row.entry_id not in seen)

    def facets(self) -> dict[str, int]:
        """{category code: candidates in it}."""
        ids = {row.entry_id for row in self.candidates}
        return dict(Counter(code for entry_id, code in self.codes() if entry_id in ids))

    def filter_counts(self, query: ServiceQuery) -> dict[str, int]:
        """{feature code: candidates with it} (search.backends.database.counts)."""
        if not self.near:
            return {}
        return filter_counts(
            query,
            among_ids(row.entry_id for row in self.candidates),
            among_ids(row.entry_id for row in self.near if row.on_day),
            among_ids(row.entry_id for row in self.near if row.speaks),
        )

    def page(self, query: ServiceQuery) -> list[tuple]:
        """(entry id, miles, score) for the candidates on the page asked for, best first."""
        return ranked_page(self.candidates, self.preferred, self.text.scorer(), query)


def filters(query: ServiceQuery, alias: str = "e", tagged: bool = False) -> tuple[list[str], list]:
    """SQL conditions for the filters; `tagged`: kind, cost, access features and "no referral"
    are full-text tags instead."""
    clauses, params = base_filters(query, alias, tagged)
    for clause, extra in (languages_filter(query, alias), days_filter(query, alias)):
        if clause:
            clauses.append(clause)
            params.extend(extra)
    return clauses, params


def required_features(query: ServiceQuery) -> list[str]:
    """The feature codes a result must all have (search.features)."""
    codes = [access_code(key) for key in query.access]
    return [*codes, NO_REFERRAL_CODE] if query.no_referral else codes


def languages_filter(query: ServiceQuery, alias: str = "e") -> tuple[str, list]:
    """SQL true for listings offered in any language chosen ("" when none is)."""
    if not query.languages:
        return "", []
    codes = [language_code(key) for key in query.languages]
    return (
        f"EXISTS (SELECT 1 FROM {FEATURE} f WHERE f.entry_id = {alias}.id "
        f"AND f.code IN ({placeholders(codes)}))",
        codes,
    )


def days_filter(query: ServiceQuery, alias: str = "e") -> tuple[str, list]:
    """SQL true for listings open on any day chosen ("" when none is)."""
    if not query.days:
        return "", []
    return on_days_clause(OPENING, f"{alias}.id", query.days, timezone.localtime().date())


def base_filters(query: ServiceQuery, alias: str = "e", tagged: bool = False) -> tuple[list, list]:
    """`filters` but for the languages and days."""
    clauses, params = [], []
    if not tagged:
        for code in required_features(query):
            clauses.append(
                f"EXISTS (SELECT 1 FROM {FEATURE} f WHERE f.entry_id = {alias}.id AND f.code = %s)"
            )
            params.append(code)
    if query.evening_weekend:
        clause, extra = evening_or_weekend_clause(
            OPENING, f"{alias}.id", timezone.localtime().date()
        )
        clauses.append(clause)
        params.extend(extra)
    if query.kind and not tagged:
        clauses.append(f"{alias}.kind = %s")
        params.append(query.kind)
    if query.free_only and not tagged:
        clauses.append(f"{alias}.is_free = %s")
        params.append(True)
    if query.age is not None:
        clauses.append(f"({alias}.min_age IS NULL OR {alias}.min_age <= %s)")
        clauses.append(f"({alias}.max_age IS NULL OR {alias}.max_age >= %s)")
        params.extend([query.age, query.age])
    if query.open_now:
        # An indexed check per listing (search/openings.py), not a list of open services.
        clause, extra = open_now_clause(OPENING, f"{alias}.id", timezone.localtime())
        clauses.append(clause)
        params.extend(extra)
    return clauses, params


def text_search(query: ServiceQuery, text: Text) -> Page:
    """Text (and place, category, kind, cost) search with bounded work.

    The full-text index does the filtering it can (search.tags: categories, kind, cost and
    the grid cells around the place). Up to SCAN_LIMIT matches are all scored and counted
    exactly. Past that the total reads "at least" and only some are scored: with a place,
    those closer in (`closer_radius`), so the nearest and best are among them; without
    one, those matching in a name or category, ranked first.
    """
    needed = query.page * query.per_page
    if query.categories:
        # Facets count what each category would add, so they need the matches without
        # the category filter: when those are few, one scan gives both.
        unfiltered = dataclasses.replace(query, categories=())
        found = matches(unfiltered, text, query.radius_miles)
        if len(found) <= SCAN_LIMIT:
            everything = scan(unfiltered, text, query.radius_miles, found)
            within = everything.in_categories(query.categories)
            facets = {**everything.facets(), **within.filter_counts(query)}
            return within.page(query), within.total, facets, True
    found = matches(query, text, query.radius_miles)
    if len(found) <= SCAN_LIMIT:
        done = scan(query, text, query.radius_miles, found)
        return done.page(query), done.total, {**done.facets(), **done.filter_counts(query)}, True
    if query.has_point:
        # The first matches in index order are a fair sample of where the matches lie.
        radius = closer_radius(found[:SAMPLE_LIMIT], query)
        done = scan(query, text, radius)
        while len(done.candidates) < needed and radius < query.radius_miles:
            radius = min(query.radius_miles, radius * 1.5)  # too few that close: wider
            wider = scan(query, text, radius)
            if not wider.exact and done.exact:
                # Wider holds more than can be read: keep every nearer match, first.
                done.add(wider)
                break
            done = wider
    else:
        best = tuple(c for c in (text.columns or TOP_COLUMNS) if c in TOP_COLUMNS)
        if best == text.columns:
            # Only common words: the matches read were already of names and categories alone.
            done = scan(query, text, None, found)
        else:
            # How densely the matches lie, as read, bounds the share of names and categories.
            share = len(found) / max(found[-1] - entry_id_range()[0] + 1, len(found))
            done = scan(query, dataclasses.replace(text, columns=best, share=share), None)
        if len(done.candidates) < needed:
            wider = dataclasses.replace(text, limit=needed * 2)
            done.add(scan(query, wider, None))
    # The total is what was checked against every filter: a true lower bound ("at least").
    # Categories and filter values are those the checked matches have, without (partial) counts.
    present = [
        code for code, count in {**done.facets(), **done.filter_counts(query)}.items() if count
    ]
    return done.page(query), done.total, dict.fromkeys(present), False


def matches(query: ServiceQuery, text: Text, radius) -> list[int]:
    """Entry ids of the first `text.reads` matches, in index order: the full-text index alone.

    Cheap, since nothing is ranked: the index intersects the lists of the text and tags.
    """
    tags = tag_groups(query, radius)
    match_sql, params = dialect().bounded_match_sql(
        text.groups, text.operator, tags, columns=text.columns, few=few_matches(text, tags)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{match_sql} LIMIT %s", [*params, text.reads])
        return [entry_id for (entry_id,) in cursor.fetchall()]


def few_matches(text: Text, tags: list[list[str]]) -> bool:
    """Whether the matches are expected to be few enough to collect them all from the index
    (then sort them by id), rather than test the listings one by one in id order until
    enough are found.

    Testing in order is cheap when matches are dense, and reads every listing when there are
    fewer than it wants: "low mood" with a place, 407 matches, took 160 ms walking all
    97,000 listings at 100,000 where the index gives them in 6-10 ms. The vocabulary's counts
    are exact for words and say nothing of the tags (category, place), so with them they are
    an upper bound: when they expect few, they are few. Otherwise the database's estimate,
    which includes the tags, decides (dialects: none on SQLite, whose index reads in id
    order either way). With the matches restricted to names and categories (`columns`),
    `share` is that of every column, an upper bound: collecting them costs no more than
    that share, while testing in order costs at least as much as it would for every column.
    """
    if text.share is not None and text.share <= (FEW_COLUMNS_SHARE if text.columns else FEW_SHARE):
        return True
    if not text.indexed or not text.groups:
        return False
    estimate = dialect().estimated_matches(text.groups, text.operator, tags, text.columns)
    return estimate is not None and estimate <= PLANNED_FEW_SHARE * text.indexed


def scan(query: ServiceQuery, text: Text, radius, found: list[int] | None = None) -> Scan:
    """The matches (`matches`, unless given as `found`) with what ranking and filtering need."""
    if found is None:
        found = matches(query, text, radius)
    scanned = rows(query, found[:SCAN_LIMIT], radius)
    limit_squared = None
    if query.has_point and radius is not None:
        limit_squared = (radius / MILES_PER_DEGREE) ** 2
    # Exact: the full-text index had no more matches than were read.
    return Scan(scanned, len(found) < text.reads, limit_squared, text)


def rows(query: ServiceQuery, entry_ids: list[int], radius) -> list[Row]:
    """`Row`s for the entries: distances (with a place) and the filters checked per row."""
    if not entry_ids:
        return []
    db = dialect()
    distance, distance_params = "NULL", []
    if query.has_point and radius is not None:
        d2, distance_params = squared_distance(query)
        distance = f"(SELECT MIN({d2}) FROM {POINT} p WHERE p.entry_id = e.id AND p.code = '')"
    # Filters the full-text index can't apply (age, open now, opening days, languages) are
    # checked per row; languages and days apart, for their counts (Scan.near).
    clauses, filter_params = base_filters(query, tagged=True)
    passes = f"CASE WHEN {' AND '.join(clauses)} THEN 1 ELSE 0 END" if clauses else "1"
    speaks, speaks_params = languages_filter(query)
    on_day, on_day_params = days_filter(query)
    among, among_params = db.in_id_list("e.id", entry_ids)
    # Out of date as of the search (query.out_of_date_before), whenever it was indexed.
    stale, stale_params = "0", []
    if query.out_of_date_before is not None:
        stale = "CASE WHEN e.review_due < %s THEN 1 ELSE 0 END"
        stale_params = [query.out_of_date_before.isoformat()]
    # The category codes come with the row (one statement, not a second read by id): the
    # facets and the category filter of a first round need them (Scan.codes).
    codes = f"(SELECT {db.joined('c.code')} FROM {CATEGORY} c WHERE c.entry_id = e.id)"
    sql = (
        f"SELECT e.id, {distance}, {passes}, {_flag(speaks)}, {_flag(on_day)}, "
        f"e.sort_name, e.categories, e.summary, {stale}, {codes} FROM {ENTRY} e WHERE {among}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                *distance_params,
                *filter_params,
                *speaks_params,
                *on_day_params,
                *stale_params,
                *among_params,
            ],
        )
        return [Row._make(row) for row in cursor.fetchall()]


def _flag(clause: str) -> str:
    """SQL for 1 when `clause` holds (always, when there is none), else 0."""
    return f"CASE WHEN {clause} THEN 1 ELSE 0 END" if clause else "1"


def closer_radius(sample: list[int], query: ServiceQuery) -> float:
    """A radius expected to hold about SCAN_LIMIT * CLOSER_SHARE matches, from a sample of them.

    The sample holds the first matches in index (insertion) order, which has nothing to
    do with place or text, so it is a fair one: the share of row ids it reached (its last
    id / the highest id) estimates how many matches there are in all.
    """
    found = sorted(distances(query, sample))
    if not found:
        return query.radius_miles
    lowest, highest = entry_id_range()
    reached = max(sample) - lowest + 1
    estimated = len(sample) * max(highest - lowest + 1, reached) / max(reached, 1)
    wanted = int(len(found) * SCAN_LIMIT * CLOSER_SHARE / max(estimated, 1))
    radius = math.sqrt(found[min(max(wanted, 1), len(found)) - 1]) * MILES_PER_DEGREE
    return min(query.radius_miles, max(radius, 0.1))


def distances(query: ServiceQuery, entry_ids: list[int]) -> list[float]:
    """Squared distances (degrees, longitude scaled) of the entries' nearest locations.

    From the (entry, code, latitude, longitude) index alone: no text is read.
    """
    among, params = dialect().in_id_list("p.entry_id", entry_ids)
    d2, d2_params = squared_distance(query)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MIN({d2}) FROM {POINT} p WHERE p.code = '' AND {among} GROUP BY p.entry_id",
            [*d2_params, *params],
        )
        return [d2 for (d2,) in cursor.fetchall()]


def entry_id_range() -> tuple[int, int]:
    """The lowest and highest entry ids (0, 0 when the index is empty)."""
    with connection.cursor() as cursor:
        # Two subqueries, so each reads one end of the primary key.
        cursor.execute(f"SELECT (SELECT MIN(id) FROM {ENTRY}), (SELECT MAX(id) FROM {ENTRY})")
        lowest, highest = cursor.fetchone()
        return lowest or 0, highest or 0


def entry_codes(entry_ids) -> list[tuple[int, str]]:
    """(entry id, category code) for the entries, codes with their ancestors."""
    entry_ids = list(entry_ids)
    if not entry_ids:
        return []
    with connection.cursor() as cursor:
        among, params = dialect().in_id_list("entry_id", entry_ids)
        cursor.execute(f"SELECT entry_id, code FROM {CATEGORY} WHERE {among}", params)
        return cursor.fetchall()


def squared_distance(query: ServiceQuery) -> tuple[str, list]:
    """SQL for a point row `p`'s squared distance from the query's place, and its parameters.

    In degrees of latitude, longitude scaled by cos(latitude); compared with squared radii.
    """
    scale = max(math.cos(math.radians(query.latitude)), 0.01) ** 2
    return (
        "((p.latitude - %s) * (p.latitude - %s) + (p.longitude - %s) * (p.longitude - %s) * %s)",
        [query.latitude, query.latitude, query.longitude, query.longitude, scale],
    )


def tag_groups(query: ServiceQuery, radius: float | None) -> list[list[str]]:
    """The filters as full-text tags (search.tags): a list of groups, each one of its tags."""
    groups = []
    if query.categories:
        groups.append([category_tag(code) for code in query.categories])
    if query.kind:
        groups.append([kind_tag(query.kind)])
    if query.free_only:
        groups.append([FREE_TAG])
    groups.extend([feature_tag(code)] for code in required_features(query))
    if query.has_point and radius is not None:
        cells = cover(query.latitude, query.longitude, radius)
        if cells:
            groups.append(cells)
    return groups


class _Radius:
    """SQL for the point rows within the query's radius that pass its filters."""

    def __init__(self, query: ServiceQuery):
        if query.open_now:  # when few are open, their ids (read from the opening rows)
            clauses, self.filter_params, _ = _open_browse(
                query, with_categories=False, probe=RADIUS_OPEN_PROBE
            )
        else:
            clauses, self.filter_params = filters(query)
        self.join = f"JOIN {ENTRY} e ON e.id = p.entry_id " if clauses else ""
        self.where = (" AND " + " AND ".join(clauses)) if clauses else ""
        self.box = bounding_box(query.latitude, query.longitude, query.radius_miles)
        self.distance, self.distance_params = squared_distance(query)
        self.radius_squared = (query.radius_miles / MILES_PER_DEGREE) ** 2

    def rows(self, codes, extra: str = "") -> tuple[str, list]:
        """FROM … WHERE … for the point rows of `codes` in the radius; `extra` follows."""
        return (
            f"FROM {POINT} p {self.join}WHERE p.code IN ({placeholders(codes)}) "
            "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s "
            f"AND {self.distance} <= %s{self.where}{extra}",
            [
                *codes,
                *self.box,
                *self.distance_params,
                self.radius_squared,
                *self.filter_params,
            ],
        )

    def first_ids(self, codes) -> list[int]:
        """The first SCAN_LIMIT + 1 listings of `codes` in the radius (in no order): their
        number is the count, stopped past the limit, and the filters' counts are of them.

        Point rows are read without DISTINCT, and repeats (a listing's other places and
        categories) dropped here: a range of the (code, latitude, longitude) index that stops
        at the limit. With DISTINCT, PostgreSQL walked the (entry, …) index for its order
        instead, reading most of it (~40 ms at 100,000 listings).
        """
        sql, params = self.rows(codes)
        wanted, reads = SCAN_LIMIT + 1, (SCAN_LIMIT + 1) * 2
        with connection.cursor() as cursor:
            while True:
                cursor.execute(f"SELECT p.entry_id {sql} LIMIT %s", [*params, reads])
                rows = cursor.fetchall()
                found = list(dict.fromkeys(entry_id for (entry_id,) in rows))
                if len(found) >= wanted or len(rows) < reads:
                    return found[:wanted]
                reads *= 4  # mostly repeats: read further

    def facets(self, everything: int) -> dict:
        """Listings in the radius by category; past SCAN_LIMIT, which are here, without counts."""
        all_codes = list(TaxonomyTerm.objects.values_list("code", flat=True))
        if everything <= SCAN_LIMIT:
            sql, params = self.rows(all_codes, " GROUP BY p.code")
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT p.code, COUNT(DISTINCT p.entry_id) {sql}", params)
                return dict(cursor.fetchall())
        # Which categories are here at all: each check stops at its first listing.
        checks, params = [], []
        for code in all_codes:
            sql, code_params = self.rows([code])
            checks.append(f"SELECT %s WHERE EXISTS (SELECT 1 {sql})")
            params.extend([code, *code_params])
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(checks), params)
            return {code: None for (code,) in cursor.fetchall()}

    def nearest(self, query: ServiceQuery, codes, radius: float, needed: int) -> list[tuple]:
        """(entry id, squared distance) of the `needed` nearest listings of `codes`.

        An expanding box: from `radius`, doubled until it holds enough or reaches the
        query's radius.
        """
        while True:
            sql = (
                f"SELECT p.entry_id, MIN({self.distance}) AS d2 FROM {POINT} p {self.join}"
                f"WHERE p.code IN ({placeholders(codes)}) "
                "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s"
                f"{self.where} GROUP BY p.entry_id HAVING MIN({self.distance}) <= %s "
                "ORDER BY d2, p.entry_id LIMIT %s"
            )
            params = [
                *self.distance_params,
                *codes,
                *bounding_box(query.latitude, query.longitude, radius),
                *self.filter_params,
                *self.distance_params,
                (radius / MILES_PER_DEGREE) ** 2,
                needed,
            ]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                found = cursor.fetchall()
            if len(found) >= needed or radius >= query.radius_miles:
                return found
            radius = min(query.radius_miles, radius * 2)


def geo_page(query: ServiceQuery) -> Page:
    """Browse by place: counts from the point index (up to SCAN_LIMIT), then the nearest page.

    Everything reads the (code, latitude, longitude, entry) index. Counting stops at
    SCAN_LIMIT + 1 listings; past that the total is "at least 500" and the categories are
    listed by whether any listing in the radius has them, without counts.
    """
    area = _Radius(query)
    codes = tuple(query.categories) or ("",)
    # Read once: the count (stopped past the limit) and the listings the filters count.
    found = area.first_ids(codes)
    total = len(found)
    unfiltered = area.first_ids(("",)) if query.categories else found
    exact = total <= SCAN_LIMIT
    if len(unfiltered) > SCAN_LIMIT and area.join:
        # Past the limit with filters checked per listing ("open now", age, days): the
        # categories of the listings read, as a text search past the limit lists them. A
        # check per category would test every listing in the radius against the filters
        # when a category has none that pass (~1 s for "open now" at 100,000 listings).
        categories = dict.fromkeys(code for _, code in entry_codes(unfiltered))
    else:
        categories = area.facets(len(unfiltered))
    facets = {**categories, **_geo_filter_counts(query, codes, found, exact)}
    total = min(total, SCAN_LIMIT)
    offset = (query.page - 1) * query.per_page
    needed = offset + query.per_page
    if total == 0 or offset >= total:
        return [], total, facets, exact
    # Expanding box: start with the radius expected to hold the page at even density
    # (a third of that when the count stopped at the limit: the density is higher).
    spread = 1.5 if exact else 0.5
    radius = min(query.radius_miles, query.radius_miles * (needed / total) ** 0.5 * spread)
    found = area.nearest(query, codes, radius, needed)
    page = [
        (entry_id, miles_from_squared_degrees(d2), None) for entry_id, d2 in found[offset:needed]
    ]
    return page, total, facets, exact


def _geo_filter_counts(query: ServiceQuery, codes, found: list[int], exact: bool) -> dict:
    """Filter values' counts among `found` (the listings in the radius, up to the limit);
    past SCAN_LIMIT, the values there, without counts."""

    def without(**chosen):  # the listings in the radius without the languages or days chosen
        return among_ids(_Radius(dataclasses.replace(query, **chosen)).first_ids(codes))

    counts = filter_counts(
        query,
        among_ids(found),
        without(languages=()) if query.languages else None,
        without(days=()) if query.days else None,
    )
    if exact:
        return counts
    return dict.fromkeys(code for code, count in counts.items() if count)


def _browse_among(query: ServiceQuery):
    """The listings a browse (no text, no place) shows, as counts.Among (None: all of them)."""
    clauses, params = filters(query)
    if query.categories:
        clauses.append(
            f"e.id IN (SELECT entry_id FROM {CATEGORY} WHERE code IN ({placeholders(query.categories)}))"
        )
        params = [*params, *query.categories]
    if not clauses:
        return None
    return among_query(f"SELECT e.id FROM {ENTRY} e WHERE {' AND '.join(clauses)}", params)


def _open_browse(
    query: ServiceQuery, with_categories: bool = True, probe: int | None = None
) -> tuple[list, list, bool]:
    """WHERE clauses (on `e`) and parameters for a browse with "open now", and whether the
    open listings are listed in them (read from the opening rows: at most `probe`, by
    default OPEN_PROBE).

    When few listings are open (at night) their ids come from the opening rows of the
    weekday (search.openings.open_entries_sql); otherwise each listing read in name order
    is checked (open_now_clause), and enough are open that few are read before the limit.
    """
    probe = OPEN_PROBE if probe is None else probe
    clauses, params = filters(query)
    with connection.cursor() as cursor:
        cursor.execute(*open_entries_sql(OPENING, timezone.localtime(), probe + 1))
        open_ids = [entry_id for (entry_id,) in cursor.fetchall()]
    listed = len(open_ids) <= probe
    if listed:
        clauses, params = filters(dataclasses.replace(query, open_now=False))
        among, among_params = dialect().in_id_list("e.id", open_ids)
        clauses, params = [among, *clauses], [*among_params, *params]
    if with_categories and query.categories:
        clauses.append(
            f"e.id IN (SELECT entry_id FROM {CATEGORY} WHERE code IN ({placeholders(query.categories)}))"
        )
        params = [*params, *query.categories]
    return clauses, params, listed


def _open_browse_ids(query: ServiceQuery, with_categories: bool = True) -> list[int]:
    """The first SCAN_LIMIT + 1 listings, in name order, of a browse with "open now"."""
    clauses, params, _ = _open_browse(query, with_categories)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id FROM {ENTRY} e WHERE {' AND '.join(clauses)} "
            "ORDER BY e.sort_name, e.id LIMIT %s",
            [*params, SCAN_LIMIT + 1],
        )
        return [entry_id for (entry_id,) in cursor.fetchall()]


def _open_category_facets(query: ServiceQuery, ids: list[int]) -> dict:
    """Open listings by category (without the categories chosen, as browsing counts them);
    past SCAN_LIMIT, which categories have any, without counts (as browsing by place)."""
    if len(ids) <= SCAN_LIMIT:
        among, params = dialect().in_id_list("entry_id", ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT code, COUNT(*) FROM {CATEGORY} WHERE {among} GROUP BY code", params
            )
            return dict(cursor.fetchall())
    clauses, clause_params, listed = _open_browse(query, with_categories=False)
    if listed:  # at most OPEN_PROBE open listings: which categories they have, in one read
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT c.code FROM {CATEGORY} c JOIN {ENTRY} e ON e.id = c.entry_id "
                f"WHERE {' AND '.join(clauses)}",
                clause_params,
            )
            return {code: None for (code,) in cursor.fetchall()}
    # One correlated check run for each category (planned once, unlike a UNION of checks:
    # on PostgreSQL planning 30 checks cost more than running them), each stopping at its
    # first open listing. A scalar subquery, not EXISTS, which PostgreSQL would turn into a
    # join of every category row with every open listing (~50 ms at 20,000 listings).
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.code FROM {TaxonomyTerm._meta.db_table} t WHERE (SELECT 1 "
            f"FROM {CATEGORY} c JOIN {ENTRY} e ON e.id = c.entry_id WHERE c.code = t.code "
            f"AND {' AND '.join(clauses)} LIMIT 1) IS NOT NULL",
            clause_params,
        )
        return {code: None for (code,) in cursor.fetchall()}


def open_browse_page(query: ServiceQuery) -> Page:
    """Browse "open now" (no text, no place) with bounded work, as browsing by place: the
    first SCAN_LIMIT + 1 open listings in name order; past SCAN_LIMIT the total is "at least
    500" and the filters' and categories' values are listed without counts."""
    found = _open_browse_ids(query)
    exact = len(found) <= SCAN_LIMIT
    ids = found[:SCAN_LIMIT]
    everything = _open_browse_ids(query, with_categories=False) if query.categories else found
    facets = _open_category_facets(query, everything)

    def among(variant: ServiceQuery):
        return among_ids(_open_browse_ids(variant)[:SCAN_LIMIT])

    counts = filter_counts(
        query,
        among_ids(ids),
        among(dataclasses.replace(query, languages=())) if query.languages else None,
        among(dataclasses.replace(query, days=())) if query.days else None,
    )
    facets.update(counts if exact else dict.fromkeys(code for code, n in counts.items() if n))
    offset = (query.page - 1) * query.per_page
    page = ids[offset : offset + query.per_page]
    return [(entry_id, None, None) for entry_id in page], len(ids), facets, exact


def browse_page(query: ServiceQuery) -> Page:
    """No text and no place: everything (or a category) in name order."""
    if query.open_now:
        return open_browse_page(query)
    clauses, params = filters(query)
    facet_clauses, facet_params = list(clauses), list(params)
    if query.categories:
        clauses.append(
            f"e.id IN (SELECT entry_id FROM {CATEGORY} WHERE code IN ({placeholders(query.categories)}))"
        )
        params.extend(query.categories)
    where = ("WHERE " + " AND ".join(clauses) + " ") if clauses else ""
    sql = (
        f"SELECT e.id, COUNT(*) OVER () FROM {ENTRY} e {where}"
        "ORDER BY e.sort_name, e.id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, query.per_page, (query.page - 1) * query.per_page])
        fetched = cursor.fetchall()
        if fetched:
            total = fetched[0][1]
        else:
            cursor.execute(f"SELECT COUNT(*) FROM {ENTRY} e {where}", params)
            total = cursor.fetchone()[0]
        facet_where = ("WHERE " + " AND ".join(facet_clauses) + " ") if facet_clauses else ""
        if facet_clauses:
            cursor.execute(
                f"SELECT c.code, COUNT(*) FROM {CATEGORY} c JOIN {ENTRY} e ON e.id = c.entry_id "
                f"{facet_where}GROUP BY c.code",
                facet_params,
            )
        else:
            cursor.execute(f"SELECT code, COUNT(*) FROM {CATEGORY} GROUP BY code")
        facets = dict(cursor.fetchall())
    facets.update(
        filter_counts(
            query,
            _browse_among(query),
            _browse_among(dataclasses.replace(query, languages=())),
            _browse_among(dataclasses.replace(query, days=())),
        )
    )
    return [(entry_id, None, None) for entry_id, _ in fetched], total, facets, True

"""Search benchmark: `python -m bench.search [--quick] [--sizes 10000,100000]`.

Builds a throwaway database (a fresh SQLite file, or the PostgreSQL database named by
BENCH_DATABASE_URL, dropped and recreated) with deterministic synthetic listings whose words
follow a Zipf-like distribution (some words are in most listings) and about 60% of which have
weekly opening times (`schedules`), rebuilds the search index (the real rebuild, which reads
the schedules into the open-now rows as publishing does),
and measures in the same run on the same database:

- the search function in-process, p50/p95: text + point + radius + category, text only,
  point + category only (geo browsing), point only, and "open now" alone (browsing), with
  text and with a place, at a busy time (Tuesday 11:00) and a quiet one (Saturday 00:30);
- the /services/ view and the home page through the test client, and their ratio;
- the full reindex time;
- the query plans of the main statements.

Prints everything and writes bench/results/search.json (one entry per database vendor).
"""

import argparse
import contextlib
import datetime
import functools
import itertools
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "search.json"
SEED = 20260301
DEFAULT_SIZES = (10_000, 100_000)
SEARCH_SAMPLES = 300
VIEW_SAMPLES = 60

# Town centres in and around South Yorkshire: listings cluster around them.
TOWNS = [
    ("Sheffield", 53.3811, -1.4701, 30),
    ("Hillsborough", 53.4040, -1.5000, 6),
    ("Firth Park", 53.4200, -1.4600, 5),
    ("Crookes", 53.3870, -1.5130, 4),
    ("Heeley", 53.3590, -1.4700, 4),
    ("Darnall", 53.3850, -1.4130, 4),
    ("Chapeltown", 53.4650, -1.4700, 3),
    ("Stocksbridge", 53.4790, -1.5900, 2),
    ("Rotherham", 53.4300, -1.3570, 12),
    ("Barnsley", 53.5526, -1.4797, 12),
    ("Doncaster", 53.5228, -1.1285, 14),
    ("Chesterfield", 53.2350, -1.4210, 10),
    ("Worksop", 53.3010, -1.1240, 5),
    ("Penistone", 53.5250, -1.6290, 2),
    ("Wath", 53.5020, -1.3460, 3),
    ("Mexborough", 53.4930, -1.2870, 3),
    ("Dronfield", 53.3020, -1.4690, 3),
]
COMMON = [
    "support",
    "help",
    "group",
    "people",
    "community",
    "local",
    "free",
    "friendly",
    "weekly",
    "advice",
    "service",
    "meet",
]
GENERIC = [
    "we",
    "offer",
    "a",
    "for",
    "the",
    "and",
    "with",
    "you",
    "your",
    "can",
    "our",
    "to",
    "of",
    "in",
    "on",
    "at",
    "every",
    "week",
    "month",
    "welcome",
    "all",
    "ages",
    "adults",
    "older",
    "family",
    "friends",
    "together",
    "tea",
    "coffee",
    "session",
    "sessions",
    "volunteers",
    "staff",
    "trained",
    "drop",
    "centre",
    "church",
    "hall",
    "library",
    "park",
    "club",
    "team",
    "information",
]
NAME_SUFFIXES = ["Group", "Club", "Service", "Project", "Café", "Network", "Drop-in", "Circle"]


@functools.cache
def zipf_cumulative(size: int, s: float) -> tuple[float, ...]:
    """Cumulative Zipf weights of ranks 1..size (computed once: the tail has 20,000 words)."""
    return tuple(itertools.accumulate(1 / (rank + 1) ** s for rank in range(size)))


def zipf_words(rng: random.Random, vocabulary: list[str], count: int, s: float = 1.1) -> list[str]:
    # The same draws as `weights=`: random.choices accumulates the weights the same way.
    return rng.choices(vocabulary, cum_weights=zipf_cumulative(len(vocabulary), s), k=count)


def long_tail(rng: random.Random, size: int) -> list[str]:
    syllables = [
        "ba",
        "be",
        "bo",
        "da",
        "de",
        "do",
        "ka",
        "ke",
        "ko",
        "la",
        "le",
        "lo",
        "ma",
        "me",
        "mo",
        "na",
        "ne",
        "no",
        "ra",
        "re",
        "ro",
        "sa",
        "se",
        "so",
        "ta",
        "te",
        "to",
        "va",
        "ve",
    ]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
    return sorted(words)


def setup_database(vendor_url: str | None, reuse: bool = False) -> str:
    """Point Django at a fresh database (or, with `reuse`, the last one); returns its description."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    if vendor_url and vendor_url.startswith("postgres"):
        import psycopg

        name = vendor_url.rsplit("/", 1)[1] or "signpost_bench"
        admin_url = vendor_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not (reuse and exists):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                admin.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = vendor_url
        return f"postgresql ({name})"
    path = Path(
        os.environ.get("BENCH_SQLITE_PATH")
        or Path(tempfile.gettempdir()) / "signpost-bench-search.sqlite3"
    )
    for suffix in ("", "-wal", "-shm"):
        if not reuse:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return f"sqlite ({path})"


BATCH = 2000

# Weekly sessions (opens, closes) and the weekdays they run on (ISO: 1 = Monday).
SESSIONS = [
    ((9, 0), (12, 0), 6),
    ((9, 30), (12, 30), 4),
    ((10, 0), (12, 0), 5),
    ((13, 0), (16, 0), 5),
    ((13, 30), (15, 30), 4),
    ((9, 0), (17, 0), 8),
    ((8, 30), (16, 30), 3),
    ((18, 0), (20, 0), 4),
    ((19, 0), (21, 0), 3),
]
LATE_SESSIONS = [((22, 0), (2, 0)), ((20, 0), (1, 0)), ((23, 0), (3, 0))]  # past midnight
WEEKDAY_SETS = [
    ((1, 2, 3, 4, 5), 6),
    ((1,), 2),
    ((2,), 2),
    ((3,), 2),
    ((4,), 2),
    ((5,), 2),
    ((1, 3), 2),
    ((2, 4), 2),
    ((1, 3, 5), 2),
    ((6,), 1),
    ((6, 7), 1),
    ((1, 2, 3, 4, 5, 6), 1),
    ((1, 2, 3, 4, 5, 6, 7), 1),
]
SEASONS = [
    (datetime.date(2026, 4, 1), datetime.date(2026, 9, 30)),  # summer
    (datetime.date(2026, 10, 1), datetime.date(2027, 3, 31)),  # winter
    (datetime.date(2026, 12, 1), datetime.date(2026, 12, 24)),  # before Christmas
    (datetime.date(2027, 6, 1), None),  # starting later
]


def weekly_schedules(rng: random.Random, service) -> list:
    """Schedules for one listing: none for about 40%; one or two weekly sessions for the rest,
    about 3% running past midnight, about 5% only in a season, some open on bank holidays."""
    from directory.models import Schedule

    if rng.random() >= 0.6:
        return []
    schedules = []
    for order in range(1 if rng.random() < 0.7 else 2):
        if rng.random() < 0.04:  # of listings with schedules: ~3% of all listings
            opens, closes = rng.choice(LATE_SESSIONS)
            weekdays = rng.choice([(5,), (6,), (5, 6), (4, 5, 6)])
        else:
            opens, closes, _ = rng.choices(SESSIONS, weights=[w for *_, w in SESSIONS])[0]
            weekdays = rng.choices(WEEKDAY_SETS, weights=[w for _, w in WEEKDAY_SETS])[0]
        valid_from, valid_to = rng.choice(SEASONS) if rng.random() < 0.06 else (None, None)
        schedules.append(
            Schedule(
                id=uuid.UUID(int=rng.getrandbits(128)),
                service=service,
                sort_order=order,
                weekdays=list(weekdays),
                opens_at=datetime.time(*opens),
                closes_at=datetime.time(*closes),
                valid_from=valid_from,
                valid_to=valid_to,
                open_on_bank_holidays=rng.random() < 0.15,
            )
        )
    return schedules


def generate(start: int, stop: int, terms: list, tail: list[str]) -> None:
    """Insert services start..stop-1 with organisations, locations and categories (bulk).

    Each batch of BATCH listings has its own seed, so a reused database of N listings grows
    to M with the same listings a fresh run of M would have (N a multiple of BATCH).
    """
    from directory.models import Location, Organisation, Schedule, Service, ServiceAtLocation
    from search.synonyms import SYNONYM_GROUPS

    domain = sorted({w for group in SYNONYM_GROUPS for term in group for w in term.split()})
    random.Random(SEED).shuffle(domain)
    town_weights = [town[3] for town in TOWNS]
    kinds = ["community_asset"] * 6 + ["service"] * 3 + ["carers_support", "event"]
    for offset in range(start, stop, BATCH):
        rng = random.Random(f"{SEED}:{offset}")
        # A stream of its own, so the listings are those of runs before they had schedules.
        schedule_rng = random.Random(f"{SEED}:{offset}:schedules")
        size = min(BATCH, stop - offset)
        organisations = [
            Organisation(name=f"Organisation {offset + i}") for i in range(0, size, 10)
        ]
        Organisation.objects.bulk_create(organisations)
        services, locations, links, categories, schedules = [], [], [], [], []
        for i in range(size):
            town = rng.choices(TOWNS, weights=town_weights)[0]
            topic = zipf_words(rng, domain, 2, 0.8)
            name = f"{town[0]} {topic[0].title()} {rng.choice(NAME_SUFFIXES)}"
            summary_words = zipf_words(rng, COMMON, 4) + topic + zipf_words(rng, GENERIC, 6)
            body_words = (
                zipf_words(rng, COMMON, 12)
                + topic
                + zipf_words(rng, domain, 3, 1.1)
                + zipf_words(rng, GENERIC, 30)
                + zipf_words(rng, tail, 15)
            )
            rng.shuffle(summary_words)
            rng.shuffle(body_words)
            service = Service(
                id=uuid.UUID(int=rng.getrandbits(128)),
                organisation=organisations[i // 10],
                name=name,
                summary=" ".join(summary_words).capitalize() + ".",
                description="<p>" + " ".join(body_words).capitalize() + ".</p>",
                kind=rng.choice(kinds),
                is_free=rng.random() < 0.4,
                min_age=rng.choice([None] * 8 + [18, 50, 65]),
                live=True,
                status="active" if rng.random() > 0.03 else "inactive",
            )
            services.append(service)
            schedules.extend(weekly_schedules(schedule_rng, service))
            for _ in range(2 if rng.random() < 0.1 else 1):
                location = Location(
                    id=uuid.UUID(int=rng.getrandbits(128)),
                    name=name,
                    latitude=rng.gauss(town[1], 0.03),
                    longitude=rng.gauss(town[2], 0.05),
                )
                locations.append(location)
                links.append(
                    ServiceAtLocation(
                        id=uuid.UUID(int=rng.getrandbits(128)), service=service, location=location
                    )
                )
            for term in rng.sample(terms, rng.choice([1, 1, 2, 2, 3])):
                categories.append((service, term))
        Service.objects.bulk_create(services)
        Location.objects.bulk_create(locations)
        ServiceAtLocation.objects.bulk_create(links)
        Schedule.objects.bulk_create(schedules)
        through = Service.taxonomy_terms.through
        through.objects.bulk_create(
            [through(service=service, taxonomyterm=term) for service, term in categories],
            ignore_conflicts=True,
        )


TEXT_QUERIES = [
    "memory problems",
    "lonely",
    "dementia cafe",
    "help looking after mum",
    "benefits advice",
    "wheelchair swimming",
    "carers",
    "walking group",
    "low mood",
    "befriending",
    "support group",
    "lunch club",
    "anxiety",
    "equipment",
    "transport",
    "community",
    "help",
    "stroke",
    "bereavement",
    "debt",
    "digital",
    "free advice",
    "exercise",
    "housing",
    "food bank",
]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def summarise(samples: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
        "n": len(samples),
    }


def random_point(rng: random.Random) -> tuple[float, float]:
    town = rng.choices(TOWNS, weights=[t[3] for t in TOWNS])[0]
    return rng.gauss(town[1], 0.02), rng.gauss(town[2], 0.03)


def measure_search(rng: random.Random, codes: list[str]) -> dict:
    from search.api import search_services
    from search.query import ServiceQuery

    cases = {
        "text_point_radius_category": lambda: ServiceQuery(
            text=rng.choice(TEXT_QUERIES),
            latitude=(point := random_point(rng))[0],
            longitude=point[1],
            radius_miles=rng.choice([1, 3, 5, 10]),
            categories=(rng.choice(codes),),
        ),
        "text_only": lambda: ServiceQuery(text=rng.choice(TEXT_QUERIES)),
        "point_category_only": lambda: ServiceQuery(
            latitude=(point := random_point(rng))[0],
            longitude=point[1],
            radius_miles=rng.choice([1, 3, 5]),
            categories=(rng.choice(codes),),
        ),
        "point_only": lambda: ServiceQuery(
            latitude=(point := random_point(rng))[0], longitude=point[1], radius_miles=3
        ),
    }
    for moment, when in OPEN_NOW_MOMENTS.items():
        cases[f"open_now_{moment}"] = (when, lambda: ServiceQuery(open_now=True))
        cases[f"open_now_text_{moment}"] = (
            when,
            lambda: ServiceQuery(text=rng.choice(TEXT_QUERIES), open_now=True),
        )
        cases[f"open_now_point_{moment}"] = (
            when,
            lambda: ServiceQuery(
                latitude=(point := random_point(rng))[0],
                longitude=point[1],
                radius_miles=3,
                open_now=True,
            ),
        )
    results = {}
    for name, case in cases.items():
        when, make = case if isinstance(case, tuple) else (None, case)
        with at_moment(when):
            for _ in range(10):  # warm up
                search_services(make())
            samples = []
            for _ in range(SEARCH_SAMPLES):
                query = make()
                started = time.perf_counter()
                search_services(query)
                samples.append((time.perf_counter() - started) * 1000)
        results[name] = summarise(samples)
    return results


# "Open now" is measured at fixed moments (Europe/London), so runs on different days compare.
OPEN_NOW_MOMENTS = {
    "busy": "2026-12-08T11:00:00+00:00",  # a Tuesday morning: about a fifth of listings open
    "quiet": "2026-12-05T00:30:00+00:00",  # a Saturday 00:30: only the late sessions
}


@contextlib.contextmanager
def at_moment(when: str | None):
    """The clock (django.utils.timezone.now) stopped at `when`, or left alone for None."""
    if when is None:
        yield
        return
    from unittest import mock

    with mock.patch(
        "django.utils.timezone.now", return_value=datetime.datetime.fromisoformat(when)
    ):
        yield


def open_now_share() -> dict:
    """How many listings have schedules, and how many the index finds open at each moment."""
    from django.db import connection
    from django.db.models import F

    from directory.models import Schedule, Service
    from search.backends.database.tables import ENTRY, OPENING
    from search.openings import open_now_clause

    with_schedules = Schedule.objects.values("service").distinct()
    shares = {
        "listings": Service.objects.count(),
        "with_schedules": with_schedules.count(),
        "past_midnight": with_schedules.filter(closes_at__lt=F("opens_at")).count(),
        "seasonal": with_schedules.exclude(valid_from=None, valid_to=None).count(),
    }
    for moment, when in OPEN_NOW_MOMENTS.items():
        clause, params = open_now_clause(OPENING, "e.id", datetime.datetime.fromisoformat(when))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {ENTRY} e WHERE {clause}", params)  # noqa: S608
            shares[f"open_{moment}"] = cursor.fetchone()[0]
    return shares


def measure_views(rng: random.Random) -> dict:
    """The home page and `/services/?q=…&postcode=S1+2HH&radius=3` through the test client:
    wall time, and this process's CPU time (which includes SQLite's work, and is steadier than
    wall time on a machine shared with other work)."""
    from django.test import Client

    client = Client()
    home = client.get("/")
    if home.status_code != 200:
        return {"home": f"n/a (status {home.status_code})"}

    def timed(url_maker):
        samples, cpu = [], []
        for i in range(VIEW_SAMPLES + 5):
            url = url_maker()
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            elapsed_cpu = (time.process_time() - started_cpu) * 1000
            if response.status_code != 200:
                return None, response.status_code
            if i >= 5:
                samples.append(elapsed)
                cpu.append(elapsed_cpu)
        return {**summarise(samples), "cpu_p50_ms": round(statistics.median(cpu), 2)}, 200

    home_stats, _ = timed(lambda: "/")
    result = {"home": home_stats}
    services_stats, status = timed(
        lambda: (
            f"/services/?q={rng.choice(TEXT_QUERIES).replace(' ', '+')}&postcode=S1+2HH&radius=3"
        )
    )
    if services_stats is None:
        result["services_view"] = f"n/a (status {status})"
    else:
        result["services_view"] = services_stats
        result["view_to_home_p50_ratio"] = round(services_stats["p50_ms"] / home_stats["p50_ms"], 2)
        result["view_to_home_cpu_p50_ratio"] = round(
            services_stats["cpu_p50_ms"] / home_stats["cpu_p50_ms"], 2
        )
    return result


def views_only(rounds: int) -> None:
    """`--views-only`: the pages alone against the last run's listings, `rounds` times (the
    ratio wanders with the machine's load: compare ranges)."""
    from django.db import connection

    print(f"Views on {connection.vendor}, {VIEW_SAMPLES} pages each, load average per round")
    for number in range(rounds):
        views = measure_views(random.Random(SEED + number))
        home, page = views["home"], views["services_view"]
        if not isinstance(page, dict):
            print(f"  round {number + 1}: {page}")
            continue
        load = ", ".join(f"{load:.1f}" for load in os.getloadavg())
        print(
            f"  round {number + 1}: home p50 {home['p50_ms']:.2f} ms (cpu {home['cpu_p50_ms']:.2f})"
            f"  /services/ p50 {page['p50_ms']:.2f} ms (cpu {page['cpu_p50_ms']:.2f})"
            f"  ratio {views['view_to_home_p50_ratio']:.2f} (cpu {views['view_to_home_cpu_p50_ratio']:.2f})"
            f"  load {load}",
            flush=True,
        )


def capture_plans() -> dict:
    """The SQL of one search of each shape, with the database's query plan."""
    from django.db import connection

    from search.api import search_services
    from search.query import ServiceQuery

    shapes = {
        "text_point_radius_category": ServiceQuery(
            text="memory problems",
            latitude=53.3811,
            longitude=-1.4701,
            categories=("memory-dementia",),
        ),
        "text_only": ServiceQuery(text="support group"),
        "point_category_only": ServiceQuery(
            latitude=53.3811, longitude=-1.4701, categories=("memory-dementia",)
        ),
    }
    plans = {}
    for name, query in shapes.items():
        statements = []

        def capture(execute, sql, params, many, context, statements=statements):
            statements.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(capture):
            search_services(query)
        plans[name] = []
        for sql, params in statements:
            if "search_" not in sql or sql.startswith("EXPLAIN"):
                continue  # not the index's, or itself a plan (scan.few_matches asks for one)
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql, params)
                rows = cursor.fetchall()
            plan = [" ".join(str(c) for c in row[-1:]) for row in rows]
            plans[name].append({"sql": " ".join(sql.split())[:400], "plan": plan})
    return plans


def machine(connection) -> dict:
    """Where and with what the run was measured."""
    import platform

    import django

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SELECT version()"
        )
        database_version = cursor.fetchone()[0]
    return {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "django": django.get_version(),
        "database_version": database_version,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 listings only")
    parser.add_argument("--sizes", help="comma-separated listing counts")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the listings of the last run (same seed) instead of generating them again",
    )
    parser.add_argument(
        "--views-only",
        type=int,
        metavar="ROUNDS",
        help="only time the home page and /services/ (ROUNDS times) on the last run's listings",
    )
    args = parser.parse_args(argv)
    sizes = (10_000,) if args.quick else DEFAULT_SIZES
    if args.sizes:
        sizes = tuple(int(size) for size in args.sizes.split(","))

    database = setup_database(
        os.environ.get("BENCH_DATABASE_URL"), reuse=args.reuse or bool(args.views_only)
    )
    import django

    django.setup()
    if args.views_only:
        views_only(args.views_only)
        return {"views_only": args.views_only}
    from django.core.management import call_command
    from django.db import connection

    from directory.models import Postcode, Service, TaxonomyTerm
    from search.backends import database_backend
    from tests.factories.search import seed_categories

    call_command("migrate", verbosity=0)
    seed_categories()
    Postcode.objects.get_or_create(
        postcode="S1 2HH",
        defaults={"outcode": "S1", "latitude": 53.38041, "longitude": -1.469915},
    )
    terms = list(TaxonomyTerm.objects.order_by("code"))
    codes = [term.code for term in terms]
    rng = random.Random(SEED)
    tail = long_tail(rng, 20_000)
    report = {
        "database": database,
        "vendor": connection.vendor,
        "machine": machine(connection),
        "sizes": {},
    }
    print(f"Search benchmark on {database}")
    generated = Service.objects.count() if args.reuse else 0
    for size in sorted(sizes):
        started = time.perf_counter()
        if generated < size:
            generate(generated, size, terms, tail)
            generated = size
            print(f"\n{size:,} listings generated in {time.perf_counter() - started:.1f}s")
        else:
            print(f"\n{generated:,} listings reused from the last run")
        if connection.vendor == "postgresql":
            # Statistics, as autovacuum would have them on a running database: without them
            # the planner takes the freshly generated tables for empty ones.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        started = time.perf_counter()
        indexed = database_backend().rebuild()
        reindex_s = time.perf_counter() - started
        print(f"  full reindex: {indexed:,} live services in {reindex_s:.1f}s")
        shares = open_now_share()
        print(f"  opening times: {shares}")
        measure_rng = random.Random(SEED + size)
        searches = measure_search(measure_rng, codes)
        for name, stats in searches.items():
            print(
                f"  search {name:28s} p50 {stats['p50_ms']:7.2f} ms  p95 {stats['p95_ms']:7.2f} ms  max {stats['max_ms']:7.1f} ms"
            )
        views = measure_views(measure_rng)
        for name, stats in views.items():
            if isinstance(stats, dict):
                print(
                    f"  view   {name:28s} p50 {stats['p50_ms']:7.2f} ms  p95 {stats['p95_ms']:7.2f} ms"
                )
            else:
                print(f"  view   {name:28s} {stats}")
        report["sizes"][str(size)] = {
            "reindex_seconds": round(reindex_s, 2),
            "indexed": indexed,
            "opening_times": shares,
            "search": searches,
            "views": views,
        }
    report["plans"] = capture_plans()
    print("\nQuery plans (largest size):")
    for name, statements in report["plans"].items():
        print(f"  {name}:")
        for statement in statements:
            print(f"    {statement['sql'][:160]}…")
            for line in statement["plan"][:12]:  # the whole plan is in the JSON
                print(f"      {line[:200]}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    earlier_sizes = existing.get(connection.vendor, {}).get("sizes", {})
    report["sizes"] = {**earlier_sizes, **report["sizes"]}  # runs of other sizes are kept
    existing[connection.vendor] = report
    RESULTS.write_text(json.dumps(existing, indent=2))
    print(f"\nWrote {RESULTS}")
    return report


if __name__ == "__main__":
    sys.exit(0 if main() else 1)

"""Benchmark: every analytics report over a year of 1,000,000 synthetic search events.

`python -m bench.analytics` builds (or reuses) a separate SQLite database in the temp folder
with the synthetic generator, and times each report page through the Django test client, for
the default 90 days and for the whole year. With DATABASE_URL pointing at PostgreSQL it does
the same in a `<name>_analytics_bench` database there too. Prints a table and writes
bench/results/analytics.json. Target (issue 10): each report under 1 second on SQLite.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "analytics.json"
EVENTS = int(os.environ.get("BENCH_ANALYTICS_EVENTS", "1000000"))
DAYS = 365
TARGET_SECONDS = 1.0
WARDS = [
    ("Beauchief and Greenhill", 53.336, -1.497), ("Beighton", 53.334, -1.339),
    ("Birley", 53.347, -1.373), ("Broomhill and Sharrow Vale", 53.375, -1.496),
    ("Burngreave", 53.398, -1.458), ("City", 53.380, -1.470), ("Crookes and Crosspool", 53.384, -1.518),
    ("Darnall", 53.388, -1.413), ("Dore and Totley", 53.327, -1.540),
    ("East Ecclesfield", 53.440, -1.445), ("Ecclesall", 53.352, -1.525),
    ("Firth Park", 53.415, -1.445), ("Fulwood", 53.372, -1.550), ("Gleadless Valley", 53.350, -1.455),
    ("Graves Park", 53.335, -1.470), ("Hillsborough", 53.405, -1.505),
    ("Manor Castle", 53.373, -1.435), ("Mosborough", 53.325, -1.360),
    ("Nether Edge and Sharrow", 53.360, -1.485), ("Park and Arbourthorne", 53.360, -1.440),
    ("Richmond", 53.365, -1.400), ("Shiregreen and Brightside", 53.418, -1.425),
    ("Southey", 53.420, -1.480), ("Stannington", 53.400, -1.560),
    ("Stocksbridge and Upper Don", 53.480, -1.600), ("Walkley", 53.395, -1.495),
    ("West Ecclesfield", 53.450, -1.480), ("Woodhouse", 53.357, -1.380),
]  # fmt: skip


def main() -> dict:
    """Run the benchmark on SQLite (and PostgreSQL if DATABASE_URL says so); write results."""
    database_urls = [
        f"sqlite:///{Path(tempfile.gettempdir()) / 'signpost-analytics-bench.sqlite3'}"
    ]
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        database_urls.append(configured.rsplit("/", 1)[0] + "/signpost_analytics_bench")
    results = {"events_target": EVENTS, "target_seconds": TARGET_SECONDS, "runs": []}
    for url in database_urls:
        output = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bench.analytics", "--child"],
            env={
                **os.environ,
                "DATABASE_URL": url,
                "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            },
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )
        if output.returncode != 0:
            print(output.stdout, output.stderr, file=sys.stderr)  # noqa: T201
            raise SystemExit(f"Analytics benchmark failed on {url.split(':', 1)[0]}")
        run = json.loads(output.stdout.strip().splitlines()[-1])
        results["runs"].append(run)
        _print_run(run)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    return results


def _print_run(run: dict) -> None:
    print(  # noqa: T201
        f"\nAnalytics reports on {run['database']}: {run['events']:,} search events over "
        f"{DAYS} days (built in {run['build_seconds']} s; rolled up into "
        f"{run['aggregate_rows']:,} daily rows in {run['roll_up_seconds']} s)"
    )
    print(  # noqa: T201
        f"{'report':<20} {'90 days wall/cpu (s)':>22} {'365 days wall/cpu (s)':>23}  cpu < 1 s"
    )
    for name, timing in run["reports"].items():
        default, year = timing["default"], timing["year"]
        ok = "yes" if max(default["cpu"], year["cpu"]) < TARGET_SECONDS else "NO"
        print(  # noqa: T201
            f"{name:<20} {default['wall']:>12.3f} / {default['cpu']:.3f}"
            f" {year['wall']:>13.3f} / {year['cpu']:.3f}  {ok}"
        )
    print(f"(load average while measuring: {run['load_average']})")  # noqa: T201


def _child() -> None:
    """Inside a process whose DATABASE_URL is the benchmark database."""
    import django

    django.setup()
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from search.analytics.models import DailySearchAggregate
    from search.analytics.reports import REPORTS
    from search.models import SearchEvent

    if connection.vendor == "postgresql":
        _ensure_postgres_database(connection.settings_dict)
    call_command("migrate", verbosity=0)
    from search.analytics.models import RollUpState
    from search.analytics.reports import local_midnight
    from search.analytics.retention import roll_up
    from search.analytics.synthetic import generate_events

    started = time.perf_counter()
    events = SearchEvent.objects.count()
    if events < EVENTS * 0.95:
        events = _build(EVENTS)
    build_seconds = round(time.perf_counter() - started, 1)
    # The nightly roll-up of every complete day, as purge_expired does it.
    started = time.perf_counter()
    today = timezone.localdate()
    if RollUpState.through() != today - datetime.timedelta(days=1):
        roll_up(through=today - datetime.timedelta(days=1))
    roll_up_seconds = round(time.perf_counter() - started, 1)
    # Today so far: raw events that reports add to the roll-ups.
    if not SearchEvent.objects.filter(occurred_hour__gte=local_midnight(today)).exists():
        events += generate_events(days=1, per_day=EVENTS // DAYS // 2, seed=1, end=today)

    setup_test_environment()
    user, _created = get_user_model().objects.get_or_create(
        username="bench-analyst", defaults={"email": "bench@council.example"}
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_analytics"),
    )
    client = Client()
    client.force_login(user)
    year = {"date_from": str(today - datetime.timedelta(days=DAYS)), "date_to": str(today)}
    timings = {}
    for slug in REPORTS:
        url = f"/admin/analytics/{slug}/"
        timings[slug] = {"default": _time(client, url, {}), "year": _time(client, url, year)}
    print(  # noqa: T201
        json.dumps(
            {
                "database": connection.vendor,
                "events": events,
                "build_seconds": build_seconds,
                "roll_up_seconds": roll_up_seconds,
                "aggregate_rows": DailySearchAggregate.objects.count(),
                "load_average": " ".join(f"{load:.1f}" for load in os.getloadavg()),
                "reports": timings,
            }
        )
    )


def _time(client, url, params, repeat=3) -> dict:
    """Median wall-clock and CPU seconds for the page (the test client runs in-process, so
    CPU time covers the view, the database work and the template; it is the fairer figure
    on a busy shared machine)."""
    wall, cpu = [], []
    for _attempt in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, params)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        if response.status_code != 200:
            raise SystemExit(f"{url} returned {response.status_code}")
    return {"wall": round(statistics.median(wall), 3), "cpu": round(statistics.median(cpu), 3)}


def _build(events: int) -> int:
    """Fresh synthetic data: 28 wards, 4 LAC patches, 300 listings and a year of events."""
    import random

    from django.db import connection

    from directory.models import Area, Location, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
    from directory.vocabulary import CATEGORIES
    from search.analytics.models import DailySearchAggregate, RollUpState
    from search.analytics.synthetic import generate_events
    from search.models import ReferralEvent, SearchClick, SearchEvent

    for model in (SearchClick, SearchEvent, ReferralEvent, DailySearchAggregate, RollUpState):
        model.objects.all().delete()
    ServiceAtLocation.objects.all().delete()
    Service.objects.all().delete()
    Location.objects.all().delete()
    Area.objects.all().delete()
    wards = [
        Area.objects.create(
            name=name,
            kind=Area.Kind.WARD,
            code=f"E0501{index:04d}",
            centroid_latitude=latitude,
            centroid_longitude=longitude,
        )
        for index, (name, latitude, longitude) in enumerate(WARDS)
    ]
    for number in range(4):
        patch = Area.objects.create(name=f"LAC patch {number + 1}", kind=Area.Kind.LAC_PATCH)
        patch.wards.set(wards[number * 7 : number * 7 + 7])
    taxonomy, _created = Taxonomy.objects.get_or_create(name="Signpost needs")
    terms = {}
    for code, name, description, parent in CATEGORIES:
        terms[code], _created = TaxonomyTerm.objects.get_or_create(
            code=code,
            defaults={"taxonomy": taxonomy, "name": name, "description": description},
        )
        if parent:
            terms[code].parent = terms[parent]
            terms[code].save()
    rng = random.Random(2026)  # noqa: S311 - repeatable test data
    codes = list(terms)
    for number in range(300):
        ward = rng.choice(wards)
        location = Location.objects.create(
            name=f"Venue {number}",
            area=ward,
            latitude=ward.centroid_latitude,
            longitude=ward.centroid_longitude,
        )
        service = Service.objects.create(name=f"Community group {number}", live=True)
        service.taxonomy_terms.set([terms[code] for code in rng.sample(codes, k=2)])
        service.save()
        ServiceAtLocation.objects.create(service=service, location=location)
    weekly_share = (5 + 2 * 0.6) / 7
    written = generate_events(
        days=DAYS, per_day=round(events / (DAYS * weekly_share)), seed=2026, areas=wards
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return written


def _ensure_postgres_database(settings_dict) -> None:
    import psycopg

    params = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
        "dbname": "postgres",
        "connect_timeout": 5,
        "autocommit": True,
    }
    with psycopg.connect(**params) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings_dict["NAME"]]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child()
    else:
        main()

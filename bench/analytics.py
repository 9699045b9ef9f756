"""Benchmark: every analytics report over a year of 1,000,000 synthetic search events.

`python -m bench.analytics` builds (or reuses) a separate SQLite database in the temp folder
with the synthetic generator, rolls up every complete day as the nightly `purge_expired` does,
adds raw events for today, and times each of the six reports four ways: the default 90 days
and the whole year, for all areas and for one LAC patch (seven wards). Each is timed through
the real admin page (Django test client, signed-in analyst) and as the bare report function,
in wall-clock and CPU seconds (`time.process_time`, the fairer figure on a busy machine).
With DATABASE_URL pointing at PostgreSQL it does the same in a `signpost_analytics_bench`
database there too. Prints a table and writes bench/results/analytics.json.
Target (issue 10): each report under 1 second on SQLite.
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
        f"{DAYS} days ({'reused' if run['database_reused'] else 'built'} in "
        f"{run['build_seconds']} s; rolled up into "
        f"{run['daily_rows']:,} daily, {run['monthly_rows']:,} monthly and "
        f"{run['monthly_area_rows']:,} monthly-by-area rows in "
        f"{run['roll_up_seconds']} s); area = {run['area']}"
    )
    print(  # noqa: T201
        f"{'report':<18} {'range':<11}"
        f" {'page wall/cpu (s)':>18} {'function wall/cpu (s)':>22}  page < {TARGET_SECONDS:g} s"
    )
    for name, ranges in run["reports"].items():
        for range_name, timing in ranges.items():
            page, function = timing["page"], timing["function"]
            ok = "yes" if page["wall"] < TARGET_SECONDS else "NO"
            if ok == "NO" and page["cpu"] < TARGET_SECONDS:
                ok = "cpu only"
            print(  # noqa: T201
                f"{name:<18} {range_name:<11}"
                f" {page['wall']:>9.3f} / {page['cpu']:.3f}"
                f" {function['wall']:>13.3f} / {function['cpu']:.3f}  {ok}"
            )
    print(  # noqa: T201
        f"(load average before / after measuring: {run['load_average_before']} / "
        f"{run['load_average']}, on {run['cpus']} CPUs)"
    )


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

    if connection.vendor == "postgresql":
        _ensure_postgres_database(connection.settings_dict)
    call_command("migrate", verbosity=0)
    from analytics.models import (
        DailySearchAggregate,
        MonthlyAreaAggregate,
        MonthlySearchAggregate,
        SearchEvent,
    )
    from analytics.reports import REPORTS, ReportFilter, local_midnight
    from analytics.retention import roll_up
    from demo.synthetic import generate_events
    from directory.models import Area

    started = time.perf_counter()
    events = SearchEvent.objects.count()
    reused = events >= EVENTS * 0.95
    if not reused:
        events = _build(EVENTS)
    build_seconds = round(time.perf_counter() - started, 1)
    # The nightly roll-up of every complete day and month, as purge_expired does it (a no-op
    # when an earlier run already did it today).
    started = time.perf_counter()
    today = timezone.localdate()
    roll_up(through=today - datetime.timedelta(days=1))
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a roll-up: planner statistics, and a visibility
        # map for index-only scans.
        with connection.cursor() as cursor:
            for model in (DailySearchAggregate, MonthlySearchAggregate, MonthlyAreaAggregate):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
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
    patch = Area.objects.filter(kind=Area.Kind.LAC_PATCH).order_by("name").first()
    year_from = today - datetime.timedelta(days=DAYS)
    ranges = {
        "90 days": ({}, ReportFilter.default(today)),
        "year": (
            {"date_from": str(year_from), "date_to": str(today)},
            ReportFilter(year_from, today),
        ),
        "90 days+area": ({"area": str(patch.pk)}, ReportFilter.default(today, patch)),
        "year+area": (
            {"date_from": str(year_from), "date_to": str(today), "area": str(patch.pk)},
            ReportFilter(year_from, today, patch),
        ),
    }
    client.get("/admin/analytics/")  # warm up imports, templates and translations
    load_before = os.getloadavg()
    timings = {}
    for slug, spec in REPORTS.items():
        url = f"/admin/analytics/{slug}/"
        timings[slug] = {
            name: {
                "page": _time(lambda url=url, params=params: _get(client, url, params)),
                "function": _time(lambda spec=spec, report=report: spec.build(report)),
            }
            for name, (params, report) in ranges.items()
        }
    print(  # noqa: T201
        json.dumps(
            {
                "database": connection.vendor,
                "events": events,
                "build_seconds": build_seconds,
                "database_reused": reused,
                "roll_up_seconds": roll_up_seconds,
                "daily_rows": DailySearchAggregate.objects.count(),
                "monthly_rows": MonthlySearchAggregate.objects.count(),
                "monthly_area_rows": MonthlyAreaAggregate.objects.count(),
                "area": f"{patch.name} ({patch.wards.count()} wards)",
                "cpus": os.cpu_count(),
                "load_average_before": " ".join(f"{load:.1f}" for load in load_before),
                "load_average": " ".join(f"{load:.1f}" for load in os.getloadavg()),
                "reports": timings,
            }
        )
    )


def _get(client, url, params) -> None:
    response = client.get(url, params)
    if response.status_code != 200:
        raise SystemExit(f"{url} returned {response.status_code}")


def _time(work, repeat=3) -> dict:
    """Median wall-clock and CPU seconds of `work()` (the test client runs in-process, so
    a page's CPU time covers the view, the database work and the template)."""
    wall, cpu = [], []
    for _attempt in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {"wall": round(statistics.median(wall), 3), "cpu": round(statistics.median(cpu), 3)}


def _build(events: int) -> int:
    """Fresh synthetic data: 28 wards, 4 LAC patches, 300 listings and a year of events."""
    import random

    from django.db import connection

    from analytics.models import (
        DailySearchAggregate,
        MonthlyAreaAggregate,
        MonthlySearchAggregate,
        ReferralEvent,
        RollUpState,
        SearchClick,
        SearchEvent,
    )
    from demo.synthetic import generate_events
    from directory.models import Area, Location, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
    from directory.vocabulary import CATEGORIES

    for model in (
        SearchClick,
        SearchEvent,
        ReferralEvent,
        DailySearchAggregate,
        MonthlySearchAggregate,
        MonthlyAreaAggregate,
        RollUpState,
    ):
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

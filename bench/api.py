"""ORUK API benchmark: `python -m bench.api [--listings 100000]`.

Builds a throwaway SQLite database (and, with BENCH_DATABASE_URL, the PostgreSQL database
named there, dropped and recreated) holding N live services, each with an organisation, a
location, a schedule, a phone and two categories, then times through the Django test client
`/api/oruk/services?per_page=50` (page 1, page 50, the last page and random pages), a
filtered page (taxonomy term + postcode within 5 km), single services and `/organizations`
(first and last page): p50/p95 in milliseconds and SQL queries per request, against the
target of #26 (p95 <= 50 ms at 100,000 listings). Writes bench/results/api-<database>.json
with the machine, the database and the versions.
"""

import argparse
import json
import os
import platform
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bench.search import setup_database
from bench.workers import run_worker

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_LISTINGS = 100_000
TARGET_P95_MS = 50
# The figures held to the target of #26, in the order they are printed.
TARGETED = [
    "services_page_1",
    "services_page_50",
    "services_last_page",
    "service_detail",
    "organizations_page_1",
    "organizations_last_page",
]
SAMPLES = 60
BATCH = 5_000
SEED = 20261123


def build(listings: int) -> float:
    """Bulk-create the listings; returns seconds taken."""
    import datetime

    from directory.models import (
        Location,
        Organisation,
        Phone,
        Postcode,
        Schedule,
        Service,
        ServiceAtLocation,
        Taxonomy,
        TaxonomyTerm,
    )

    started = time.perf_counter()
    rng = random.Random(SEED)
    Postcode.objects.create(postcode="S1 2HH", outcode="S1", latitude=53.3804, longitude=-1.4699)
    taxonomy = Taxonomy.objects.create(name="Signpost needs")
    terms = TaxonomyTerm.objects.bulk_create(
        TaxonomyTerm(taxonomy=taxonomy, code=f"need-{n}", name=f"Need {n}") for n in range(20)
    )
    organisations = Organisation.objects.bulk_create(
        (
            Organisation(name=f"Organisation {n}", description="A local charity.")
            for n in range(max(1, listings // 10))
        ),
        batch_size=BATCH,
    )
    through = Service.taxonomy_terms.through
    for start in range(0, listings, BATCH):
        count = min(BATCH, listings - start)
        services = [
            Service(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                name=f"Community group {start + n:06d}",
                summary="Friendly weekly group for adults.",
                description="<p>Friendly weekly group for adults. Tea, chat and activities.</p>",
                organisation=organisations[(start + n) % len(organisations)],
                live=True,
                min_age=18,
                languages=["English"],
                last_reviewed=datetime.date(2026, 1, 1),
            )
            for n in range(count)
        ]
        Service.objects.bulk_create(services)
        locations = Location.objects.bulk_create(
            Location(
                name=f"Hall {start + n}",
                address_1=f"{n % 200 + 1} High Street",
                city="Sheffield",
                postcode="S1 2HH",
                latitude=53.38 + rng.uniform(-0.3, 0.3),
                longitude=-1.47 + rng.uniform(-0.5, 0.5),
            )
            for n in range(count)
        )
        ServiceAtLocation.objects.bulk_create(
            ServiceAtLocation(service=s, location=loc)
            for s, loc in zip(services, locations, strict=True)
        )
        Schedule.objects.bulk_create(
            Schedule(
                service=s,
                weekdays=[rng.randint(1, 7)],
                opens_at=datetime.time(10),
                closes_at=datetime.time(12),
            )
            for s in services
        )
        Phone.objects.bulk_create(Phone(service=s, number="0114 000 0000") for s in services)
        through.objects.bulk_create(
            through(service_id=s.pk, taxonomyterm_id=term.pk)
            for s in services
            for term in rng.sample(terms, 2)
        )
    return time.perf_counter() - started


def timed(client, url: str, samples: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations, cpu, queries = [], [], 0
    for _ in range(samples):
        started, cpu_started = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url() if callable(url) else url)
        durations.append((time.perf_counter() - started) * 1000)
        # CPU of this process (Django, and SQLite which runs in it; not PostgreSQL's own
        # processes): what the request costs, less inflated by a busy machine than wall time.
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, response.content[:200]
        queries = len(captured)
    durations.sort()
    cpu.sort()
    return {
        "p50_ms": round(statistics.median(durations), 1),
        "p95_ms": round(durations[int(len(durations) * 0.95) - 1], 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "cpu_p95_ms": round(cpu[int(len(cpu) * 0.95) - 1], 1),
        "queries": queries,
    }


def versions() -> dict:
    import django
    from django.db import connection

    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": ".".join(str(part) for part in connection.Database.sqlite_version_info)
        if connection.vendor == "sqlite"
        else connection.cursor().connection.info.parameter_status("server_version"),
    }


def machine() -> dict:
    return {
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def worker(listings: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from directory.models import Organisation, Service, TaxonomyTerm

    call_command("migrate", verbosity=0)
    build_seconds = build(listings)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load
    client = Client()
    per_page = 50
    total_pages = (Service.objects.live().count() + per_page - 1) // per_page
    organisation_pages = (Organisation.objects.count() + per_page - 1) // per_page
    rng = random.Random(SEED)
    term = TaxonomyTerm.objects.first()
    details = list(Service.objects.live().order_by("?").values_list("pk", flat=True)[:SAMPLES])
    client.get(f"/api/oruk/services?per_page={per_page}")  # warm up
    page = f"/api/oruk/services?per_page={per_page}&page="
    result = {
        "database": connection.vendor,
        "listings": listings,
        "machine": machine(),
        "versions": versions(),
        "build_seconds": round(build_seconds, 1),
        "services_page_1": timed(client, f"{page}1", SAMPLES),
        "services_page_50": timed(client, f"{page}50", SAMPLES),
        "services_last_page": timed(client, f"{page}{total_pages}", SAMPLES),
        "services_random_page": timed(
            client, lambda: f"{page}{rng.randint(1, total_pages)}", SAMPLES
        ),
        "services_filtered": timed(
            client,
            f"/api/oruk/services?per_page=50&taxonomy_term_id={term.pk}&postcode=S1+2HH&proximity=5000",
            SAMPLES // 2,
        ),
        "service_detail": timed(
            client, lambda: f"/api/oruk/services/{rng.choice(details)}", SAMPLES
        ),
        "organizations_page_1": timed(client, "/api/oruk/organizations?per_page=50", SAMPLES),
        "organizations_last_page": timed(
            client, f"/api/oruk/organizations?per_page=50&page={organisation_pages}", SAMPLES
        ),
    }
    result["offset_paging"] = offset_paging(client, page, total_pages, organisation_pages)
    result["machine"]["load_average_1m_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result))


def offset_paging(client, page: str, total_pages: int, organisation_pages: int) -> dict:
    """The same pages the way they were served before #26 (COUNT, then OFFSET over every row;
    organisations by a DISTINCT join), on the same data in the same run: the comparison."""
    from unittest import mock

    from directory.models import Organisation
    from directory.oruk import serialisers, views

    def old_paged(rows, kind, params, serialise, load=None):
        return views.paged(rows.order_by("name", "id"), params, serialise, load)

    def old_live_organisations():
        return Organisation.objects.filter(
            services__in=serialisers.service_queryset().values("pk")
        ).distinct()

    with (
        mock.patch.object(views, "keyset_paged", old_paged),
        mock.patch.object(views, "live_organisations", old_live_organisations),
    ):
        return {
            "services_page_1": timed(client, f"{page}1", SAMPLES // 2),
            "services_page_50": timed(client, f"{page}50", SAMPLES // 2),
            "services_last_page": timed(client, f"{page}{total_pages}", SAMPLES // 2),
            "organizations_last_page": timed(
                client,
                f"/api/oruk/organizations?per_page=50&page={organisation_pages}",
                SAMPLES // 2,
            ),
        }


def table(result: dict) -> str:
    lines = [
        f"{result['database']} at {result['listings']:,} listings "
        f"(load average {result['machine']['load_average_1m']} on {result['machine']['cpus']} cores)",
        f"  {'request':28s} {'p50 ms':>8s} {'p95 ms':>8s} {'cpu p50':>8s} {'cpu p95':>8s}"
        f" {'queries':>8s}  target p95 <= {TARGET_P95_MS} ms",
    ]
    for name, stats in result.items():
        if not isinstance(stats, dict) or "p95_ms" not in stats:
            continue
        verdict = ""
        if name in TARGETED:
            verdict = "met" if stats["p95_ms"] <= TARGET_P95_MS else "NOT met"
        lines.append(
            f"  {name:28s} {stats['p50_ms']:8.1f} {stats['p95_ms']:8.1f} {stats['cpu_p50_ms']:8.1f}"
            f" {stats['cpu_p95_ms']:8.1f} {stats['queries']:8d}  {verdict}"
        )
    lines.append("  the same pages with COUNT + OFFSET (before #26), same data, same run:")
    for name, stats in result.get("offset_paging", {}).items():
        lines.append(
            f"  {name:28s} {stats['p50_ms']:8.1f} {stats['p95_ms']:8.1f} {stats['cpu_p50_ms']:8.1f}"
            f" {stats['cpu_p95_ms']:8.1f} {stats['queries']:8d}"
        )
    return "\n".join(lines)


def run(database_url: str, listings: int) -> dict:
    return run_worker("bench.api", database_url, listings)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=DEFAULT_LISTINGS)
    parser.add_argument(
        "--skip-sqlite", action="store_true", help="only the BENCH_DATABASE_URL database"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.listings)
        return
    results = []
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            results.append(run(f"sqlite:///{folder}/bench-api.sqlite3", args.listings))
    if os.environ.get("BENCH_DATABASE_URL"):
        database_url = os.environ["BENCH_DATABASE_URL"]
        setup_database(database_url)  # dropped and recreated
        results.append(run(database_url, args.listings))
    RESULTS.mkdir(parents=True, exist_ok=True)
    for result in results:
        print(table(result))
        path = RESULTS / f"api-{result['database']}.json"
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()

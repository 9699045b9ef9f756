"""ORUK API benchmark: `python -m bench.api [--listings 100000]`.

Builds a throwaway SQLite database (or, with BENCH_DATABASE_URL, the PostgreSQL database
named there) holding N live services, each with an organisation, a location, a schedule, a
phone and two categories, then times `/api/oruk/services?per_page=50` (first page and
random pages), a filtered page (taxonomy term + postcode within 5 km) and one full service
through the Django test client: p50/p95 in milliseconds and SQL queries per request.
Writes bench/results/api.json.
"""

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bench.workers import run_worker

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "api.json"
DEFAULT_LISTINGS = 100_000
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

    durations, queries = [], 0
    for _ in range(samples):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url() if callable(url) else url)
        durations.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:200]
        queries = len(captured)
    durations.sort()
    return {
        "p50_ms": round(statistics.median(durations), 1),
        "p95_ms": round(durations[int(len(durations) * 0.95) - 1], 1),
        "queries": queries,
    }


def worker(listings: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from directory.models import Service, TaxonomyTerm

    call_command("migrate", verbosity=0)
    build_seconds = build(listings)
    client = Client()
    total_pages = (Service.objects.live().count() + 49) // 50
    rng = random.Random(SEED)
    term = TaxonomyTerm.objects.first()
    detail = Service.objects.live().order_by("pk").first()
    client.get("/api/oruk/services?per_page=50")  # warm up
    result = {
        "database": connection.vendor,
        "listings": listings,
        "build_seconds": round(build_seconds, 1),
        "services_page_1": timed(client, "/api/oruk/services?per_page=50", SAMPLES),
        "services_random_page": timed(
            client,
            lambda: f"/api/oruk/services?per_page=50&page={rng.randint(1, total_pages)}",
            SAMPLES,
        ),
        "services_filtered": timed(
            client,
            f"/api/oruk/services?per_page=50&taxonomy_term_id={term.pk}&postcode=S1+2HH&proximity=5000",
            SAMPLES // 2,
        ),
        "service_detail": timed(client, f"/api/oruk/services/{detail.pk}", SAMPLES),
    }
    print(json.dumps(result))


def run(database_url: str, listings: int) -> dict:
    return run_worker("bench.api", database_url, listings)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=DEFAULT_LISTINGS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.listings)
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(run(f"sqlite:///{folder}/bench-api.sqlite3", args.listings))
    if os.environ.get("BENCH_DATABASE_URL"):
        results.append(run(os.environ["BENCH_DATABASE_URL"], args.listings))
    for result in results:
        print(json.dumps(result, indent=2))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""Listing editor benchmark (#22): `python -m bench.editor [--listings 10000]`.

Builds a throwaway SQLite database with the demo data (`load_demo_data`: 320 listings, its
organisations, locations, patches and coordinators), times the listing edit page through the
Django test client for an Administrator and for a coordinator editing a listing in their
patch, then bulk-adds listings (each with an organisation share, a location, a schedule and a
phone) up to N and times the same pages again. Server time only (the test client, no
browser): p50/p95 in milliseconds (and the process's CPU time, which waiting for a busy
machine's cores does not inflate), SQL queries and response size. Targets: p50 under 500 ms
at demo size and under 1,000 ms at 10,000 listings. Writes bench/results/editor.json.
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
RESULTS = ROOT / "bench" / "results" / "editor.json"
DEFAULT_LISTINGS = 10_000
SAMPLES = 15
BATCH = 2_000
SEED = 20261207
TARGETS_MS = {"demo": 500, "large": 1000}


def add_listings(total: int) -> None:
    """Bulk-add listings (with a location in a demo ward, a schedule and a phone) up to `total`."""
    import datetime

    from directory.models import (
        Area,
        Location,
        Organisation,
        Phone,
        Schedule,
        Service,
        ServiceAtLocation,
    )

    rng = random.Random(SEED)
    wards = list(Area.objects.filter(kind=Area.Kind.WARD))
    organisations = list(Organisation.objects.all())
    missing = total - Service.objects.count()
    for start in range(0, max(0, missing), BATCH):
        count = min(BATCH, missing - start)
        services = [
            Service(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                name=f"Bench group {start + n:06d}",
                summary="Friendly weekly group for adults.",
                description="<p>Friendly weekly group. <b>Tea</b>, chat and activities.</p>",
                organisation=rng.choice(organisations),
                live=True,
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
                latitude=53.38 + rng.uniform(-0.1, 0.1),
                longitude=-1.47 + rng.uniform(-0.1, 0.1),
                area=rng.choice(wards),
            )
            for n in range(count)
        )
        sals = ServiceAtLocation.objects.bulk_create(
            ServiceAtLocation(service=s, location=loc)
            for s, loc in zip(services, locations, strict=True)
        )
        Schedule.objects.bulk_create(
            Schedule(
                service=sal.service,
                service_at_location=sal,
                weekdays=[rng.randint(1, 7)],
                opens_at=datetime.time(10),
                closes_at=datetime.time(12),
            )
            for sal in sals
        )
        Phone.objects.bulk_create(Phone(service=s, number="0114 000 0000") for s in services)


def timed(client, url: str, samples: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up
    durations, cpu, queries, size = [], [], 0, 0
    for _ in range(samples):
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (response.status_code, url)
        queries, size = len(captured), len(response.content)
    durations.sort()
    return {
        "p50_ms": round(statistics.median(durations), 1),
        "p95_ms": round(durations[max(0, int(len(durations) * 0.95) - 1)], 1),
        # CPU time of this process (SQLite runs in it): what the page costs when the machine
        # is shared and the wall clock includes waiting for a core.
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "queries": queries,
        "kilobytes": round(size / 1024),
    }


def measure(label: str) -> dict:
    from django.contrib.admin.utils import quote
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from directory.models import LocalAreaCoordinator, Service
    from directory.patches import limit_to_patches

    admin = get_user_model().objects.get(username="bench-admin")
    coordinator = (
        LocalAreaCoordinator.objects.filter(user__isnull=False, patches__isnull=False)
        .select_related("user")
        .first()
        .user
    )
    # A demo listing with locations and opening times, in the coordinator's patch.
    listing = (
        limit_to_patches(Service.objects.filter(schedules__isnull=False), coordinator)
        .filter(service_at_locations__isnull=False)
        .order_by("name")
        .first()
    )
    url = reverse("wagtailsnippets_directory_service:edit", args=[quote(listing.pk)])
    result = {"listings": Service.objects.count(), "target_p50_ms": TARGETS_MS[label]}
    for name, user in (("administrator", admin), ("coordinator", coordinator)):
        client = Client()
        client.force_login(user)
        result[f"edit_page_{name}"] = timed(client, url, SAMPLES)
    result["met"] = all(
        result[f"edit_page_{name}"]["p50_ms"] < TARGETS_MS[label]
        for name in ("administrator", "coordinator")
    )
    return result


def worker(listings: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    settings.ALLOW_DEMO_DATA = True
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    demo_seconds = time.perf_counter() - started
    get_user_model().objects.create_superuser("bench-admin", "bench@example.com", None)
    result = {"database": connection.vendor, "demo_build_seconds": round(demo_seconds, 1)}
    result["demo"] = measure("demo")
    started = time.perf_counter()
    add_listings(listings)
    result["build_seconds"] = round(time.perf_counter() - started, 1)
    result["large"] = measure("large")
    print(json.dumps(result))


def run(database_url: str, listings: int) -> dict:
    return run_worker(
        "bench.editor",
        database_url,
        listings,
        GEOCODER="none",
        STAFF_MFA_REQUIRED="false",  # the page's cost, not the sign-in's
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=DEFAULT_LISTINGS)
    parser.add_argument("--quick", action="store_true", help="1,000 listings")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    listings = 1_000 if args.quick else args.listings
    if args.worker:
        worker(listings)
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(run(f"sqlite:///{folder}/bench-editor.sqlite3", listings))
    if os.environ.get("BENCH_DATABASE_URL"):
        results.append(run(os.environ["BENCH_DATABASE_URL"], listings))
    for result in results:
        print(json.dumps(result, indent=2))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""Referral submissions per second: `python -m bench.referrals`.

Measures `submit_referral` (encrypt, route, store with its analytics event and outbox
messages in one transaction) and whole wizard journeys through the Django test client, on a
fresh SQLite file database (WAL, the embedded default) and, when DATABASE_URL points at
PostgreSQL, on a throwaway PostgreSQL database beside it. Target: ≥ 50 submissions/s.
Writes bench/results/referrals.json.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "referrals.json"
SUBMISSIONS = 300
JOURNEYS = 20


def worker() -> None:
    """Run inside a subprocess whose DATABASE_URL is the database to measure."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    from directory.models import Area, Postcode
    from referrals.models import Referral
    from referrals.services import submit_referral
    from tests.factories.referrals import answers, post_fields, step_data

    Area.objects.get_or_create(kind=Area.Kind.WARD, code="E05010862", defaults={"name": "City"})
    Postcode.objects.get_or_create(
        postcode="S1 2HH",
        defaults={"outcode": "S1", "latitude": 53.38, "longitude": -1.47, "ward_code": "E05010862"},
    )
    document = answers()
    submit_referral(document)  # warm up
    started = time.perf_counter()
    for _ in range(SUBMISSIONS):
        submit_referral(document)
    service_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for n in range(JOURNEYS):
        client = Client()
        client.get("/self-referral/start/")
        for step, fields in step_data(["myself", "someone_else", "carer"][n % 3]):
            client.post(f"/self-referral/{step}/", post_fields(step, fields), follow=True)
    journey_seconds = time.perf_counter() - started
    stored = Referral.objects.count()
    assert stored == SUBMISSIONS + JOURNEYS + 1, stored
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "submissions": SUBMISSIONS,
                "submissions_per_second": round(SUBMISSIONS / service_seconds, 1),
                "ms_per_submission": round(1000 * service_seconds / SUBMISSIONS, 2),
                "wizard_journeys": JOURNEYS,
                "wizard_journeys_per_second": round(JOURNEYS / journey_seconds, 2),
                "ms_per_wizard_journey": round(1000 * journey_seconds / JOURNEYS, 1),
            }
        )
    )


def run(database_url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    output = subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", "bench.referrals", "--worker"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def postgres_bench_url(url: str) -> str | None:
    """A throwaway database beside the configured PostgreSQL one, recreated empty."""
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    base, _, name = url.rpartition("/")
    bench_name = f"{name.split('?')[0] or 'signpost'}_bench_referrals"
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
        conn.execute(f'CREATE DATABASE "{bench_name}"')
    return f"{base}/{bench_name}"


def main() -> dict:
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = run(f"sqlite:///{folder}/bench.sqlite3")
    pg_url = postgres_bench_url(os.environ.get("DATABASE_URL", ""))
    if pg_url:
        results["postgresql"] = run(pg_url)
    for name, result in results.items():
        print(
            f"referrals [{name}]: {result['submissions_per_second']} submissions/s "
            f"({result['ms_per_submission']} ms each); whole wizard: "
            f"{result['wizard_journeys_per_second']} journeys/s"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    return results


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    else:
        main()

"""Load benchmark: a real gunicorn on 127.0.0.1 with PostgreSQL, loaded by locust from another process.

    python -m bench.load [--users 20] [--seconds 30] [--workers 4]

Creates a throwaway PostgreSQL database (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres),
migrates, loads demo data, collects static files, serves production settings with gunicorn,
runs bench/locustfile.py headless for a bounded time and writes bench/results/load.json:
throughput, p50/p95/p99 and error counts, overall and per endpoint. Everything is stopped and
dropped afterwards. Target: 0 errors and at least 200 searches/s on a 2-core machine.
"""

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "load.json"
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str) -> dict:
    from cryptography.fernet import Fernet

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "REFERRAL_RATE_LIMIT": "off",
        "GEOCODER": "none",
        "EMAIL_URL": "dummy://",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    """Run one of our own commands (no shell, no outside input)."""
    return subprocess.run(command, **options)  # noqa: S603


def manage(env: dict, *args: str) -> None:
    run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=900)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url} within {timeout} s")


def summarise(stats_csv: Path, seconds: float, users: int, workers: int) -> dict:
    """The numbers from locust's stats CSV: per endpoint and overall ("Aggregated")."""
    endpoints = {}
    with stats_csv.open() as stats:
        for row in csv.DictReader(stats):
            endpoints[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "requests_per_s": round(float(row["Requests/s"]), 1),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
            }
    total = endpoints.pop("Aggregated", {})
    searches = endpoints.get("/services/?q=…", {})
    return {
        "scenario": "mixed searches, detail pages, home and referral start",
        "users": users,
        "seconds": seconds,
        "gunicorn_workers": workers,
        "cpus": os.cpu_count(),
        "total": total,
        "searches_per_s": searches.get("requests_per_s", 0.0),
        "errors": total.get("errors", 0),
        "endpoints": endpoints,
        "target": {"errors": 0, "searches_per_s": 200},
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--listings", type=int, default=320)
    options = parser.parse_args(argv)

    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER", "postgres")
    database = f"signpost_bench_{os.getpid()}_{int(time.time())}"
    database_url = f"postgres://{user}@{host}:{port}/{database}"
    env = server_env(database_url)
    url = f"http://127.0.0.1:{free_port()}"
    pgdb = [PYTHON, str(ROOT / ".ci" / "pgdb.py")]
    run([*pgdb, "create", database], check=True, timeout=60)
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        # Demo data needs DEBUG or ALLOW_DEMO_DATA; production settings refuse it otherwise.
        manage(
            {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "true"},
            "load_demo_data",
            "--listings",
            str(options.listings),
        )
        manage(env, "collectstatic", "--noinput", "-v", "0")
        server = subprocess.Popen(  # noqa: S603
            [
                PYTHON,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                url.removeprefix("http://"),
                "--workers",
                str(options.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_until_up(url)
        prefix = Path(tempfile.mkdtemp(prefix="signpost-locust-")) / "locust"
        run(
            [
                PYTHON,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                url,
                "--users",
                str(options.users),
                "--spawn-rate",
                str(options.users),
                "--run-time",
                f"{options.seconds}s",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "0",
            ],
            cwd=ROOT,
            check=True,
            timeout=options.seconds + 120,
        )
        report = summarise(
            Path(f"{prefix}_stats.csv"), options.seconds, options.users, options.workers
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        run([*pgdb, "drop", database], check=False, timeout=60)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    total = report["total"]
    print(
        f"load: {total.get('requests_per_s', 0)} requests/s, {report['searches_per_s']} searches/s, "
        f"p50 {total.get('p50_ms')} ms, p95 {total.get('p95_ms')} ms, p99 {total.get('p99_ms')} ms, "
        f"{report['errors']} errors of {total.get('requests', 0)} -> {RESULTS.relative_to(ROOT)}"
    )
    return report


if __name__ == "__main__":
    main()

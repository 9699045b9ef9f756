"""Load benchmark: a real gunicorn on 127.0.0.1 with PostgreSQL, loaded from other processes.

    python -m bench.load [--seconds 30] [--home-seconds 10] [--users 6] [--connections 8]
                         [--workers N] [--no-wrk] [--redis redis://127.0.0.1:6379/12]
                         [--servers 2]

Creates a throwaway PostgreSQL database (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres),
migrates, loads demo data, collects static files and serves production settings with gunicorn
(gunicorn.conf.py), with Redis as the cache and session copy when `--redis` (default
$REDIS_URL) is given, as in production. One run has three parts, all through the same server:

1. warm-up: `wrk` on the home page and the searches for a few seconds (not counted);
2. the home page alone: `wrk` on `/` over the same connections for --home-seconds, the
   yardstick (the cheapest full page this server and machine serve, measured in the same run);
3. the mixed run, for --seconds: `wrk` (Debian's package, installed here when missing and we
   are root) runs the searches over a few keep-alive connections, while one headless locust
   process (bench/locustfile.py) opens the home page and detail pages and submits whole
   self-referrals. Without wrk, locust runs the searches too (and there is no home-alone
   figure). Afterwards the references that locust saw confirmed are checked against the
   referrals stored in the database.

Writes bench/results/load.json: throughput, p50/p95/p99 and errors per endpoint, searches/s,
the home page alone, referrals confirmed vs stored, CPU seconds per process group (the load
generators share the machine's cores) and the machine's load average. Everything is stopped
and dropped afterwards. Targets (#26), each reported as met or not in "targets":

- searches/s in the mixed run ≥ 0.6 × the home page's requests/s alone in the same run;
- search p99 ≤ 300 ms while referrals are being submitted (the mixed run; "referrals_busy"
  says for what share of it at least one referral journey was under way);
- 0 errors;
- every confirmed referral stored (and at least one confirmed).

`--servers 2` starts two gunicorn instances on two ports against the same database (and the
same Redis with `--redis`, as behind a load balancer: docs/operations.md, "Scaling out"),
splits --workers, the locust users and the wrk connections between them, and writes
bench/results/load-2-servers.json: each server's figures and the totals (no home-alone part).
"""

import argparse
import csv
import json
import os
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from copy import copy
from pathlib import Path

from bench.journeys import SEARCHES

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "load.json"
WRK_SCRIPT = ROOT / "bench" / "wrk_searches.lua"
PYTHON = sys.executable
SEARCH_NAME = "/services/?q=…"
JOURNEY_NAME = "self-referral submitted"
SEARCH_RATIO_TARGET = 0.6  # searches/s against the home page's requests/s alone
SEARCH_P99_TARGET_MS = 300  # search p99 while referrals are being submitted


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str, workers: int, redis_url: str = "") -> dict:
    """The servers' environment: production settings, and Redis when redis_url is given
    (cache, rate limits and the sessions' copy, as in production); without it none, even
    when this shell has a REDIS_URL (then --redis defaults to it)."""
    from cryptography.fernet import Fernet

    env = {
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
        "SUGGESTION_RATE_LIMIT": "off",
        "GEOCODER": "none",
        "EMAIL_URL": "dummy://",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(workers),
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def stop(servers: list[subprocess.Popen], timeout: float = 30) -> None:
    """Stop our gunicorn masters: gracefully, then killed if one has not stopped in time (on a
    busy machine twelve workers may take longer), so the report is still written."""
    for server in servers:
        server.terminate()
    for server in servers:
        try:
            server.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"load: gunicorn {server.pid} did not stop in {timeout} s; killing it")
            for child in server_children(server.pid):
                child.kill()
            server.kill()
            server.wait(timeout=timeout)


def server_children(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    """Run one of our own commands (no shell, no outside input)."""
    return subprocess.run(command, **options)  # noqa: S603


def manage(env: dict, *args: str) -> None:
    run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=900)


def find_wrk() -> str | None:
    """Path to `wrk`, installing Debian's package when missing and we are root; else None
    (with a message saying so: locust then runs the searches itself)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("load: wrk is not installed (apt-get install wrk); locust runs the searches.")
        return None
    print("load: installing Debian's wrk for the search load…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for attempt in ([], ["update"]):
        if attempt:
            run(["apt-get", "update", "-qq"], env=env, check=False, timeout=300)
        installed = run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            env=env,
            check=False,
            timeout=300,
            capture_output=True,
        )
        if installed.returncode == 0 and shutil.which("wrk"):
            return shutil.which("wrk")
    print("load: could not install wrk; locust runs the searches.")
    return None


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


def read_locust_stats(stats_csv: Path) -> dict:
    """Per-endpoint numbers from locust's stats CSV, keyed by name ("Aggregated" = all)."""
    endpoints = {}
    with stats_csv.open() as stats:
        for row in csv.DictReader(stats):
            name = row["Name"] if row["Type"] in {"", "GET"} else f"{row['Type']} {row['Name']}"
            endpoints[name] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "requests_per_s": round(float(row["Requests/s"]), 1),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
            }
    return endpoints


def read_locust_failures(failures_csv: Path, limit: int = 10) -> list[dict]:
    """The most frequent failures locust saw (method, name, error, occurrences)."""
    if not failures_csv.exists():
        return []
    with failures_csv.open() as failures:
        rows = [
            {
                "method": row["Method"],
                "name": row["Name"],
                "error": row["Error"][:300],
                "occurrences": int(row["Occurrences"]),
            }
            for row in csv.DictReader(failures)
        ]
    return sorted(rows, key=lambda row: -row["occurrences"])[:limit]


def read_wrk_output(output: str) -> dict:
    """The numbers from bench/wrk_searches.lua's WRK_JSON line."""
    for line in output.splitlines():
        if line.startswith("WRK_JSON "):
            result = json.loads(line.removeprefix("WRK_JSON "))
            errors = sum(result["errors"].values())
            return {
                "requests": result["requests"],
                "errors": errors,
                "error_kinds": result["errors"],
                "requests_per_s": round(result["requests"] / result["duration_s"], 1),
                "p50_ms": result["p50_ms"],
                "p95_ms": result["p95_ms"],
                "p99_ms": result["p99_ms"],
            }
    raise RuntimeError(f"wrk printed no results:\n{output}")


def summarise(locust: dict, wrk: dict | None, referrals: dict, options, machine: dict) -> dict:
    """One report: per endpoint, searches/s, the referral check and the totals."""
    journey = locust.pop(JOURNEY_NAME, None) or locust.pop(f"JOURNEY {JOURNEY_NAME}", {})
    aggregated = locust.pop("Aggregated", {})
    endpoints = dict(locust)
    # Journeys are not HTTP requests: take them out of locust's aggregate.
    http = {
        "requests": aggregated.get("requests", 0) - journey.get("requests", 0),
        "errors": aggregated.get("errors", 0) - journey.get("errors", 0),
        "requests_per_s": aggregated.get("requests_per_s", 0.0) - journey.get("requests_per_s", 0),
    }
    searches = endpoints.get(SEARCH_NAME, {})
    if wrk is not None:
        endpoints[f"{SEARCH_NAME} (wrk)"] = wrk
        searches_per_s = round(wrk["requests_per_s"] + searches.get("requests_per_s", 0.0), 1)
    else:
        searches_per_s = searches.get("requests_per_s", 0.0)
    wrk = wrk or {}
    errors = http["errors"] + wrk.get("errors", 0) + referrals["failed_journeys"]
    return {
        "scenario": (
            "searches (wrk) alongside locust visitors: home, detail pages, whole self-referrals"
            if wrk
            else "locust: searches, home, detail pages, whole self-referrals"
        ),
        "seconds": options.seconds,
        "locust_users": options.users,
        "wrk_connections": options.connections if wrk else 0,
        "gunicorn_workers": options.workers,
        "cpus": os.cpu_count(),
        "machine_load_average": machine,
        "total": {
            "requests": http["requests"] + wrk.get("requests", 0),
            "errors": http["errors"] + wrk.get("errors", 0),
            "requests_per_s": round(http["requests_per_s"] + wrk.get("requests_per_s", 0.0), 1),
        },
        "searches_per_s": searches_per_s,
        "errors": errors,
        "referrals": referrals,
        "endpoints": endpoints,
    }


def referrals_busy(times_file: Path, start: float, end: float) -> float:
    """The share of [start, end] (time.time()) during which at least one referral journey
    was under way, from the locustfile's "started ended" lines; 0.0 without any."""
    if end <= start or not times_file.exists():
        return 0.0
    spans = sorted(
        (max(float(first), start), min(float(last), end))
        for first, last in (line.split() for line in times_file.read_text().splitlines())
    )
    covered, reached = 0.0, start
    for first, last in spans:
        first = max(first, reached)
        if last > first:
            covered += last - first
            reached = last
    return round(covered / (end - start), 3)


def same_cpu_ratio(home_alone: dict | None, searches: float, gunicorn_s: float) -> float | None:
    """The ratio searches/s ÷ home alone as it would be had gunicorn had the same CPU in both
    parts: searches per gunicorn CPU second in the mixed run (the visitors' requests share
    that CPU, as they share the wall clock) ÷ home pages per gunicorn CPU second alone. On a
    machine shared with other work, the wall-clock ratio mostly says how busy the machine
    was in each part; this one hardly depends on it."""
    if not home_alone or not gunicorn_s or not home_alone["cpu"]["gunicorn_s"]:
        return None
    home_per_cpu_s = home_alone["requests"] / home_alone["cpu"]["gunicorn_s"]
    return round(searches / gunicorn_s / home_per_cpu_s, 2)


def targets(report: dict, search_p99_ms: float | None) -> dict:
    """#26's four load targets, each with the value measured and whether it was met (None:
    not measured, e.g. no home-alone figure without wrk)."""
    home = report.get("home_alone") or {}
    ratio = report.get("searches_per_home_alone")
    referrals = report["referrals"]
    return {
        "searches_per_s_vs_home_alone": {
            "target": f"searches/s ≥ {SEARCH_RATIO_TARGET} × the home page's requests/s alone",
            "value": ratio,
            "home_alone_rps": home.get("requests_per_s"),
            "same_cpu_value": report.get("searches_per_home_alone_same_cpu"),
            "met": None if ratio is None else ratio >= SEARCH_RATIO_TARGET,
        },
        "search_p99_during_referrals_ms": {
            "target": f"≤ {SEARCH_P99_TARGET_MS} ms while referrals are being submitted",
            "value": search_p99_ms,
            "referrals_busy": report.get("referrals_busy"),
            "met": None if search_p99_ms is None else search_p99_ms <= SEARCH_P99_TARGET_MS,
        },
        "errors": {"target": 0, "value": report["errors"], "met": report["errors"] == 0},
        "confirmed_referrals_stored": {
            "target": "every confirmed referral stored",
            "value": f"{referrals['confirmed'] - referrals['lost']} of {referrals['confirmed']}",
            "met": referrals["lost"] == 0 and referrals["confirmed"] > 0,
        },
    }


def cpu_seconds(processes) -> dict[int, float]:
    """User + system CPU seconds used so far by each of these psutil processes, by pid (gone
    ones left out)."""
    import psutil

    used = {}
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        used[process.pid] = times.user + times.system
    return used


def cpu_used_since(processes, before: dict[int, float]) -> float:
    """CPU seconds these processes used since `before` (cpu_seconds' answer then). Only those
    still there count: a PostgreSQL backend that ended meanwhile (someone else's) would
    otherwise take its whole life's CPU off the total."""
    now = cpu_seconds(processes)
    return sum(max(0.0, now[pid] - before[pid]) for pid in now if pid in before)


def server_processes(pid: int) -> list:
    import psutil

    master = psutil.Process(pid)
    return [master, *master.children(recursive=True)]


def postgres_processes() -> list:
    import psutil

    return [p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"]


def machine_cpu() -> float:
    """CPU seconds every process on the machine has used since boot (all cores, busy only)."""
    import psutil

    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_report(cpu: dict, requests: int) -> dict:
    """CPU seconds per process group over the run, and the server's CPU per request: a number
    that, unlike requests/s, hardly depends on what else the machine is doing."""
    report = {name: round(seconds, 1) for name, seconds in cpu.items()}
    report["postgres_s_note"] = "every postgres process on the machine, not only ours"
    if requests:
        report["gunicorn_ms_per_request"] = round(1000 * cpu["gunicorn_s"] / requests, 2)
    return report


def stored_references(database_url: str) -> set[str]:
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as connection:
        return {row[0] for row in connection.execute("SELECT reference FROM referrals_referral")}


def check_referrals(journeys_file: Path, journey: dict, stored: set[str]) -> dict:
    """Referrals locust saw confirmed against those stored during the run: none may be lost.
    journeys_file has a line per journey from the locustfile: "confirmed SP-…" or "failed …"."""
    lines = journeys_file.read_text().splitlines() if journeys_file.exists() else []
    confirmed = [line.split()[1] for line in lines if line.startswith("confirmed ")]
    failed = [line.removeprefix("failed ") for line in lines if line.startswith("failed ")]
    missing = sorted(set(confirmed) - stored)
    return {
        "journeys": len(lines),
        "failed_journeys": len(failed),
        "failures": sorted(set(failed))[:5],
        "confirmed": len(confirmed),
        "stored": len(stored),
        "lost": len(missing),
        "stored_unconfirmed": len(stored - set(confirmed)),
        "p50_ms": journey.get("p50_ms"),
        "p95_ms": journey.get("p95_ms"),
    }


def prepare_database(env: dict, listings: int) -> None:
    manage(env, "migrate", "--noinput", "-v", "0")
    # Demo data needs DEBUG or ALLOW_DEMO_DATA; production settings refuse it otherwise.
    manage(
        {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "true"},
        "load_demo_data",
        "--listings",
        str(listings),
    )
    manage(env, "collectstatic", "--noinput", "-v", "0")


def start_wrk(
    wrk: str, url: str, options, paths: list[str] = SEARCHES, seconds: int | None = None
) -> subprocess.Popen:
    """wrk over options.connections keep-alive connections, cycling through `paths` (the
    searches unless told) for `seconds` (the run's --seconds unless told)."""
    return subprocess.Popen(  # noqa: S603
        [
            wrk,
            "--threads",
            "1",
            "--connections",
            str(options.connections),
            "--duration",
            f"{seconds or options.seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(WRK_SCRIPT),
            url,
            "--",
            *paths,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def run_wrk(wrk: str, url: str, options, paths: list[str], seconds: int) -> dict:
    """wrk on `paths` alone, waited for; its figures."""
    process = start_wrk(wrk, url, options, paths, seconds)
    return read_wrk_output(process.communicate(timeout=seconds + 60)[0])


def measure_home_alone(wrk: str, url: str, options, server_pid: int) -> dict:
    """The yardstick: after a warm-up on the home page and the searches (every worker's
    caches and connections ready), the home page alone over the mixed run's connections.
    With the gunicorn, wrk and machine CPU seconds it used."""
    run_wrk(wrk, url, options, ["/", *SEARCHES], options.warm_up_seconds)
    load = os.getloadavg()[0]
    gunicorn, postgres = server_processes(server_pid), postgres_processes()
    before = (cpu_seconds(gunicorn), cpu_seconds(postgres), children_cpu_seconds(), machine_cpu())
    home = run_wrk(wrk, url, options, ["/"], options.home_seconds)
    home["seconds"] = options.home_seconds
    home["machine_load_average"] = {"before": round(load, 2), "after": round(os.getloadavg()[0], 2)}
    home["cpu"] = {
        "gunicorn_s": round(cpu_used_since(gunicorn, before[0]), 1),
        "postgres_s": round(cpu_used_since(postgres, before[1]), 1),
        "wrk_s": round(children_cpu_seconds() - before[2], 1),
        "machine_busy_s": round(machine_cpu() - before[3], 1),
    }
    return home


def run_locust(url: str, options, user_classes: list[str], prefix: Path, journeys: Path):
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
            # Let a referral under way reach its confirmation, so confirmed == stored.
            "--stop-timeout",
            "20",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
            *user_classes,
        ],
        cwd=ROOT,
        env={**os.environ, "SIGNPOST_LOAD_JOURNEYS": str(journeys)},
        check=True,
        timeout=options.seconds + 120,
    )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30, help="the mixed run")
    parser.add_argument(
        "--home-seconds", type=int, default=10, help="the home page alone, before the mixed run"
    )
    parser.add_argument("--warm-up-seconds", type=int, default=3)
    parser.add_argument("--users", type=int, default=6, help="locust users")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--listings", type=int, default=320)
    parser.add_argument("--no-wrk", action="store_true", help="locust runs the searches too")
    parser.add_argument(
        "--database", help="use this prepared database as it is (not created or dropped)"
    )
    parser.add_argument("--quick", action="store_true", help="(ignored: one size only)")
    parser.add_argument(
        "--servers", type=int, default=1, help="gunicorn instances, each on its own port"
    )
    parser.add_argument(
        "--redis",
        default=os.environ.get("REDIS_URL", ""),
        help="REDIS_URL for the servers (cache, sessions, rate limits); default $REDIS_URL",
    )
    options = parser.parse_args(argv)
    if options.servers > 1:
        return main_servers(options)

    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER", "postgres")
    database = options.database or f"signpost_bench_{os.getpid()}_{int(time.time())}"
    database_url = f"postgres://{user}@{host}:{port}/{database}"
    env = server_env(database_url, options.workers, options.redis)
    url = f"http://127.0.0.1:{free_port()}"
    pgdb = [PYTHON, str(ROOT / ".ci" / "pgdb.py")]
    wrk = None if options.no_wrk else find_wrk()
    work = Path(tempfile.mkdtemp(prefix="signpost-load-"))
    journeys_file = work / "journeys.txt"
    if not options.database:
        run([*pgdb, "create", database], check=True, timeout=60)
    server = None
    try:
        if not options.database:
            prepare_database(env, options.listings)
        before = stored_references(database_url)
        server = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "gunicorn", "portal.wsgi", "--bind", url.removeprefix("http://")],
            cwd=ROOT,
            env=env,
        )
        wait_until_up(url)
        home_alone = measure_home_alone(wrk, url, options, server.pid) if wrk else None
        load_before = os.getloadavg()[0]
        gunicorn, postgres = server_processes(server.pid), postgres_processes()
        cpu_before = (
            cpu_seconds(gunicorn),
            cpu_seconds(postgres),
            children_cpu_seconds(),
            machine_cpu(),
        )
        started = time.time()
        wrk_process = start_wrk(wrk, url, options) if wrk else None
        user_classes = ["Visitor"] if wrk else ["Searcher", "Visitor"]
        run_locust(url, options, user_classes, work / "locust", journeys_file)
        # locust is reaped; wrk not yet: the children's CPU so far is locust's.
        locust_cpu = children_cpu_seconds() - cpu_before[2]
        wrk_output = wrk_process.communicate(timeout=60)[0] if wrk_process else ""
        machine = {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}
        cpu = {
            "gunicorn_s": cpu_used_since(gunicorn, cpu_before[0]),
            "postgres_s": cpu_used_since(postgres, cpu_before[1]),
            "load_generators_s": children_cpu_seconds() - cpu_before[2],
            "locust_s": locust_cpu,
            "wrk_s": children_cpu_seconds() - cpu_before[2] - locust_cpu,
            "machine_busy_s": machine_cpu() - cpu_before[3],
        }
        locust = read_locust_stats(work / "locust_stats.csv")
        journey = locust.get(JOURNEY_NAME) or locust.get(f"JOURNEY {JOURNEY_NAME}", {})
        referrals = check_referrals(
            journeys_file, journey, stored_references(database_url) - before
        )
        report = summarise(
            locust, read_wrk_output(wrk_output) if wrk else None, referrals, options, machine
        )
        report["cpu"] = cpu_report(cpu, report["total"]["requests"])
        report["failures"] = read_locust_failures(work / "locust_failures.csv")
        report["referrals_busy"] = referrals_busy(
            Path(f"{journeys_file}.times"), started, started + options.seconds
        )
        report["gunicorn_threads"] = int(env.get("GUNICORN_THREADS", "1"))
        report["redis"] = bool(options.redis)
        report["home_alone"] = home_alone
        report["searches_per_home_alone"] = (
            round(report["searches_per_s"] / home_alone["requests_per_s"], 2)
            if home_alone and home_alone["requests_per_s"]
            else None
        )
        report["searches_per_home_alone_same_cpu"] = same_cpu_ratio(
            home_alone, report["searches_per_s"] * options.seconds, cpu["gunicorn_s"]
        )
    finally:
        if server is not None:
            stop([server])
        if not options.database:
            run([*pgdb, "drop", database], check=False, timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    total, referrals = report["total"], report["referrals"]
    searches = report["endpoints"].get(f"{SEARCH_NAME} (wrk)") or report["endpoints"].get(
        SEARCH_NAME, {}
    )
    report["targets"] = targets(report, searches.get("p99_ms"))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if home_alone:
        print(
            f"load, home page alone: {home_alone['requests_per_s']} requests/s "
            f"(p50 {home_alone['p50_ms']} ms, p95 {home_alone['p95_ms']} ms, "
            f"p99 {home_alone['p99_ms']} ms), {home_alone['errors']} errors; "
            f"load average {home_alone['machine_load_average']}"
        )
    print(
        f"load: {total['requests_per_s']} requests/s, {report['searches_per_s']} searches/s "
        f"(p50 {searches.get('p50_ms')} ms, p95 {searches.get('p95_ms')} ms, "
        f"p99 {searches.get('p99_ms')} ms), {report['errors']} errors of {total['requests']}; "
        f"referrals: {referrals['confirmed']} confirmed, {referrals['stored']} stored, "
        f"{referrals['lost']} lost, one under way {report['referrals_busy']:.0%} of the time; "
        f"load average {report['machine_load_average']}; CPU s: {report['cpu']}"
    )
    print(
        f"load: searches/s ÷ home alone = {report['searches_per_home_alone']} "
        f"(for the same gunicorn CPU: {report['searches_per_home_alone_same_cpu']})"
    )
    for name, target in report["targets"].items():
        verdict = {True: "met", False: "NOT met", None: "not measured"}[target["met"]]
        print(f"  {name}: {target['value']} ({target['target']}): {verdict}")
    print(f"-> {RESULTS.relative_to(ROOT)}")
    return report


def main_servers(options) -> dict:
    """`--servers N`: N gunicorn instances on one database (and Redis), each loaded by its
    share of the users and connections; each server's figures and the totals."""
    count = options.servers
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER", "postgres")
    database = options.database or f"signpost_bench_{os.getpid()}_{int(time.time())}"
    database_url = f"postgres://{user}@{host}:{port}/{database}"
    share = copy(options)  # what each server gets
    share.workers = max(1, options.workers // count)
    share.users = max(1, options.users // count)
    share.connections = max(1, options.connections // count)
    env = server_env(database_url, share.workers, options.redis)
    urls = [f"http://127.0.0.1:{free_port()}" for _ in range(count)]
    pgdb = [PYTHON, str(ROOT / ".ci" / "pgdb.py")]
    wrk = None if options.no_wrk else find_wrk()
    work = Path(tempfile.mkdtemp(prefix="signpost-load-"))
    if not options.database:
        run([*pgdb, "create", database], check=True, timeout=60)
    servers = []
    try:
        if not options.database:
            prepare_database(env, options.listings)
        before = stored_references(database_url)
        for url in urls:
            servers.append(
                subprocess.Popen(  # noqa: S603
                    [
                        PYTHON,
                        "-m",
                        "gunicorn",
                        "portal.wsgi",
                        "--bind",
                        url.removeprefix("http://"),
                    ],
                    cwd=ROOT,
                    env=env,
                )
            )
        for url in urls:
            wait_until_up(url)
        load_before = os.getloadavg()[0]
        wrk_processes = [start_wrk(wrk, url, share) for url in urls] if wrk else []
        user_classes = ["Visitor"] if wrk else ["Searcher", "Visitor"]
        with ThreadPoolExecutor(count) as pool:
            list(
                pool.map(
                    lambda n: run_locust(
                        urls[n], share, user_classes, work / f"locust-{n}", work / f"journeys-{n}"
                    ),
                    range(count),
                )
            )
        wrk_outputs = [process.communicate(timeout=60)[0] for process in wrk_processes]
        machine = {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}
        stored = stored_references(database_url) - before
        per_server = []
        for n, url in enumerate(urls):
            locust = read_locust_stats(work / f"locust-{n}_stats.csv")
            journey = locust.get(JOURNEY_NAME) or locust.get(f"JOURNEY {JOURNEY_NAME}", {})
            referrals = check_referrals(work / f"journeys-{n}", journey, stored)
            for shared in ("stored", "stored_unconfirmed"):  # the database's, in the totals
                referrals.pop(shared)
            report = summarise(
                locust, read_wrk_output(wrk_outputs[n]) if wrk else None, referrals, share, machine
            )
            report["url"] = url
            report["failures"] = read_locust_failures(work / f"locust-{n}_failures.csv")
            per_server.append(report)
        everything = work / "journeys-all"
        everything.write_text(
            "".join(
                path.read_text() for n in range(count) if (path := work / f"journeys-{n}").exists()
            )
        )
        referrals = check_referrals(everything, {}, stored)
    finally:
        stop(servers)
        if not options.database:
            run([*pgdb, "drop", database], check=False, timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    report = {
        "scenario": f"{per_server[0]['scenario']}; spread over {count} app servers",
        "servers": count,
        "redis": bool(options.redis),
        "seconds": options.seconds,
        "gunicorn_workers_per_server": share.workers,
        "locust_users_per_server": share.users,
        "wrk_connections_per_server": share.connections if wrk else 0,
        "cpus": os.cpu_count(),
        "machine_load_average": machine,
        "total": {
            key: round(sum(server["total"][key] for server in per_server), 1)
            for key in ("requests", "errors", "requests_per_s")
        },
        "searches_per_s": round(sum(server["searches_per_s"] for server in per_server), 1),
        "errors": sum(server["errors"] for server in per_server),
        "referrals": referrals,
        "per_server": per_server,
        "note": "percentiles are each server's own (they cannot be added up)",
    }
    report["targets"] = targets(
        report,
        max(
            (
                (
                    server["endpoints"].get(f"{SEARCH_NAME} (wrk)")
                    or server["endpoints"].get(SEARCH_NAME, {})
                ).get("p99_ms", 0.0)
                for server in per_server
            ),
            default=None,
        ),
    )
    results = RESULTS.with_name(f"load-{count}-servers.json")
    results.parent.mkdir(exist_ok=True)
    results.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    for server in per_server:
        searches = server["endpoints"].get(f"{SEARCH_NAME} (wrk)") or server["endpoints"].get(
            SEARCH_NAME, {}
        )
        print(
            f"load {server['url']}: {server['total']['requests_per_s']} requests/s, "
            f"{server['searches_per_s']} searches/s (p95 {searches.get('p95_ms')} ms, "
            f"p99 {searches.get('p99_ms')} ms), {server['errors']} errors"
        )
    total = report["total"]
    print(
        f"load, {count} servers: {total['requests_per_s']} requests/s, "
        f"{report['searches_per_s']} searches/s, {report['errors']} errors of "
        f"{total['requests']}; referrals: {referrals['confirmed']} confirmed, "
        f"{referrals['stored']} stored, {referrals['lost']} lost; load average {machine} "
        f"-> {results.relative_to(ROOT)}"
    )
    return report


if __name__ == "__main__":
    main()

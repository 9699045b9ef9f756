"""Running a benchmark's measuring half in a fresh interpreter: its own database and settings,
so one benchmark's data and caches never leak into another's numbers."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_worker(module: str, database_url: str, listings: int, **extra_env: str) -> dict:
    """`python -m <module> --worker --listings N` against `database_url`; the JSON object it
    prints last. Fails with the worker's error output if it fails."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "LOG_LEVEL": "WARNING",
        **extra_env,
    }
    completed = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", module, "--worker", "--listings", str(listings)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(completed.stderr[-3000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])

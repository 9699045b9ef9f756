"""Start several Python processes and let them go at the same moment (the drills with two
servers or two workers): each writes READY_FILE when set up, then waits for GO_FILE."""

import subprocess
import sys
import time
from pathlib import Path

from tests.live_server import ROOT

START_SECONDS = 60


def start_in_step(script: str, environments: dict[str, dict], folder: Path, what: str) -> list:
    """One process per named environment running `script`; returns them once every one is
    ready and told to go (their output is piped for `communicate`)."""
    go = folder / "go"
    processes = [
        subprocess.Popen(  # noqa: S603 - our own fixed command line
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={
                **environment,
                "READY_FILE": str(folder / f"ready-{name}"),
                "GO_FILE": str(go),
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, environment in environments.items()
    ]
    deadline = time.monotonic() + START_SECONDS
    while not all((folder / f"ready-{name}").exists() for name in environments):
        assert time.monotonic() < deadline, f"the {what} did not start"
        assert all(each.poll() is None for each in processes), processes[0].communicate()
        time.sleep(0.05)
    go.touch()
    return processes

"""Run every benchmark module that exists: `python -m bench [--quick]`.

Each module is run in its own process (each builds its own throwaway database).
"""

import importlib.util
import subprocess
import sys

MODULES = ["search", "referrals", "analytics", "api", "editor", "load"]


def main(argv: list[str]) -> int:
    failed = []
    for name in MODULES:
        module = f"bench.{name}"
        if importlib.util.find_spec(module) is None:
            continue
        print(f"=== {module} ===", flush=True)
        completed = subprocess.run([sys.executable, "-m", module, *argv], check=False)  # noqa: S603
        if completed.returncode != 0:
            failed.append(module)
    if failed:
        print(f"Failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

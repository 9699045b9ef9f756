"""Benchmarks: `python -m bench` runs every bench module present; results in bench/results/."""

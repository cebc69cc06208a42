"""Start-up time of each `howopen` command, as a multiple of a bare `python -c pass` measured in the same run.

    python bench/bench_startup.py [--runs N]

Each command runs N times (default 15) in a fresh interpreter (`python -m howopen ...`, the same interpreter as the
baseline); the figure is the median wall time divided by the baseline's median. Goals (issue #16): `--version` and
`--help` within 10x, `license TAG` within 15x; a command's `--help` within 20x (Typer alone costs about 15x there:
it converts options through pydantic, which the top-level `--help` does without); `howopen list` within 25x.
The first run of `howopen list` grades the catalog and caches the rows (howopen/catalog/listcache.py), so the
timed runs read the cache, as every `howopen list` after the first does; the `no cache` line grades each time.

Each command runs once first with bytecode writing allowed (PYTHONDONTWRITEBYTECODE removed from the environment),
so that every run reads compiled modules, as an installed howopen does (pip compiles them on install); without
that, a shell that sets PYTHONDONTWRITEBYTECODE times the compiler, not howopen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("howopen --version", ["-m", "howopen", "--version"], 10.0),
    ("howopen --help", ["-m", "howopen", "--help"], 10.0),
    ("howopen license apache-2.0", ["-m", "howopen", "license", "apache-2.0"], 15.0),
    ("howopen license llama3.1", ["-m", "howopen", "license", "llama3.1"], 15.0),
    ("howopen license apach-2.0", ["-m", "howopen", "license", "apach-2.0"], None),
    ("howopen license -f json mit", ["-m", "howopen", "license", "-f", "json", "mit"], None),
    ("howopen check --help", ["-m", "howopen", "check", "--help"], 20.0),
    ("howopen audit --help", ["-m", "howopen", "audit", "--help"], 20.0),
    ("howopen compare --help", ["-m", "howopen", "compare", "--help"], 20.0),
    ("howopen list --help", ["-m", "howopen", "list", "--help"], 20.0),
    ("howopen index crawl --help", ["-m", "howopen", "index", "crawl", "--help"], 20.0),
    ("howopen serve --help", ["-m", "howopen", "serve", "--help"], 20.0),
    ("howopen list", ["-m", "howopen", "list"], 25.0),
    ("howopen list, graded (no cache)", ["-m", "howopen", "list"], None),
]
NO_CACHE = {"howopen list, graded (no cache)"}  # run with HOWOPEN_NO_CACHE=1: every record graded


ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(args: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env=env or ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    for _, args, _ in COMMANDS:  # write the bytecode of every module the commands import
        median_seconds(args, 1)
    base = median_seconds(["-c", "pass"], runs)
    print(f"python -c pass: {base * 1000:.1f} ms (median of {runs})")
    missed = 0
    for label, args, goal in COMMANDS:
        took = median_seconds(args, runs, {**ENV, "HOWOPEN_NO_CACHE": "1"} if label in NO_CACHE else None)
        ratio = took / base
        verdict = "" if goal is None else (f"  goal <= {goal:g}x: " + ("met" if ratio <= goal else "MISSED"))
        missed += goal is not None and ratio > goal
        print(f"{label:33} {took * 1000:7.1f} ms  {ratio:5.1f}x{verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

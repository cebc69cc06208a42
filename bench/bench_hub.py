"""Benchmark: a full Hub check against the loopback Hub with 100 ms of latency on every request.

The loopback Hub (tests/hubserver) runs in its own process, as the real Hub would. The check is of
EleutherAI/pythia-1b: model info, card, branches, config, a safetensors header, a dataset, three GitHub
repositories (three requests each) and three arXiv papers, 18 requests. Then the same check again, from the
cache.

Prints the total time over the slowest single request (goal: at most 1.5), the number of request rounds the
report
depends on (a card must be read before the repositories it links can be asked for), and the cached check's
time.

Run: .venv/bin/python bench/bench_hub.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
TARGET = "EleutherAI/pythia-1b"
LATENCY = 0.100
RUNS = 7


def _control(url: str, what: str) -> list[dict]:  # type: ignore[type-arg]
    with urllib.request.urlopen(f"{url}/_control/{what}", timeout=10) as response:
        data = json.loads(response.read())
    return data if isinstance(data, list) else []


def _rounds(log: list[dict]) -> int:  # type: ignore[type-arg]
    """Request rounds on the critical path: a request that starts after another has ended may depend on it."""
    ordered = sorted(log, key=lambda e: e["started"])
    depth: list[int] = []
    for i, entry in enumerate(ordered):
        before = [depth[j] for j in range(i)
                  if ordered[j]["started"] + ordered[j]["duration"] <= entry["started"]]
        depth.append(1 + max(before, default=0))
    return max(depth, default=0)


def main() -> None:
    server = subprocess.Popen([sys.executable, "-m", "hubserver", "--latency", str(LATENCY)], cwd=TESTS,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        os.environ.update({"HOWOPEN_HF_ENDPOINT": url, "HOWOPEN_GITHUB_API": f"{url}/github",
                           "HOWOPEN_ARXIV_URL": f"{url}/arxiv"})
        from howopen import check

        os.environ["HOWOPEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="howopen-bench-")
        check(TARGET)  # warm the process (imports, TLS context)
        ratios, totals, slowest_all, rounds_all, cached = [], [], [], [], []
        for _ in range(RUNS):
            os.environ["HOWOPEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="howopen-bench-")
            _control(url, "reset")
            started = time.perf_counter()
            report = check(TARGET)
            total = time.perf_counter() - started
            log = _control(url, "log")
            slowest = max(e["duration"] for e in log)
            ratios.append(total / slowest)
            totals.append(total)
            slowest_all.append(slowest)
            rounds_all.append(_rounds(log))
            _control(url, "reset")
            started = time.perf_counter()
            check(TARGET)
            cached.append(time.perf_counter() - started)
            assert not _control(url, "log"), "the cached check sent requests"
    finally:
        server.terminate()
        server.wait(timeout=10)
    ratio = statistics.median(ratios)
    rounds = statistics.median(rounds_all)
    print(f"target: {TARGET} ({report.label}): {len(log)} requests, {LATENCY * 1000:.0f} ms latency on each, "
          f"median of {RUNS} runs")
    print(f"full check: {statistics.median(totals) * 1000:.0f} ms; slowest single request: "
          f"{statistics.median(slowest_all) * 1000:.0f} ms")
    print(f"total / slowest request: {ratio:.2f} (goal <= 1.5); dependent request rounds: {rounds:.0f}; "
          f"total / (rounds x slowest request): {ratio / rounds:.2f}")
    print(f"second check, from the cache (no request): {statistics.median(cached) * 1000:.0f} ms")


if __name__ == "__main__":
    main()

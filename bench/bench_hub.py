"""Benchmark: full Hub checks against the loopback Hub with 100 ms of latency on every request.

The loopback Hub (tests/hubserver) runs in its own process, as the real Hub would. Two checks:

- EleutherAI/pythia-1b: model info, card, branches, config, a safetensors header, a dataset (info and card), three
  GitHub repositories (three requests each) and three arXiv papers, about 20 requests;
- howopen-test/many-links: a card linking four GitHub repositories, ten Hub datasets and eight arXiv papers, about 45
  requests.

Then each check again, from the cache.

Prints, per check, the total time over the slowest single request, that per round (goal: at most 1.5), the
number of request rounds the report depends on (a card must be read before the repositories it links can be asked
for; goal: at most 3 however many links the card has), the ratio of the many-link check's rounds to the few-link
check's, and the cached check's time.

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
TARGETS = ("EleutherAI/pythia-1b", "howopen-test/many-links")
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


def _measure(url: str, target: str) -> dict[str, float]:
    from howopen import check

    ratios, totals, slowest_all, rounds_all, cached, requests = [], [], [], [], [], []
    for _ in range(RUNS):
        os.environ["HOWOPEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="howopen-bench-")
        _control(url, "reset")
        started = time.perf_counter()
        check(target)
        total = time.perf_counter() - started
        log = _control(url, "log")
        slowest = max(e["duration"] for e in log)
        ratios.append(total / slowest)
        totals.append(total)
        slowest_all.append(slowest)
        rounds_all.append(_rounds(log))
        requests.append(len(log))
        _control(url, "reset")
        started = time.perf_counter()
        check(target)
        cached.append(time.perf_counter() - started)
        assert not _control(url, "log"), "the cached check sent requests"
    return {"ratio": statistics.median(ratios), "total": statistics.median(totals),
            "slowest": statistics.median(slowest_all), "rounds": statistics.median(rounds_all),
            "cached": statistics.median(cached), "requests": statistics.median(requests)}


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
        check(TARGETS[0])  # warm the process (imports, TLS context)
        results = {target: _measure(url, target) for target in TARGETS}
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{LATENCY * 1000:.0f} ms latency on each request, median of {RUNS} runs")
    for target, r in results.items():
        print(f"{target}: {r['requests']:.0f} requests; full check {r['total'] * 1000:.0f} ms; slowest single "
              f"request {r['slowest'] * 1000:.0f} ms")
        print(f"  total / slowest request: {r['ratio']:.2f}; dependent request rounds: {r['rounds']:.0f} (goal <= 3); "
              f"total / (rounds x slowest request): {r['ratio'] / r['rounds']:.2f} (goal <= 1.5)")
        print(f"  second check, from the cache (no request): {r['cached'] * 1000:.0f} ms")
    few, many = (results[t] for t in TARGETS)
    print(f"rounds with {many['requests']:.0f} requests / rounds with {few['requests']:.0f}: "
          f"{many['rounds'] / few['rounds']:.2f} (goal: rounds stay flat, at most 3)")


if __name__ == "__main__":
    main()

"""Time and peak memory of `howopen check` on each hostile snapshot, beside a normal snapshot's, in one run.

    python bench/bench_hostile.py [--rounds N] [--scale S]

Every case of tests/support/hostile.py (symlink loops, FIFOs, a 90 MB header of 1.5 million tiny tensors, alias
bombs, 200 MB cards and licenses, pickles that act when loaded, ...) plus a Python project, a download missing its
shards and `howopen license` on a FIFO is built at full size (`--scale 1`) in a temporary folder. Each command runs
in its own process, `--rounds` times; the table gives the median wall time, its ratio to the normal snapshot's, the
process's peak resident memory (from wait4) and the exit code. Goal: no case above 5 times the normal time or
300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import hostile  # noqa: E402  (the same builders the hostile-snapshot tests use)

TIME_GOAL = 5.0
MEMORY_GOAL_MB = 300


def python_project(root: Path, scale: float = 1.0) -> Path:
    packages = root / ".venv" / "lib" / "python3.11" / "site-packages" / "torch"
    packages.mkdir(parents=True)
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (packages / "LICENSE").write_text("MIT License\n")
    (packages.parent / "distutils-precedence.pth").write_text("import os\n")
    (root / "README.md").write_text("# tool\n")
    (root / "pyproject.toml").write_text("[project]\nname = 'tool'\n")
    return root


def missing_shards(root: Path, scale: float = 1.0) -> Path:
    hostile.normal(root)
    (root / "model.safetensors").unlink()
    shards = {f"t{i}": f"model-{i:05d}-of-00030.safetensors" for i in range(1, 31)}
    (root / "model.safetensors.index.json").write_text(json.dumps({"weight_map": shards}))
    return root


def fifo_license(root: Path, scale: float = 1.0) -> Path:
    root.mkdir(parents=True)
    os.mkfifo(root / "LICENSE")
    return root / "LICENSE"


def huge_license(root: Path, scale: float = 1.0) -> Path:
    root.mkdir(parents=True)
    size = max(int(200 * 1024 * 1024 * scale), 4 * 1024 * 1024)
    line = b"Permission is granted to use this model for any purpose, subject to the terms below.\n"
    with (root / "LICENSE").open("wb") as handle:
        handle.write(b"MIT License\n\n")
        for _ in range(size // len(line)):
            handle.write(line)
    return root / "LICENSE"


Case = tuple[str, Callable[[Path, float], Path], str]
CASES: list[Case] = [(name, build, "check") for name, build in hostile.CASES.items()]
CASES += [("Python project (.venv)", python_project, "check"), ("shard index, no shards", missing_shards, "check"),
          ("license on a FIFO", fifo_license, "license"), ("license of 200 MB", huge_license, "license")]


def run_once(command: str, target: Path, timeout: float) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of one `howopen` process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "howopen", command, str(target), "--format", "json"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            return timeout, usage.ru_maxrss / 1024, -9
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode


def measure(command: str, target: Path, rounds: int, timeout: float) -> tuple[float, float, int]:
    runs = [run_once(command, target, timeout) for _ in range(rounds)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def build_all(base: Path, scale: float) -> None:
    """Build every case under `base` (run in a child process: see `main`)."""
    hostile.normal(base / "normal")
    for index, (name, build, _command) in enumerate(CASES):
        built = time.perf_counter()
        build(base / f"case{index}", scale)
        print(f"built {name} in {time.perf_counter() - built:.1f} s", file=sys.stderr)


def target_of(base: Path, index: int) -> Path:
    return base / f"case{index}" / "LICENSE" if CASES[index][2] == "license" else base / f"case{index}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build is not None:
        build_all(args.build, args.scale)
        return
    os.environ.setdefault("HOWOPEN_OFFLINE", "1")  # no network: the cases are about reading files
    with tempfile.TemporaryDirectory(prefix="howopen-hostile-") as tmp:
        base = Path(tmp)
        # Built in a child process: a child's peak memory (wait4's ru_maxrss) starts at its parent's size when it
        # forks, and building the 90 MB header in this process would lift every measurement to it.
        subprocess.run([sys.executable, __file__, "--build", str(base), "--scale", str(args.scale)], check=True)
        normal = base / "normal"
        run_once("check", normal, args.timeout)  # warm the file cache and the bytecode
        before = [run_once("check", normal, args.timeout) for _ in range(args.rounds)]
        results = [measure(command, target_of(base, i), args.rounds, args.timeout)
                   for i, (_name, _build, command) in enumerate(CASES)]
        after = [run_once("check", normal, args.timeout) for _ in range(args.rounds)]
        normal_time = statistics.median(r[0] for r in before + after)
        normal_mb = max(r[1] for r in before + after)
        print(f"{'case':26} {'exit':>4} {'time s':>7} {'x normal':>8} {'peak MB':>8}  goal")
        print(f"{'normal snapshot':26} {before[-1][2]:>4} {normal_time:7.2f} {1.0:8.2f} {normal_mb:8.0f}")
        failed = 0
        for (name, _build, _command), (seconds, peak, code) in zip(CASES, results, strict=True):
            ratio = seconds / normal_time
            met = ratio <= TIME_GOAL and peak <= MEMORY_GOAL_MB and code in (0, 2)
            failed += not met
            print(f"{name:26} {code:>4} {seconds:7.2f} {ratio:8.2f} {peak:8.0f}  {'met' if met else 'NOT MET'}")
        print(f"goal: at most {TIME_GOAL:g}x the normal time (median of {2 * args.rounds} runs, before and after the "
              f"cases) and {MEMORY_GOAL_MB} MB, exit 0 or 2; {len(CASES) - failed} of {len(CASES)} cases meet it")


if __name__ == "__main__":
    main()

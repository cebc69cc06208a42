"""Benchmark: identify the 75 corpus license texts with howopen, and with ScanCode where it is installed.

    python bench/bench_licenses.py                     # howopen only (ScanCode if its venv exists)
    python bench/bench_licenses.py --install-scancode  # first create .cache/scancode-venv with ScanCode

Reads ../shared/corpus/licenses in place when it exists, else the bundled copies in src/howopen/licenses/texts.
Each engine runs in a fresh subprocess, so the per-text time includes interpreter start-up, imports and index
loading; the warm per-text time is printed too. ScanCode runs in its own virtual environment (it needs
`pluggy<1.7`), through its in-process API (`licensedcode.detection.detect_licenses`).

Accuracy: howopen must name each text's own knowledge-base id (exact license and version). ScanCode is right when
its detected license expression is the ScanCode key the corpus manifest gives for the text (texts whose license
ScanCode has no key for cannot be right).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p / "shared" / "corpus" / "licenses" for p in ROOT.parents
               if (p / "shared" / "corpus" / "licenses" / "MANIFEST.csv").exists()),
              ROOT.parent / "shared" / "corpus" / "licenses")
BUNDLED = ROOT / "src" / "howopen" / "licenses" / "texts"
VENV = Path(os.environ.get("HOWOPEN_SCANCODE_VENV", ROOT / ".cache" / "scancode-venv"))

HOWOPEN_RUN = r"""
import json, sys, time
t0 = time.perf_counter()
from howopen.licenses.identify import identify_text
from howopen.licenses.textmatch import index
ti = time.perf_counter()
index()
t1 = time.perf_counter()
out = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        ident = identify_text(handle.read())
    out[path] = ident.license_id if ident.license_id else sorted(ident.ids())
t2 = time.perf_counter()
print(json.dumps({"results": out, "startup": t1 - t0, "imports": ti - t0, "index": t1 - ti, "detect": t2 - t1}))
"""

SCANCODE_RUN = r"""
import json, sys, time, warnings
warnings.filterwarnings("ignore")
t0 = time.perf_counter()
from licensedcode.cache import get_index
from licensedcode.detection import detect_licenses
get_index()
t1 = time.perf_counter()
out = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    detections = list(detect_licenses(query_string=text))
    expressions = [d.license_expression for d in detections if d.license_expression]
    out[path] = " AND ".join(expressions)
t2 = time.perf_counter()
print(json.dumps({"results": out, "startup": t1 - t0, "detect": t2 - t1}))
"""


def corpus() -> tuple[Path, list[dict[str, str]]]:
    folder = SHARED if (SHARED / "MANIFEST.csv").exists() else BUNDLED
    with (SHARED / "MANIFEST.csv" if folder == SHARED else BUNDLED / "MANIFEST.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if folder == BUNDLED:  # the bundled manifest also lists SPDX texts copied for Hub ids; keep the corpus 75
        rows = [r for r in rows if "not part of the shared corpus" not in r.get("note", "")]
    return folder, rows


def run(python: str, script: str, paths: list[str], env: dict[str, str] | None = None) -> tuple[dict, float]:
    started = time.perf_counter()
    proc = subprocess.run([python, "-c", script, *paths], capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall


def install_scancode() -> None:
    print(f"creating {VENV} and installing scancode-toolkit-mini (about 0.75 GB) ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "scancode-toolkit-mini", "pluggy<1.7"], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--install-scancode", action="store_true", help=f"create {VENV} with ScanCode first")
    args = parser.parse_args()
    if args.install_scancode and not (VENV / "bin" / "python").exists():
        install_scancode()

    sys.path.insert(0, str(ROOT / "src"))
    from howopen.licenses.kb import knowledge_base

    expected = {lic.text_file: lic.id for lic in knowledge_base() if lic.text_file}
    folder, rows = corpus()
    paths = [str(folder / r["file"]) for r in rows]
    print(f"corpus: {len(paths)} texts from {folder}")

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    ours, ours_wall = run(sys.executable, HOWOPEN_RUN, paths, env)
    right = 0
    for row, path in zip(rows, paths, strict=True):
        got = ours["results"][path]
        if got == expected.get(row["file"]):
            right += 1
        else:
            print(f"  howopen wrong: {row['file']}: expected {expected.get(row['file'])}, got {got}")
    n = len(paths)
    print(f"howopen : {right}/{n} right; {n / ours['detect']:.0f} texts/s warm "
          f"({1000 * ours['detect'] / n:.1f} ms/text); start-up {ours['startup']:.2f} s "
          f"(imports {ours['imports']:.2f} s, index {ours['index']:.2f} s); "
          f"whole run {ours_wall:.2f} s = {1000 * ours_wall / n:.1f} ms/text including start-up")

    scancode_python = VENV / "bin" / "python"
    if not scancode_python.exists():
        print(f"ScanCode: not installed at {VENV}; run with --install-scancode to compare "
              "(python3 -m venv <dir>; pip install scancode-toolkit-mini 'pluggy<1.7')")
        return 0 if right == n else 1
    theirs, theirs_wall = run(str(scancode_python), SCANCODE_RUN, paths)
    sc_right = sum(
        1 for row, path in zip(rows, paths, strict=True)
        if row["scancode_key"] and theirs["results"][path] == row["scancode_key"]
    )
    print(f"ScanCode: {sc_right}/{n} right; {n / theirs['detect']:.1f} texts/s warm "
          f"({1000 * theirs['detect'] / n:.0f} ms/text); start-up {theirs['startup']:.2f} s; "
          f"whole run {theirs_wall:.2f} s = {1000 * theirs_wall / n:.0f} ms/text including start-up")
    print(f"speed ratio per text, start-up included: {theirs_wall / ours_wall:.1f}x "
          f"(warm detection only: {theirs['detect'] / ours['detect']:.1f}x)")
    return 0 if right == n else 1


if __name__ == "__main__":
    sys.exit(main())

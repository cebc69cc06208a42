"""Times `howopen site build` on the bundled catalog plus the corpus model cards, and prints the site's size.

    python bench/bench_site.py [CARDS_DIR] [--db INDEX]     (default: ../shared/corpus/cards)

1. Builds an index of the catalog and every card (skipped with --db, which reuses an index built before).
2. Writes the static site twice, the default export and one with `--cards --reports` (every card's page and each
   model's full JSON report), and
   prints for each: the build time, the bytes written (the files' own sizes), the disk used (`du`, blocks and
   folders included) and the number of files, beside the goal of 100 MB. Everything is measured in this one run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from howopen.index import open_store
from howopen.index.build import build
from howopen.web.site import build_site

ROOT = Path(__file__).resolve().parents[1]
GOAL_MB = 100


def sizes(folder: Path) -> tuple[int, int, int]:
    """(bytes written, bytes of disk used as `du` counts them, files)."""
    written = files = 0
    for base, _, names in os.walk(folder):
        for name in names:
            written += os.path.getsize(os.path.join(base, name))
            files += 1
    used = int(subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True, check=True)
               .stdout.split()[0]) * 1024
    return written, used, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cards", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus" / "cards")
    parser.add_argument("--db", type=Path, help="an index built before (skips step 1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.duckdb"
            start = time.perf_counter()
            with open_store(db) as store:
                result = build(store, [args.cards])
            print(f"index: {result.cards_indexed} cards and the catalog in {time.perf_counter() - start:.0f} s")
        with open_store(db, read_only=True) as store:
            models = store.count()
            for label, extra in (("default", False), ("--cards --reports", True)):
                out = Path(tmp) / f"site-{len(label)}"
                start = time.perf_counter()
                site = build_site(store, out, reports=extra, cards=extra)
                elapsed = time.perf_counter() - start
                written, used, files = sizes(out)
                print(f"site build ({label}): {site.models} of {models} models, {site.pages} pages, {elapsed:.1f} s "
                      f"({site.models / elapsed:.0f} models/s); {written / 1e6:.1f} MB written, "
                      f"{used / 1e6:.1f} MB on disk, {files} files; goal < {GOAL_MB} MB: "
                      f"written {written / 1e6 / GOAL_MB:.2f}x, on disk {used / 1e6 / GOAL_MB:.2f}x of it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

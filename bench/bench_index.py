"""Indexes the corpus model cards and times the leaderboard against DuckDB's own query for the same rows.

    python bench/bench_index.py [CARDS_DIR] [--workers N]     (default: ../shared/corpus/cards)

1. Builds a fresh index of every card (metadata-only releases; the catalog too when this build has one) with the
   parallel build `howopen index build` uses, and prints cards per second.
2. With all of them in the index, requests the leaderboard page (default view: 100 rows, and every row on one
   page) through the app, and runs the page's SQL directly in DuckDB; prints the median of each and the ratio.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from timing import median_seconds

from howopen.index import open_store
from howopen.index.build import build
from howopen.index.query import MAX_PAGE_SIZE, Query
from howopen.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 15


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cards", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus" / "cards")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (0: one per CPU)")
    args = parser.parse_args()
    cards = sorted(args.cards.glob("*_*.md"))
    if not cards:
        print(f"no cards under {args.cards}")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with open_store(db) as store:
            start = time.perf_counter()
            result = build(store, [args.cards], workers=args.workers or None)
            elapsed = time.perf_counter() - start
            total = store.count()
        print(f"cards: {len(cards)} from {args.cards}; indexed {result.cards_indexed}, failed "
              f"{len(result.failures)}; catalog {'absent' if result.catalog_missing else result.catalog}")
        print(f"index build: {elapsed:.1f} s, {result.cards_indexed / elapsed:.0f} cards per second "
              f"({total} models in the index)")
        for failure in result.failures[:10]:
            print("FAILED", failure)
        with open_store(db, read_only=True) as store, TestClient(create_app(store)) as client:
            for label, params in (("default page (100 rows)", {}),
                                  (f"all rows on one page ({total})", {"per_page": str(MAX_PAGE_SIZE)})):
                sql, sql_args = Query.from_params(params).sql()
                page = median_seconds(lambda p=params: client.get("/", params=p).raise_for_status(), REPEAT)
                query = median_seconds(lambda s=sql, a=sql_args: store.fetch(s, a), REPEAT)
                print(f"leaderboard, {label}: page {page * 1000:.1f} ms, DuckDB query {query * 1000:.1f} ms, "
                      f"ratio {page / query:.1f}x")
    return 1 if result.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

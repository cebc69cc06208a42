"""A crawl against the loopback Hub against `index build` on the same cards from disk, the re-crawl after 1 % of
the models changed, and the leaderboard at 10 thousand and 1 million rows.

    python bench/bench_crawl.py [CARDS_DIR] [--workers N] [--concurrency N] [--rows N]
                                               (default: ../shared/corpus/cards, one worker per CPU, 8 readers)

1. Serves every card as a Hub model (README.md the card) from the loopback Hub in its own process, crawls it
   (`howopen index crawl`: listing, READMEs, grading) into a fresh index, and builds another index from the same
   cards on disk (`howopen index build --no-catalog`); prints cards graded a second by each and their ratio
   (goal: the crawl at least 70 % of the disk rate). Also: listing pages a second and README reads a second at
   the concurrency used, each measured alone.
2. Pushes a new commit to 1 % of the models and crawls again; prints its time as a fraction of the first crawl
   (goal: under 20 %).
3. Fills an index with 10 thousand and with 1 million synthetic rows (models and census rows made in SQL) and
   times the leaderboard's default page, a filtered page, a census filter and the census itself; prints medians.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from timing import median_seconds  # noqa: E402

from howopen.index import open_store  # noqa: E402
from howopen.index.build import build  # noqa: E402
from howopen.index.census import compute  # noqa: E402
from howopen.index.crawl import CrawlOptions, crawl  # noqa: E402
from howopen.index.hublisting import ListingQuery, pages  # noqa: E402
from howopen.index.query import Query  # noqa: E402
from howopen.index.readmes import ReadmeReader  # noqa: E402
from hubserver import HubServer, World  # noqa: E402
from hubserver.world import Repo, RepoFile, sha_of  # noqa: E402


def corpus_world(cards: list[Path]) -> World:
    world = World()
    for n, card in enumerate(cards):
        org, _, name = card.stem.partition("_")
        ident = f"{org}/{name}"
        data = card.read_bytes()
        meta = {"downloads": (n * 7919) % 100_003, "likes": n % 97,
                "createdAt": f"20{22 + n % 4}-{1 + n % 12:02d}-15T12:00:00.000Z",
                "lastModified": f"2025-{1 + n % 5:02d}-{1 + n % 28:02d}T12:00:00.000Z"}
        world.models[ident.lower()] = Repo(ident, "models", sha_of(ident, "main"),
                                           {"README.md": RepoFile("README.md", len(data), data)}, meta)
    return world


def serve(world: World, ready: Any, stop: Any) -> None:
    for repo in world.models.values():  # the server's own work (front matter, tags) done before it is timed
        repo.listing_info()
    with HubServer(world) as server:
        ready.put(server.url)
        stop.wait()


SYNTHETIC = """
INSERT INTO models (id, org, name, origin, origin_ref, source, metadata_only, verdict, verdict_rank,
                    verdict_if_published, openness, summary, mof, osaid, eosai, eu_ai_act, license_id, license_name,
                    commercial_use, modality, release_date, digest, report, card)
SELECT 'org-' || (i % 5000) || '/model-' || i, 'org-' || (i % 5000), 'model-' || i, 'crawl', 'synthetic', 'card',
       true, ['open-source', 'open-weights', 'restricted-weights', 'unknown', 'closed'][1 + i % 5], 1 + i % 5,
       NULL, ['open-source', 'open-weights', 'restricted-weights', 'unknown', 'closed'][1 + (i * 7) % 5],
       'synthetic row', 'unclassified', 'unknown', (i % 100) / 100.0, 'unknown',
       ['apache-2.0', 'mit', 'llama3.1', 'gemma', 'other', 'cc-by-nc-4.0'][1 + i % 6], 'synthetic',
       'unknown', 'text', DATE '2022-01-01' + CAST(i % 1400 AS INTEGER), 'x', '{}', NULL
FROM range(?) t(i);
INSERT INTO census
SELECT 'org-' || (i % 5000) || '/model-' || i,
       CASE WHEN i % 3 = 0 THEN NULL ELSE ['Llama 3', 'Qwen', 'Mistral', 'Gemma', 'Other'][1 + i % 5] END,
       'base/model', ['apache-2.0', 'mit', 'llama3.1', 'other'][1 + i % 4], NULL, i % 17 = 0, i % 2 = 0,
       i % 34 = 0, 'unknown', strftime(DATE '2022-01-01' + CAST(i % 1400 AS INTEGER), '%Y-%m'), i % 100003
FROM range(?) t(i);
"""


def leaderboard_times(rows: int, folder: Path) -> dict[str, float]:
    db = folder / f"rows-{rows}.duckdb"
    with open_store(db) as store:
        for statement in SYNTHETIC.strip().split(";\n"):
            if statement.strip():
                store.execute(statement, [rows])
    size = db.stat().st_size
    with open_store(db, read_only=True) as store:
        out = {
            "default page": median_seconds(lambda: store.leaderboard(Query())),
            "filtered + sorted by name": median_seconds(lambda: store.leaderboard(
                Query.from_params({"license": "mit", "sort": "name", "page": "3"}))),
            "census filter (family, conflict)": median_seconds(lambda: store.leaderboard(
                Query.from_params({"family": "Llama 3", "conflict": "yes"}))),
            "census figures": median_seconds(lambda: compute(store), repeat=5),
        }
    out["file MB"] = size / 1e6
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared")
    parser.add_argument("cards", nargs="?", type=Path, default=shared / "corpus" / "cards")
    parser.add_argument("--workers", type=int, default=0, help="grading processes (0: one per CPU)")
    parser.add_argument("--concurrency", type=int, default=8, help="README reads at once")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the large synthetic index")
    args = parser.parse_args()
    cards = sorted(args.cards.glob("*_*.md"))
    if not cards:
        print(f"no cards under {args.cards}")
        return 2
    workers = args.workers or os.cpu_count() or 1
    world = corpus_world(cards)
    context = multiprocessing.get_context("fork")
    ready, stop = context.Queue(), context.Event()
    server = context.Process(target=serve, args=(world, ready, stop), daemon=True)
    server.start()
    url = ready.get(timeout=60)
    os.environ["HOWOPEN_HF_ENDPOINT"] = url
    print(f"{len(cards)} cards from {args.cards}, served by the loopback Hub at {url} (its own process); "
          f"{workers} grading workers, {args.concurrency} README readers, {os.cpu_count()} CPUs")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            start = time.perf_counter()
            listed = sum(len(p.models) for p in pages(url, ListingQuery()))
            listing = time.perf_counter() - start
            n_pages = -(-listed // 1000)
            print(f"listing alone: {n_pages} pages ({listed} models) in {listing:.2f} s: "
                  f"{n_pages / listing:.1f} pages/s, {listed / listing:.0f} models/s")
            reader = ReadmeReader(url)
            ids = [card.stem.replace("_", "/", 1) for card in cards]
            start = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as readers:
                list(readers.map(lambda i: reader.read(i, None), ids))
            reads = time.perf_counter() - start
            print(f"README reads alone: {len(ids)} in {reads:.1f} s: {len(ids) / reads:.0f} reads/s at "
                  f"concurrency {args.concurrency}")
            httpx2.get(f"{url}/_control/reset")

            with open_store(folder / "disk.duckdb") as store:
                start = time.perf_counter()
                result = build(store, [args.cards], catalog=False, workers=workers)
                disk = time.perf_counter() - start
            disk_rate = result.cards_indexed / disk
            print(f"index build from disk: {result.cards_indexed} cards in {disk:.1f} s: {disk_rate:.1f} cards/s")

            options = CrawlOptions(concurrency=args.concurrency, workers=workers)
            with open_store(folder / "crawl.duckdb") as store:
                start = time.perf_counter()
                stats = crawl(store, url, options)
                first = time.perf_counter() - start
            crawl_rate = stats.graded / first
            print(f"crawl: {stats.graded} graded ({stats.listed} listed, {stats.failed} failed) in {first:.1f} s: "
                  f"{crawl_rate:.1f} cards/s")
            print(f"  crawl / disk rate: {crawl_rate / disk_rate:.0%} (goal: at least 70 %)")
            log = httpx2.get(f"{url}/_control/log").json()
            listing_requests = sum(1 for e in log if e["path"].startswith("/api/models?"))
            readme_requests = sum(1 for e in log if e["path"].endswith("/README.md") and "/resolve/" in e["path"]
                                  and len(e["path"].split("/")[4]) == 40)  # pinned to the listed commit
            print(f"  requests: {len(log)} ({listing_requests} listing pages, {readme_requests} READMEs, "
                  f"{len(log) - listing_requests - readme_requests} for {getattr(stats, 'base_lookups', 0)} "
                  "base models looked up)")

            changed = ids[:: 100][: max(1, len(ids) // 100)]
            for i in range(0, len(changed), 50):
                httpx2.get(f"{url}/_control/push", params=[("id", x) for x in changed[i:i + 50]])
            with open_store(folder / "crawl.duckdb") as store:
                start = time.perf_counter()
                again = crawl(store, url, options)
                second = time.perf_counter() - start
            print(f"re-crawl after {len(changed)} models ({len(changed) / len(ids):.0%}) changed: {again.graded} "
                  f"graded, {again.unchanged} unchanged, in {second:.1f} s: {second / first:.1%} of the first "
                  f"crawl (goal: under 20 %)")

            for rows in dict.fromkeys((10_000, args.rows)):  # once each, even when --rows is 10,000
                times = leaderboard_times(rows, folder)
                size = times.pop("file MB")
                shown = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in times.items())
                print(f"leaderboard at {rows:,} rows ({size:.0f} MB file): {shown}")
    finally:
        stop.set()
        server.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

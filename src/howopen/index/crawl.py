"""`howopen index crawl`: fill the index from the Hub's own listing.

Page by page (a thousand models each), the crawl keeps the models the filters allow, leaves out those whose
commit it has already graded, reads the README.md of the rest concurrently (a bounded pool, one shared pause on
429), grades each as a model card in worker processes (`crawlgrade`, the card path of `index build`) and writes
them a chunk per transaction. After each page the link of the next one is saved in the index: a crawl that is
killed or loses the network resumes from there, and models already graded are skipped by commit, so nothing is
graded twice or stored twice. A model whose README could not be read is counted as failed and left out. Unless
`offline`, a base model that the families, the catalog and the index's cards do not know is looked up on the Hub,
as `index build` does (`hubbases.py`: cached, at most `MAX_LOOKUPS` a crawl shared by the grading processes).
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from typing import Any

from ..licenses.kb import knowledge_base
from ..lineage import base_models_from_tags
from ..sources.lookup import catalog_release
from . import hubbases
from .crawlgrade import Job, Listed, close_worker, grade_chunk, init_worker
from .hubbases import Budget
from .hublisting import ListingQuery, Page, pages
from .readmes import ReadFailed, ReadmeReader, Throttle
from .rows import Row
from .store import Store

CHUNK = 16
STATE_KEY = "crawl.state"
BASE_DEPTH = 4
_DDL = """
CREATE TABLE IF NOT EXISTS crawl_seen (id VARCHAR PRIMARY KEY, sha VARCHAR NOT NULL,
                                      graded_at TIMESTAMP DEFAULT current_timestamp);
"""


@dataclass(frozen=True)
class CrawlOptions:
    query: ListingQuery = field(default_factory=ListingQuery)
    limit: int | None = None  # models listed at most
    since: dt.date | None = None  # models last modified on or after this day
    min_downloads: int | None = None
    concurrency: int = 8  # README reads at once
    workers: int | None = None  # grading processes (None: one per CPU)
    restart: bool = False  # ignore a saved position
    offline: bool = False  # base models nothing local knows stay unknown instead of being looked up on the Hub

    def key(self) -> dict[str, Any]:
        """What must match for a saved position to be resumed."""
        return {"query": asdict(self.query), "limit": self.limit,
                "since": self.since.isoformat() if self.since else None, "min_downloads": self.min_downloads}


@dataclass
class CrawlStats:
    listed: int = 0
    graded: int = 0
    unchanged: int = 0
    filtered: int = 0
    failed: int = 0
    pages: int = 0
    readmes: int = 0
    resumed_at: int | None = None  # models listed before this run, when it resumed a crawl
    finished: bool = False
    started: float = field(default_factory=time.monotonic)
    listing_seconds: float = 0.0
    readme_seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    throttle: Throttle | None = None
    base_lookups: int = 0  # base models looked up on the Hub (started; within the crawl's budget)

    @property
    def skipped(self) -> int:
        return self.unchanged + self.filtered

    @property
    def elapsed(self) -> float:
        return max(1e-9, time.monotonic() - self.started)

    @property
    def rate(self) -> float:
        """Models graded a second in this run."""
        return self.graded / self.elapsed

    def time_left(self, limit: int | None) -> float | None:
        """Seconds left, when the number of models still to list is known (a --limit, or a finished listing)."""
        done = self.graded + self.failed + self.skipped
        if limit is None or self.rate <= 0:
            return None
        return max(0.0, (limit - done - (self.resumed_at or 0)) / max(self.rate, 1e-9))

    def summary(self) -> str:
        waited = self.throttle.waited if self.throttle else 0.0
        limited = self.throttle.rate_limited if self.throttle else 0
        state = "complete" if self.finished else "stopped; run the same command again to resume"
        resumed = f" (resumed after {self.resumed_at})" if self.resumed_at is not None else ""
        return (f"crawl {state}: {self.listed} listed{resumed}, {self.graded} graded, {self.skipped} skipped "
                f"({self.unchanged} unchanged, {self.filtered} filtered), {self.failed} failed; "
                f"{self.pages} pages, {self.readmes} READMEs; {self.rate:.1f} graded/s over {self.elapsed:.0f} s"
                + (f"; {self.base_lookups} base models looked up (the Hub or its cache)" if self.base_lookups else "")
                + (f"; 429 answered {limited} times, waited {waited:.0f} s" if limited else ""))


class CrawlError(Exception):
    """The listing itself could not be read (after huggingface_hub's retries); what was written stays."""


Progress = Callable[[CrawlStats], None]


# -- the index's crawl state -----------------------------------------------------------------------------------

def ensure_tables(store: Store) -> None:
    store.execute(_DDL)


def load_state(store: Store) -> dict[str, Any] | None:
    rows = store.fetch("SELECT value FROM meta WHERE key = ?", [STATE_KEY])
    try:
        return json.loads(rows[0]["value"]) if rows else None
    except ValueError:
        return None


def save_state(store: Store, options: CrawlOptions, next_url: str | None, listed: int) -> None:
    store.set_meta(STATE_KEY, json.dumps({"key": options.key(), "next": next_url, "listed": listed}))


def seen_commits(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = store.fetch("SELECT id, sha FROM crawl_seen WHERE id IN (SELECT unnest(?))", [ids])
    return {r["id"]: r["sha"] for r in rows}


def base_cards(store: Store, models: Iterable[Listed]) -> dict[str, bytes]:
    """The cards the index holds for the declared base models of `models`, and their bases in turn."""
    frontier = {ref.id.lower() for m in models for ref in base_models_from_tags(m.tags, None)}
    found: dict[str, bytes] = {}
    visited: set[str] = set()
    for _ in range(BASE_DEPTH):
        frontier -= visited
        if not frontier:
            break
        visited |= frontier
        keys = sorted(frontier)
        for row in store.fetch("SELECT lower(id) AS k, card FROM models WHERE lower(id) IN (SELECT unnest(?)) "
                               "AND card IS NOT NULL", [keys]):
            found[row["k"]] = str(row["card"]).encode("utf-8")
        frontier = {r["k"] for r in store.fetch("SELECT DISTINCT lower(base_id) AS k FROM bases "
                                                "WHERE lower(id) IN (SELECT unnest(?))", [keys])}
    return found


def _record(store: Store, results: list[Row | tuple[str, str]], shas: dict[str, str], stats: CrawlStats) -> None:
    rows = [r for r in results if isinstance(r, Row)]
    for result in results:
        if not isinstance(result, Row):
            stats.failed += 1
            stats.failures.append(f"{result[0]}: {result[1]}")
    store.put(rows)
    seen = [[r.id, shas[r.id]] for r in rows if shas.get(r.id)]
    if seen:
        store.execute_many("INSERT OR REPLACE INTO crawl_seen (id, sha) VALUES (?, ?)", seen)
    stats.graded += len(rows)


# -- the crawl --------------------------------------------------------------------------------------------------

class _Grader:
    """Grades chunks in worker processes (or here, with one worker)."""

    def __init__(self, workers: int, endpoint: str, budget: Budget | None = None) -> None:
        self.endpoint = endpoint
        if workers > 1:  # loaded once here: forked workers inherit them instead of each reading them again
            knowledge_base()
            catalog_release("meta-llama/Llama-3.1-8B")
        self.pool = (multiprocessing.get_context().Pool(workers, initializer=init_worker, initargs=(budget, True))
                     if workers > 1 else None)
        if self.pool is None:
            init_worker(budget)

    def submit(self, jobs: list[Job], bases: dict[str, bytes]) -> Any:
        if self.pool is None:
            done: Future[list[Row | tuple[str, str]]] = Future()
            done.set_result(grade_chunk(jobs, bases, self.endpoint))
            return done
        return self.pool.apply_async(grade_chunk, (jobs, bases, self.endpoint))

    def close(self, *, kill: bool = False) -> None:
        close_worker()
        if self.pool is not None:
            if kill:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()


def _ready(handle: Any) -> bool:
    return bool(handle.done() if isinstance(handle, Future) else handle.ready())


def _result(handle: Any) -> list[Row | tuple[str, str]]:
    return handle.result() if isinstance(handle, Future) else handle.get()


class Crawl:
    def __init__(self, store: Store, endpoint: str, options: CrawlOptions, *, token: str | bool | None = None,
                 on_progress: Progress | None = None, throttle: Throttle | None = None) -> None:
        self.store = store
        self.endpoint = endpoint.rstrip("/")
        self.options = options
        self.token = token
        self.on_progress = on_progress
        self.stats = CrawlStats(throttle=throttle or Throttle())
        self.reader = ReadmeReader(self.endpoint, token=token, throttle=self.stats.throttle)

    def _progress(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.stats)

    def _keep(self, models: list[Listed]) -> tuple[list[Listed], bool]:
        """The models the filters allow, and whether the sorted listing has passed the last one allowed."""
        options, kept, past = self.options, [], False
        since = options.since.isoformat() if options.since else None
        for model in models:
            if since and (model.last_modified or "")[:10] < since:
                self.stats.filtered += 1
                past = past or options.query.sort == "last-modified"
                continue
            if options.min_downloads is not None and (model.downloads or 0) < options.min_downloads:
                self.stats.filtered += 1
                past = past or options.query.sort == "downloads"
                continue
            kept.append(model)
        return kept, past

    def _grade_page(self, models: list[Listed], grader: _Grader, readers: ThreadPoolExecutor) -> None:
        """Read, grade and store one page's models; returns when every one is stored or counted failed."""
        if not models:
            return
        bases = base_cards(self.store, models)
        shas = {m.id: m.sha for m in models}
        started = time.monotonic()
        waiting: list[Any] = []
        jobs: list[Job] = [(m, None) for m in models if not m.has_readme]
        futures = {readers.submit(self.reader.read, m.id, m.sha or None): m for m in models if m.has_readme}

        def drain(block: bool) -> None:
            while waiting and (block or _ready(waiting[0])):
                _record(self.store, _result(waiting.pop(0)), shas, self.stats)
                self._progress()

        for future in as_completed(futures):
            model = futures[future]
            try:
                jobs.append((model, future.result()))
                self.stats.readmes += 1
            except ReadFailed as exc:
                self.stats.failed += 1
                self.stats.failures.append(f"{model.id}: {exc}")
            if len(jobs) >= CHUNK:
                waiting.append(grader.submit(jobs, bases))
                jobs = []
            drain(block=False)
        self.stats.readme_seconds += time.monotonic() - started
        if jobs:
            waiting.append(grader.submit(jobs, bases))
        drain(block=True)

    def run(self) -> CrawlStats:
        store, options, stats = self.store, self.options, self.stats
        ensure_tables(store)
        state = load_state(store)
        start: str | None = None
        if (not options.restart and state and state.get("key") == options.key() and state.get("next")):
            start = str(state["next"])
            stats.resumed_at = stats.listed = int(state.get("listed") or 0)
        workers = options.workers or os.cpu_count() or 1
        budget = None if options.offline else Budget(hubbases.MAX_LOOKUPS)
        grader = _Grader(workers, self.endpoint, budget)
        readers = ThreadPoolExecutor(max(1, options.concurrency), thread_name_prefix="howopen-readme")
        lister = ThreadPoolExecutor(1, thread_name_prefix="howopen-listing")
        listing = pages(self.endpoint, options.query, start, token=self.token)
        clean = False
        try:
            upcoming: Future[Page | None] = lister.submit(next, listing, None)
            while True:
                began = time.monotonic()
                try:
                    page = upcoming.result()
                except Exception as exc:
                    raise CrawlError(f"the Hub's listing could not be read: {exc.__class__.__name__}: "
                                     f"{str(exc).splitlines()[0] if str(exc) else ''}") from None
                stats.listing_seconds += time.monotonic() - began
                if page is None:
                    stats.finished = True
                    break
                stats.pages += 1
                models = [Listed.from_info(info) for info in page.models]
                last = page.next_url is None
                if options.limit is not None and stats.listed + len(models) >= options.limit:
                    models, last = models[: max(0, options.limit - stats.listed)], True
                stats.listed += len(models)
                kept, past = self._keep(models)
                last = last or past
                if not last:  # the next page is read while this one is graded
                    upcoming = lister.submit(next, listing, None)
                known = seen_commits(store, [m.id for m in kept])
                todo = [m for m in kept if not m.sha or known.get(m.id) != m.sha]
                stats.unchanged += len(kept) - len(todo)
                self._progress()
                self._grade_page(todo, grader, readers)
                save_state(store, options, None if last else page.next_url, stats.listed)
                self._progress()
                if last:
                    stats.finished = True
                    break
            clean = True
        finally:
            readers.shutdown(wait=clean, cancel_futures=True)
            lister.shutdown(wait=False, cancel_futures=True)
            grader.close(kill=not clean)
            stats.base_lookups = budget.used.value if budget is not None else 0
        return stats


def crawl(store: Store, endpoint: str, options: CrawlOptions, *, token: str | bool | None = None,
          on_progress: Progress | None = None) -> CrawlStats:
    return Crawl(store, endpoint, options, token=token, on_progress=on_progress).run()

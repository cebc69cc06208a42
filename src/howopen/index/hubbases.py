"""Base models that nothing local knows, looked up on the Hub while `index build` (or `index crawl`,
`crawlgrade.py`) grades cards.

A card's base model is resolved locally first: the known model families (`ancestry/data/families.yaml`), the
bundled catalog, the cards of the folders being indexed. Only a Hub id none of them knows is asked of the Hub,
through the same cached session `howopen check` uses (`sources/lookup.py`: model info and card, the response
cache on disk, so a second build reuses the answers). The lookups are bounded: at most `MAX_LOOKUPS` distinct
models per build (one budget shared by every worker process), each answered within `TIMEOUT` seconds; they start
together for a chunk of cards (`prefetch`) and run in the session's thread pool. A lookup that fails, times out or
is over the budget raises `LookupFailed` with the reason: the base stays unknown, never "closed" or "open". After
`MAX_FAILURES` failed lookups in a row (the Hub down or stalling), a worker asks nothing more for the rest of the
build, and says why. With `--offline` no `HubBases` is made and nothing is fetched.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterable
from typing import Any

from ..ancestry.lookup import Resolver, known_offline
from ..evidence import Release
from ..lineage import LookupFailed
from ..sources.lookup import Lookup

MAX_LOOKUPS = 200  # distinct base models asked of the Hub per build
TIMEOUT = 30.0  # seconds one base model's lookup may take (each request also has HOWOPEN_TIMEOUT)
MAX_FAILURES = 5  # failed lookups in a row after which a worker stops asking the Hub
_HUB_ID = 1


class Budget:
    """How many Hub lookups a build may still start, shared by its worker processes (a `multiprocessing.Value`)."""

    def __init__(self, cap: int = MAX_LOOKUPS) -> None:
        self.cap = cap
        self.used: Any = multiprocessing.Value("i", 0)

    def take(self) -> bool:
        with self.used.get_lock():
            if self.used.value >= self.cap:
                return False
            self.used.value += 1
            return True


class HubBases:
    """The Hub as the last resolver of a build's base models (one per worker process)."""

    def __init__(self, local: Resolver, budget: Budget, *, timeout: float = TIMEOUT, run: str = "build") -> None:
        self.local = local
        self.run = run  # what the reasons call the run whose budget this is: "build" or "crawl"
        self.budget = budget
        self.timeout = timeout
        self._lookup: Lookup | None = None
        self._asked: dict[str, bool] = {}  # id -> whether it was started (False: over the budget)
        self._lock = threading.Lock()
        self._failures = 0
        self.stopped: str | None = None  # why this worker no longer asks the Hub

    @property
    def lookup(self) -> Lookup:
        with self._lock:
            if self._lookup is None:
                self._lookup = Lookup(offline=False, max_lookups=self.budget.cap + 1)
            return self._lookup

    def close(self) -> None:
        if self._lookup is not None:
            self._lookup.close()

    def wanted(self, ident: str) -> bool:
        """Is this a Hub id that nothing local resolves (so the Hub is worth asking)?"""
        ident = ident.strip()
        if ident.count("/") != _HUB_ID or " " in ident or known_offline(ident):
            return False
        try:
            return self.local(ident) is None
        except LookupFailed:
            return True

    def _start(self, ident: str) -> bool:
        key = ident.strip().lower()
        with self._lock:
            if key not in self._asked and self.stopped is not None:
                return False
            if key not in self._asked:
                self._asked[key] = self.budget.take()
            started = self._asked[key]
        if started:
            self.lookup.prefetch([ident])
        return started

    def prefetch(self, ids: Iterable[str]) -> None:
        """Start the lookups of these base models together (those that nothing local knows)."""
        for ident in dict.fromkeys(i.strip() for i in ids):
            if self.wanted(ident):
                self._start(ident)

    def resolve(self, ident: str) -> Release | None:
        """The base model's release from the Hub; None when the Hub has no such model; `LookupFailed` otherwise."""
        if ident.strip().count("/") != _HUB_ID or " " in ident.strip():
            return None
        if not self._start(ident):
            if self.stopped is not None:
                raise LookupFailed(f"not looked up: {self.stopped}")
            raise LookupFailed(f"the {self.run}'s limit of {self.budget.cap} Hub lookups was reached; not looked up")
        try:
            found = self.lookup.resolve(ident, timeout=self.timeout)
        except LookupFailed as exc:
            with self._lock:
                self._failures += 1
                if self._failures >= MAX_FAILURES and self.stopped is None:
                    self.stopped = (f"{self._failures} Hub lookups in a row failed in this {self.run} "
                                    f"(the last: {exc}), so no more were asked")
            raise
        with self._lock:
            self._failures = 0
        return found


def base_ids(release: Release) -> list[str]:
    """Every model id a release's lineage may ask about: its declared base models and its lineage claims."""
    return [*(ref.id for ref in release.base_models), *(claim.base for claim in release.lineage_claims)]

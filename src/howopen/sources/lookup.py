"""Finds the release of a base model for the lineage stage: the bundled catalog first, then the Hub.

The Hub goes through the session's cache, so with `--offline` a base model is found when the catalog has it or
an earlier check cached it. Lookups start early (`prefetch`, as soon as a card names its base models) and run
in the background; `resolve` waits for the answer. Each model is fetched at most once per check.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

from ..errors import HowopenError
from ..evidence import Release
from ..lineage import MAX_NODES, LookupFailed
from ..net.failure import Failure

if TYPE_CHECKING:
    from ..net.session import Session

MAX_LOOKUPS = MAX_NODES + 8


def catalog_release(name: str) -> Release | None:
    """The bundled catalog's release for a Hub id or catalog name; None when the catalog (or the model) is
    absent."""
    try:  # another part of howopen, absent from some builds: looked up by name so either way type-checks
        catalog: Any = importlib.import_module("howopen.catalog")
        source: Any = importlib.import_module("howopen.sources.catalog")
    except ImportError:
        return None
    find, CatalogSource = getattr(catalog, "find", None), getattr(source, "CatalogSource", None)
    if find is None or CatalogSource is None:
        return None
    try:
        record = find(name)
        if record is None:
            return None
        return CatalogSource(record).fetch()
    except (LookupError, HowopenError, ValueError, OSError):
        return None


def _done(value: Any) -> Future[Any]:
    future: Future[Any] = Future()
    future.set_result(value)
    return future


class Lookup:
    """One check's base-model lookups. Owns the network session unless it was given one."""

    def __init__(self, *, offline: bool = False, session: Session | None = None,
                 max_lookups: int = MAX_LOOKUPS) -> None:
        self.offline = offline
        self.max_lookups = max_lookups
        self._session = session
        self._own_session = session is None
        self._memo: dict[str, Future[Release | Failure | None]] = {}
        self._lock = threading.Lock()

    @property
    def session(self) -> Session:
        with self._lock:
            if self._session is None:
                from ..net.session import Session  # httpx: when a base model is looked up on the Hub

                self._session = Session(offline=self.offline)
            return self._session

    def close(self) -> None:
        if self._own_session and self._session is not None:
            self._session.close()

    def __enter__(self) -> Lookup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def exclude(self, *ids: str) -> None:
        """Never fetch these as base models (the target itself: a cycle leads back to it)."""
        with self._lock:
            for ident in ids:
                self._memo.setdefault(ident.lower(), _done(None))

    def prefetch(self, ids: Iterable[str]) -> None:
        for ident in ids:
            self._start(ident)

    def _start(self, ident: str) -> Future[Release | Failure | None] | None:
        key = ident.strip().lower()
        with self._lock:
            if key in self._memo:
                return self._memo[key]
            if len(self._memo) >= self.max_lookups:
                return None
        catalogued = catalog_release(ident)
        session = self.session if catalogued is None and "/" in ident else None
        with self._lock:
            if key in self._memo:
                return self._memo[key]
            if catalogued is not None:
                self._memo[key] = _done(catalogued)
            elif "/" not in ident:
                self._memo[key] = _done(None)  # not a Hub id, and not in the catalog
            else:
                assert session is not None
                self._memo[key] = session.spawn(self._from_hub, ident)
            return self._memo[key]

    def _from_hub(self, ident: str) -> Release | Failure | None:
        from .hub import fetch_base_release

        try:
            return fetch_base_release(self, ident)
        except Failure as exc:
            return None if exc.code in ("not-found", "invalid-id") else exc
        except HowopenError as exc:
            return Failure("error", str(exc))

    def resolve(self, ident: str, timeout: float | None = None) -> Release | None:
        """The base model's release; None when it does not exist; `LookupFailed` when it could not be
        looked up (or, with `timeout`, was not answered within that many seconds)."""
        future = self._start(ident)
        if future is None:
            raise LookupFailed("too many models in this lineage; not looked up")
        try:
            outcome = future.result(timeout=timeout)
        except FutureTimeout:
            raise LookupFailed(f"the Hub did not answer within {timeout:g} s") from None
        if isinstance(outcome, Failure):
            raise LookupFailed(outcome.message)
        return outcome

"""Filling the index: catalog records and card folders (`index build`), checked targets (`index add`).

Cards are graded in parallel worker processes, in chunks; each finished chunk is written in one transaction, so
an interrupted build keeps what it wrote and the next run skips every card whose content is unchanged. Unless the
build is offline (the library's default; the CLI is online unless `--offline`), a base model that the known
families, the catalog and the card folders do not know is looked up on the Hub (`hubbases.py`: cached, bounded).
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import HowopenError
from ..licenses.kb import knowledge_base
from ..pipeline import assess, check
from .cards import CARD_FILE, CardFolders, card_release, list_cards, read_card
from .hubbases import Budget, HubBases, base_ids
from .rows import Row, digest, flatten
from .store import Store

CHUNK = 24
Progress = Callable[[int], None]  # called with the number of cards just finished


@dataclass
class BuildResult:
    catalog: int = 0
    catalog_missing: bool = False
    cards_seen: int = 0
    cards_indexed: int = 0
    cards_unchanged: int = 0
    failures: list[str] = field(default_factory=list)


# -- cards ----------------------------------------------------------------------------------------------------

_FOLDERS: CardFolders | None = None
_HUB: HubBases | None = None


def _init_worker(folders: Sequence[str], worker: bool = False, budget: Budget | None = None) -> None:
    """A worker's card folders, and with a `budget` (an online build) its Hub lookups."""
    global _FOLDERS, _HUB
    if worker:  # Ctrl-C is the main process's to handle: it stops the pool and keeps what was written
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _FOLDERS = CardFolders(Path(f) for f in folders)
    _HUB = HubBases(_FOLDERS.resolve, budget) if budget is not None else None


def grade_card(path: Path, folders: CardFolders | None = None, hub: HubBases | None = None) -> Row:
    """A card file graded as a metadata-only release (base models unknown locally asked of `hub`, when given)."""
    data = read_card(path)
    return _graded(path, data, card_release(path, data), folders, hub)


def _graded(path: Path, data: bytes, release: Any, folders: CardFolders | None, hub: HubBases | None) -> Row:
    resolver = (folders or _FOLDERS or CardFolders([path.parent])).resolve
    report = assess(release, understood=f"model card {path.name} (metadata only)", resolver=resolver,
                    remote=hub.resolve if hub is not None else None)
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")
    return flatten(report, origin="card", origin_ref=str(path), content_digest=digest(data), card=text)


def _grade_chunk(paths: Sequence[str]) -> list[Row | str]:
    """A chunk's cards read first, their unknown base models asked of the Hub together, then each graded."""
    read: list[tuple[Path, bytes, Any] | str] = []
    for name in paths:
        try:
            data = read_card(Path(name))
            read.append((Path(name), data, card_release(Path(name), data)))
        except Exception as exc:  # one bad card must not stop a build; it is reported by name
            read.append(f"{Path(name).name}: {exc.__class__.__name__}: {exc}")
    if _HUB is not None:
        _HUB.prefetch(i for item in read if not isinstance(item, str) for i in base_ids(item[2]))
    out: list[Row | str] = []
    for item in read:
        if isinstance(item, str):
            out.append(item)
            continue
        try:
            out.append(_graded(*item, None, _HUB))
        except Exception as exc:  # one bad card must not stop a build; it is reported by name
            out.append(f"{item[0].name}: {exc.__class__.__name__}: {exc}")
    return out


def _pending(store: Store, cards: list[Path], result: BuildResult) -> list[str]:
    done = store.card_digests()
    pending: list[str] = []
    for card in cards:
        key = str(card)
        if key in done:
            try:
                if digest(read_card(card)) == done[key]:
                    result.cards_unchanged += 1
                    continue
            except OSError:
                pass
        pending.append(key)
    return pending


def _collect(rows: Iterable[Row | str], store: Store, result: BuildResult) -> int:
    good = [r for r in rows if isinstance(r, Row)]
    result.failures.extend(r for r in rows if isinstance(r, str))
    store.put(good)
    result.cards_indexed += len(good)
    return len(good) + sum(1 for r in rows if isinstance(r, str))


def index_cards(store: Store, folders: Sequence[Path], result: BuildResult, *, workers: int | None = None,
                on_start: Callable[[int], None] | None = None, on_progress: Progress | None = None,
                offline: bool = True) -> None:
    cards = list_cards(folders)
    result.cards_seen = len(cards)
    pending = _pending(store, cards, result)
    if on_start:
        on_start(len(pending))
    chunks = [pending[i:i + CHUNK] for i in range(0, len(pending), CHUNK)]
    workers = workers or os.cpu_count() or 1
    names = [str(f) for f in folders]
    budget = None if offline else Budget()
    if workers <= 1 or len(chunks) <= 1:
        _init_worker(names, budget=budget)
        try:
            for chunk in chunks:
                done = _collect(_grade_chunk(chunk), store, result)
                if on_progress:
                    on_progress(done)
        finally:
            _close_hub()
        return
    knowledge_base()  # loaded once here: forked workers inherit it instead of each parsing it again
    pool = multiprocessing.get_context().Pool(workers, initializer=_init_worker, initargs=(names, True, budget))
    try:
        for rows in pool.imap_unordered(_grade_chunk, chunks):
            done = _collect(rows, store, result)
            if on_progress:
                on_progress(done)
        pool.close()
    except BaseException:
        pool.terminate()  # Ctrl-C: stop the workers now; what was written stays, the next build resumes
        raise
    finally:
        pool.join()


def _close_hub() -> None:
    global _HUB
    if _HUB is not None:
        _HUB.close()
        _HUB = None


# -- catalog --------------------------------------------------------------------------------------------------

def catalog_releases() -> Iterable[Any] | None:
    """The catalog's releases, or None when this build of howopen has no catalog."""
    try:
        catalog: Any = importlib.import_module("howopen.catalog")
    except ImportError:
        return None
    iter_releases = getattr(catalog, "iter_releases", None)
    return iter_releases() if iter_releases is not None else None


def index_catalog(store: Store, folders: Sequence[Path], result: BuildResult) -> None:
    releases = catalog_releases()
    if releases is None:
        result.catalog_missing = True
        return
    resolver = CardFolders(folders).resolve
    rows: list[Row] = []
    for release in releases:
        try:
            report = assess(release, understood=f"catalog record {release.display_name}", resolver=resolver)
            rows.append(flatten(report, origin="catalog", origin_ref=release.target))
        except Exception as exc:  # a broken record is reported, the rest indexed
            result.failures.append(f"catalog {getattr(release, 'target', '?')}: {exc.__class__.__name__}: {exc}")
    store.put(rows)
    result.catalog = len(rows)


def build(store: Store, folders: Sequence[Path] = (), *, catalog: bool = True, workers: int | None = None,
          on_start: Callable[[int], None] | None = None, on_progress: Progress | None = None,
          offline: bool = True) -> BuildResult:
    """Index the catalog and the card folders. With `offline=False`, the cards' base models that nothing local
    knows are looked up on the Hub (`hubbases.py`)."""
    result = BuildResult()
    if catalog:
        index_catalog(store, folders, result)
    if folders:
        index_cards(store, folders, result, workers=workers, on_start=on_start, on_progress=on_progress,
                    offline=offline)
    return result


# -- checked targets ------------------------------------------------------------------------------------------

def _local_card(target: str) -> str | None:
    """A local folder's README.md, kept so the evidence that cites its lines can link to them."""
    card = Path(target).expanduser() / CARD_FILE
    try:
        if Path(target).expanduser().is_dir() and card.is_file():
            return read_card(card).decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")
    except OSError:
        return None
    return None


def add(store: Store, targets: Sequence[str], *, offline: bool = False) -> list[tuple[str, Row | HowopenError]]:
    """Check each target with the full pipeline and store it; a target that fails is reported, not stored."""
    out: list[tuple[str, Row | HowopenError]] = []
    for target in targets:
        try:
            report = check(target, offline=offline)
        except HowopenError as exc:
            out.append((target, exc))
            continue
        row = flatten(report, origin="check", origin_ref=target, card=_local_card(target))
        store.put([row])
        out.append((target, row))
    return out

"""Grading one model the Hub's listing names: its README.md read as a model card (the card path `index build`
uses, `sources.cardfile`), with the listing's own facts (commit, downloads, dates, gate, tags) added.

This runs in worker processes, so its inputs are plain picklable records: a `Listed` model, the README's bytes,
and the cards of base models the index already holds (the lineage resolver looks there after the catalog). Unless
the crawl is offline, each worker also has a `HubBases` (`init_worker`): a base model that neither the families,
the catalog nor the index's cards know is looked up on the Hub, within the crawl's shared budget (`hubbases.py`).
"""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..evidence import Provenance, Release
from ..lineage import base_models_from_tags, merge_base_models
from ..pipeline import assess
from ..sources.cardfile import CardFileSource
from ..sources.hubenrich import info_facts, with_facts
from ..sources.lookup import catalog_release
from . import hubbases
from .hubbases import Budget, HubBases, base_ids
from .rows import Row, flatten

ORIGIN = "crawl"
_HUB: HubBases | None = None  # this process's Hub lookups of base models (None: an offline crawl)


@dataclass(frozen=True)
class Listed:
    """What the listing says of one model (the attributes `sources.hubenrich.info_facts` reads)."""

    id: str
    sha: str
    last_modified: str | None = None
    created_at: str | None = None
    downloads: int | None = None
    likes: int | None = None
    tags: tuple[str, ...] = ()
    gated: Any = False
    private: bool | None = None
    pipeline_tag: str | None = None
    library_name: str | None = None
    has_readme: bool = True

    @classmethod
    def from_info(cls, info: Any) -> Listed:
        """From a `huggingface_hub.ModelInfo` of the listing."""
        siblings = getattr(info, "siblings", None)
        names = {s.rfilename for s in siblings} if siblings is not None else None

        def when(value: Any) -> str | None:
            return value.isoformat() if isinstance(value, dt.datetime) else (str(value) if value else None)

        return cls(id=str(info.id), sha=str(getattr(info, "sha", None) or ""),
                   last_modified=when(getattr(info, "last_modified", None)),
                   created_at=when(getattr(info, "created_at", None)),
                   downloads=getattr(info, "downloads", None), likes=getattr(info, "likes", None),
                   tags=tuple(t for t in getattr(info, "tags", None) or () if isinstance(t, str)),
                   gated=getattr(info, "gated", None) or False, private=getattr(info, "private", None),
                   pipeline_tag=getattr(info, "pipeline_tag", None),
                   library_name=getattr(info, "library_name", None),
                   has_readme=names is None or "README.md" in names)


def _card_source(ident: str, data: bytes, note: str | None = None) -> CardFileSource:
    org, _, name = ident.partition("/")
    return CardFileSource(Path(ident.replace("/", "_", 1) + ".md"), data, (org, name), read_as=note)


def resolver(bases: Mapping[str, bytes]) -> Any:
    """Base models: the bundled catalog first, then the cards the index holds (keys lower-cased Hub ids)."""

    def resolve(ident: str) -> Release | None:
        found = catalog_release(ident)
        if found is not None:
            return found
        data = bases.get(ident.strip().lower())
        if data is None:
            return None
        try:
            return _card_source(ident.strip(), data).fetch()
        except (OSError, ValueError):
            return None

    return resolve


def init_worker(budget: Budget | None, worker: bool = False) -> None:
    """A grading process's Hub lookups of base models: with a `budget` (an online crawl), a `HubBases`."""
    global _HUB
    if worker:  # Ctrl-C is the main process's to handle: it stops the pool and keeps what was written
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    close_worker()
    _HUB = HubBases(resolver({}), budget, timeout=hubbases.TIMEOUT, run="crawl") if budget is not None else None


def close_worker() -> None:
    global _HUB
    if _HUB is not None:
        _HUB.close()
        _HUB = None


def listed_release(model: Listed, readme: bytes | None, endpoint: str) -> Release:
    """The release a listed model's README and listing facts describe; `readme` None: no README.md."""
    api = Provenance(f"{endpoint}/api/models/{model.id}", method="hub-listing",
                     retrieved=dt.date.today().isoformat())
    note = (f"indexed by a crawl of the Hub's listing from {model.id}'s README.md at commit {model.sha[:12]} "
            "alone; the repository's files were not read, so file-based artifacts such as the weights are unknown"
            if readme is not None else
            f"indexed by a crawl of the Hub's listing: {model.id} has no README.md, so the report rests on the "
            "listing alone and file-based artifacts such as the weights are unknown")
    release = _card_source(model.id, readme or b"", note).fetch()
    tagged = base_models_from_tags(model.tags, api)
    release = replace(release, base_models=merge_base_models(release.base_models, tagged))
    return with_facts(release, info_facts(model, api))


def grade_listed(model: Listed, readme: bytes | None, bases: Mapping[str, bytes], endpoint: str,
                 hub: HubBases | None = None, release: Release | None = None) -> Row:
    """The index row of a listed model; `readme` None means the repository has no README.md. Base models that
    nothing local knows are asked of `hub`, when given."""
    release = release if release is not None else listed_release(model, readme, endpoint)
    report = assess(release, understood=f"the Hub's listing and README.md of {model.id} at {model.sha[:12]} "
                                        "(metadata only)", resolver=resolver(bases),
                    remote=hub.resolve if hub is not None else None)
    text = (readme or b"").decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")
    return flatten(report, origin=ORIGIN, origin_ref=f"{endpoint}/{model.id}", content_digest=model.sha,
                   card=text if readme is not None else None)


Job = tuple[Listed, bytes | None]


def grade_chunk(jobs: Sequence[Job], bases: Mapping[str, bytes], endpoint: str) -> list[Row | tuple[str, str]]:
    """Rows, or (id, why) for a model that could not be graded (one bad card must not stop a crawl). The chunk's
    base models that nothing local knows are asked of the Hub together (an online crawl), then each is graded."""
    out: list[Row | tuple[str, str]] = []
    ready: list[tuple[Listed, bytes | None, Release]] = []
    for model, readme in jobs:
        try:
            ready.append((model, readme, listed_release(model, readme, endpoint)))
        except Exception as exc:
            out.append((model.id, f"{exc.__class__.__name__}: {exc}"))
    hub = _HUB
    if hub is not None:
        hub.local = resolver(bases)  # this chunk's local resolver: what the Hub is not asked about
        hub.prefetch(ident for _, _, release in ready for ident in base_ids(release))
    for model, readme, release in ready:
        try:
            out.append(grade_listed(model, readme, bases, endpoint, hub, release))
        except Exception as exc:
            out.append((model.id, f"{exc.__class__.__name__}: {exc}"))
    return out

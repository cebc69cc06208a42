"""A derivative's base model as evidence of its own: the release of the pretrained model it descends from, as the
catalog holds it or as the lineage stage found it.

The European index rates the base model's data and weights apart from the end model's, and its base model is the
pretrained (foundation) model, not an intermediate fine-tune: it links Mistral-7B-v0.1 as the base of
Intel/neural-chat-7b-v3-3 (a fine-tune of neural-chat-7b-v3-1) and of Zephyr (bench/data/eosai/ratings.yaml).
So, starting from the nearest base model the lineage stage traced (depth 1, in order), the chain of declared base
models is followed down to a model that declares none of its own; that model's release is graded: the bundled
catalog's record when the catalog holds it, else the release the lineage stage's resolver found (its model card in
a card folder, its Hub repository), kept on the `Ancestor`. Where the chain reaches a model whose own evidence is
not at hand, the base's dimensions stay unknown and say which model would settle them.

An ancestor named by weak signals only (`lineage.weak`, which covers a `doubt`) is not graded: the lineage stage is
not sure it is the base at all, so its evidence is not taken for the base's, and the reason says so. A model
family's stand-in (`ancestry/families.py`: the family's license, no release of its own) is not a base's own
evidence either. Without a traced lineage (no resolver), the declared base models are looked up in the catalog.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from ..ancestry.families import SOURCE as FAMILY_SOURCE
from ..ancestry.signals import STRONG
from ..errors import HowopenError
from ..evidence import Ancestor, ArtifactKind, Provenance, Release
from ..lineage import MAX_DEPTH
from ..lineage import weak as weakly_named


@dataclass(frozen=True)
class Base:
    """The nearest base model whose own evidence is graded, or why none is."""

    ident: str  # the base model's id as the lineage names it
    release: Release | None  # its release; None when it is not graded (`refused` says why)
    how: str  # where its evidence comes from, for the note: "the catalog's record ...", "its model card, ..."
    refused: str | None = None
    evidence: tuple[Provenance, ...] = ()


@functools.cache
def _catalog_release(record_id: str) -> Release | None:
    try:
        from ..catalog import Record, find
        from ..sources.catalog import CatalogSource

        record = find(record_id)
        return CatalogSource(record).fetch() if isinstance(record, Record) else None
    except (ImportError, HowopenError):  # a build without the catalog, or a record that cannot be read
        return None


def _from_catalog(ident: str) -> Release | None:
    try:
        from ..catalog import find
    except ImportError:  # a build of howopen without the catalog
        return None
    try:
        record_id = getattr(find(ident), "id", None)
    except HowopenError:
        return None
    return _catalog_release(record_id) if isinstance(record_id, str) else None


def base_ids(release: Release) -> list[str]:
    """The nearest base models' ids: those the lineage stage traced at depth 1, then the declared ones."""
    ids = [a.id for a in release.lineage if a.depth == 1]
    ids += [b.id for b in release.base_models if b.id not in ids]
    return ids


def _where(base: Release) -> str:
    """Where a resolved base's evidence was read, for the note: its model card's address."""
    card = next(iter(base.artifact(ArtifactKind.MODEL_CARD).evidence), None)
    repository = "its Hub repository, model card " if base.source == "hub" else "its model card, "
    if card is not None:
        return repository + _qualified(card, base).source
    return f"its {base.source} release ({base.display_name})"


def _qualified(p: Provenance, base: Release) -> Provenance:
    """A citation of the base's evidence that cannot be taken for the derivative's own: a file of the base's card or
    repository (`README.md:8`) is cited as `org/base/README.md:8`; URLs and howopen's own files stay as they are."""
    if "://" in p.source or p.source.startswith(("howopen", "/")) or base.source == "catalog":
        return p
    return replace(p, source=f"{base.display_name}/{p.source}")


def qualified(evidence: tuple[Provenance, ...], base: Base) -> tuple[Provenance, ...]:
    if base.release is None:
        return evidence
    release = base.release
    return tuple(_qualified(p, release) for p in evidence)


def _weak_reason(ancestor: Ancestor) -> str:
    how = f" ({ancestor.signal}, confidence {ancestor.confidence:.2f})" if ancestor.signal != "declared" else ""
    return (f"the lineage stage names {ancestor.id} as the base model by weak signals only{how}, so its evidence is "
            "not taken for the base model's (a declared `base_model:` would settle it)")


def _evidence_of(ident: str, ancestor: Ancestor | None) -> tuple[Release | None, str]:
    """A model's own release and where it comes from: the catalog's record first, else what the lineage found."""
    catalogued = _from_catalog(ident)
    if catalogued is not None:
        return catalogued, "the howopen catalog's record of it"
    found = ancestor.release if ancestor is not None else None
    if found is not None and found.source != FAMILY_SOURCE:
        return found, _where(found) + ", as the lineage stage found it"
    return None, ""


def _foundation(start: str, traced: dict[str, Ancestor]) -> Base:
    """From a base model down its declared base models to the pretrained model that declares none."""
    chain = [start]
    ident = start
    for _ in range(MAX_DEPTH):
        found, how = _evidence_of(ident, traced.get(ident.lower()))
        if found is None:
            if len(chain) == 1:
                return Base(ident, None, "")
            return Base(ident, None, "", refused=f"{start} derives from {' -> '.join(chain[1:])}, and the own "
                        f"evidence of {ident} is not at hand (grading {ident} would settle it)")
        seen = {c.lower() for c in chain}
        parents = [b for b in found.base_models if b.confidence >= STRONG and b.id.lower() not in seen]
        if not parents:
            below = f"; the pretrained model below {' -> '.join(chain[:-1])}" if len(chain) > 1 else ""
            return Base(ident, found, how + below)
        ident = parents[0].id
        chain.append(ident)
    return Base(ident, None, "", refused=f"the chain of base models below {start} is deeper than {MAX_DEPTH} levels")


def nearest_base(release: Release) -> Base | None:
    """The base model to grade apart (see the module docstring); None when the release names none that the catalog
    or the lineage stage can give evidence for."""
    traced = {a.id.lower(): a for a in release.lineage}
    weak: list[Ancestor] = []
    refused: Base | None = None
    starts = []
    for ancestor in (a for a in release.lineage if a.depth == 1):
        if weakly_named(ancestor) or ancestor.doubt:
            weak.append(ancestor)
        else:
            starts.append(ancestor.id)
    starts += [r.id for r in release.base_models if r.id.lower() not in traced and r.confidence >= STRONG]
    for start in starts:
        base = _foundation(start, traced)
        if base.release is not None:
            return base
        refused = refused or (base if base.refused else None)
    if refused is not None:
        return refused
    if weak:
        return Base(weak[0].id, None, "", refused=_weak_reason(weak[0]), evidence=weak[0].evidence[:2])
    return None


def base_release(release: Release) -> Release | None:
    """The nearest base model's release whose own evidence is graded; None when there is none."""
    base = nearest_base(release)
    return base.release if base is not None else None

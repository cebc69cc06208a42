"""The lineage stage: follow `base_model` links to the root and hand each derivative what its ancestors pass
down.

A resolver turns a base-model id into that model's `Release` (from the catalog, the Hub, ...), returns None
when
the model does not exist, or raises `LookupFailed` with the reason it could not look. Without a resolver,
declared base models are listed with their license unknown.

Every ancestor is listed once with the license that governs it and how that license reaches the target. A
license that passes its terms down (the knowledge base's `passes_down` term) binds every model below it,
whatever
those models declare. Where the target's declared license cannot carry those terms (an Apache-2.0 tag on a
Llama 3 fine-tune, an MIT tag on a Llama-based distillation), the stage records a `Conflict`. A target that
declares no license at all inherits the nearest binding one.

A rights holder may license its own derivative on other terms: an ancestor published by the same Hub organisation
as the model derived from it, when that organisation holds the rights in the ancestor's license family
(`data/rights_holders.yaml`), does not bind through it (DeepSeek-R1 under MIT, from DeepSeek-V3-Base).

Links are followed breadth-first, at most `MAX_DEPTH` levels and `MAX_NODES` ancestors; a link back to a model
already on the path is a cycle, reported as a gap and not followed.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib import resources

import yaml

from .ancestry.families import SOURCE as FAMILY_SOURCE
from .ancestry.families import family_by_id
from .ancestry.signals import STRONG
from .evidence import (
    Ancestor,
    ArtifactKind,
    BaseModelRef,
    Conflict,
    Fact,
    Gap,
    LicenseRef,
    Provenance,
    Release,
    Status,
)
from .licenses import governing_license, resolve
from .licenses.kb import knowledge_base
from .licenses.model import TERM_TITLES, License, TermKey

Resolver = Callable[[str], Release | None]

MAX_DEPTH = 8
MAX_NODES = 32
RELATIONS = ("finetune", "adapter", "merge", "quantized")

_RELATION_PHRASE = {
    "finetune": "a fine-tune of",
    "adapter": "an adapter trained on",
    "merge": "a merge that includes",
    "quantized": "a quantized version of",
    None: "derived from",
}
# Terms that, imposed by an ancestor's license, travel to derivatives with it (termination stays with the
# licensee).
_NOT_CARRIED = (TermKey.PASSES_DOWN, TermKey.TERMINATION, TermKey.COMMERCIAL_USE, TermKey.REDISTRIBUTION)
_CARRIED = tuple(k for k in TermKey if k not in _NOT_CARRIED)
_TAG = re.compile(r"^base_model:(?:(finetune|adapter|merge|quantized):)?(.+)$")


class LookupFailed(LookupError):
    """A resolver could not look a base model up (offline and not cached, rate limited, ...)."""


# --------------------------------------------------------------------------------------------------
# Declared base models


def base_models_from_tags(tags: Iterable[str], provenance: Provenance | None) -> list[BaseModelRef]:
    """The Hub's `base_model:<id>` and `base_model:<relation>:<id>` tags, one ref per id."""
    found: dict[str, BaseModelRef] = {}
    for tag in tags:
        match = _TAG.match(tag.strip()) if isinstance(tag, str) else None
        if not match or "/" not in match.group(2):
            continue
        relation, ident = match.group(1), match.group(2).strip()
        current = found.get(ident.lower())
        if current is None or (current.relation is None and relation):
            found[ident.lower()] = BaseModelRef(ident, relation, provenance)
    return list(found.values())


def merge_base_models(declared: Iterable[BaseModelRef],
                      tagged: Iterable[BaseModelRef]) -> tuple[BaseModelRef, ...]:
    """The card's base models, their relation filled from the Hub's tags; then models only the tags name."""
    tags = {ref.id.lower(): ref for ref in tagged}
    out: list[BaseModelRef] = []
    seen: set[str] = set()
    for ref in declared:
        key = ref.id.lower()
        if key in seen:
            continue
        seen.add(key)
        tag = tags.get(key)
        if ref.relation is None and tag is not None and tag.relation:
            ref = replace(ref, relation=tag.relation)
        out.append(ref)
    for key, tag in tags.items():
        if key not in seen:
            seen.add(key)
            out.append(tag)
    return tuple(out)


# --------------------------------------------------------------------------------------------------
# Tracing


@dataclass(frozen=True)
class _Step:
    ref: BaseModelRef
    depth: int
    parent: str | None
    path: tuple[str, ...]  # ancestor ids from the target's base down to the parent


def _key(ident: str) -> str:
    return ident.strip().lower()


def _lookup(resolver: Resolver | None, ident: str) -> tuple[Release | None, str | None]:
    if resolver is None:
        return None, "no resolver was given, so its license was not looked up"
    try:
        found = resolver(ident)
    except LookupFailed as exc:
        return None, str(exc)
    if found is None:
        return None, "no source knows this model (not in the catalog, not on the Hub)"
    return found, None


def _clause_provenance(lic: License, key: TermKey) -> tuple[Provenance, ...]:
    return tuple(Provenance(f"howopen:licenses/texts/{c.file}", line=c.line, method="license-clause",
                            quote=c.quote[:300]) for c in lic.term(key).clauses[:1])


def carried_terms(lic: License) -> tuple[str, ...]:
    """What a license hands to derivatives when it passes down: its imposed duties and restrictions."""
    if lic.term(TermKey.PASSES_DOWN).value != "yes":
        return ()
    keys = [str(k) for k in _CARRIED if lic.term(k).imposed]
    if lic.commercial_use in ("no", "conditional"):
        keys.insert(0, str(TermKey.COMMERCIAL_USE))
    return tuple(keys)


def _binds(target: str, step: _Step, lic_ref: LicenseRef | None, lic: License | None) -> str:
    phrase = _RELATION_PHRASE.get(step.ref.relation, _RELATION_PHRASE[None])
    how = (f"{target} is {phrase} {step.ref.id}" if step.parent is None
           else f"through {step.parent}, which is {phrase} {step.ref.id}")
    if lic is None:
        if lic_ref is not None and (lic_ref.id or lic_ref.declared):
            return (f"{how}; its license ({lic_ref.label()}) is not one howopen knows, so what it passes "
                    "down is unknown")
        return f"{how}; its license could not be established, so what it passes down is unknown"
    passes = lic.term(TermKey.PASSES_DOWN)
    summary = passes.summary[:1].lower() + passes.summary[1:].rstrip(".") if passes.summary else ""
    if passes.value == "yes":
        return f"{how}; {lic.name} binds derivatives: {summary or 'its terms pass down'}"
    if passes.value == "no":
        note = f" ({summary})" if summary else ""
        return f"{how}; {lic.name} does not bind derivatives beyond notices{note}"
    return f"{how}; whether {lic.name} binds derivatives is not recorded in howopen's knowledge base"


def _org(ident: str | None) -> str | None:
    """The Hub organisation of an `org/name` id; None for anything else."""
    if not ident or ident.count("/") != 1:
        return None
    org = ident.split("/", 1)[0].strip().lower()
    return org or None


def _hub_id(release: Release) -> str | None:
    """The target's own Hub id, when it has one (a Hub check, a catalog record with `hub_id`)."""
    fact = release.fact("hub_id")
    if isinstance(fact, str):
        return fact
    return release.target if release.source == "hub" else None


@functools.cache
def _rights_holders() -> dict[str, frozenset[str]]:
    text = resources.files("howopen").joinpath("data/rights_holders.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {str(family): frozenset(str(org).lower() for org in orgs) for family, orgs in data.items()}


def _same_publisher(child: str | None, ancestor: str, release: Release | None) -> str | None:
    """The organisation, when the ancestor and the model derived from it are both published by the rights holder
    of the ancestor's license family (data/rights_holders.yaml); else None."""
    org = _org(ancestor)
    if org is None or org != _org(child):
        return None
    holders = _rights_holders()
    ref = governing_license(release) if release is not None else None
    lic = knowledge_base().get(ref.id) if ref is not None and ref.id else None
    if lic is None:  # the base's license is not known: an organisation that publishes its own models suffices
        return org if any(org in orgs for orgs in holders.values()) else None
    return org if org in holders.get(lic.family or "", frozenset()) else None


def _ancestor(target: str, step: _Step, release: Release | None, reason: str | None,
              publisher: str | None = None) -> Ancestor:
    evidence = (step.ref.provenance,) if step.ref.provenance else ()
    if publisher is not None:
        phrase = _RELATION_PHRASE.get(step.ref.relation, _RELATION_PHRASE[None])
        child = step.parent or target
        lic_ref = governing_license(release) if release is not None else None
        what = f"its license ({lic_ref.label()})" if lic_ref is not None else "its license"
        binds = (f"{child} is {phrase} {step.ref.id}; both are published by {publisher}, which as the rights "
                 f"holder licensed {child} on its own terms, so {what} does not bind through it")
        return Ancestor(step.ref.id, step.depth, step.ref.relation, lic_ref, binds, parent=step.parent,
                        evidence=evidence, source=release.source if release is not None else None,
                        found=release is not None, same_publisher=publisher, release=release)
    if release is None:
        phrase = _RELATION_PHRASE.get(step.ref.relation, _RELATION_PHRASE[None])
        how = (f"{target} is {phrase} {step.ref.id}" if step.parent is None
               else f"through {step.parent}, which is {phrase} {step.ref.id}")
        return Ancestor(step.ref.id, step.depth, step.ref.relation, None,
                        f"{how}; it could not be looked up ({reason}), so its license is unknown",
                        parent=step.parent, evidence=evidence, source=None, found=False)
    lic_ref = governing_license(release)
    lic = knowledge_base().get(lic_ref.id) if lic_ref is not None and lic_ref.id else None
    passes = carried_terms(lic) if lic is not None else ()
    more = tuple(lic_ref.evidence[:2]) if lic_ref is not None else ()
    if lic is not None and passes:
        more = (*more, *_clause_provenance(lic, TermKey.PASSES_DOWN))
    binds = _binds(target, step, lic_ref, lic)
    now = release.display_name
    if "/" in now and _key(now) != _key(step.ref.id):
        binds = f"{binds} ({step.ref.id} is now {now})"
    return Ancestor(step.ref.id, step.depth, step.ref.relation, lic_ref, binds,
                    passes_down=passes, parent=step.parent, evidence=(*evidence, *more),
                    source=release.source, release=release)


def trace(release: Release, resolver: Resolver | None = None, *, max_depth: int = MAX_DEPTH,
          max_nodes: int = MAX_NODES) -> Release:
    """The release with `lineage` (every ancestor), `conflicts` and, where it declares none, an inherited
    license."""
    if not release.base_models:
        return release
    target = release.display_name
    target_hub_id = _hub_id(release)
    own = {_key(i) for i in (release.display_name, release.target, target_hub_id) if i}
    queue = deque(_Step(ref, 1, None, ()) for ref in release.base_models)
    listed: dict[str, Ancestor] = {}
    gaps: list[Gap] = []
    while queue:
        step = queue.popleft()
        key = _key(step.ref.id)
        if key in own or key in {_key(p) for p in step.path}:
            chain = " -> ".join([target, *step.path, step.ref.id])
            gaps.append(Gap("lineage-cycle",
                            f"the base_model links form a cycle ({chain}); it was followed once",
                            step.ref.provenance))
            continue
        if key in listed:
            continue  # reached again along another branch (two parents of a merge sharing a base)
        if step.depth > max_depth:
            gaps.append(Gap("lineage-too-deep",
                            f"lineage deeper than {max_depth} levels; {step.ref.id} and its "
                            "bases were not followed", step.ref.provenance))
            continue
        if len(listed) >= max_nodes:
            gaps.append(Gap("lineage-too-large",
                            f"more than {max_nodes} ancestors; the rest were not followed"))
            break
        found, reason = _lookup(resolver, step.ref.id)
        if found is not None and not found.licenses and found.license_claims:
            found = resolve(found)
        publisher = _same_publisher(step.parent or target_hub_id, step.ref.id, found)
        listed[key] = _ancestor(target, step, found, reason, publisher)
        if found is not None:
            queue.extend(_Step(ref, step.depth + 1, step.ref.id, (*step.path, step.ref.id))
                         for ref in found.base_models)
    refs = {_key(ref.id): ref for ref in release.base_models}
    ancestors = _without_redundant(tuple(_weighed(a, refs[k]) if a.depth == 1 and k in refs else a
                                         for k, a in listed.items()))
    release = replace(release, lineage=ancestors, gaps=(*release.gaps, *gaps))
    return _inherit(_with_conflicts(release, ancestors))


def _weighed(ancestor: Ancestor, ref: BaseModelRef) -> Ancestor:
    """A direct ancestor with how sure the lineage stage is of it; one named by weak signals says so."""
    if ref.confidence >= 1.0 and ref.signal == "declared":
        return ancestor
    binds = ancestor.binds
    if ref.note:
        binds = f"{binds} (inferred from {ref.note}; confidence {ref.confidence:.2f})"
    return replace(ancestor, confidence=ref.confidence, signal=ref.signal, binds=binds)


def _without_redundant(ancestors: tuple[Ancestor, ...]) -> tuple[Ancestor, ...]:
    """A family that only other signals named (`meta-llama/Llama 3` from the model's name) is dropped when a
    declared lineage already reaches a model under the same license, or (named weakly) when a strong ancestor is
    under a license of the same vendor (Idefics3-8B-Llama3's "Llama3", beside its Llama 3.1 parent) or published by
    the family's organisation (a `qwen2` model-type tag beside a Qwen2.5 parent)."""
    kb = knowledge_base()
    strong = [a for a in ancestors if not weak(a) and a.license is not None and a.license.id]
    reached = {a.license.id for a in strong if a.signal == "declared"}  # type: ignore[union-attr]
    vendors = {lic.family for lic in (kb.get(a.license.id) for a in strong) if lic is not None}  # type: ignore[union-attr]
    orgs = {_org(a.id) for a in ancestors if not weak(a) and family_by_id(a.id) is None} - {None}

    def redundant(a: Ancestor) -> bool:
        if a.signal == "declared" or a.source != FAMILY_SOURCE or family_by_id(a.id) is None or a.license is None:
            return False
        lic = kb.get(a.license.id) if a.license.id else None
        same_vendor = (lic is not None and lic.family in vendors) or a.id.split("/", 1)[0].lower() in orgs
        return a.license.id in reached or (weak(a) and same_vendor)

    return tuple(a for a in ancestors if not redundant(a))


def weak(ancestor: Ancestor) -> bool:
    """Named by weak signals only: its license raises a doubt but does not bind on its own."""
    return ancestor.confidence < STRONG


def _with_conflicts(release: Release, ancestors: tuple[Ancestor, ...]) -> Release:
    declared = governing_license(release)
    kb = knowledge_base()
    own = kb.get(declared.id) if declared is not None and declared.id else None
    release = _doubts(release, own)
    if own is None or declared is None:
        return release
    conflicts: list[Conflict] = []
    seen: set[str] = {c.binding for c in release.conflicts}
    for ancestor in release.lineage:
        lic = kb.get(ancestor.license.id) if ancestor.license and ancestor.license.id else None
        if lic is None or not ancestor.passes_down or lic.id in seen or lic.family == own.family:
            continue
        if weak(ancestor) or ancestor.same_publisher:
            continue
        missing = [k for k in ancestor.passes_down if not _carries(own, k)]
        if not missing:
            continue
        seen.add(lic.id)
        what = "; ".join(TERM_TITLES[TermKey(k)].lower() for k in missing)
        relation = _RELATION_PHRASE.get(ancestor.relation, _RELATION_PHRASE[None])
        via = f" (through {ancestor.parent})" if ancestor.parent else ""
        why = (f"{release.display_name} is {relation} {ancestor.id}{via}, which is under {lic.name}; "
               f"that license binds derivatives, so its terms ({what}) still apply and {own.id} cannot be "
               "the license that governs the weights")
        evidence = (*declared.evidence[:1], *ancestor.evidence[:3])
        conflicts.append(Conflict(declared=own.id, binding=lic.id, why=why, evidence=evidence))
    if not conflicts:
        return release
    return replace(release, conflicts=(*release.conflicts, *conflicts))


def _doubts(release: Release, own: License | None) -> Release:
    """Weak ancestors whose license would bind the release (its terms are not carried by the declared license)
    get a `doubt`: the label is then unknown, not open and not restricted on a guess."""
    kb = knowledge_base()
    changed = False
    out = []
    for ancestor in release.lineage:
        lic = kb.get(ancestor.license.id) if ancestor.license and ancestor.license.id else None
        binds = lic is not None and bool(ancestor.passes_down) and (
            own is None or (lic.family != own.family and any(not _carries(own, k) for k in ancestor.passes_down)))
        unknown = lic is None and ancestor.source == FAMILY_SOURCE  # a known family whose license howopen lacks
        if weak(ancestor) and not ancestor.same_publisher and (binds or unknown):
            declared = f"its declared license ({own.id})" if own is not None else "its missing license tag"
            what = lic.name if lic is not None else "a license whose terms howopen does not know"
            doubt = (f"weak signals say {release.display_name} derives from {ancestor.id} ({what}): "
                     f"{ancestor.binds}. If so, that license binds it and {declared} may not be the one that governs "
                     "the weights; the signals are too weak to decide")
            ancestor = replace(ancestor, doubt=doubt)
            changed = True
        out.append(ancestor)
    return replace(release, lineage=tuple(out)) if changed else release


def _carries(own: License, key: str) -> bool:
    """Does the declared license itself impose this term (so the ancestor's version of it is not lost)?"""
    if key == TermKey.COMMERCIAL_USE:
        return own.commercial_use in ("no", "conditional")
    return bool(own.term(key).imposed)


def _inherit(release: Release) -> Release:
    """A target with weights but no license of its own takes the nearest ancestor license that binds it."""
    weights = release.artifacts.get(ArtifactKind.WEIGHTS)
    if weights is None or weights.status != Status.PRESENT:
        return release
    if weights.license is not None and (weights.license.id or weights.license.declared):
        return release
    if governing_license(release) is not None:
        return release
    binding = next((a for a in release.lineage if a.passes_down and a.license and a.license.id and not weak(a)),
                   None)
    if binding is None or binding.license is None:
        return release
    lic = knowledge_base().get(binding.license.id)
    ref = LicenseRef(id=binding.license.id, name=lic.name if lic else binding.license.name, declared=None,
                     recognized=True, confidence=binding.license.confidence, evidence=binding.evidence[:3])
    facts = dict(release.facts)
    facts["license_inherited_from"] = Fact(binding.id, binding.evidence[0] if binding.evidence else
                                           Provenance(binding.id, method="lineage"))
    return replace(release.with_artifact(replace(weights, license=ref)), facts=facts)

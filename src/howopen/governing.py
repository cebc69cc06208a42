"""The one place that decides which license governs a release's weights.

The declared license governs unless the evidence says otherwise: a conflict (the card's text or a license file
names another license, or a base model's license binds the derivative) or a base model whose license passes its
terms down. Every license that binds is kept (`applies`), and the most restrictive one governs. When a base
model that binds the release could not be resolved, or only weak signals name a restrictively licensed base,
what governs is not settled (`unsettled`, with the reason), and commercial use is reported as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from .evidence import ArtifactKind, LicenseRef, Release
from .graders.common import unresolved_lineage, weights_bindings
from .licenses import governing_license
from .licenses.combine import most_restrictive
from .licenses.kb import knowledge_base


@dataclass(frozen=True)
class Governing:
    """The governing license (`ref`, its `declared` keeping what the release declared), how it was decided
    (`via`: declared | conflict | lineage | unsettled), every license that applies, and why it is not settled (or
    None). While weak signals and the declared license disagree, the governing license is unknown (`ref.id` None);
    while a base model that binds could not be resolved, the declared license is shown and `unsettled` says why."""

    ref: LicenseRef | None
    via: str
    declared_id: str | None
    applies: tuple[str, ...]
    unsettled: str | None


def decide(release: Release) -> Governing:
    declared = governing_license(release)
    bindings = weights_bindings(release)
    ids = [b.ref.id for b in bindings if b.ref.id]
    unsettled = _unsettled(release)
    declared_id = declared.id if declared is not None else None
    # weak signals against the declared license, or a base that was found under a license howopen cannot read
    doubted = any(a.doubt or (a.found and a.depth == 1 and not (a.license and a.license.id))
                  for a in unresolved_lineage(release))
    cut = _cut_license_file(release)
    if cut is not None:  # a license file read only in part: clauses past the cut may restrict anything
        doubted, unsettled = True, cut
    if doubted and unsettled is not None:  # signals disagree: say so rather than repeat the declared license
        ref = LicenseRef(id=None, name=None, declared=declared.declared if declared is not None else None,
                         recognized=False, evidence=declared.evidence if declared is not None else ())
        return Governing(ref, "unsettled", declared_id, tuple(dict.fromkeys(ids)), unsettled)
    if not ids:
        return Governing(declared, "declared", declared_id, (), unsettled)
    chosen = most_restrictive(list(dict.fromkeys(ids)))
    binding = next((b for b in bindings if b.ref.id == chosen), bindings[0])
    applies = tuple(dict.fromkeys(ids))
    if declared is not None and declared.id == binding.ref.id:
        return Governing(declared, "declared", declared_id, applies, unsettled)
    lic = knowledge_base().get(binding.ref.id)
    evidence = tuple(dict.fromkeys((*binding.evidence[:3], *(declared.evidence[:1] if declared else ()))))
    ref = LicenseRef(id=lic.id if lic else binding.ref.id, name=lic.name if lic else binding.ref.name,
                     declared=declared.declared if declared is not None else None,
                     recognized=lic is not None or bool(binding.ref.recognized),
                     confidence=binding.ref.confidence, evidence=evidence)
    return Governing(ref, binding.via, declared_id, applies, unsettled)


def _cut_license_file(release: Release) -> str | None:
    for claim in release.license_claims:
        if claim.truncated and (not claim.applies_to or ArtifactKind.WEIGHTS in claim.applies_to):
            return (f"{claim.provenance.cite()} is longer than howopen reads and only its beginning was read; "
                    "terms past the cut may change what the license allows")
    return None


def _unsettled(release: Release) -> str | None:
    for ancestor in unresolved_lineage(release):
        if ancestor.doubt:
            return ancestor.doubt
        return (f"base model {ancestor.id} binds the weights and its license could not be established: "
                f"{ancestor.binds}")
    return None

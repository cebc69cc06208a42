"""Helpers graders share: the license that covers an artifact, and where a license clause stands."""

from __future__ import annotations

import re

from ..evidence import Artifact, ArtifactKind, ClaimKind, LicenseRef, Provenance, Release, Status
from ..licenses.kb import knowledge_base
from ..licenses.model import Clause, License
from ..report import Reason

_SPACE = re.compile(r"\s+")


def license_of(ref: LicenseRef | None) -> License | None:
    """The knowledge-base record for a license reference (None when unknown or a compound)."""
    if ref is None or not ref.id:
        return None
    return knowledge_base().get(ref.id)


def binding_license(release: Release, artifact: Artifact) -> LicenseRef | None:
    """An artifact's license, replaced by the binding one when the lineage stage found the declared one wrong."""
    ref = artifact.license
    if artifact.kind in (ArtifactKind.WEIGHTS, ArtifactKind.INTERMEDIATE_WEIGHTS) and release.conflicts:
        conflict = release.conflicts[0]
        lic = knowledge_base().get(conflict.binding)
        return LicenseRef(id=conflict.binding, name=lic.name if lic else None, declared=conflict.declared,
                          recognized=lic is not None, evidence=conflict.evidence)
    return ref


def locate_clause(release: Release, ref: LicenseRef | None, clause: Clause) -> Provenance:
    """Where a clause stands in the release's own license file when it has one, else in howopen's copy."""
    needle = _SPACE.sub(" ", clause.quote).strip()
    for claim in release.license_claims:
        if claim.kind != ClaimKind.FILE or not claim.text:
            continue
        if ref is not None and ref.evidence and claim.provenance.source not in {p.source for p in ref.evidence}:
            continue
        for number, _line in enumerate(claim.text.split("\n"), start=1):
            window = _SPACE.sub(" ", " ".join(claim.text.split("\n")[number - 1 : number + 6]))
            if needle in window:
                return Provenance(claim.provenance.source, line=number, method="license-clause",
                                  quote=clause.quote[:300])
    return Provenance(f"howopen:licenses/texts/{clause.file}", line=clause.line, method="license-clause",
                      quote=clause.quote[:300])


def term_reason(release: Release, ref: LicenseRef | None, lic: License, text: str, clauses: tuple[Clause, ...]) \
        -> Reason:
    evidence = tuple(locate_clause(release, ref, c) for c in clauses[:2])
    return Reason(text, (*evidence, *(ref.evidence[:1] if ref else ())))


def artifact_reason(artifact: Artifact, text: str) -> Reason:
    return Reason(text, artifact.evidence[:3])


def present(release: Release, kind: ArtifactKind) -> bool | None:
    status = release.artifact(kind).status
    if status == Status.PRESENT:
        return True
    if status == Status.ABSENT:
        return False
    return None

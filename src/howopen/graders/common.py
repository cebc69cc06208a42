"""Helpers graders share: the license that covers an artifact, and where a license clause stands."""

from __future__ import annotations

from dataclasses import dataclass

from ..ancestry.signals import STRONG
from ..evidence import Ancestor, Artifact, ArtifactKind, ClaimKind, LicenseRef, Provenance, Release, Status
from ..licenses.combine import most_restrictive
from ..licenses.kb import knowledge_base, locate_quote
from ..licenses.model import Clause, License, TermKey
from ..report import Reason


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
    own = {p.source for p in ref.evidence} if ref is not None else set()
    files = [c for c in release.license_claims if c.kind == ClaimKind.FILE and c.text]
    files.sort(key=lambda c: c.provenance.source not in own)  # the license's own file first, then the others
    for claim in files:
        line = locate_quote(claim.text or "", clause.quote)
        if line is not None:
            return Provenance(claim.provenance.source, line=line, method="license-clause", quote=clause.quote[:300])
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


# --------------------------------------------------------------------------------------------------------------
# Shared by the framework graders


def evidence_for(release: Release, artifact: Artifact) -> tuple[Provenance, ...]:
    """What a reason about an artifact cites: where it was seen, its license, or else where it was looked for."""
    found = tuple(artifact.evidence[:3])
    if artifact.license is not None:
        found = (*found, *artifact.license.evidence[:1])
    if found:
        return found
    how = {Status.ABSENT: "looked for, not found", Status.UNKNOWN: "not established"}.get(artifact.status, "")
    return (Provenance(release.target, method=f"{artifact.kind}: {how}".rstrip(": ")),)


def in_repository(artifact: Artifact) -> bool:
    """An artifact with at least one location inside the release itself (a file, the model card), so that the
    release's own license, or its lack of one, reaches it. Linked repositories, papers and datasets, and
    artifacts known only by mention, do not. Nor does a release whose license could not be looked for (a card
    without its file listing: the source marks such artifacts `license_unknown`)."""
    if artifact.details.get("license_unknown"):
        return False
    return any("://" not in loc for loc in artifact.locations)


@dataclass(frozen=True)
class Binding:
    """A license that governs the weights: the declared one, the one a conflict shows binds instead, or one a base
    model passes down to this derivative."""

    ref: LicenseRef
    via: str  # declared | conflict | lineage
    note: str
    evidence: tuple[Provenance, ...] = ()


def weights_bindings(release: Release) -> list[Binding]:
    """Every license that binds the weights, the release's own first, then those inherited through lineage."""
    weights = release.artifact(ArtifactKind.WEIGHTS)
    out: list[Binding] = []
    ref = binding_license(release, weights)
    if ref is not None and (ref.id or ref.declared):
        if release.conflicts and weights.kind in (ArtifactKind.WEIGHTS,):
            conflict = release.conflicts[0]
            out.append(Binding(ref, "conflict", f"the declared license '{conflict.declared}' cannot be right: "
                               f"{conflict.why}", conflict.evidence))
            out.extend(_text_bindings(release, weights, out))
        else:
            out.append(Binding(ref, "declared", "the weights' own license", ref.evidence))
    for ancestor in release.lineage:
        if ancestor.same_publisher:
            continue  # the rights holder relicensed its own derivative: see lineage.py
        if ancestor.confidence < STRONG:
            continue  # named by weak signals only: a doubt (`unresolved_lineage`), not a binding license
        lic = license_of(ancestor.license)
        if lic is None or lic.grants_four_freedoms is not False:
            continue
        passes = bool(ancestor.passes_down) or bool(lic.term(TermKey.PASSES_DOWN).imposed)
        if not passes:
            continue
        assert ancestor.license is not None
        if _key(ancestor.license) in {_key(b.ref) for b in out}:
            continue  # the same license reached twice (a conflict already names it, two parents share it)
        out.append(Binding(ancestor.license, "lineage",
                           f"base model {ancestor.id} is under {lic.name}, whose terms pass down to derivatives: "
                           f"{ancestor.binds}", ancestor.evidence or ancestor.license.evidence))
    return out


def _text_bindings(release: Release, weights: Artifact, taken: list[Binding]) -> list[Binding]:
    """Where the evidence disagrees, every reading applies: the declared license binds beside those the conflicts
    name (the card's text: Baichuan 2's "Apache 2.0 and the Community License"; a base's license), and the most
    restrictive governs. A Llama 2 quantization correctly tagged `llama2` stays under Llama 2 though its parent is
    tagged CC-BY-SA."""
    lineage_ids = {(a.license.id or "").lower() for a in release.lineage if a.license is not None}
    out: list[Binding] = []
    keys = {_key(b.ref) for b in taken}
    for conflict in release.conflicts[1:]:
        if conflict.binding.lower() in lineage_ids or conflict.binding.lower() in keys:
            continue
        lic = knowledge_base().get(conflict.binding)
        ref = LicenseRef(id=conflict.binding, name=lic.name if lic else None, declared=conflict.declared,
                         recognized=lic is not None, evidence=conflict.evidence)
        keys.add(_key(ref))
        out.append(Binding(ref, "conflict", f"the card also names {conflict.binding}: {conflict.why}",
                           conflict.evidence))
    own = weights.license
    text_conflict = any(c.binding.lower() not in lineage_ids for c in release.conflicts)
    stricter = own is not None and own.id is not None and most_restrictive(
        [own.id, release.conflicts[0].binding]) == own.id and own.id.lower() != release.conflicts[0].binding.lower()
    if (text_conflict or stricter) and own is not None and own.id and own.recognized and _key(own) not in keys:
        out.append(Binding(own, "declared", "the weights' declared license, which applies as well: where the card's "
                           "tag and text name different licenses, both are read and the most restrictive governs",
                           own.evidence))
    return out


def settled(ancestor: Ancestor) -> bool:
    """Is what this base model's license hands down to the release known? True for a license that grants the four
    freedoms, or a known one whose pass-down term is recorded; False for a base that could not be looked up, has
    no license, or a license howopen does not know the terms of."""
    ref = ancestor.license
    if ancestor.doubt:
        return False
    if ancestor.confidence < STRONG:
        return True  # a weak signal whose license would not bind the release: nothing to settle
    if not ancestor.found or ref is None or not (ref.id or ref.declared):
        return False
    lic = license_of(ref)
    if lic is not None:
        passes = lic.term(TermKey.PASSES_DOWN)
        return lic.grants_four_freedoms is True or passes.value in ("yes", "no") or bool(passes.imposed)
    found = freedoms_of(ref)
    return found is not None and found.recognized and found.grants is True


def unresolved_lineage(release: Release) -> list[Ancestor]:
    """Base models whose license, which binds the release, the lineage stage could not establish."""
    return [a for a in release.lineage if not a.same_publisher and not settled(a)]


def _key(ref: LicenseRef) -> str:
    return (ref.id or ref.declared or "").lower()


def dedupe_reasons(reasons: tuple[Reason, ...] | list[Reason]) -> tuple[Reason, ...]:
    """Reasons with the same text once, in first-seen order, their evidence merged (each citation once)."""
    merged: dict[str, list[Provenance]] = {}
    for reason in reasons:
        evidence = merged.setdefault(reason.text, [])
        evidence.extend(p for p in reason.evidence if p not in evidence)
    return tuple(Reason(text, tuple(evidence)) for text, evidence in merged.items())


def unresolved_ancestors(release: Release) -> list[str]:
    """The ids of `unresolved_lineage`."""
    return [a.id for a in unresolved_lineage(release)]


def own_tag(release: Release) -> str:
    """The license the release declares for its weights, as declared ("no license" when none)."""
    ref = release.artifact(ArtifactKind.WEIGHTS).license
    return (ref.declared or ref.id or "no license") if ref is not None else "no license"


def unresolved_reason(release: Release, ancestor: Ancestor, prefix: str = "", *, restricted: bool = False) -> Reason:
    """Why a base model whose license is unknown leaves the release's license unknown, and what to do about it."""
    name = release.display_name or release.target
    ref = ancestor.license
    if ancestor.doubt:
        text = (f"{ancestor.doubt}, so the license that governs the weights is unknown; to settle it, check what "
                f"{name} was trained from (a base_model field would say)")
        text = prefix + text if prefix else text[0].upper() + text[1:]
        return Reason(text, ancestor.evidence[:2])
    if not ancestor.found:
        looked = "no resolver was given" not in ancestor.binds
        todo = (f"check {ancestor.id} online (`howopen check {ancestor.id}` without --offline, or its license on "
                "its model page)" + ("; it is not in howopen's catalog" if looked else ""))
        what = f"base model {ancestor.id} could not be resolved"
    else:
        label = ref.label() if ref is not None else "no license"
        what = f"the license of base model {ancestor.id} ({label}) is not one whose terms howopen knows"
        todo = f"read the license of {ancestor.id} and what it requires of derivatives"
    outcome = ("terms beyond the restrictions listed here may apply" if restricted else
               "the license that governs the weights is unknown")
    text = (f"{what}: {ancestor.binds}. The base model's license binds {name} whatever its own tag "
            f"({own_tag(release)}) says, so {outcome}; to settle it, {todo}")
    text = prefix + text if prefix else text[0].upper() + text[1:]
    evidence = ancestor.evidence[:2] or (Provenance(release.target, method=f"lineage: base model {ancestor.id} "
                                                                           "not resolved"),)
    return Reason(text, evidence)


def worst_binding(bindings: list[Binding]) -> tuple[Binding | None, License | None]:
    """The binding license that restricts most: one that withholds a freedom, else an unknown one, else the first."""
    ranked: list[tuple[int, Binding, License | None]] = []
    for binding in bindings:
        judged = freedoms_of(binding.ref)
        grants = judged.grants if judged else None
        rank = 0 if grants is False else (1 if grants is None else 2)
        ranked.append((rank, binding, judged.license if judged else None))
    if not ranked:
        return None, None
    ranked.sort(key=lambda item: item[0])
    return ranked[0][1], ranked[0][2]


@dataclass(frozen=True)
class Freedoms:
    """Whether a license grants the four freedoms, from the knowledge base or, for a license it has no record of,
    from the SPDX list's OSI and FSF flags and the open-data licenses."""

    license: License | None  # the knowledge-base record, when there is one
    name: str
    grants: bool | None
    why: str
    recognized: bool


def freedoms_of(ref: LicenseRef | None) -> Freedoms | None:
    """None when there is no license at all."""
    from .openness import judge  # openness imports this module's neighbours; import late to keep modules small

    if ref is None or not (ref.id or ref.declared):
        return None
    lic = license_of(ref)
    if lic is not None:
        grants = lic.grants_four_freedoms
        why = ("its terms grant the four freedoms" if grants else
               "its terms withhold a freedom" if grants is False else "its terms are not fully known")
        return Freedoms(lic, lic.name, grants, why, True)
    openness = judge(ref)
    if openness is None:
        return None
    if not openness.recognized:
        return Freedoms(None, ref.label(), None, openness.why, False)
    if openness.open:
        return Freedoms(None, openness.id or ref.label(), True, openness.why, True)
    return Freedoms(None, openness.id or ref.label(), None,
                    f"{openness.why}; howopen has no record of its terms", True)

"""The license stage: identify every declaration of a release and give each artifact the license that covers it.

A license text in the repository outranks the card's tag: the text is what users actually receive. When the
two disagree, the disagreement is recorded as a conflict with both sources.
"""

from __future__ import annotations

from dataclasses import replace

from ..evidence import Artifact, ArtifactKind, ClaimKind, Conflict, LicenseRef, Release, Status
from . import combine
from .identify import Identification, governing_note, identify_claim, identify_name, identify_tag
from .kb import knowledge_base
from .model import License
from .readrecord import READ_CONFIDENCE
from .scope import scoped_terms

# Lower is stronger.
_CLAIM_RANK = {
    ClaimKind.CATALOG: 0,
    ClaimKind.FILE: 1,
    ClaimKind.SOURCE_REPOSITORY: 1,
    ClaimKind.TAG: 2,
    ClaimKind.LICENSE_NAME: 3,
    ClaimKind.LICENSE_LINK: 4,
    ClaimKind.GGUF: 5,
    ClaimKind.CARD_TEXT: 6,
}
_NOT_A_LICENSE = {"other", "unknown", "none", "n/a", ""}


def _is_policy(license_id: str | None) -> bool:
    lic = knowledge_base().get(license_id)
    return bool(lic and lic.kind == "policy")


def _license_ids(ident: Identification) -> list[str]:
    return [i for i in ident.ids() if not _is_policy(i)]


def _policy_ids(ident: Identification) -> list[str]:
    return [i for i in ident.ids() if _is_policy(i)]


def _read_record(ident: Identification) -> License | None:
    """The record read from an unknown or modified license text (None for a known license or a mere name)."""
    if _license_ids(ident):
        return None
    return knowledge_base().get(ident.extra.get("read_id"))


def _withholds(ident: Identification) -> bool:
    """A text read as withholding a freedom: it governs over a recognized tag that says otherwise."""
    record = _read_record(ident)
    return record is not None and record.grants_four_freedoms is False


def _is_declaration(ident: Identification) -> bool:
    claim = ident.claim
    return claim is not None and claim.value.strip().lower() not in _NOT_A_LICENSE


def _governing_id(ident: Identification) -> tuple[bool, str | None]:
    """(decided, id): the license that governs a combination (a list in `license:`, an SPDX expression)."""
    if "governing" in ident.extra:
        return True, ident.extra["governing"]
    return False, None


def _ref(ident: Identification) -> LicenseRef:
    claim = ident.claim
    kb = knowledge_base()
    decided, governing = _governing_id(ident)
    if decided:
        lic = kb.get(governing)
        return LicenseRef(
            id=governing,
            name=lic.name if lic else None,
            declared=claim.value if claim else None,
            recognized=governing is not None,
            confidence=ident.confidence,
            evidence=(claim.provenance,) if claim else (),
        )
    ids = _license_ids(ident)
    record = _read_record(ident)
    if record is not None:
        return LicenseRef(id=record.id, name=record.name, declared=claim.value if claim else None, recognized=False,
                          confidence=READ_CONFIDENCE, evidence=(claim.provenance,) if claim else ())
    license_id = ids[0] if len(ids) == 1 else (" AND ".join(ids) if ids else None)
    lic = kb.get(ids[0]) if len(ids) == 1 else None
    return LicenseRef(
        id=license_id,
        name=lic.name if lic else None,
        declared=claim.value if claim else None,
        recognized=bool(ids),
        confidence=ident.confidence,
        evidence=(claim.provenance,) if claim else (),
    )


def _merge_listed_tags(idents: list[Identification]) -> list[Identification]:
    """A `license:` list (`[apache-2.0, llama3]`) is one declaration: all entries apply, the most restrictive governs.

    Every entry stays in the identification's components, so the report shows them all with their evidence.
    """
    tags = [i for i in idents if i.claim and i.claim.kind == ClaimKind.TAG and not i.claim.applies_to]
    if len(tags) < 2:
        return idents
    named = [t for t in tags if not t.extra.get("no_license_named")]
    if not named:
        return idents
    candidates: list[str | None] = []
    for tag in named:
        decided, governing = _governing_id(tag)
        chosen = governing if decided else (tag.license_id if tag.recognized else None)
        if not _is_policy(chosen):
            candidates.append(chosen)
    governing = combine.most_restrictive(candidates)
    declared = ", ".join(t.claim.value for t in tags if t.claim)
    first = tags[0]
    assert first.claim is not None
    merged = Identification(
        license_id=None,
        recognized=all(t.recognized for t in named),
        confidence=min(t.confidence for t in named),
        method="tag",
        claim=replace(first.claim, value=declared),
        components=tuple(tags),
        note=governing_note("list", governing, declared),
        extra={"combination": "listed (all apply)", "governing": governing},
    )
    out: list[Identification] = []
    for ident in idents:
        if ident is first:
            out.append(merged)
        elif not any(ident is t for t in tags):
            out.append(ident)
    return out


def _policy_ref(candidates: list[Identification]) -> LicenseRef | None:
    """The usage policy a policy file was identified as (a policy is its own 'license')."""
    for ident in candidates:
        policies = _policy_ids(ident)
        if policies and ident.claim is not None:
            lic = knowledge_base().get(policies[0])
            return LicenseRef(id=policies[0], name=lic.name if lic else None, declared=ident.claim.value,
                              recognized=True, confidence=ident.confidence, evidence=(ident.claim.provenance,))
    return None


def _best(candidates: list[Identification]) -> Identification | None:
    usable = [c for c in candidates if c.claim is not None and _is_declaration(c)]
    if not usable:
        return None

    def rank(ident: Identification) -> tuple[int, int, float]:
        # A known license first, and with it a text read as withholding a freedom (the most restrictive reading
        # governs); then a text read without finding a restriction; then what names nothing known.
        assert ident.claim is not None
        # A license file read only in part ranks with them: what it says past the cut is unknown, so it cannot be
        # set aside for a tag.
        tier = 0 if _license_ids(ident) or _withholds(ident) or ident.claim.truncated else (
            1 if _read_record(ident) else 2)
        return (tier, _CLAIM_RANK.get(ident.claim.kind, 9), -ident.confidence)

    usable.sort(key=rank)
    best = usable[0]
    if not _license_ids(best) and best.claim and best.claim.kind == ClaimKind.FILE and _policy_ids(best):
        return None  # a usage policy on its own is not the license
    return best


def _in_repository(artifact: Artifact) -> bool:
    """Release-wide license files and tags cover what is in the repository, not what it links to."""
    if artifact.kind == ArtifactKind.WEIGHTS:
        return True
    return any("://" not in loc for loc in artifact.locations)


def _same_family(tag_ids: set[str], text_ids: set[str]) -> bool:
    """A family (`openrail`, `cc`, `bsd`) on one side agrees with one of its members on the other."""
    kb = knowledge_base()

    def families(ids: set[str]) -> set[str]:
        return {lic.family for lic in (kb.get(i) for i in ids) if lic is not None and lic.kind == "family"}

    def family_of(ids: set[str]) -> set[str]:
        return {lic.family for lic in (kb.get(i) for i in ids) if lic is not None}

    return bool(families(tag_ids) & family_of(text_ids) or families(text_ids) & family_of(tag_ids))


def _conflicts(release: Release, idents: list[Identification]) -> list[Conflict]:
    """The card's declared license against what the repository's license texts (or the card's body) say."""
    declared = [
        i for i in idents
        if i.claim and not i.claim.applies_to and i.claim.kind in (ClaimKind.TAG, ClaimKind.LICENSE_NAME)
        and _license_ids(i)
    ]
    texts = [
        i for i in idents
        if i.claim and not i.claim.applies_to and i.claim.kind in (ClaimKind.FILE, ClaimKind.CARD_TEXT)
        and (_license_ids(i) or (i.claim.kind == ClaimKind.FILE and _withholds(i)))
    ]
    if any(i.claim and i.claim.kind == ClaimKind.FILE and (_license_ids(i) or _withholds(i)) for i in idents):
        # A license text in the repository binds; the card body's sentences only matter without one.
        texts = [t for t in texts if t.claim and t.claim.kind == ClaimKind.FILE]
    conflicts = []
    seen: set[tuple[str, str]] = set()
    for tag in declared:
        tag_ids = set(_license_ids(tag))
        for text in texts:
            record = _read_record(text)
            text_ids = set(_license_ids(text)) or ({record.id} if record is not None else set())
            if tag_ids & text_ids or _same_family(tag_ids, text_ids):
                continue
            assert tag.claim is not None and text.claim is not None
            binding = " AND ".join(sorted(text_ids))
            if (tag.claim.value, binding) in seen:
                continue
            seen.add((tag.claim.value, binding))
            if record is not None:
                withheld = ", ".join(str(t.key).replace("_", " ") for t in record.restrictions())
                why = (f"the card declares '{tag.claim.value}' but {text.claim.provenance.cite()} is {record.name} "
                       f"(read from the text: {withheld}); the text in the repository is what users receive")
            elif text.claim.kind == ClaimKind.FILE:
                why = (f"the card declares '{tag.claim.value}' but {text.claim.provenance.cite()} is the text of "
                       f"{', '.join(sorted(text_ids))}; the text in the repository is what users receive")
            else:
                why = (f"the card declares '{tag.claim.value}' but {text.claim.provenance.cite()} says the release "
                       f"is under {', '.join(sorted(text_ids))}")
            conflicts.append(
                Conflict(
                    declared=tag.claim.value,
                    binding=binding,
                    why=why,
                    evidence=(tag.claim.provenance, text.claim.provenance),
                )
            )
    return conflicts


def _identify_declared(ref: LicenseRef) -> LicenseRef:
    """A source that names a license by id (a catalog record) gets it checked against the knowledge base."""
    if ref.id is not None or not ref.declared:
        return ref
    ident = identify_tag(ref.declared)
    if not ident.recognized and not ident.components:
        ident = identify_name(ref.declared)
    decided, governing = _governing_id(ident)
    if decided:
        lic = knowledge_base().get(governing)
        return replace(ref, id=governing, name=lic.name if lic else ref.name, recognized=governing is not None,
                       confidence=ident.confidence)
    ids = _license_ids(ident) or ident.ids()
    lic = knowledge_base().get(ids[0]) if len(ids) == 1 else None
    return replace(
        ref,
        id=" AND ".join(ids) if ids else None,
        name=lic.name if lic else ref.name,
        recognized=bool(ids),
        confidence=ident.confidence,
    )


def resolve(release: Release) -> Release:
    """Return the release with `licenses` identified and every artifact's license filled where it can be."""
    idents = _merge_listed_tags([identify_claim(claim) for claim in release.license_claims])
    release_wide = [i for i in idents if i.claim and not i.claim.applies_to]
    artifacts: dict[ArtifactKind, Artifact] = {}
    for kind in ArtifactKind:
        artifact = release.artifacts.get(kind)
        if artifact is None:
            continue
        if artifact.license is not None:
            artifacts[kind] = replace(artifact, license=_identify_declared(artifact.license))
            continue
        if artifact.status == Status.ABSENT:
            artifacts[kind] = artifact
            continue
        specific = [i for i in idents if i.claim and kind in i.claim.applies_to]
        if kind == ArtifactKind.USAGE_POLICY:
            policy_ref = _policy_ref(specific or [i for i in idents if i.claim and i.claim.kind == ClaimKind.FILE])
            if policy_ref is not None:
                artifacts[kind] = replace(artifact, license=policy_ref)
                continue
        best = _best(specific)
        if best is None and _in_repository(artifact):
            best = _best(release_wide)
        artifacts[kind] = replace(artifact, license=_ref(best)) if best else artifact
    policies = [i for i in idents if _policy_ids(i)]
    policy = artifacts.get(ArtifactKind.USAGE_POLICY)
    if policies and (policy is None or policy.status != Status.PRESENT):
        provenance = tuple(i.claim.provenance for i in policies if i.claim)
        artifacts[ArtifactKind.USAGE_POLICY] = Artifact(
            ArtifactKind.USAGE_POLICY,
            Status.PRESENT,
            license=LicenseRef(id=_policy_ids(policies[0])[0], recognized=True, evidence=provenance[:1]),
            evidence=provenance,
            locations=tuple(p.source for p in provenance),
        )
    conflicts = (*release.conflicts, *_conflicts(release, idents))
    idents = _with_scoped_terms(release, idents, artifacts.get(ArtifactKind.WEIGHTS))
    return replace(release, licenses=tuple(idents), artifacts=artifacts, conflicts=conflicts)


def _with_scoped_terms(release: Release, idents: list[Identification], weights: Artifact | None) \
        -> list[Identification]:
    """Mark, on the identifications of the weights' license, the terms that bind only some models (multimodal ones)
    and whether they bind this release."""
    if weights is None or weights.license is None or not weights.license.id:
        return idents
    license_id = weights.license.id
    scoped = scoped_terms(knowledge_base().get(license_id), release)
    if not scoped:
        return idents
    return [replace(i, extra={**i.extra, "scoped_terms": scoped}) if license_id in i.ids() else i for i in idents]


def governing_license(release: Release) -> LicenseRef | None:
    """The license that governs the model itself: the weights' license, else the best release-wide one."""
    weights = release.artifacts.get(ArtifactKind.WEIGHTS)
    if weights is not None and weights.license is not None:
        return weights.license
    best = _best([i for i in release.licenses if i.claim and not i.claim.applies_to])
    return _ref(best) if best else None

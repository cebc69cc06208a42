"""The resolver: every lineage claim (declared base models included) turned into the release's base models.

Claims about the same model add up (`signals.combined`). A claim that only names a family (`meta-llama/Llama 2`)
joins a base model that is an official repository of that family, or a copy named like one
(`NousResearch/Meta-Llama-3-8B`); otherwise it stands as an ancestor of its own. A family never counts as an
ancestor of its own rights holder's release (Meta's card saying "Llama 2" is not a Llama 2 derivative).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..evidence import ArtifactKind, BaseModelRef, Conflict, LineageClaim, Release, Status
from ..licenses.kb import knowledge_base
from . import families
from .signals import combined, described

MAX_INFERRED = 6
_METHOD_SIGNAL = {"adapter_config.json base_model_name_or_path": "adapter_config", "hub-tags": "hub_tag"}


def declared_claims(refs: Iterable[BaseModelRef]) -> list[LineageClaim]:
    """The declared base models as claims (their signal from how they were read)."""
    out = []
    for ref in refs:
        method = ref.provenance.method if ref.provenance else ""
        signal = next((s for m, s in _METHOD_SIGNAL.items() if method.startswith(m)), ref.signal or "declared")
        out.append(LineageClaim(ref.id, signal, ref.confidence, ref.relation, ref.provenance))
    return out


def _family_of(ident: str) -> families.Family | None:
    """The family an id stands for: the family itself, an official repository, or a copy named like one."""
    found = families.family_by_id(ident) or families.official(ident)
    if found is not None:
        return found
    name = ident.rsplit("/", 1)[-1]
    return next((f for f in families.families() if f.repos.match(name)), None)


def base_models(release: Release) -> tuple[BaseModelRef, ...]:
    """The declared base models, then those the other claims add (strongest first, at most `MAX_INFERRED`)."""
    declared = list(release.base_models)
    keys = {ref.id.lower(): ref for ref in declared}
    fam_home: dict[str, str] = {}
    for ref in declared:
        family = _family_of(ref.id)
        if family is not None:
            fam_home.setdefault(family.id.lower(), ref.id.lower())
    groups: dict[str, list[LineageClaim]] = {}
    for claim in release.lineage_claims:
        key = claim.base.lower()
        family = families.family_by_id(claim.base)
        if family is not None and family.id.lower() in fam_home:
            key = fam_home[family.id.lower()]
        elif family is None:
            member = _family_of(claim.base)
            if member is not None:
                fam_home.setdefault(member.id.lower(), key)
        groups.setdefault(key, []).append(claim)
    # a family claim whose family a specific repository (claimed later) belongs to joins it
    for fam_key, home in list(fam_home.items()):
        if fam_key in groups and home in groups and fam_key != home:
            groups[home].extend(groups.pop(fam_key))
    out: list[BaseModelRef] = []
    for ref in declared:
        extra = groups.pop(ref.id.lower(), [])
        if extra and ref.relation is None:
            relation = next((c.relation for c in extra if c.relation), None)
            ref = replace(ref, relation=relation) if relation else ref
        out.append(ref)
    inferred: list[BaseModelRef] = []
    for key, claims in groups.items():
        if key in keys:
            continue
        claims.sort(key=lambda c: -c.confidence)
        best = claims[0]
        relation = next((c.relation for c in claims if c.relation), None)
        signals = list(dict.fromkeys(c.signal for c in claims))
        note = "; ".join(f"{described(c.signal)}" + (f": {c.note}" if c.note else "") for c in claims[:3])
        inferred.append(BaseModelRef(best.base, relation, best.evidence,
                                     confidence=combined([c.confidence for c in claims]), signal=signals[0],
                                     note=note))
    inferred.sort(key=lambda r: -r.confidence)
    return (*out, *inferred[:MAX_INFERRED])


def apply(release: Release) -> Release:
    """The release with its base models completed from every lineage claim; its claims list the declared ones too.
    An official release of a known family that declares no license gets the family's (`official_license`)."""
    release = official_license(release)
    if not release.lineage_claims:
        return release
    bases = base_models(release)
    claims = (*declared_claims(release.base_models), *release.lineage_claims)
    return replace(release, base_models=bases, lineage_claims=claims)


def official_license(release: Release) -> Release:
    """An official repository of a known family (`Qwen/Qwen-14B-Chat-Int4`) whose card declares no license ships
    under the family's license (data/families.yaml), cited to the data file. One whose card names a license of
    another family (Baichuan 2's card: Apache 2.0, beside the Community License it does not name clearly) keeps
    both: a conflict, so that the more restrictive governs."""
    weights = release.artifacts.get(ArtifactKind.WEIGHTS)
    if weights is None or weights.status == Status.ABSENT or not release.organization or not release.name:
        return release
    family = families.official(f"{release.organization}/{release.name}")
    if family is None:
        return release
    stand_in = families.family_release(release.display_name, family, f"an official {family.name} repository")
    ref = stand_in.artifacts[ArtifactKind.WEIGHTS].license
    if ref is None or not ref.id:
        return release
    own = weights.license
    if own is None and not release.licenses:
        return release.with_artifact(replace(weights, license=ref))
    kb = knowledge_base()
    mine, theirs = kb.get(own.id) if own is not None and own.id else None, kb.get(ref.id)
    if own is None or mine is None or theirs is None or mine.family == theirs.family:
        return release
    why = (f"{release.display_name} is an official {family.name} release, and {family.name} ships under "
           f"{theirs.name} (howopen's data on model families); the card names {own.label()}: both apply, and the "
           "more restrictive governs")
    conflict = Conflict(declared=own.id or own.label(), binding=theirs.id, why=why,
                        evidence=(*own.evidence[:1], *ref.evidence[:1]))
    return replace(release, conflicts=(*release.conflicts, conflict))

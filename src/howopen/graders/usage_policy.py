"""A usage policy in the repository (USE_POLICY.md, an acceptable-use policy): does it restrict the fields of use,
and does the license or the card make it binding?

- **Restricts**: a policy howopen's knowledge base has a record of says so in its `field_of_use` term; for any other
  policy file, a line of its text that prohibits uses ("you agree not to use", "prohibited", "must not") counts,
  and is quoted.
- **Binds**: the weights' license record incorporates a use policy (its `field_of_use` term is imposed), or a
  sentence of a license file, a notice or the card mentions the policy (by file name, or as a use/usage/acceptable-
  use policy) together with words that make it binding ("subject to", "must comply", "incorporated", "you agree").
  Nothing else is read as binding: when neither is found, whether the policy binds is not established.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..evidence import Artifact, ArtifactKind, ClaimKind, LicenseClaim, Provenance, Release, Status
from ..licenses.model import TermKey
from .common import license_of

K = ArtifactKind
_PROHIBITS = re.compile(r"\b(prohibit\w*|must not|may not|shall not|agree not to|not to use|do not use|"
                        r"forbidden|not permitted)\b", re.I)
_BINDING = re.compile(r"\b(subject to|incorporat\w*|must (?:comply|follow|adhere|abide)|shall (?:comply|follow|"
                      r"adhere|abide)|agree(?:s)? to (?:comply|follow|abide)|comply with|in accordance with|bound by|"
                      r"governed by|conditioned on|you agree)\b", re.I)
_POLICY_WORDS = re.compile(r"\b(?:acceptable[ -]use|use|usage|prohibited[ -]use)[ -]polic(?:y|ies)\b|\baup\b", re.I)
MAX_LINES = 2000


@dataclass(frozen=True)
class Finding:
    """What is known about the release's usage policy."""

    files: tuple[str, ...]
    restricts: bool | None
    binds: bool | None
    restriction: Provenance | None  # the line that restricts (or the policy record's clause)
    binding: Provenance | None  # the sentence that makes it binding
    evidence: tuple[Provenance, ...]  # where the policy file is


def _policy_claims(release: Release, artifact: Artifact) -> list[LicenseClaim]:
    where = set(artifact.locations) | {p.source for p in artifact.evidence}
    return [c for c in release.license_claims if c.kind == ClaimKind.FILE and c.text
            and (K.USAGE_POLICY in c.applies_to or c.provenance.source in where or c.value in where)]


def _first_line(text: str, pattern: re.Pattern[str], also: re.Pattern[str] | None = None) \
        -> tuple[int, str] | None:
    for number, line in enumerate(text.splitlines()[:MAX_LINES], start=1):
        if pattern.search(line) and (also is None or also.search(line)):
            return number, line.strip()[:300]
    return None


def _restriction(release: Release, artifact: Artifact, claims: list[LicenseClaim]) \
        -> tuple[bool | None, Provenance | None]:
    record = license_of(artifact.license)
    if record is not None and record.kind == "policy":
        term = record.term(TermKey.FIELD_OF_USE)
        clause = term.clauses[0] if term.clauses else None
        where = (Provenance(f"howopen:licenses/texts/{clause.file}", line=clause.line, method="license-clause",
                            quote=clause.quote[:300]) if clause else None)
        if term.value == "yes" or term.imposed:
            return True, where
        if term.value == "no":
            return False, where
        return None, where
    for claim in claims:
        hit = _first_line(claim.text or "", _PROHIBITS)
        if hit is not None:
            return True, Provenance(claim.provenance.source, line=hit[0], method="usage-policy", quote=hit[1])
    return None, None


def _mentions(line: str, names: set[str]) -> bool:
    lowered = line.lower()
    return bool(_POLICY_WORDS.search(line)) or any(name in lowered for name in names)


def _binding(release: Release, claims: list[LicenseClaim], names: set[str]) -> Provenance | None:
    weights = release.artifact(K.WEIGHTS)
    record = license_of(weights.license)
    if record is not None and record.kind != "policy" and record.term(TermKey.FIELD_OF_USE).imposed:
        clause = record.term(TermKey.FIELD_OF_USE).clauses[:1]
        if clause:
            return Provenance(f"howopen:licenses/texts/{clause[0].file}", line=clause[0].line,
                              method="license-clause", quote=clause[0].quote[:300])
    own = {id(c) for c in claims}
    for claim in release.license_claims:
        if id(claim) in own or not claim.text or claim.kind not in (ClaimKind.FILE, ClaimKind.CARD_TEXT):
            continue
        for number, line in enumerate(claim.text.splitlines()[:MAX_LINES], start=1):
            if _BINDING.search(line) and _mentions(line, names):
                start = claim.provenance.line or 1
                return Provenance(claim.provenance.source, line=start + number - 1, method="usage-policy-binding",
                                  quote=line.strip()[:300])
    return None


def find(release: Release) -> Finding | None:
    """None when the release has no usage policy."""
    artifact = release.artifact(K.USAGE_POLICY)
    if artifact.status != Status.PRESENT:
        return None
    claims = _policy_claims(release, artifact)
    files = tuple(dict.fromkeys(artifact.locations or tuple(c.value for c in claims)))
    names = {PurePosixPath(f).name.lower() for f in files if "://" not in f}
    names |= {PurePosixPath(n).stem.lower() for n in names if len(PurePosixPath(n).stem) > 3}
    restricts, restriction = _restriction(release, artifact, claims)
    binding = _binding(release, claims, names)
    evidence = (*artifact.evidence[:2], *(artifact.license.evidence[:1] if artifact.license else ()))
    return Finding(files, restricts, True if binding is not None else None, restriction, binding,
                   evidence or (Provenance(release.target, method="usage policy"),))

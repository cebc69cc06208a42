"""The plain verdict: open-source, open-weights, restricted-weights, closed or unknown.

- `closed`: the weights are not released.
- `restricted-weights`: the weights are downloadable, but the license restricts use, users, fields or
  redistribution (commercial caps, acceptable-use policies, research-only terms, ...).
- `open-weights`: the weights are under terms that grant the four freedoms (use, study, modify, share for any
  purpose), but training code or data information is missing.
- `open-source`: weights, training and inference code, and data information are all available, and the weights
  and code are under terms that grant the four freedoms.
- `unknown`: the evidence does not settle it (weights' availability unknown, license unrecognized or absent).
"""

from __future__ import annotations

from ..evidence import ArtifactKind, Release, Status
from ..report import FrameworkResult, Reason
from .common import artifact_reason, binding_license, license_of, term_reason

KEY = "verdict"
NAME = "Plain verdict"

K = ArtifactKind


def _result(label: str, summary: str, reasons: list[Reason]) -> FrameworkResult:
    return FrameworkResult(KEY, NAME, label, summary, tuple(reasons), {"label": label})


def _code_and_data(release: Release) -> tuple[list[Reason], list[str]]:
    """Reasons about training/inference code and data information, and what is missing or unsettled."""
    reasons: list[Reason] = []
    gaps: list[str] = []
    for kind in (K.TRAINING_CODE, K.INFERENCE_CODE):
        artifact = release.artifact(kind)
        if artifact.status == Status.PRESENT:
            lic = license_of(binding_license(release, artifact))
            if lic is not None and lic.grants_four_freedoms:
                reasons.append(artifact_reason(artifact, f"{kind.title} is available under {lic.id}"))
            else:
                label = artifact.license.label() if artifact.license else "no license found"
                reasons.append(artifact_reason(artifact, f"{kind.title} is available, but its license "
                                               f"({label}) is not established as open"))
                gaps.append(f"{kind.title.lower()} license")
        else:
            reasons.append(artifact_reason(artifact, f"{kind.title} is {artifact.status}: {artifact.reason}"))
            gaps.append(kind.title.lower())
    data_sources = [release.artifact(K.TRAINING_DATA), release.artifact(K.DATA_CARD)]
    data_fact = release.facts.get("data_information")
    if any(a.status == Status.PRESENT for a in data_sources) or data_fact is not None:
        evidence = tuple(p for a in data_sources for p in a.evidence[:1])
        if data_fact is not None:
            evidence = (*evidence, data_fact.provenance)
        reasons.append(Reason("Information about the training data is published", evidence))
    else:
        reasons.append(Reason("No information about the training data was found "
                              "(no datasets named, no data card, no training-data section)"))
        gaps.append("data information")
    return reasons, gaps


def grade(release: Release) -> FrameworkResult:
    weights = release.artifact(K.WEIGHTS)
    if weights.status == Status.ABSENT:
        return _result("closed", "the weights are not released",
                       [artifact_reason(weights, f"Weights are absent: {weights.reason}")])
    if weights.status == Status.UNKNOWN:
        return _result("unknown", "whether the weights are released could not be established",
                       [artifact_reason(weights, f"Weights are unknown: {weights.reason}")])
    ref = binding_license(release, weights)
    lic = license_of(ref)
    reasons = [artifact_reason(weights, "Weights are published")]
    for conflict in release.conflicts:
        reasons.append(Reason(f"The declared license '{conflict.declared}' cannot be right: {conflict.why}",
                              conflict.evidence))
    if lic is None:
        if ref is None or not ref.declared:
            reasons.append(Reason("No license was found for the weights; without one, no rights are granted "
                                  "and nothing should be assumed"))
            return _result("unknown", "the weights carry no license howopen could find", reasons)
        reasons.append(Reason(f"The weights' license ({ref.label()}) is not one howopen recognizes; an "
                              "unrecognized license is never treated as open", ref.evidence))
        return _result("unknown", "the weights' license is not recognized", reasons)
    freedoms = lic.grants_four_freedoms
    if freedoms is False:
        for term in lic.restrictions():
            reasons.append(term_reason(release, ref, lic, f"{lic.name}: {term.summary or term.key}", term.clauses))
        return _result("restricted-weights", f"weights are downloadable, but {lic.name} restricts their use",
                       reasons)
    if freedoms is None:
        reasons.append(Reason(f"The terms of {lic.name} are not fully known to howopen", ref.evidence if ref else ()))
        return _result("unknown", f"whether {lic.name} grants the four freedoms is not established", reasons)
    reasons.append(Reason(f"The weights are under {lic.name}, which grants the four freedoms",
                          ref.evidence if ref else ()))
    more, gaps = _code_and_data(release)
    reasons.extend(more)
    if not gaps:
        return _result("open-source", "weights, code and data information are all available under open terms",
                       reasons)
    return _result("open-weights", f"the weights are open, but {', '.join(gaps)} {'is' if len(gaps) == 1 else 'are'}"
                   " missing or unsettled", reasons)

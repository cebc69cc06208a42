"""The plain verdict: open-source, open-weights, restricted-weights, closed or unknown.

The labels, in the order they are decided:

- `closed`: the weights are not released (no weight files in a complete file listing, or a source that says so).
- `unknown`: whether the weights are released could not be established, or no license binding them was found, or
  a binding license is one howopen does not recognize or whose terms it does not fully know, or a base model whose
  license binds the release could not be resolved (its own tag does not settle what governs a derivative). An
  unrecognized license is never treated as open. For a release graded from its model card alone (`metadata_only`), the
  field `if_weights_published` says what the label would be if the weights are published, so that an index of
  cards can still show license-level openness.
- `restricted-weights`: the weights are downloadable, but a license that binds them withholds one of the four
  freedoms: commercial-use limits, user or revenue caps, registration, field-of-use (acceptable-use) policies,
  limits on using outputs, regional limits or limits on redistribution. A license binds the weights when it is
  theirs, when the lineage stage shows the declared one cannot be right (`conflicts`), or when a base model's
  license passes its restrictions down to derivatives (`lineage`): a fine-tune of Llama is restricted whatever it
  declares. A usage policy in the repository with field-of-use restrictions, made binding by the license or the
  card, restricts permissively licensed weights too (`usage_policy.py`); one not shown to bind leaves a warning.
- `open-weights`: every license binding the weights grants the four freedoms (use, study, modify and share, for
  any purpose), but the training code, the inference code or information about the training data is missing,
  or the code's license is not established as open.
- `open-source`: the weights as above, the training and inference code published under licenses that grant the
  four freedoms, and information about the training data published (named datasets, a data card, or a
  training-data section in the model card).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..evidence import Artifact, ArtifactKind, Release, Status
from ..report import FrameworkResult, Reason
from . import usage_policy
from .common import (
    Binding,
    artifact_reason,
    evidence_for,
    freedoms_of,
    license_of,
    term_reason,
    unresolved_ancestors,
    unresolved_lineage,
    unresolved_reason,
    weights_bindings,
)

KEY = "verdict"
NAME = "Plain verdict"

K = ArtifactKind
CODE = (K.TRAINING_CODE, K.INFERENCE_CODE)


def _result(label: str, summary: str, reasons: list[Reason], **fields: Any) -> FrameworkResult:
    return FrameworkResult(KEY, NAME, label, summary, tuple(reasons), {"label": label, **fields})


def _code_and_data(release: Release) -> tuple[list[Reason], list[str]]:
    """Reasons about training/inference code and data information, and what is missing or unsettled."""
    reasons: list[Reason] = []
    gaps: list[str] = []
    for kind in CODE:
        artifact = release.artifact(kind)
        if artifact.status == Status.PRESENT:
            judged = freedoms_of(artifact.license)
            if judged is not None and judged.grants:
                reasons.append(Reason(f"{kind.title} is available under {judged.name}",
                                      evidence_for(release, artifact)))
            else:
                label = artifact.license.label() if artifact.license else "no license found"
                reasons.append(Reason(f"{kind.title} is available, but its license ({label}) is not established "
                                      "as open", evidence_for(release, artifact)))
                gaps.append(f"{kind.title.lower()} license")
        else:
            reasons.append(Reason(f"{kind.title} is {artifact.status}: {artifact.reason}",
                                  evidence_for(release, artifact)))
            gaps.append(kind.title.lower())
    data_sources = [release.artifact(K.TRAINING_DATA), release.artifact(K.DATA_CARD)]
    data_fact = release.facts.get("data_information")
    if any(a.status == Status.PRESENT for a in data_sources) or data_fact is not None:
        evidence = tuple(p for a in data_sources if a.status == Status.PRESENT for p in a.evidence[:1])
        if data_fact is not None:
            evidence = (*evidence, data_fact.provenance)
        reasons.append(Reason("Information about the training data is published", evidence))
    else:
        reasons.append(Reason("No information about the training data was found "
                              "(no datasets named, no data card, no training-data section)",
                              evidence_for(release, release.artifact(K.TRAINING_DATA))))
        gaps.append("data information")
    return reasons, gaps


def _binding_reasons(release: Release, binding: Binding) -> list[Reason]:
    lic = license_of(binding.ref)
    reasons: list[Reason] = []
    if binding.via != "declared":
        reasons.append(Reason(binding.note[0].upper() + binding.note[1:], binding.evidence))
    if lic is None:
        return reasons
    for term in lic.restrictions():
        reasons.append(term_reason(release, binding.ref, lic, f"{lic.name}: {term.summary or term.key}",
                                   term.clauses))
    return reasons


def _policy_reasons(policy: usage_policy.Finding) -> list[Reason]:
    files = ", ".join(policy.files)
    restriction = policy.restriction
    said = f": “{restriction.quote}”" if restriction is not None and restriction.quote else ""
    return [
        Reason(f"The usage policy ({files}) restricts the fields of use{said}",
               (*((restriction,) if restriction else ()), *policy.evidence[:1])),
        Reason(f"The usage policy is made binding: “{policy.binding.quote if policy.binding else ''}”; a binding "
               "field-of-use restriction withholds the freedom to use the weights for any purpose",
               (*((policy.binding,) if policy.binding else ()), *policy.evidence[:1])),
    ]


def _policy_warning(policy: usage_policy.Finding) -> Reason:
    files = ", ".join(policy.files)
    if policy.restricts:
        what = f"restricts the fields of use (“{policy.restriction.quote}”)" if policy.restriction and \
            policy.restriction.quote else "restricts the fields of use"
        text = (f"Warning: the repository has a usage policy ({files}) that {what}; neither the license nor the "
                "card was found to make it binding, so the label does not reflect it. Read it: if it binds, the "
                "weights are restricted-weights")
    else:
        text = (f"Warning: the repository has a usage policy ({files}) whose terms howopen could not establish"
                + ("; the card or license makes it binding" if policy.binds else
                   ", nor whether the license or card makes it binding")
                + "; read it: a binding field-of-use restriction would make the weights restricted-weights")
    evidence = (*((policy.restriction,) if policy.restriction else ()),
                *((policy.binding,) if policy.binding else ()), *policy.evidence[:1])
    return Reason(text, evidence)


def _judge_published(release: Release, weights: Artifact) -> FrameworkResult:
    """The label for weights that are published: it depends on the licenses that bind them, then code and data."""
    reasons = [artifact_reason(weights, "Weights are published") if weights.evidence else
               Reason("Weights are published", evidence_for(release, weights))]
    bindings = weights_bindings(release)
    unresolved = unresolved_ancestors(release)
    extra: dict[str, Any] = {"binding_licenses": list(dict.fromkeys(b.ref.label() for b in bindings))}
    if unresolved:
        extra["lineage_unresolved"] = unresolved
    if not bindings:
        reasons.append(Reason("No license was found for the weights; without one, no rights are granted and nothing "
                              "should be assumed", evidence_for(release, weights)))
        return _result("unknown", "the weights carry no license howopen could find", reasons, **extra)
    judged = [(b, freedoms_of(b.ref)) for b in bindings]
    restrictive = [(b, f) for b, f in judged if f is not None and f.grants is False]
    if restrictive:
        for binding, withheld in restrictive:
            reasons.extend(_binding_reasons(release, binding))
            if withheld is not None and withheld.license is None:
                reasons.append(Reason(f"{withheld.name}: {withheld.why}", binding.evidence))
        names = ", ".join(dict.fromkeys(f.name for _b, f in restrictive if f is not None))
        inherited = any(b.via == "lineage" for b, _f in restrictive)
        reasons.extend(unresolved_reason(release, a, restricted=True) for a in unresolved_lineage(release))
        summary = (f"weights are downloadable, but {names}{' (inherited from the base model)' if inherited else ''} "
                   "restricts their use")
        return _result("restricted-weights", summary, reasons, **extra)
    for binding, found in judged:
        if binding.via != "declared":
            reasons.append(Reason(binding.note[0].upper() + binding.note[1:], binding.evidence))
        if found is None or not found.recognized:
            reasons.append(Reason(f"The weights' license ({binding.ref.label()}) is not one howopen recognizes; an "
                                  "unrecognized license is never treated as open", binding.evidence))
            return _result("unknown", "the weights' license is not recognized", reasons, **extra)
        if found.grants is None:
            reasons.append(Reason(f"The terms of {found.name} are not fully known to howopen ({found.why})",
                                  binding.evidence))
            return _result("unknown", f"whether {found.name} grants the four freedoms is not established", reasons,
                           **extra)
        reasons.append(Reason(f"The weights are under {found.name}, which grants the four freedoms ({found.why})",
                              binding.evidence))
    if unresolved:
        reasons.extend(unresolved_reason(release, a) for a in unresolved_lineage(release))
        return _result("unknown", f"the license of base model {', '.join(unresolved)} binds the weights and could "
                       "not be established", reasons, **extra)
    policy = usage_policy.find(release)
    if policy is not None:
        extra["usage_policy"] = {"files": list(policy.files), "restricts": policy.restricts, "binds": policy.binds}
        if policy.restricts and policy.binds:
            reasons.extend(_policy_reasons(policy))
            return _result("restricted-weights", f"the weights' license is open, but the usage policy "
                           f"({', '.join(policy.files)}) restricts their use and is made binding", reasons, **extra)
        if policy.restricts is not False:
            reasons.append(_policy_warning(policy))
    more, gaps = _code_and_data(release)
    reasons.extend(more)
    extra["missing"] = gaps
    if not gaps:
        return _result("open-source", "weights, code and data information are all available under open terms",
                       reasons, **extra)
    verb = "is" if len(gaps) == 1 else "are"
    return _result("open-weights", f"the weights are open, but {', '.join(gaps)} {verb} missing or unsettled",
                   reasons, **extra)


def grade(release: Release) -> FrameworkResult:
    weights = release.artifact(K.WEIGHTS)
    if weights.status == Status.ABSENT:
        return _result("closed", "the weights are not released",
                       [Reason(f"Weights are absent: {weights.reason}", evidence_for(release, weights))])
    if weights.status == Status.UNKNOWN:
        reasons = [Reason(f"Weights are unknown: {weights.reason}", evidence_for(release, weights))]
        fields: dict[str, Any] = {}
        if release.metadata_only:
            published = replace(weights, status=Status.PRESENT, reason="assumed published (what-if)")
            hypothetical = _judge_published(release.with_artifact(published), published)
            fields["if_weights_published"] = hypothetical.outcome
            fields["if_weights_published_summary"] = hypothetical.summary
            reasons.append(Reason(f"If the weights are published, the label would be {hypothetical.outcome}: "
                                  f"{hypothetical.summary}", hypothetical.reasons[1].evidence
                                  if len(hypothetical.reasons) > 1 else ()))
        return _result("unknown", "whether the weights are released could not be established", reasons, **fields)
    return _judge_published(release, weights)

"""The OSI Open Source AI Definition 1.0: conforms, does not, or unknown, per element.

OSAID is binary and asks for the preferred form to modify the system, under terms that grant the four freedoms
(use, study, modify, share for any purpose). howopen checks its three elements (https://opensource.org/ai/open-
source-ai-definition; decision procedure per ../shared/FRAMEWORKS.md §4, which is a construction from the text,
not a procedure OSI publishes):

- **parameters**: the weights are published, and every license binding them (lineage included) grants the four
  freedoms; copyleft-style conditions are allowed;
- **code**: the training code, the data-processing code and the inference code are published, each under a license
  that grants the four freedoms (OSI-approved for code);
- **data information**: the training data is listed (datasets named or shipped) and described (a data card, a
  training-data section, a technical report or paper). Whether the description is *complete enough for a skilled
  person to build a substantially equivalent system* cannot be checked by a program; the reason says so.

The release conforms when all three do; it does not when any does not; otherwise the answer is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..evidence import ArtifactKind, Release, Status
from ..report import FrameworkResult, Reason
from . import usage_policy
from .common import (
    evidence_for,
    freedoms_of,
    in_repository,
    term_reason,
    unresolved_lineage,
    unresolved_reason,
    weights_bindings,
)
from .openness import judge

KEY = "osaid"
NAME = "OSI Open Source AI Definition 1.0"
K = ArtifactKind
CODE_KINDS = (K.TRAINING_CODE, K.DATA_PROCESSING_CODE, K.INFERENCE_CODE)


@dataclass(frozen=True)
class Element:
    conforms: bool | None
    reasons: tuple[Reason, ...]
    decisive: Reason | None = None  # the first reason behind a "does not" or "unknown"


def _element(values: list[bool | None], reasons: list[Reason]) -> Element:
    conforms = _combine(values)
    decisive = next((r for v, r in zip(values, reasons, strict=True) if v is conforms), None) \
        if conforms is not True else None
    return Element(conforms, tuple(reasons), decisive)


def _combine(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def parameters(release: Release) -> Element:
    weights = release.artifact(K.WEIGHTS)
    evidence = evidence_for(release, weights)
    if weights.status == Status.ABSENT:
        return Element(False, (Reason(f"Parameters: the weights are not released ({weights.reason})", evidence),))
    if weights.status == Status.UNKNOWN:
        return Element(None, (Reason(f"Parameters: whether the weights are released is unknown ({weights.reason})",
                                     evidence),))
    bindings = weights_bindings(release)
    if not bindings:
        return Element(None, (Reason("Parameters: the weights are published, but no license for them was found",
                                     evidence),))
    reasons: list[Reason] = []
    values: list[bool | None] = []
    for binding in bindings:
        found = freedoms_of(binding.ref)
        lic = found.license if found else None
        via = "" if binding.via == "declared" else f" ({binding.note})"
        if found is None or not found.recognized:
            reasons.append(Reason(f"Parameters: {binding.ref.label()}{via} is not a license howopen recognizes",
                                  binding.evidence))
            values.append(None)
        elif found.grants is False:
            restriction = lic.restrictions()[0] if lic is not None and lic.restrictions() else None
            text = f"Parameters: {found.name}{via} withholds a freedom"
            if restriction is not None and lic is not None:
                reasons.append(term_reason(release, binding.ref, lic, f"{text}: {restriction.summary}",
                                           restriction.clauses))
            else:
                reasons.append(Reason(f"{text}: {found.why}", binding.evidence))
            values.append(False)
        elif found.grants is None:
            reasons.append(Reason(f"Parameters: whether {found.name}{via} grants the four freedoms is not "
                                  f"established ({found.why})", binding.evidence))
            values.append(None)
        else:
            reasons.append(Reason(f"Parameters: published under {found.name}{via}, which grants the four freedoms",
                                  (*weights.evidence[:1], *binding.evidence[:1])))
            values.append(True)
    for ancestor in unresolved_lineage(release):
        reasons.append(unresolved_reason(release, ancestor, "Parameters: "))
        values.append(None)
    policy = usage_policy.find(release)
    if policy is not None and policy.restricts and policy.binds:
        reasons.append(Reason(f"Parameters: the usage policy ({', '.join(policy.files)}) restricts the fields of use "
                              "and is made binding, which withholds the freedom to use them for any purpose",
                              tuple(p for p in (policy.restriction, policy.binding) if p is not None)
                              + policy.evidence[:1]))
        values.append(False)
    return _element(values, reasons)


def code(release: Release) -> Element:
    reasons: list[Reason] = []
    values: list[bool | None] = []
    for kind in CODE_KINDS:
        artifact = release.artifact(kind)
        evidence = evidence_for(release, artifact)
        if artifact.status == Status.ABSENT:
            reasons.append(Reason(f"Code: {kind.title.lower()} is not published ({artifact.reason})", evidence))
            values.append(False)
            continue
        if artifact.status == Status.UNKNOWN:
            reasons.append(Reason(f"Code: whether {kind.title.lower()} is published is unknown ({artifact.reason})",
                                  evidence))
            values.append(None)
            continue
        openness = judge(artifact.license)
        if openness is None:
            if not in_repository(artifact):
                reasons.append(Reason(f"Code: {kind.title.lower()} is published elsewhere; its license was not read",
                                      evidence))
                values.append(None)
            else:
                reasons.append(Reason(f"Code: {kind.title.lower()} is published with no license, which grants no "
                                      "freedoms", evidence))
                values.append(False)
        elif openness.open is True:
            reasons.append(Reason(f"Code: {kind.title.lower()} is published under {openness.id}", evidence))
            values.append(True)
        elif openness.open is False and openness.recognized:
            reasons.append(Reason(f"Code: {kind.title.lower()} is under {openness.id}: {openness.why}", evidence))
            values.append(False)
        else:
            reasons.append(Reason(f"Code: {kind.title.lower()}: {openness.why}", evidence))
            values.append(None)
    return _element(values, reasons)


def data_information(release: Release) -> Element:
    listing = release.artifact(K.TRAINING_DATA)
    card = release.artifact(K.DATA_CARD)
    section = release.facts.get("data_information")
    papers = [release.artifact(K.TECHNICAL_REPORT), release.artifact(K.RESEARCH_PAPER)]
    described = card.status == Status.PRESENT or section is not None or any(p.status == Status.PRESENT for p in papers)
    description_evidence = (*card.evidence[:1], *((section.provenance,) if section else ()),
                            *(p.evidence[0] for p in papers if p.status == Status.PRESENT and p.evidence))
    if listing.status == Status.PRESENT and described:
        return Element(True, (
            Reason("Data information: the training data is listed", evidence_for(release, listing)),
            Reason("Data information: the training data is described; OSAID asks that the description let a "
                   "skilled person build a substantially equivalent system, which a program cannot verify",
                   description_evidence[:3]),
        ))
    if listing.status == Status.ABSENT and card.status != Status.PRESENT and section is None:
        return Element(False, (Reason("Data information: no training data is listed or described "
                                      f"({listing.reason})", evidence_for(release, listing)),))
    if listing.status == Status.PRESENT:
        return Element(None, (Reason("Data information: the training data is listed, but no description of it "
                                     "(data card, training-data section, report) was found",
                                     evidence_for(release, listing)),))
    if described:
        return Element(None, (Reason("Data information: the training data is described, but no listing of the data "
                                     "and where to obtain it was found", description_evidence[:3]),))
    return Element(None, (Reason(f"Data information: not established ({listing.reason})",
                                 evidence_for(release, listing)),))


ELEMENTS = {"parameters": parameters, "code": code, "data_information": data_information}
TITLES = {"parameters": "parameters", "code": "code", "data_information": "data information"}


def grade(release: Release) -> FrameworkResult:
    elements = {name: check(release) for name, check in ELEMENTS.items()}
    conforms = _combine([e.conforms for e in elements.values()])
    failing = [TITLES[n] for n, e in elements.items() if e.conforms is False]
    unsettled = [TITLES[n] for n, e in elements.items() if e.conforms is None]
    if conforms is True:
        outcome, summary = "conforms", "parameters, code and data information are all available under open terms"
        because = "its parameters, complete code and data information are available under open terms"
    elif conforms is False:
        outcome, summary = "does not conform", f"{', '.join(failing)} {'falls' if len(failing) == 1 else 'fall'} short"
        first = next((e.decisive or e.reasons[0]).text for e in elements.values() if e.conforms is False)
        because = ("OSAID needs the parameters, the complete training and inference code and the data information, "
                   f"all under open terms; {first[0].lower()}{first[1:]}")
    else:
        outcome, summary = "unknown", f"{', '.join(unsettled)} could not be established"
        because = f"{', '.join(unsettled)} could not be established"
    reasons = [r for name in ELEMENTS for r in elements[name].reasons]
    reasons.sort(key=lambda r: 0 if any(r.text.startswith(f"{TITLES[n].capitalize()}:") and elements[n].conforms
                                        is not True for n in ELEMENTS) else 1)
    fields: dict[str, Any] = {
        "conforms": conforms,
        "elements": {name: {"conforms": e.conforms, "reasons": [r.to_dict() for r in e.reasons]}
                     for name, e in elements.items()},
        "because": because,
    }
    return FrameworkResult(KEY, NAME, outcome, summary, tuple(reasons), fields)

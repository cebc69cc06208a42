"""The EU AI Act's open-source exemption for general-purpose AI models (Art. 53(2), 54(6)).

The answer is `exempt`, `not-exempt`, `needs-review`, `unknown` or `not-applicable`, decided in this order
(../shared/FRAMEWORKS.md §5, a construction from the Act, its recitals and the Commission's Guidelines C(2025) 5045,
the rules as data in `data/eu-ai-act.yaml`):

1. Systemic risk: above 10^25 FLOP of training compute the exemption does not apply (Art. 53(2), 54(6)). Compute
   is the card's own figure, else 6 × parameters × training tokens. When it is unknown, a model small enough to
   stay under the line even at 10^14 training tokens passes; otherwise a person must check (`needs-review`).
2. The parameters must be public: no weights, no exemption.
3. The license must allow access, use, modification and distribution by anyone (para. 76-84): non-commercial
   terms, user or revenue caps, bans on redistribution, limits on outputs and regional limits disqualify it;
   acceptable-use restrictions and registration may be allowed if they are safety-oriented and
   non-discriminatory, which is a judgment (`needs-review`). Every license binding the weights counts, including
   one a base model passes down.
4. The architecture and usage information must be public (config or model code; a model card).
5. Monetisation (para. 85-89) cannot be seen in a release's files; the reasons say so.

A model that is not a general-purpose AI model by the Guidelines' indicative criterion (`gpai` false: not over
10^23 FLOP of training compute generating language, images or video) is `not-applicable`: the GPAI obligations,
and so their exemption, do not arise; `if_gpai` keeps what the steps above would give.

Whatever the answer, the copyright policy (53(1)(c)) and the training-content summary (53(1)(d)) remain, and a
systemic-risk model carries the notification and Art. 55 duties.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..evidence import ArtifactKind, Provenance, Release, Status
from ..report import FrameworkResult, Reason
from ..yamldata import safe_load
from . import usage_policy
from .common import (
    evidence_for,
    freedoms_of,
    license_of,
    locate_clause,
    unresolved_lineage,
    unresolved_reason,
    weights_bindings,
)

KEY = "eu_ai_act"
NAME = "EU AI Act open-source exemption"
K = ArtifactKind
ORDER = {"not-exempt": 0, "unknown": 1, "needs-review": 2, "exempt": 3}
OUTCOMES = (*ORDER, "not-applicable")  # not-applicable: not a general-purpose AI model (`gpai` false)


@functools.cache
def spec() -> dict[str, Any]:
    text = resources.files("howopen.graders").joinpath("data/eu-ai-act.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = safe_load(text)
    return loaded


@dataclass(frozen=True)
class Compute:
    flop: float | None
    method: str
    evidence: tuple[Provenance, ...]


def training_compute(release: Release) -> Compute:
    """The card's own compute figure, else 6 × parameters × training tokens, else unknown."""
    stated = release.facts.get("training_compute_flop")
    if stated is not None and isinstance(stated.value, int | float):
        return Compute(float(stated.value), "stated in the model card", (stated.provenance,))
    params, tokens = release.facts.get("parameters"), release.facts.get("training_tokens")
    if params is not None and tokens is not None and isinstance(params.value, int | float) \
            and isinstance(tokens.value, int | float):
        return Compute(6.0 * float(params.value) * float(tokens.value),
                       f"6 × {float(params.value):.3g} parameters × {float(tokens.value):.3g} training tokens",
                       (params.provenance, tokens.provenance))
    missing = [name for name, fact in (("parameter count", params), ("training tokens", tokens)) if fact is None]
    return Compute(None, f"unknown: the {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not stated",
                   tuple(f.provenance for f in (params, tokens) if f is not None))


def _step(outcome: str, text: str, evidence: tuple[Provenance, ...]) -> tuple[str, Reason]:
    return outcome, Reason(text, evidence)


def _systemic_risk(release: Release, compute: Compute) -> tuple[bool | None, tuple[str, Reason]]:
    line = float(spec()["thresholds"]["systemic_risk_flop"])
    if compute.flop is not None:
        if compute.flop > line:
            return True, _step("not-exempt", f"Training compute ≈ {compute.flop:.2e} FLOP ({compute.method}) is above "
                               "10^25: the model is presumed to carry systemic risk, and the exemption does not apply "
                               "(Art. 51(2), 53(2))", compute.evidence)
        return False, _step("exempt", f"Training compute ≈ {compute.flop:.2e} FLOP ({compute.method}) is below the "
                            "10^25 FLOP systemic-risk line (Art. 51(2))", compute.evidence)
    params = release.facts.get("parameters")
    ceiling = float(spec()["thresholds"]["assumed_max_tokens"])
    if params is not None and isinstance(params.value, int | float) and 6 * float(params.value) * ceiling <= line:
        return False, _step("exempt", f"Training compute is not stated, but with {float(params.value):.3g} parameters "
                            f"even {ceiling:.0e} training tokens stay under 10^25 FLOP", (params.provenance,))
    return None, _step("needs-review", f"Training compute is {compute.method}; above 10^25 FLOP the exemption does "
                       "not apply, so a person must check", compute.evidence or evidence_for(
                           release, release.artifact(K.WEIGHTS)))


def _license_steps(release: Release) -> list[tuple[str, Reason]]:
    weights = release.artifact(K.WEIGHTS)
    bindings = weights_bindings(release)
    if not bindings:
        return [_step("unknown", "No license for the weights was found; the exemption needs a free and open-source "
                      "license (Art. 53(2))", evidence_for(release, weights))]
    steps: list[tuple[str, Reason]] = [
        ("unknown", unresolved_reason(release, a, "The exemption needs a license allowing access, use, modification "
                                      "and distribution (Art. 53(2)), and a base model's license counts: "))
        for a in unresolved_lineage(release)]
    policy = usage_policy.find(release)
    if policy is not None and policy.restricts and policy.binds:
        steps.append(_step("needs-review", f"The usage policy ({', '.join(policy.files)}) restricts the fields of "
                           "use and is made binding; acceptable-use restrictions may be allowed if they are "
                           "safety-oriented and non-discriminatory, which a person must check (Guidelines para. 84)",
                           tuple(p for p in (policy.restriction, policy.binding) if p is not None)
                           + policy.evidence[:1]))
    rules: dict[str, dict[str, dict[str, str]]] = spec()["license_terms"]
    for binding in bindings:
        lic = license_of(binding.ref)
        via = "" if binding.via == "declared" else f" ({binding.note})"
        if lic is None:
            found = freedoms_of(binding.ref)
            if found is not None and found.recognized and found.grants:
                steps.append(_step("exempt", f"{found.name}{via} allows access, use, modification and distribution: "
                                   f"{found.why} (Art. 53(2); Guidelines para. 76-82)", binding.evidence))
            elif found is not None and found.recognized:
                steps.append(_step("needs-review", f"{found.name}{via}: {found.why}; a person must check its terms "
                                   "against para. 76-84", binding.evidence))
            else:
                steps.append(_step("unknown", f"The weights' license {binding.ref.label()}{via} is not one howopen "
                                   "recognizes, so its terms cannot be checked against para. 76-84",
                                   binding.evidence))
            continue
        hits = 0
        for key, by_value in rules.items():
            term = lic.term(key)
            rule = by_value.get(term.value)
            if rule is None:
                continue
            hits += 1
            clauses = tuple(locate_clause(release, binding.ref, c) for c in term.clauses[:1])
            summary = (term.summary or str(term.key)).rstrip(".")
            steps.append(_step(rule["outcome"], f"{lic.name}{via}: {summary}; {rule['why']} "
                               f"(Guidelines para. {rule['para']})", (*clauses, *binding.evidence[:1])))
        if hits == 0:
            if lic.grants_four_freedoms is True:
                steps.append(_step("exempt", f"{lic.name}{via} allows access, use, modification and distribution "
                                   "(Art. 53(2); Guidelines para. 76-82)", binding.evidence))
            else:
                steps.append(_step("needs-review", f"The terms of {lic.name}{via} are not fully known to howopen; "
                                   "a person must check them against para. 76-84", binding.evidence))
    return steps


def _publication_steps(release: Release) -> list[tuple[str, Reason]]:
    steps: list[tuple[str, Reason]] = []
    checks = (
        (K.WEIGHTS, "the parameters, including the weights"),
        (K.MODEL_ARCHITECTURE, "information on the model architecture"),
        (K.MODEL_CARD, "information on model usage (the model card)"),
    )
    for kind, what in checks:
        artifact = release.artifact(kind)
        evidence = evidence_for(release, artifact)
        if artifact.status == Status.PRESENT:
            steps.append(_step("exempt", f"Public: {what} (Art. 53(2))", evidence))
        elif artifact.status == Status.ABSENT:
            steps.append(_step("not-exempt", f"Not public: {what}; the exemption requires it (Art. 53(2); "
                               f"Guidelines para. 90-91)", evidence))
        else:
            steps.append(_step("unknown", f"Whether {what} is public is unknown: {artifact.reason}", evidence))
    gated = release.facts.get("gated")
    if gated is not None and gated.value:
        steps.append(_step("needs-review", "The download is gated: access may require only non-discriminatory user "
                           "verification (Guidelines para. 79)", (gated.provenance,)))
    return steps


def _gpai(release: Release, compute: Compute) -> tuple[bool | None, str]:
    tag = release.fact("pipeline_tag")
    generative = None if tag is None else str(tag) in set(spec()["generative_pipeline_tags"])
    indicative = float(spec()["thresholds"]["gpai_indicative_flop"])
    if compute.flop is None or generative is None:
        return None, "not established (needs the training compute and the model's modality)"
    if compute.flop > indicative and generative:
        return True, (f"indicatively a general-purpose AI model: over 10^23 FLOP and generates {tag} "
                      "(Guidelines para. 17)")
    return False, ("below the indicative criterion (over 10^23 FLOP and generating language, images or video; "
                   "Guidelines para. 17); the exemption question then does not arise")


def _obligations(outcome: str, systemic: bool | None) -> tuple[list[dict[str, Any]], list[str]]:
    remaining: list[dict[str, Any]] = []
    exempt_from: list[str] = []
    for item in spec()["obligations"]:
        entry = {"article": item["id"], "duty": item["duty"], "source": item["source"]}
        if item.get("systemic_risk_only"):
            if systemic:
                remaining.append(entry)
            continue
        if outcome == "exempt" and item.get("exempt_when_open_source"):
            exempt_from.append(item["id"])
            continue
        remaining.append(entry)
    return remaining, exempt_from


def grade(release: Release) -> FrameworkResult:
    compute = training_compute(release)
    systemic, systemic_step = _systemic_risk(release, compute)
    steps = [systemic_step, *_license_steps(release), *_publication_steps(release)]
    outcome = min((o for o, _ in steps), key=lambda o: ORDER[o])
    deciding = [r for o, r in steps if o == outcome] if outcome != "exempt" else []
    others = [r for o, r in steps if o != outcome or outcome == "exempt"]
    monetisation = Reason("Monetisation (paid access, dual licensing, paid services the model depends on, Guidelines "
                          "para. 85-89) cannot be seen in a release's files and was not assessed",
                          (Provenance(release.target, method="not assessed"),))
    remaining, exempt_from = _obligations(outcome, systemic)
    gpai, gpai_note = _gpai(release, compute)
    reasons = [*deciding, *others, monetisation]
    if_gpai = outcome
    if gpai is False:
        # Not a general-purpose AI model: Art. 53-55 do not apply, so neither does their open-source exemption.
        # The steps stay in the reasons as what would apply if the model were one.
        tag = release.facts.get("pipeline_tag")
        evidence = (*compute.evidence, *((tag.provenance,) if tag is not None else ()))
        reasons = [Reason(f"Not applicable: the model is {gpai_note}; the GPAI obligations of Art. 53-55, and so their "
                          f"open-source exemption, do not apply (if it were a GPAI model: {outcome})",
                          evidence or (Provenance(release.target, method="gpai criterion"),)), *reasons]
        outcome, remaining, exempt_from = "not-applicable", [], []
    summaries = {
        "exempt": "exempt from Art. 53(1)(a), (b) and Art. 54; the copyright policy and training-data summary remain",
        "not-exempt": "not exempt: " + (deciding[0].text if deciding else ""),
        "needs-review": "needs review: " + (deciding[0].text if deciding else ""),
        "unknown": "unknown: " + (deciding[0].text if deciding else ""),
        "not-applicable": "not applicable: not a general-purpose AI model, so the GPAI obligations and their "
                          "exemption do not arise",
    }
    because = {
        "exempt": "the exemption asks only for a license allowing access, use, modification and distribution, and "
                  "public weights, architecture and usage information; it does not ask for training code or data",
        "not-exempt": deciding[0].text if deciding else "",
        "needs-review": deciding[0].text if deciding else "",
        "unknown": deciding[0].text if deciding else "",
        "not-applicable": f"the model is {gpai_note}",
    }[outcome]
    fields: dict[str, Any] = {
        "open_source_exemption": outcome,
        "training_compute_flop": {"value": compute.flop, "method": compute.method,
                                  "evidence": [p.to_dict() for p in compute.evidence]},
        "systemic_risk_threshold_flop": float(spec()["thresholds"]["systemic_risk_flop"]),
        "systemic_risk": systemic,
        "gpai": gpai,
        "gpai_note": gpai_note,
        "if_gpai": if_gpai,
        "exempt_from": exempt_from,
        "obligations": remaining,
        "because": because,
    }
    summary = summaries[outcome]
    return FrameworkResult(KEY, NAME, outcome, summary, tuple(reasons), fields)

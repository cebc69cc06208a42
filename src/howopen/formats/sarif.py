"""SARIF 2.1.0 for code scanning: one result per model reference and per rule of the policy that the model fails
(or cannot be shown to pass), located at the file, line and column where the project references the model.

Results a listed exception allows carry a SARIF suppression with the exception's reason. References to models
that pass the policy are results of kind `pass`; with no policy, each reference is an `informational` result, so
the log is also an inventory.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..audit.references import ModelReference
from ..audit.result import AuditedModel, AuditResult
from ..policy import EXCEPTED, FAIL, PolicyResult, RuleResult, rules
from .audit import evidence_base
from .policy import reason_lines

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
REFERENCE_RULE = "howopen/model-reference"
ROOT = "PROJECTROOT"


def rule_id(key: str) -> str:
    """`forbid:user-cap` -> `howopen/forbid/user-cap`."""
    mode, _, name = key.partition(":")
    return f"howopen/{mode}/{name}"


def _rule_descriptors() -> list[dict[str, Any]]:
    descriptors = [{
        "id": REFERENCE_RULE,
        "name": "ModelReference",
        "shortDescription": {"text": "The project references an AI model"},
        "fullDescription": {"text": "A place where the project loads or names a model (a Hub id, a local model, a "
                                    "GGUF file, an Ollama model); howopen checked how open it is."},
        "defaultConfiguration": {"level": "note"},
    }]
    for mode, by_name in rules().items():
        for rule in by_name.values():
            descriptors.append({
                "id": rule_id(rule.key),
                "name": "".join(part.capitalize() for part in f"{mode}-{rule.name}".split("-")),
                "shortDescription": {"text": f"{rule.label}: {rule.summary}"},
                "fullDescription": {"text": f"Policy rule '{rule.label}' holds when {rule.summary}. A model for "
                                            "which the evidence does not settle it fails too: unknown is not a "
                                            "pass."},
                "defaultConfiguration": {"level": "error"},
                "properties": {"tags": ["license", "ai-model", "policy"]},
            })
    return descriptors


def _location(ref: ModelReference) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(ref.file), "uriBaseId": ROOT}}
    if ref.line is not None:
        region: dict[str, Any] = {"startLine": ref.line}
        if ref.column is not None:
            region["startColumn"] = ref.column
            region["endColumn"] = ref.column + max(len(ref.text), 1)
        physical["region"] = region
    return {"physicalLocation": physical}


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _rule_message(model: AuditedModel, rule: RuleResult) -> str:
    status = "fails" if rule.status == FAIL or rule.unexcepted_status == FAIL else "is unknown (unknown is not a pass)"
    lines = [f"{model.display}: {rule.rule.label} {status}. {rule.message}",
             *reason_lines(rule, base=evidence_base(model))]
    return "\n".join(lines)


def _rule_result(model: AuditedModel, ref: ModelReference, rule: RuleResult, index: dict[str, int]) \
        -> dict[str, Any]:
    ident = rule_id(rule.rule.key)
    result: dict[str, Any] = {
        "ruleId": ident,
        "ruleIndex": index[ident],
        "level": "error",
        "message": {"text": _rule_message(model, rule)},
        "locations": [_location(ref)],
        "partialFingerprints": {"howopenModelRule/v1": _fingerprint(model.model, rule.rule.key, ref.file,
                                                                    ref.text)},
        "properties": {"model": model.model, "kind": model.kind, "status": rule.status,
                       "statusWithoutException": rule.unexcepted_status or rule.status,
                       "answer": None if rule.answer is None else str(rule.answer)},
    }
    if rule.status == EXCEPTED and rule.exception is not None:
        justification = rule.exception.reason + (f" (until {rule.exception.expires.isoformat()})"
                                                 if rule.exception.expires else "")
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": justification}]
    return result


def _reference_result(model: AuditedModel, ref: ModelReference, policy: PolicyResult | None,
                      index: dict[str, int]) -> dict[str, Any]:
    license_label = model.report.license.label() if model.report and model.report.license else "unknown"
    text = (f"{ref.how} references {model.display}: verdict {model.label}, license {license_label}"
            if model.checked else f"{ref.how} references {model.display}, which could not be checked: {model.error}")
    return {
        "ruleId": REFERENCE_RULE,
        "ruleIndex": index[REFERENCE_RULE],
        "kind": "pass" if policy is not None else "informational",
        "level": "none",
        "message": {"text": text},
        "locations": [_location(ref)],
        "partialFingerprints": {"howopenModelReference/v1": _fingerprint(model.model, ref.file, ref.text)},
        "properties": {"model": model.model, "kind": model.kind, "verdict": model.label, "checked": model.checked},
    }


def sarif_log(result: AuditResult) -> dict[str, Any]:
    descriptors = _rule_descriptors()
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results: list[dict[str, Any]] = []
    for model in result.models:
        shown = [r for r in model.policy.results if r.blocking or r.status == EXCEPTED] if model.policy else []
        for ref in model.references:
            if shown:
                results.extend(_rule_result(model, ref, rule, index) for rule in shown)
            else:
                results.append(_reference_result(model, ref, model.policy, index))
    root_uri = result.root.resolve().as_uri() + "/"
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "howopen", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "originalUriBaseIds": {ROOT: {"uri": root_uri}},
            "invocations": [{"executionSuccessful": True,
                             "toolExecutionNotifications": [
                                 {"level": "warning", "message": {"text": f"{file}: {why}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {
                                      "uri": quote(file), "uriBaseId": ROOT}}}]}
                                 for file, why in result.skipped]}],
            "results": results,
            "properties": {"policy": result.policy.to_dict(), "policyHolds": result.holds,
                           "models": len(result.models), "references": len(result.references)},
        }],
    }


def render_audit(result: AuditResult) -> str:
    return json.dumps(sarif_log(result), indent=2, ensure_ascii=False) + "\n"

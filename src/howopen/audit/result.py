"""The outcome of an audit: each distinct model, where it is referenced, its report (or why there is none) and
the policy's answer for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..policy import Policy, PolicyResult
from ..report import Report
from .references import ModelReference

AUDIT_SCHEMA = "howopen.audit/1"


@dataclass(frozen=True)
class AuditedModel:
    """One distinct model: its references, and either its report or the reason it could not be checked."""

    model: str
    kind: str
    references: tuple[ModelReference, ...]
    report: Report | None = None
    error: str | None = None  # why it could not be checked (offline, not found, not readable, ...)
    policy: PolicyResult | None = None

    @property
    def checked(self) -> bool:
        return self.report is not None

    @property
    def label(self) -> str:
        """The plain verdict, or `unknown` when the model could not be checked."""
        return self.report.label if self.report is not None else "unknown"

    @property
    def display(self) -> str:
        revision = self.references[0].revision if self.references else None
        return f"{self.model}@{revision}" if revision else self.model

    def to_dict(self, *, with_report: bool = True) -> dict[str, Any]:
        report = self.report
        data: dict[str, Any] = {
            "model": self.model,
            "kind": self.kind,
            "checked": self.checked,
            "error": self.error,
            "verdict": self.label,
            "license": report.to_dict()["license"]["id"] if report else None,
            "references": [r.to_dict() for r in self.references],
            "policy": self.policy.to_dict() if self.policy else None,
        }
        if with_report:
            data["report"] = report.to_dict() if report else None
        return data


@dataclass(frozen=True)
class AuditResult:
    root: Path
    models: tuple[AuditedModel, ...]
    policy: Policy
    files_seen: int = 0
    files_read: int = 0
    skipped: tuple[tuple[str, str], ...] = ()
    offline: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def references(self) -> list[ModelReference]:
        return [r for m in self.models for r in m.references]

    @property
    def policy_applied(self) -> bool:
        return not self.policy.empty

    @property
    def holds(self) -> bool:
        return all(m.policy.holds for m in self.models if m.policy is not None)

    @property
    def failing(self) -> list[AuditedModel]:
        return [m for m in self.models if m.policy is not None and not m.policy.holds]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": AUDIT_SCHEMA,
            "root": str(self.root),
            "offline": self.offline,
            "summary": {
                "files_seen": self.files_seen,
                "files_read": self.files_read,
                "references": len(self.references),
                "models": len(self.models),
                "unchecked": sum(1 for m in self.models if not m.checked),
                "policy_applied": self.policy_applied,
                "policy_holds": self.holds if self.policy_applied else None,
                "failing_models": [m.model for m in self.failing],
            },
            "policy": self.policy.to_dict(),
            "models": [m.to_dict() for m in self.models],
            "skipped": [{"file": f, "why": why} for f, why in self.skipped],
            "notes": list(self.notes),
        }

"""The outcome of applying a policy to one model: each rule's answer, the clause or reason behind it, and whether
the policy holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..report import Reason
from .model import Policy, PolicyException
from .rules import Rule

PASS = "pass"
FAIL = "fail"
UNKNOWN = "unknown"
EXCEPTED = "excepted"


@dataclass(frozen=True)
class RuleResult:
    """One rule's answer for one model.

    `status` is pass, fail, unknown (the evidence does not settle it; unknown is not a pass) or excepted (it failed
    or was unknown, and a listed exception allows that). `answer` is the value that decided it (a verdict label, a
    term's value, a framework field); `reasons` carry the clause or framework reason with its location.
    """

    rule: Rule
    status: str
    message: str
    answer: Any = None
    reasons: tuple[Reason, ...] = ()
    exception: PolicyException | None = None
    unexcepted_status: str | None = None  # for an excepted rule: fail or unknown

    @property
    def blocking(self) -> bool:
        return self.status in (FAIL, UNKNOWN)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule.name,
            "mode": self.rule.mode,
            "id": self.rule.key,
            "summary": self.rule.summary,
            "status": self.status,
            "answer": self.answer,
            "message": self.message,
            "reasons": [r.to_dict() for r in self.reasons],
        }
        if self.exception is not None:
            data["exception"] = self.exception.to_dict()
            data["status_without_exception"] = self.unexcepted_status
        return data


@dataclass(frozen=True)
class PolicyResult:
    """A policy applied to one model. It holds when no rule fails or is unknown (exceptions aside)."""

    policy: Policy
    model: str
    results: tuple[RuleResult, ...]
    notes: tuple[str, ...] = ()  # expired exceptions and similar remarks

    @property
    def holds(self) -> bool:
        return not any(r.blocking for r in self.results)

    @property
    def outcome(self) -> str:
        """pass, fail (some rule fails) or unknown (none fails, some are unknown)."""
        if any(r.status == FAIL for r in self.results):
            return FAIL
        if any(r.status == UNKNOWN for r in self.results):
            return UNKNOWN
        return PASS

    @property
    def blocking(self) -> list[RuleResult]:
        return [r for r in self.results if r.blocking]

    def to_dict(self) -> dict[str, Any]:
        return {
            "holds": self.holds,
            "outcome": self.outcome,
            "model": self.model,
            "policy": self.policy.to_dict(),
            "rules": [r.to_dict() for r in self.results],
            "failed": [r.rule.key for r in self.results if r.blocking],
            "notes": list(self.notes),
        }

"""Policies: rules a project requires or forbids of the models it uses, exceptions, and their evaluation.

The rules, policies and policy files load with the package; the evaluation (`evaluate`, `unchecked`, in
`evaluation.py`) and its results (`result.py`), which need the report model and the license knowledge base, load
on first use (PEP 562), so that `howopen check --help` can list the rule names without them."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .load import PolicyError, find_policy_file, load_policy_file, resolve_policy
from .model import Policy, PolicyException
from .rules import FORBID, REQUIRE, Rule, lookup, rule_names, rules

_LAZY = {"evaluate": "evaluation", "unchecked": "evaluation", "EXCEPTED": "result", "FAIL": "result",
         "PASS": "result", "UNKNOWN": "result", "PolicyResult": "result", "RuleResult": "result"}

if TYPE_CHECKING:
    from .evaluation import evaluate, unchecked
    from .result import EXCEPTED, FAIL, PASS, UNKNOWN, PolicyResult, RuleResult


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "EXCEPTED",
    "FAIL",
    "FORBID",
    "PASS",
    "REQUIRE",
    "UNKNOWN",
    "Policy",
    "PolicyError",
    "PolicyException",
    "PolicyResult",
    "Rule",
    "RuleResult",
    "evaluate",
    "find_policy_file",
    "load_policy_file",
    "lookup",
    "resolve_policy",
    "rule_names",
    "rules",
    "unchecked",
]

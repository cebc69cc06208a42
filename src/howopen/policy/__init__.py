"""Policies: rules a project requires or forbids of the models it uses, exceptions, and their evaluation.

The rules, policies and policy files load with the package; the evaluation (`evaluate`, `unchecked`, in
`evaluation.py`) and its results (`result.py`), which need the report model and the license knowledge base, load
on first use (PEP 562), so that `howopen check --help` can list the rule names without them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import exports
from .load import PolicyError, find_policy_file, load_policy_file, resolve_policy
from .model import Policy, PolicyException
from .rules import FORBID, REQUIRE, Rule, lookup, rule_names, rules

_LAZY = {"evaluate": "evaluation", "unchecked": "evaluation", "EXCEPTED": "result", "FAIL": "result",
         "PASS": "result", "UNKNOWN": "result", "PolicyResult": "result", "RuleResult": "result"}

if TYPE_CHECKING:
    from .evaluation import evaluate, unchecked
    from .result import EXCEPTED, FAIL, PASS, UNKNOWN, PolicyResult, RuleResult


__getattr__ = exports(__name__, _LAZY)


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

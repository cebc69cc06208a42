"""Policies: rules a project requires or forbids of the models it uses, exceptions, and their evaluation."""

from .evaluate import evaluate, unchecked
from .load import PolicyError, find_policy_file, load_policy_file, resolve_policy
from .model import Policy, PolicyException
from .result import EXCEPTED, FAIL, PASS, UNKNOWN, PolicyResult, RuleResult
from .rules import FORBID, REQUIRE, Rule, lookup, rule_names, rules

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

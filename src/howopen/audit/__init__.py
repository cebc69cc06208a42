"""Audit of a codebase: find the models a project uses, check each, and apply the policy."""

from .references import GGUF, HUB, KINDS, LOCAL, OLLAMA, ModelReference
from .result import AUDIT_SCHEMA, AuditedModel, AuditResult
from .run import Checker, NotCheckable, audit, default_checker
from .scan import ScanResult, scan

__all__ = [
    "AUDIT_SCHEMA",
    "GGUF",
    "HUB",
    "KINDS",
    "LOCAL",
    "OLLAMA",
    "AuditResult",
    "AuditedModel",
    "Checker",
    "ModelReference",
    "NotCheckable",
    "ScanResult",
    "audit",
    "default_checker",
    "scan",
]

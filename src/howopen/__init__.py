"""howopen: how open is this AI model, really? Evidence-backed openness grades for AI model releases.

The package's names are imported on first use (PEP 562), so `howopen --version` and `howopen license TAG` do not
load the pipeline, the Hub client or the web stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it (tool.hatch.version)

_LAZY = {
    "HowopenError": "errors", "TargetError": "errors",
    "Artifact": "evidence", "ArtifactKind": "evidence", "Provenance": "evidence", "Release": "evidence",
    "Status": "evidence",
    "assess": "pipeline", "check": "pipeline",
    "SCHEMA": "report", "FrameworkResult": "report", "Reason": "report", "Report": "report",
}

if TYPE_CHECKING:
    from .errors import HowopenError, TargetError
    from .evidence import Artifact, ArtifactKind, Provenance, Release, Status
    from .pipeline import assess, check
    from .report import SCHEMA, FrameworkResult, Reason, Report


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'howopen' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "SCHEMA",
    "Artifact",
    "ArtifactKind",
    "FrameworkResult",
    "HowopenError",
    "Provenance",
    "Reason",
    "Release",
    "Report",
    "Status",
    "TargetError",
    "__version__",
    "assess",
    "check",
]

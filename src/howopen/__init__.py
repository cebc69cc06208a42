"""howopen: how open is this AI model, really? Evidence-backed openness grades for AI model releases.

The package's names are imported on first use (PEP 562), so `howopen --version` and `howopen license TAG` do not
load the pipeline, the Hub client or the web stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import exports

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


__getattr__ = exports(__name__, _LAZY)


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

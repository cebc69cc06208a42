"""howopen: how open is this AI model, really? Evidence-backed openness grades for AI model releases."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import HowopenError, TargetError
from .evidence import Artifact, ArtifactKind, Provenance, Release, Status
from .pipeline import assess, check
from .report import SCHEMA, FrameworkResult, Reason, Report

try:
    __version__ = version("howopen")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

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

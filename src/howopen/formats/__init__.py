"""Formats render one `Report` many ways. No format computes a judgment.

Each format module has `render(report) -> str | rich renderable`; register it in `FORMATS`. Formats of an audit
(`howopen audit`) take an `AuditResult` and are registered in `AUDIT_FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..audit.result import AuditResult
from ..report import Report
from . import audit as audit_format
from . import cyclonedx, markdown, sarif, spdx, terminal
from . import json as json_format

Renderer = Callable[[Report], Any]
AuditRenderer = Callable[[AuditResult], Any]

FORMATS: dict[str, Renderer] = {
    "terminal": terminal.render,
    "json": json_format.render,
    "markdown": markdown.render,
    "cyclonedx": cyclonedx.render,
    "spdx": spdx.render,
}

AUDIT_FORMATS: dict[str, AuditRenderer] = {
    "terminal": audit_format.render_terminal,
    "json": audit_format.render_json,
    "markdown": audit_format.render_markdown,
    "sarif": sarif.render_audit,
    "cyclonedx": cyclonedx.render_audit,
    "spdx": spdx.render_audit,
}

__all__ = ["AUDIT_FORMATS", "FORMATS", "AuditRenderer", "Renderer"]

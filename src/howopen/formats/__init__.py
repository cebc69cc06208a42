"""Formats render one `Report` many ways. No format computes a judgment.

Each format module has `render(report) -> str | rich renderable`; register it in `FORMATS`. Formats of an audit
(`howopen audit`) take an `AuditResult` and are registered in `AUDIT_FORMATS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..audit.result import AuditResult
from ..report import Report
from . import audit as audit_format
from . import eosai, markdown, mof, terminal
from . import json as json_format

Renderer = Callable[[Report], Any]
AuditRenderer = Callable[[AuditResult], Any]


def _lazy(module: str, function: str) -> Callable[[Any], Any]:
    """A renderer whose module (and its libraries: cyclonedx-python-lib, spdx-python-model) loads on first use."""

    def render(subject: Any) -> Any:
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)(subject)

    render.__name__ = f"{module}.{function}"
    return render


FORMATS: dict[str, Renderer] = {
    "terminal": terminal.render,
    "json": json_format.render,
    "markdown": markdown.render,
    "mof": mof.render,
    "eosai": eosai.render,
    "cyclonedx": _lazy("cyclonedx", "render"),
    "spdx": _lazy("spdx", "render"),
}

# the formats a person reads come in three layers: the default (one screen), `--full` and `--quiet`
LAYERED: dict[str, dict[str, Renderer]] = {
    "terminal": {"full": terminal.render_full, "quiet": terminal.render_quiet},
    "markdown": {"full": markdown.render_full, "quiet": markdown.render_quiet},
}

AUDIT_FORMATS: dict[str, AuditRenderer] = {
    "terminal": audit_format.render_terminal,
    "json": audit_format.render_json,
    "markdown": audit_format.render_markdown,
    "sarif": _lazy("sarif", "render_audit"),
    "cyclonedx": _lazy("cyclonedx", "render_audit"),
    "spdx": _lazy("spdx", "render_audit"),
}

__all__ = ["AUDIT_FORMATS", "FORMATS", "LAYERED", "AuditRenderer", "Renderer"]

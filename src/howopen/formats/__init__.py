"""Formats render one `Report` many ways. No format computes a judgment.

Each format module has `render(report) -> str | rich renderable`; register it in `FORMATS`. Formats of an audit
(`howopen audit`) take an `AuditResult` and are registered in `AUDIT_FORMATS`.

Every renderer here is `_lazy`: its module (and what that imports: the report model, Rich, cyclonedx-python-lib,
spdx-python-model) loads when it first renders, so that `howopen check --help` can list the format names without
them (tests/test_cli_startup.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..audit.result import AuditResult
    from ..report import Report

Renderer = Callable[["Report"], Any]
AuditRenderer = Callable[["AuditResult"], Any]


def _lazy(module: str, function: str) -> Callable[[Any], Any]:
    """A renderer whose module (and its libraries) loads on first use."""

    def render(subject: Any) -> Any:
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)(subject)

    render.__name__ = f"{module}.{function}"
    return render


FORMATS: dict[str, Renderer] = {
    "terminal": _lazy("terminal", "render"),
    "json": _lazy("json", "render"),
    "markdown": _lazy("markdown", "render"),
    "mof": _lazy("mof", "render"),
    "eosai": _lazy("eosai", "render"),
    "cyclonedx": _lazy("cyclonedx", "render"),
    "spdx": _lazy("spdx", "render"),
}

# the formats a person reads come in three layers: the default (one screen), `--full` and `--quiet`
LAYERED: dict[str, dict[str, Renderer]] = {
    "terminal": {"full": _lazy("terminal", "render_full"), "quiet": _lazy("terminal", "render_quiet")},
    "markdown": {"full": _lazy("markdown", "render_full"), "quiet": _lazy("markdown", "render_quiet")},
}

AUDIT_FORMATS: dict[str, AuditRenderer] = {
    "terminal": _lazy("audit", "render_terminal"),
    "json": _lazy("audit", "render_json"),
    "markdown": _lazy("audit", "render_markdown"),
    "sarif": _lazy("sarif", "render_audit"),
    "cyclonedx": _lazy("cyclonedx", "render_audit"),
    "spdx": _lazy("spdx", "render_audit"),
}

__all__ = ["AUDIT_FORMATS", "FORMATS", "LAYERED", "AuditRenderer", "Renderer"]

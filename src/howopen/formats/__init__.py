"""Formats render one `Report` many ways. No format computes a judgment.

Each format module has `render(report) -> str | rich renderable`; register it in `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..report import Report
from . import eosai, markdown, mof, terminal
from . import json as json_format

Renderer = Callable[[Report], Any]

FORMATS: dict[str, Renderer] = {
    "terminal": terminal.render,
    "json": json_format.render,
    "markdown": markdown.render,
    "mof": mof.render,
    "eosai": eosai.render,
}

__all__ = ["FORMATS", "Renderer"]

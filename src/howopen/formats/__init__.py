"""Formats render one `Report` many ways. No format computes a judgment.

Each format module has `render(report) -> str | rich renderable`; register it in `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..report import Report
from . import json as json_format
from . import markdown, terminal

Renderer = Callable[[Report], Any]

FORMATS: dict[str, Renderer] = {
    "terminal": terminal.render,
    "json": json_format.render,
    "markdown": markdown.render,
}

__all__ = ["FORMATS", "Renderer"]

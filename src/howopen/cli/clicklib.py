"""The click that Typer runs on: recent Typer releases vendor it as `typer._click`, older ones use `click`."""

from __future__ import annotations

from typing import Any

click: Any
try:
    from typer import _click as click
except ImportError:  # pragma: no cover - a Typer that depends on the click package
    import click

__all__ = ["click"]

"""Console output and the one-line error convention every command shares."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import HowopenError

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def emit(rendered: Any) -> None:
    """Write a format's output: text goes to stdout verbatim, Rich renderables through the console."""
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
    else:
        console.print(rendered)


def fail(message: str, code: int = 2) -> NoReturn:
    err_console.print(f"[bold red]howopen: error:[/] {escape(message)}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def fail_with(error: HowopenError) -> NoReturn:
    fail(str(error), error.exit_code)

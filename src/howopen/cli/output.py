"""Console output and the one-line error convention every command shares.

Rich is imported only when a command prints through a console (`console`, `err_console`, created on first use), so
a command that writes plain text starts without it.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import HowopenError
from ..safetext import MACHINE_FORMATS, Safe, visible

if TYPE_CHECKING:
    from rich.console import Console

    console: Console
    err_console: Console

_consoles: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name not in ("console", "err_console"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name not in _consoles:
        from rich.console import Console

        _consoles[name] = (Console(highlight=False, soft_wrap=False) if name == "console"
                           else Console(stderr=True, highlight=False, soft_wrap=True))
    return _consoles[name]


_TRAILING = re.compile(r"[ ]+((?:\x1b\[[0-9;]*m)*)$", re.M)


def emit(rendered: Any, fmt: str = "terminal") -> None:
    """Write a format's output: text goes to stdout, Rich renderables through the console (at its width, without
    the spaces Rich pads lines with). For people's formats (terminal, Markdown) control characters and bidi
    overrides from the evidence are shown escaped, never interpreted (`howopen.safetext`; for Rich, before Rich
    adds its own styles); machine formats (`fmt` json, sarif, ...) escape in their own syntax."""
    if not isinstance(rendered, str):
        terminal = __getattr__("console")
        with terminal.capture() as captured:
            terminal.print(Safe(rendered))
        rendered = _TRAILING.sub(r"\1", captured.get())
    elif fmt not in MACHINE_FORMATS:
        rendered = visible(rendered, keep_newlines=True)
    sys.stdout.write(rendered)
    sys.stdout.flush()


def terminal_width() -> int | None:
    """The width tables must fit: `COLUMNS` when set, the terminal's when printing to one, else None (a pipe or a
    file gets whole lines)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def print_error(message: str, *, prefix: str = "howopen: error: ") -> None:
    """One line on stderr: `howopen: error: what is wrong; what to do` (shown with `visible`: one line, inert)."""
    sys.stderr.write(f"{prefix}{visible(message)}\n")
    sys.stderr.flush()


def fail(message: str, code: int = 2) -> NoReturn:
    import typer  # here: `howopen license TAG`, called without Typer (cli/entry.py), imports it only to fail

    print_error(message)
    raise typer.Exit(code)


def fail_with(error: HowopenError) -> NoReturn:
    fail(str(error), error.exit_code)


def internal_error(exc: BaseException) -> NoReturn:
    """The last line of defence: an unexpected error in one line, exit 3 (HOWOPEN_DEBUG=1 shows the traceback)."""
    if os.environ.get("HOWOPEN_DEBUG"):
        raise exc
    print_error(f"{exc.__class__.__name__}: {exc} (set HOWOPEN_DEBUG=1 to see the traceback, and please report it)",
                prefix="howopen: internal error: ")
    sys.exit(3)

"""Every place the CLI reaches past Typer's public API, in one module, each with the reason.

Typer (0.29) vendors click as `typer._click` and has no public way to do what these do; tests/test_typer_seams.py
checks each one against the installed Typer, so that an upgrade that moves one fails a test rather than the CLI, and
pyproject.toml pins Typer to the minor release they were written for. Everything else in `howopen.cli` uses Typer's
public API (`typer.Typer`, `typer.Argument`, `typer.Option`, `typer.Exit`, `typer.main.get_command`).
"""

from __future__ import annotations

from types import MethodType
from typing import Any

from typer.core import TyperGroup  # the group class Typer builds; the documented base for a custom `cls=`

click: Any
try:  # the click that Typer runs on, for its exception classes and help formatter
    from typer import _click as click
except ImportError:  # pragma: no cover - a Typer that depends on the click package
    import click

__all__ = ["TyperGroup", "click", "completion_script", "is_no_args_help", "plain_argument", "plain_wrapping",
           "register_completion_classes", "without_completion_option"]


def plain_wrapping() -> None:
    """Help text wraps at spaces only (`osi-approved`, `non-commercial` never split across lines). click's help
    formatter takes no wrapper and Typer no formatter class, so the wrapper class click uses is swapped once."""
    module: Any = __import__(f"{click.__name__}._textwrap", fromlist=["TextWrapper"])
    base = module.TextWrapper
    if getattr(base, "howopen", False):
        return

    class NoHyphenBreaks(base):  # type: ignore[misc, valid-type]
        howopen = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["break_on_hyphens"] = False
            super().__init__(*args, **kwargs)

    module.TextWrapper = NoHyphenBreaks


def plain_argument(param: Any) -> None:
    """An argument shown as `TARGET` in usage (Typer writes `{TARGET}`) and without a type (`TARGET <str>`); Typer
    offers no setting for either, so the two display methods are replaced on the parameter object."""
    param._usage_display_name = MethodType(_usage_name, param)
    param.display_type_rich = _no_type


def _usage_name(param: Any) -> str:
    return str(param.metavar) if param.required else f"[{param.metavar}]"


def _no_type(ctx: Any) -> None:
    return None


def without_completion_option(app: Any) -> None:
    """A sub-app added to the lazy root without Typer's --install-completion option (`howopen completion SHELL`
    replaces it); Typer reads the constructor's `add_completion` into this attribute and has no setter."""
    app._add_completion = False


def register_completion_classes() -> None:
    """The bash/zsh/fish completion classes, which Typer registers only when it adds its own completion option."""
    from typer.completion import completion_init

    completion_init()


def completion_script(shell: str) -> str:
    """The completion script Typer's --show-completion would print, for `howopen completion SHELL`."""
    from typer.completion import get_completion_script

    return str(get_completion_script(prog_name="howopen", complete_var="_HOWOPEN_COMPLETE", shell=shell))


def is_no_args_help(exc: BaseException) -> bool:
    """Bare `howopen` (usage, exit 2): click raises NoArgsIsHelpError, which Typer does not export; Typer itself
    recognises it by name."""
    return type(exc).__name__ == "NoArgsIsHelpError"

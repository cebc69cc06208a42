"""The `howopen` command: a table of subcommands, each imported only when it runs, and one-line errors.

`howopen --version`, `howopen --help` and `howopen license TAG` must start at once, so this module imports nothing
of the pipeline, the Hub client or the web stack: a command's module is imported when that command is chosen
(see COMMANDS). A command's module in turn imports what the command does (the pipeline, policies, DuckDB, Rich)
inside the command function, so that `howopen COMMAND --help` loads Typer and the options alone
(tests/test_cli_startup.py). To add a command, write its module (a function, or a `typer.Typer` for a group of
subcommands) and add one row to COMMANDS.
"""

from __future__ import annotations

import os
import sys
from difflib import get_close_matches
from importlib import import_module
from typing import Any, NamedTuple

import typer

from .. import __version__
from .output import internal_error, print_error
from .typerlib import (
    TyperGroup,
    click,
    is_no_args_help,
    plain_argument,
    plain_wrapping,
    register_completion_classes,
    without_completion_option,
)


class Entry(NamedTuple):
    module: str  # under howopen.cli
    attribute: str  # a command function, or a typer.Typer holding subcommands
    summary: str  # the one sentence `howopen --help` shows, without importing the module


COMMANDS: dict[str, Entry] = {
    "check": Entry("check", "check", "Grade how open a model release is, with the evidence for every judgment."),
    "license": Entry("license", "license", "Identify a license (file, tag or SPDX expression) and explain its terms."),
    "audit": Entry("audit", "audit", "Find the models a codebase uses, grade each and apply a policy."),
    "list": Entry("list", "list_catalog", "List the bundled catalog of model releases with their verdicts."),
    "compare": Entry("compare", "compare", "Compare two to four releases side by side."),
    "index": Entry("index", "app", "Build and extend the openness index behind the web app."),
    "serve": Entry("serve", "serve", "Serve the web app (leaderboard, model pages, compare, API) on localhost."),
    "site": Entry("site", "app", "Export the web app as a static site."),
    "census": Entry("census", "census", "The open-washing census of the index, family by family."),
    "completion": Entry("completion", "completion", "Print the shell completion script for bash, zsh or fish."),
}

HELP = ("How open is this AI model, really? howopen grades a model release under every major openness framework "
        "(MOF, OSI's OSAID, the European Open Source AI Index, the EU AI Act exemption) with a plain verdict, and "
        "ties every judgment to its evidence.")
EPILOG = "Run `howopen COMMAND --help` for a command's options, for example `howopen check --help`."
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _completion_classes() -> None:
    """Only when the shell asks for completions (`_HOWOPEN_COMPLETE` set by the completion script)."""
    if any(key.endswith("_COMPLETE") for key in os.environ):
        register_completion_classes()


def load(name: str) -> Any:
    """The click command for `name`, built from its module on first use."""
    entry = COMMANDS[name]
    target = getattr(import_module(f".{entry.module}", __package__), entry.attribute)
    wrapper = typer.Typer(rich_markup_mode=None, add_completion=False, context_settings=CONTEXT)
    if isinstance(target, typer.Typer):  # a group: `howopen index build`, `howopen site build`
        target.rich_markup_mode = None
        without_completion_option(target)
        wrapper.add_typer(target, name=name)
        wrapper.callback()(lambda: None)
        group: Any = typer.main.get_command(wrapper)
        command = group.commands[name]
    else:
        wrapper.command(name, short_help=entry.summary)(target)
        command = typer.main.get_command(wrapper)
    command.name = name
    command.short_help = command.short_help or entry.summary
    tidy(command)
    return command


def tidy(command: Any) -> None:
    """Help that reads as sentences: arguments as TARGET (not `{target}`), options as `--format FORMAT` (not
    `<str>`), flags without a value, for this command and its subcommands."""
    for param in command.params:
        if param.metavar is None and not getattr(param, "is_flag", False):
            param.metavar = (param.name or "value").upper() + ("..." if param.nargs == -1 else "")
        if param.param_type_name == "argument":  # Typer shows `{TARGET}` and `TARGET <str>`: plain names instead
            plain_argument(param)
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)


class LazyGroup(TyperGroup):
    """A group whose subcommands are imported when chosen; `--help` lists them from COMMANDS alone."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in COMMANDS if n not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = super().get_command(ctx, cmd_name)
        if found is None and cmd_name in COMMANDS:
            found = load(cmd_name)
            self.commands[cmd_name] = found
        return found

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.UsageError as exc:
            if args and "Did you mean" not in exc.message:
                close = get_close_matches(args[0], self.list_commands(ctx), n=3, cutoff=0.6)
                if close:
                    exc.message = f"{exc.message.rstrip('.')}; did you mean {' or '.join(close)}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, entry.summary) for name, entry in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="howopen",
    cls=LazyGroup,
    help=HELP,
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings=CONTEXT,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"howopen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """How open is this AI model, really?"""


def main() -> None:
    """Entry point: run the app; an unexpected error is one line (set HOWOPEN_DEBUG=1 for the traceback)."""
    plain_wrapping()
    _completion_classes()
    try:
        code = app(standalone_mode=False, prog_name="howopen")
    except typer.TyperException as exc:  # Typer's (click's) own errors: a bad option, a missing argument, ...
        ctx = getattr(exc, "ctx", None)
        if is_no_args_help(exc) and ctx is not None:  # bare `howopen`: the help, once
            typer.echo(ctx.get_help())
            sys.exit(2)
        where = f"; see `{ctx.command_path} --help`" if ctx is not None else ""
        print_error(f"{exc.format_message().rstrip('.')}{where}")
        sys.exit(exc.exit_code)
    except typer.Abort:
        print_error("interrupted", prefix="howopen: ")
        sys.exit(130)
    except KeyboardInterrupt:
        print_error("interrupted", prefix="howopen: ")
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - the last line of defence
        if os.environ.get("HOWOPEN_DEBUG"):
            raise
        internal_error(exc)
    sys.exit(code if isinstance(code, int) else 0)

"""The `howopen` command: registers each subcommand and turns failures into one-line errors."""

from __future__ import annotations

import os
import sys

import typer

from .. import __version__
from . import audit as audit_command
from . import check as check_command
from . import compare as compare_command
from . import index as index_command
from . import license as license_command
from . import list as list_command
from . import serve as serve_command
from . import site as site_command
from .output import err_console

app = typer.Typer(
    name="howopen",
    help="How open is this AI model, really? Grades a model release under every major openness framework "
         "(MOF, OSI's OSAID, the European Open Source AI Index, the EU AI Act exemption) with a plain verdict, "
         "tying every judgment to its evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
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


app.command("check")(check_command.check)
app.command("license")(license_command.license)
app.command("audit")(audit_command.audit)
app.command("list")(list_command.list_catalog)
app.command("compare")(compare_command.compare)
app.add_typer(index_command.app, name="index")
app.command("serve")(serve_command.serve)
app.add_typer(site_command.app, name="site")


def main() -> None:
    """Entry point: run the app; an unexpected error is one line (set HOWOPEN_DEBUG=1 for the traceback)."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # Typer's (click's) own errors: a bad option, a missing argument, ...
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:  # bare `howopen`: the help, as before
            typer.echo(ctx.get_help())
            sys.exit(2)
        where = f"; see `{ctx.command_path} --help`" if ctx is not None else ""
        err_console.print(f"howopen: error: {exc.format_message().rstrip('.')}{where}", markup=False, highlight=False,
                          soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("howopen: interrupted")
        sys.exit(130)
    except KeyboardInterrupt:
        err_console.print("howopen: interrupted")
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - the last line of defence
        if os.environ.get("HOWOPEN_DEBUG"):
            raise
        err_console.print(f"howopen: internal error: {exc.__class__.__name__}: {exc} "
                          "(set HOWOPEN_DEBUG=1 to see the traceback, and please report it)")
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)

"""The `howopen` program's entry point: `howopen license TARGET` directly, everything else through Typer.

Typer converts every argument through a pydantic `TypeAdapter`, and importing Typer and pydantic costs more than
the whole `howopen license apache-2.0`. A lone argument needs no conversion, so `howopen license TARGET` (exactly
that: no option, no `--help`, no completion request) calls the command's body, `howopen.cli.license_run.run`,
without them; tests/test_cli_startup.py checks that it prints what the Typer path (`howopen license --format
terminal TARGET`) prints, and bench/bench_startup.py times it. Every other command line goes to
`howopen.cli.app.main`.
"""

from __future__ import annotations

import os
import sys


def direct_license(args: list[str]) -> bool:
    """`license TARGET` with nothing else, on a platform where Typer would not expand the argument (Windows)."""
    return (len(args) == 2 and args[0] == "license" and not args[1].startswith("-") and os.name != "nt"
            and not any(key.endswith("_COMPLETE") for key in os.environ))


def main() -> None:
    args = sys.argv[1:]
    if not direct_license(args):
        from .app import main as typer_main

        typer_main()
        return
    from .output import internal_error, print_error

    try:
        from .license_run import run

        run(args[1])
        sys.stdout.flush()
    except BrokenPipeError:  # `howopen license mit | head -1`: quietly, exit 1, as click does
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the interpreter flushes it at exit
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        print_error("interrupted", prefix="howopen: ")
        sys.exit(130)
    except Exception as exc:
        import typer  # `fail` raises Typer's Exit: imported only when a command fails

        if isinstance(exc, typer.Exit):
            sys.exit(exc.exit_code)
        internal_error(exc)
    sys.exit(0)

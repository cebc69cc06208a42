"""`howopen check`: grade one model release and print the report; with a policy, exit 1 when it fails.

The pipeline (the Hub client, the graders) is imported when the command runs, so `howopen check --help` starts
without it (tests/test_cli_startup.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from ..errors import HowopenError
from ..formats import FORMATS, LAYERED
from .complete import catalog_names
from .output import emit, fail, fail_with
from .policy_options import ForbidOption, PolicyOption, RequireOption, report_failures


def check(
    target: Annotated[str, typer.Argument(help="A model folder (a Hugging Face snapshot on disk), a Hub id "
                                               "(org/name, org/name@revision), a Hub URL, a name in the bundled "
                                               "catalog (see `howopen list`) or a Model Openness Tool record "
                                               "(.yml), or a model card file (README.md or any .md, graded from "
                                               "the card alone).",
                                          show_default=False, autocompletion=catalog_names)],
    format: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")]
    = "terminal",
    offline: Annotated[bool, typer.Option("--offline", help="Use no network; work from local and cached "
                                                            "evidence only.")] = False,
    revision: Annotated[str | None, typer.Option("--revision", "-r",
                                                 help="The Hub revision to check: a branch, tag or commit "
                                                      "(default: the main branch).",
                                                 show_default=False)] = None,
    full: Annotated[bool, typer.Option("--full", "-v", help="The whole report: every artifact, reason, clause, "
                                                            "framework and lineage step.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print the verdict line alone.")] = False,
    require: RequireOption = None,
    forbid: ForbidOption = None,
    policy: PolicyOption = None,
) -> None:
    """Grade how open a model release is: verdict, license terms, artifacts and every framework, with evidence.
    With --require/--forbid (or a policy file), exit code 1 when the policy fails."""
    from ..pipeline import check as run_check  # here, not at the top: `howopen check --help` needs neither
    from ..policy import evaluate, resolve_policy

    renderer = FORMATS.get(format)
    if renderer is None:
        fail(f"unknown format '{format}'; choose one of: {', '.join(FORMATS)}")
    if full and quiet:
        fail("--full and --quiet ask for opposite things; choose one")
    if (full or quiet) and format not in LAYERED:
        fail(f"--full and --quiet apply to the terminal and markdown formats; --format {format} is always complete")
    if full or quiet:
        renderer = LAYERED[format]["full" if full else "quiet"]
    try:
        chosen = resolve_policy(require=require, forbid=forbid, policy_file=policy, search_from=Path.cwd())
        report = run_check(target, offline=offline, revision=revision)
    except HowopenError as exc:
        fail_with(exc)
    if not chosen.empty:
        report = replace(report, policy=evaluate(chosen, report, names=[target]))
    emit(renderer(report), format)
    if report.policy is not None:
        report_failures([report.policy], format)
        if not report.policy.holds:
            raise typer.Exit(1)

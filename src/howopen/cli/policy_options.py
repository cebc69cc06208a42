"""The policy options `check` and `audit` share, and how a failed policy is reported on the way out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..policy.rules import rule_names

if TYPE_CHECKING:
    from ..policy import PolicyResult

RequireOption = Annotated[list[str] | None, typer.Option(
    "--require", metavar="RULE",
    help="A rule the model must pass; repeat or separate with commas. One of: "
         + ", ".join(rule_names("require")) + ". Unknown is not a pass.", show_default=False)]
ForbidOption = Annotated[list[str] | None, typer.Option(
    "--forbid", metavar="TERM",
    help="A license term or condition the model must not have; repeat or separate with commas. One of: "
         + ", ".join(rule_names("forbid")) + ".", show_default=False)]
PolicyOption = Annotated[Path | None, typer.Option(
    "--policy", metavar="FILE",
    help="A policy file (howopen.toml, or pyproject.toml with [tool.howopen]); by default the nearest one is used.",
    show_default=False, dir_okay=False)]

MACHINE_FORMATS = {"json", "sarif", "cyclonedx", "spdx"}


def report_failures(results: list[PolicyResult], format: str) -> None:
    """For machine-readable output, the failed rules go to stderr so a CI log shows why the build failed."""
    if format not in MACHINE_FORMATS:
        return
    from ..formats.policy import plain_lines  # Rich and the report model: only when a policy was applied
    from .output import err_console

    for result in results:
        if result.holds:
            continue
        err_console.print(f"howopen: policy fails for {result.model}:", markup=False, highlight=False)
        for line in plain_lines(result, only_blocking=True):
            err_console.print(f"  {line}", markup=False, highlight=False)

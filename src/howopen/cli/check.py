"""`howopen check`: grade one model release and print the report."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import HowopenError
from ..formats import FORMATS
from ..pipeline import check as run_check
from .output import emit, fail, fail_with


def check(
    target: Annotated[str, typer.Argument(help="A model folder (a Hugging Face snapshot on disk), a Hub id "
                                               "(org/name, org/name@revision), a Hub URL or a Model Openness "
                                               "Tool record (.yml).",
                                          show_default=False)],
    format: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")]
    = "terminal",
    offline: Annotated[bool, typer.Option("--offline", help="Use no network; work from local and cached "
                                                            "evidence only.")] = False,
    revision: Annotated[str | None, typer.Option("--revision", "-r",
                                                 help="The Hub revision to check: a branch, tag or commit "
                                                      "(default: the main branch).",
                                                 show_default=False)] = None,
) -> None:
    """Grade how open a model release is: verdict, license terms, artifacts and every framework, with evidence."""
    renderer = FORMATS.get(format)
    if renderer is None:
        fail(f"unknown format '{format}'; choose one of: {', '.join(FORMATS)}")
    try:
        report = run_check(target, offline=offline, revision=revision)
    except HowopenError as exc:
        fail_with(exc)
    emit(renderer(report))

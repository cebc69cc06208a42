"""`howopen compare A B [C D]`: two to four releases side by side, artifact by artifact, framework by framework."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import HowopenError, UsageError
from .complete import catalog_names
from .output import emit, fail, fail_with, terminal_width

MIN_TARGETS, MAX_TARGETS = 2, 4
FORMATS = ("table", "markdown", "json")  # the keys of formats.comparison.RENDERERS, without importing it (tested)


def compare(
    targets: Annotated[list[str] | None, typer.Argument(
        help="Two to four targets: catalog names (see `howopen list`), Hub ids, Hub URLs or model folders.",
        show_default=False, autocompletion=catalog_names)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")]
    = "table",
    offline: Annotated[bool, typer.Option("--offline", help="Use no network: catalog, local and cached evidence "
                                                            "only.")] = False,
) -> None:
    """Compare releases side by side: verdict, license, artifacts, every framework and the license terms."""
    from ..formats.comparison import RENDERERS, render_text  # here: `howopen compare --help` needs neither
    from ..pipeline import check as run_check

    renderer = RENDERERS.get(format)
    if renderer is None:
        fail(f"unknown format '{format}'; choose one of: {', '.join(FORMATS)}")
    targets = targets or []
    try:
        if not MIN_TARGETS <= len(targets) <= MAX_TARGETS:
            raise UsageError(f"compare takes {MIN_TARGETS} to {MAX_TARGETS} targets, got {len(targets)}",
                             hint="for example: howopen compare DeepSeek-R1 gpt-4o")
        reports = [run_check(target, offline=offline) for target in targets]
    except HowopenError as exc:
        fail_with(exc)
    if format == "table":
        emit(render_text(reports, list(targets), width=terminal_width()), format)
    else:
        emit(renderer(reports, list(targets)), format)

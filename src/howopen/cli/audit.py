"""`howopen audit [PATH]`: find the models a project uses, check each, and apply the policy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import HowopenError
from ..formats import AUDIT_FORMATS
from .output import emit, fail, fail_with
from .policy_options import ForbidOption, PolicyOption, RequireOption, report_failures


def audit(
    path: Annotated[Path, typer.Argument(help="The project folder (or one file) to audit.", show_default=False)]
    = Path("."),
    format: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(AUDIT_FORMATS)}.")]
    = "terminal",
    require: RequireOption = None,
    forbid: ForbidOption = None,
    policy: PolicyOption = None,
    offline: Annotated[bool, typer.Option("--offline", help="Use no network; Hub models not in the local cache "
                                                            "are reported as unknown.")] = False,
) -> None:
    """Find the AI models a codebase uses (from_pretrained, hf_hub_download, snapshot_download, pipeline, config
    files, Ollama Modelfiles, GGUF files), grade each, and apply the policy. Exit code 1 when the policy fails for
    any model, including a model that could not be checked (unknown is not a pass)."""
    from ..audit import audit as run_audit  # here: `howopen audit --help` needs neither the pipeline nor policies
    from ..policy import resolve_policy

    renderer = AUDIT_FORMATS.get(format)
    if renderer is None:
        fail(f"unknown format '{format}'; choose one of: {', '.join(AUDIT_FORMATS)}")
    if not path.exists():
        fail(f"no such file or folder: {path}; give the project folder to audit")
    try:
        chosen = resolve_policy(require=require, forbid=forbid, policy_file=policy, search_from=path)
        result = run_audit(path, policy=chosen, offline=offline)
    except HowopenError as exc:
        fail_with(exc)
    emit(renderer(result), format)
    report_failures([m.policy for m in result.models if m.policy is not None], format)
    if result.policy_applied and not result.holds:
        raise typer.Exit(1)

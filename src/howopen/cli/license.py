"""`howopen license`: identify a license file, tag or SPDX expression and explain what it allows."""

from __future__ import annotations

from typing import Annotated

import typer

from .license_run import run


def license(
    target: Annotated[str, typer.Argument(
        help="A license file (LICENSE, LICENSE.md, ...), a Hub tag or license_name (llama3.1, gemma, mnpl), "
             "a license_link URL, or an SPDX expression (\"MIT OR Apache-2.0\").",
        show_default=False)],
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: terminal or json.")] = "terminal",
) -> None:
    """Explain a license: what it is, each term with its quoted clause and line, and how it fares under OSI's
    definition and the EU AI Act's open-source licence conditions. Unrecognized texts get the restrictive clauses
    howopen can still detect, and are never called open."""
    run(target, format)

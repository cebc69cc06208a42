"""`howopen license`: identify a license file, tag or SPDX expression and explain what it allows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer

from ..errors import HowopenError
from ..licenses.explain import explain, render_text
from ..licenses.identify import identify_any, identify_text
from ..licenses.textfile import read_license_file
from .output import emit, fail, fail_with, print_error

FORMATS = ("terminal", "json")


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
    if format not in FORMATS:
        fail(f"unknown format '{format}'; choose one of: {', '.join(FORMATS)}")
    value = target.strip()
    if not value:
        fail("no license given; give a license file, a license id or an SPDX expression")
    path = Path(value)
    read_notes: tuple[str, ...] = ()
    text: str | None = None
    try:
        if _looks_like_path(value) or path.exists():
            if not path.exists():
                fail(f"no such file: {value}; give a license file, a license id or an SPDX expression")
            read = read_license_file(path)
            ident = identify_text(read.text, str(path))
            read_notes, text = read.notes, read.text
        else:
            ident = identify_any(value)
            if ident.method == "spdx" and not ident.recognized and "not a valid SPDX expression" in (ident.note or ""):
                fail(f"{ident.note}; check the parentheses and the AND/OR/WITH operators")
    except HowopenError as exc:
        fail_with(exc)
    data = explain(ident, read_notes=read_notes, text=text)
    if format == "json":
        emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "json")
    else:
        emit(render_text(data))
    if text is None and not ident.recognized:
        hint = _suggestion(value)
        if hint:
            print_error(f"'{value}' is not a license id howopen knows; {hint}", prefix="howopen: ")


# LICENSE, LICENCE.txt, COPYING, NOTICE, LICENSE-MIT, license.md: names of files, never license ids
_FILE_NAME = re.compile(r"^(?:LICEN[CS]E|COPYING|NOTICE)(?:[-._][\w.-]*)?$", re.I)


def _looks_like_path(value: str) -> bool:
    return (("/" in value and "://" not in value) or value.lower().endswith((".txt", ".md", ".rst"))
            or bool(_FILE_NAME.match(value)))


def _suggestion(value: str) -> str | None:
    """`did you mean apache-2.0?` for a near-miss license id, tag or SPDX id."""
    if " " in value.strip():
        return None
    from ..licenses.kb import knowledge_base
    from ..suggest import did_you_mean

    kb = list(knowledge_base())
    names = [tag for lic in kb for tag in lic.hub_ids] + [lic.id for lic in kb]  # Hub tags first: lower-case
    return did_you_mean(value, names)

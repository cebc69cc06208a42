"""What `howopen license TARGET` does, apart from its options: identify the target and explain it.

Kept free of Typer so that `howopen license TAG` can run without the parser (see `howopen.cli.entry`); the command
with its options and help is `howopen.cli.license`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import HowopenError
from ..licenses.explain import explain, render_text
from ..licenses.identify import identify_any, identify_text
from ..licenses.textfile import read_license_file
from .output import emit, fail, fail_with, print_error

FORMATS = ("terminal", "json")


def run(target: str, format: str = "terminal") -> None:
    """Print the explanation of a license file, tag or SPDX expression (`format`: terminal or json)."""
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

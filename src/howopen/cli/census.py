"""`howopen census`: the open-washing census of the index, in the terminal or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import HowopenError
from ..formats import table
from ..index import default_db_path
from .output import emit, fail, fail_with

FORMATS = ("terminal", "json", "markdown")


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def headline(data: dict[str, Any]) -> str:
    return (f"{data['indexed']} models indexed; {data['derivatives']} derive from a known base "
            f"({len(data['families'])} families); {data['conflicts']} of them declare a license that cannot be "
            f"right ({_share(data['conflicts'], data['derivatives'])}); {data['washed']} are called open by their "
            f"tag but are restricted in fact ({_share(data['washed'], data['derivatives'])})")


def render(data: dict[str, Any], markdown: bool = False) -> str:
    show = table.markdown if markdown else table.text
    out = [headline(data) + "\n\n"]
    fams = [(f["family"], f["derivatives"], f["conflicts"], _share(f["conflicts"], f["derivatives"]), f["washed"],
             ", ".join(f"{t['tag']} {t['models']}" for t in f["tags"][:4])) for f in data["families"]]
    out.append("By base family (derivatives in the index):\n")
    out.append(show(("Family", "Models", "License cannot be right", "Share", "Open tag, restricted", "Tags"), fams))
    months = data["months"][-12:]
    if months:
        out.append("\nMonth by month (derivatives created each month; the last 12):\n")
        out.append(show(("Month", "Models", "License cannot be right", "Open tag, restricted"),
                        [(m["month"], m["derivatives"], m["conflicts"], m["washed"]) for m in months]))
    worst = data["offenders"][:10]
    if worst:
        out.append("\nMost downloaded offenders:\n")
        out.append(show(("Model", "Family", "Tag", "Bound by", "Downloads"),
                        [(o["id"], o["family"] or "-", o["declared"], o["binding"] or "-",
                          o["downloads"] if o["downloads"] is not None else "-") for o in worst]))
    return "".join(out)


def census(
    db: Annotated[Path | None, typer.Option("--db", help="The index file (default: in the user's data "
                                                         "directory).", show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")]
    = "terminal",
) -> None:
    """The open-washing census of the index: for each base family, how many models derive from it, how they are
    declared, how many declare a license that cannot be right, how many are called open but restricted in fact,
    month by month, and the most downloaded offenders."""
    from ..index import open_store  # DuckDB: when the command runs, not for --help
    from ..index.census import compute  # here: `howopen census --help` needs neither the index nor the families

    if format not in FORMATS:
        fail(f"unknown format '{format}'; choose one of: {', '.join(FORMATS)}")
    path = db or default_db_path()
    try:
        store = open_store(path, read_only=True)
    except HowopenError as exc:
        fail_with(exc)
    with store:
        data = compute(store)
    if data.get("missing"):
        fail(f"{path} has no census yet; open it once for writing (howopen index build --db {path} --no-catalog)")
    if format == "json":
        emit(json.dumps(data, indent=2, default=str) + "\n")
        return
    emit(render(data, markdown=format == "markdown"))

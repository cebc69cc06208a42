"""`howopen site build OUT/`: write the web app's pages as static files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import HowopenError
from ..index import default_db_path
from . import output
from .output import fail_with

app = typer.Typer(help="Static export of the web app.", no_args_is_help=True)


@app.command("build")
def build(
    out: Annotated[Path, typer.Argument(help="The folder to write the site into.", show_default=False)],
    db: Annotated[Path | None, typer.Option("--db", help="The index file (default: in the user's data "
                                                         "directory).", show_default=False)] = None,
    base: Annotated[str, typer.Option("--base", help="Path prefix when the site is not served at the host's "
                                                     "root, such as /howopen.")] = "",
    show_local_paths: Annotated[bool, typer.Option("--show-local-paths", help="Show the absolute paths of local "
                                                                          "folders and cards (hidden by default: "
                                                                          "pages show a folder's name).")] = False,
    reports: Annotated[bool, typer.Option("--reports", help="Also write each model's full JSON report "
                                                            "(api/models/<org>/<name>.json, about 50 KB each).")]
    = False,
    cards: Annotated[bool, typer.Option("--cards", help="Also write a page for each stored model card, with the "
                                                        "evidence linked to its lines.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no progress, only the closing line.")] = False,
) -> None:
    """Write the leaderboard, model pages, cards, landscape, badges and JSON as static files any web host can
    serve."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ..index import open_store  # DuckDB: when the command runs, not for --help
    from ..web.site import build_site

    columns = (TextColumn("writing pages"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    try:
        with open_store(db or default_db_path(), read_only=True) as store, \
                Progress(*columns, console=output.err_console, transient=True, disable=quiet) as bar:
            task = bar.add_task("pages", total=store.count())

            def advance(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = build_site(store, out, base=base, show_local_paths=show_local_paths, reports=reports,
                                cards=cards, progress=advance)
    except HowopenError as exc:
        fail_with(exc)
    for ident in result.skipped[:10]:
        output.err_console.print(f"howopen: skipped {ident}: not a safe path", markup=False)
    output.console.print(f"wrote {result.pages} pages for {result.models} models to {out}", markup=False,
                         soft_wrap=True)

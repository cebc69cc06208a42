"""`howopen index build` and `howopen index add`: fill the openness index."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import HowopenError
from ..index import default_db_path
from ..settings import offline_by_environment
from . import output
from .crawl import crawl_command
from .output import fail, fail_with

app = typer.Typer(help="Build and extend the openness index (a DuckDB file).", no_args_is_help=True)

DbOption = Annotated[Path | None, typer.Option("--db", help="The index file (default: in the user's data "
                                                           "directory).", show_default=False)]


@app.command("build")
def build(
    folders: Annotated[list[Path] | None, typer.Argument(help="Folders of model cards named <org>_<model>.md, "
                                                             "indexed as metadata-only releases.",
                                                        show_default=False)] = None,
    db: DbOption = None,
    catalog: Annotated[bool, typer.Option("--catalog/--no-catalog", help="Index the bundled catalog.")] = True,
    workers: Annotated[int, typer.Option("--workers", "-j", min=0, help="Worker processes for the cards "
                                                                        "(0: one per CPU).")] = 0,
    offline: Annotated[bool, typer.Option("--offline", help="Use no network: base models that the known "
                                                            "families, the catalog and the folders do not know "
                                                            "stay unknown.")] = False,
) -> None:
    """Fill the index from the catalog and from folders of model cards. Cards are graded in parallel; an
    interrupted build resumes where it stopped (unchanged cards are skipped). Base models nothing local knows are
    looked up on the Hub (cached, at most 200 per build) unless --offline."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ..index import open_store  # DuckDB: when the command runs, not for --help
    from ..index.build import build as build_index  # here: `howopen index --help` needs no pipeline

    folders = folders or []
    for folder in folders:
        if not folder.is_dir():
            fail(f"no such folder: {folder}; give folders that hold model cards (<org>_<model>.md)")
    path = db or default_db_path()
    try:
        store = open_store(path)
    except HowopenError as exc:
        fail_with(exc)
    with store, Progress(TextColumn("indexing cards"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                         console=output.err_console, transient=False) as progress:
        task = progress.add_task("cards", total=0, visible=bool(folders))

        def start(total: int) -> None:
            progress.update(task, total=total)

        def advance(done: int) -> None:
            progress.advance(task, done)

        try:
            result = build_index(store, folders, catalog=catalog, workers=workers or None, on_start=start,
                                 on_progress=advance, offline=offline or offline_by_environment())
        except (KeyboardInterrupt, RuntimeError) as exc:
            # Ctrl-C during a DuckDB statement surfaces as its RuntimeError "Query interrupted"
            if isinstance(exc, RuntimeError) and "interrupted" not in str(exc).lower():
                raise
            progress.stop()
            output.err_console.print(f"howopen: interrupted; {store.count()} models are in {path}; run the same "
                                     "command again to resume")
            raise typer.Exit(130) from None
        total = store.count()
    if catalog and result.catalog_missing:
        output.err_console.print("howopen: this build of howopen has no catalog (howopen.catalog); indexed only "
                                 "the card folders given")
    for failure in result.failures[:20]:
        output.err_console.print(f"howopen: could not index {failure}", markup=False)
    output.console.print(f"catalog: {result.catalog} releases; cards: {result.cards_indexed} indexed, "
                         f"{result.cards_unchanged} unchanged, {len(result.failures)} failed; {total} models in {path}",
                         markup=False, soft_wrap=True)


@app.command("add")
def add(
    targets: Annotated[list[str], typer.Argument(help="What `howopen check` accepts: a Hub id, a Hub URL, a "
                                                     "model folder, a MOT record.", show_default=False)],
    db: DbOption = None,
    offline: Annotated[bool, typer.Option("--offline", help="Use no network.")] = False,
) -> None:
    """Check models with the full pipeline and add them to the index (replacing catalog or card entries)."""
    from ..index import open_store  # DuckDB: when the command runs, not for --help
    from ..index.build import add as add_targets

    try:
        store = open_store(db or default_db_path())
    except HowopenError as exc:
        fail_with(exc)
    failed = 0
    with store:
        for target, outcome in add_targets(store, targets, offline=offline):
            if isinstance(outcome, HowopenError):
                failed += 1
                output.err_console.print(f"howopen: error: {target}: {outcome}", markup=False)
            else:
                output.console.print(f"{outcome.id}: {outcome.verdict} (added)", markup=False)
    if failed:
        raise typer.Exit(2)


app.command("crawl")(crawl_command)  # `howopen index crawl`: the Hub's listing (cli/crawl.py)

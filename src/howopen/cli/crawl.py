"""`howopen index crawl`: fill the index from the Hugging Face Hub's model listing."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import HowopenError
from ..index import default_db_path
from ..settings import Settings, offline_by_environment
from . import output
from .output import fail, fail_with

if TYPE_CHECKING:
    from ..index.crawl import CrawlStats

SORTS = ("downloads", "last-modified")


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "time left unknown"
    if seconds < 90:
        return f"about {seconds:.0f} s left"
    if seconds < 5400:
        return f"about {seconds / 60:.0f} min left"
    return f"about {seconds / 3600:.1f} h left"


def progress_line(stats: CrawlStats, limit: int | None) -> str:
    return (f"listed {stats.listed} · graded {stats.graded} · skipped {stats.skipped} · failed {stats.failed} · "
            f"{stats.rate:.1f}/s · {_duration(stats.time_left(limit))}")


class _Reporter:
    """A status line on a terminal; elsewhere (a log, a pipe) a plain line every few seconds."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.live = output.err_console.is_terminal
        self.last = 0.0
        self.status = output.err_console.status("crawling the Hub's listing") if self.live else None

    def __enter__(self) -> _Reporter:
        if self.status is not None:
            self.status.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.stop()

    def __call__(self, stats: CrawlStats) -> None:
        line = progress_line(stats, self.limit)
        if self.status is not None:
            self.status.update(line)
        elif time.monotonic() - self.last >= 2.0:
            self.last = time.monotonic()
            output.err_console.print(line, markup=False, highlight=False)


def crawl_command(
    db: Annotated[Path | None, typer.Option("--db", help="The index file (default: in the user's data "
                                                         "directory).", show_default=False)] = None,
    author: Annotated[str | None, typer.Option("--author", help="Only this user's or organisation's models.",
                                               show_default=False)] = None,
    search: Annotated[str | None, typer.Option("--search", help="Only models whose id contains this.",
                                               show_default=False)] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="List at most this many models.",
                                              show_default=False)] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only models changed on or after this day "
                                                              "(YYYY-MM-DD).", show_default=False)] = None,
    min_downloads: Annotated[int | None, typer.Option("--min-downloads", min=0, help="Only models with at least "
                                                      "this many downloads.", show_default=False)] = None,
    sort: Annotated[str, typer.Option("--sort", help="Listing order: downloads or last-modified (most first); "
                                                     "with --min-downloads or --since, the matching order stops "
                                                     "the listing early.")] = "downloads",
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, max=64, help="README reads at once.")] = 8,
    workers: Annotated[int, typer.Option("--workers", "-j", min=0, help="Grading processes (0: one per "
                                                                        "CPU).")] = 0,
    restart: Annotated[bool, typer.Option("--restart", help="Start the listing over instead of resuming an "
                                                            "interrupted crawl.")] = False,
    offline: Annotated[bool, typer.Option("--offline", help="Ask the Hub for nothing but the listing and the "
                                                            "READMEs: base models that the known families, the "
                                                            "catalog and the index do not know stay "
                                                            "unknown.")] = False,
) -> None:
    """Fill the index from the Hub's model listing (a thousand models a page, card data and file lists
    included), reading each changed model's README.md and grading it as a model card. Resumes an interrupted
    crawl; models whose commit is already graded are skipped. Base models nothing local knows are looked up on the
    Hub (cached, at most 200 per crawl) unless --offline. A token is sent when one is configured (HF_TOKEN or
    `hf auth login`)."""
    from ..index import open_store  # DuckDB: when the command runs, not for --help
    from ..index.crawl import CrawlError, CrawlOptions, crawl  # here: the Hub client, not for `--help`
    from ..index.hublisting import ListingQuery

    if sort not in SORTS:
        fail(f"unknown --sort {sort!r}; use downloads or last-modified")
    day = None
    if since is not None:
        try:
            day = dt.date.fromisoformat(since.strip())
        except ValueError:
            fail(f"--since {since!r} is not a date; give YYYY-MM-DD")
    options = CrawlOptions(query=ListingQuery(author=author, search=search, sort=sort), limit=limit, since=day,
                           min_downloads=min_downloads, concurrency=concurrency, workers=workers or None,
                           restart=restart, offline=offline or offline_by_environment())
    path = db or default_db_path()
    try:
        store = open_store(path)
    except HowopenError as exc:
        fail_with(exc)
    endpoint = Settings.from_env().hf_endpoint
    stats: CrawlStats | None = None
    with store, _Reporter(limit) as reporter:
        def report(current: CrawlStats) -> None:
            nonlocal stats
            stats = current
            reporter(current)

        try:
            stats = crawl(store, endpoint, options, on_progress=report)
        except CrawlError as exc:
            output.err_console.print(f"howopen: error: {exc}; {store.count()} models are in {path}; run the same "
                                     "command again to resume", markup=False)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            output.err_console.print(f"howopen: interrupted; {store.count()} models are in {path}; run the same "
                                     "command again to resume", markup=False)
            raise typer.Exit(130) from None
        total = store.count()
    if stats.resumed_at is not None:
        output.err_console.print(f"howopen: resumed a crawl after {stats.resumed_at} listed models", markup=False)
    for failure in stats.failures[:10]:
        output.err_console.print(f"howopen: could not grade {failure}", markup=False)
    output.console.print(f"{stats.summary()}; {total} models in {path}", markup=False, soft_wrap=True)

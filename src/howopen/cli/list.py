"""`howopen list`: the bundled catalog, graded, filtered and sorted; works offline on a fresh install. The graded rows
are kept between runs (`howopen.catalog.listcache`)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..catalog import listcache, listing
from ..errors import HowopenError
from ..formats import table
from .output import emit, fail, fail_with, terminal_width

LIST_FORMATS = ("table", "json", "markdown")
HEADERS = ("Id", "Name", "Organization", "Released", "Verdict", "License", "Commercial", "Access")
NARROW_DROPS = (1, 7, 2, 3)  # in a narrow terminal, leave out Name (the id says it), Access, Organization, Released
# (then a long license id may fold)


def list_catalog(
    verdict: Annotated[str | None, typer.Option("--verdict", help="Only these verdicts (comma-separated): "
                                                f"{', '.join(listing.VERDICT_ORDER)}.", show_default=False)] = None,
    commercial: Annotated[str | None, typer.Option("--commercial", help="Only weights whose license allows "
                                                   "commercial use: yes, no, conditional, unknown (n/a: closed).",
                                                   show_default=False)] = None,
    org: Annotated[str | None, typer.Option("--org", help="Only this organization (part of its name).",
                                            show_default=False)] = None,
    license: Annotated[str | None, typer.Option("--license", help="Only these license ids (comma-separated), "
                                                "as `howopen license` knows them.", show_default=False)] = None,
    closed: Annotated[bool | None, typer.Option("--closed/--open", help="Only closed models (API or chat only), "
                                                "or only models whose weights are released.",
                                                show_default=False)] = None,
    sort: Annotated[str, typer.Option("--sort", help=f"Sort by {', '.join(listing.SORTS)}.")] = "name",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(LIST_FORMATS)}.")]
    = "table",
) -> None:
    """List the bundled catalog of model releases (open and closed) with the verdict howopen gives each record.
    Needs no network."""
    if format not in LIST_FORMATS:
        fail(f"unknown format '{format}'; choose one of: {', '.join(LIST_FORMATS)}")
    try:
        rows = listing.select(listcache.rows(), verdict=verdict, commercial=commercial, org=org, license=license,
                              closed=closed, sort=sort, reverse=reverse)
    except HowopenError as exc:
        fail_with(exc)
    if format == "json":
        emit(json.dumps({"schema": "howopen.catalog-list/1", "count": len(rows),
                         "records": [r.json for r in rows]}, indent=2) + "\n")
        return
    cells = [(r.id, r.name, r.organization, r.released, r.verdict, r.license, r.commercial, r.access) for r in rows]
    if format == "markdown":
        emit(table.markdown(HEADERS, cells))
        return
    emit(table.text(HEADERS, cells, width=terminal_width(), drop=NARROW_DROPS, fold=(5,))
         + f"{len(rows)} record{'s' if len(rows) != 1 else ''}"
         f" (howopen check <id> for its report)\n")

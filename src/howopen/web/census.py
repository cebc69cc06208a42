"""The census page (`/census`, `/api/census`, and `census/` in the static site): charts with a table under each,
every figure a link to the models behind it (leaderboard filters; in a static site, the family's own page)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from ..index.census import compute
from ..index.store import Store
from . import render
from .charts import BAR, GAP, LABEL_WIDTH, PLOT_WIDTH, Bar, Chart, Segment
from .urls import Urls

PARTS = (("washed", "open tag, restricted in fact", "#a40e26"),
         ("conflict", "other license that cannot be right", "#bc4c00"),
         ("fine", "no conflict found", "#8c959f"))
STATIC_LIST = 500  # models listed per section of a family's static page


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "family"


class Links:
    """Where a census figure leads: the leaderboard filtered to its models, or (static) the family's page."""

    def __init__(self, urls: Urls) -> None:
        self.urls = urls

    def __call__(self, family: str | None = None, anchor: str = "", **filters: str) -> str:
        if self.urls.static:
            if family is None:
                return f"{self.urls.base}/census/" + (f"#{anchor}" if anchor else "")
            return f"{self.urls.base}/census/{quote(slug(family))}/" + (f"#{anchor}" if anchor else "")
        params = {"family": family or "(any)", **filters}
        return self.urls.home(params)


def family_chart(data: dict[str, Any], link: Links) -> Chart:
    """One bar per family: its derivatives split into open-washed, other conflicts and the rest."""
    rows = data["families"]
    peak = max((f["derivatives"] for f in rows), default=1) or 1
    bars = []
    for i, fam in enumerate(rows):
        y = float(i * (BAR + GAP))
        counts = {"washed": fam["washed"], "conflict": fam["conflicts"] - min(fam["conflicts"], fam["washed"]),
                  "fine": 0}
        counts["fine"] = max(0, fam["derivatives"] - counts["washed"] - counts["conflict"])
        bar = Bar(fam["family"], fam["derivatives"], y, href=link(fam["family"]),
                  note=f"{fam['conflicts']} cannot be right, {fam['washed']} open tag but restricted")
        x = float(LABEL_WIDTH)
        for key, label, colour in PARTS:
            n = counts[key]
            if n:
                width = PLOT_WIDTH * n / peak
                bar.segments.append(Segment(label, n, x, y, width, BAR, colour))
                x += width
        bars.append(bar)
    return Chart("Derivatives by base family", LABEL_WIDTH + PLOT_WIDTH + 60, max(1, len(bars)) * (BAR + GAP),
                 bars, [(label, colour) for _, label, colour in PARTS])


def month_chart(data: dict[str, Any]) -> Chart:
    """One column per month: derivatives created that month, the same three parts."""
    months = data["months"][-36:]
    height, column = 240.0, 18
    peak = max((m["derivatives"] for m in months), default=1) or 1
    bars = []
    for i, month in enumerate(months):
        x = float(40 + i * (column + 4))
        counts = {"washed": month["washed"], "conflict": max(0, month["conflicts"] - month["washed"])}
        counts["fine"] = max(0, month["derivatives"] - counts["washed"] - counts["conflict"])
        bar = Bar(month["month"], month["derivatives"], x)
        top = height
        for key, label, colour in PARTS:
            n = counts[key]
            if n:
                h = (height - 20) * n / peak
                top -= h
                bar.segments.append(Segment(label, n, x, top, float(column), h, colour))
        bars.append(bar)
    width = 40 + max(1, len(bars)) * (column + 4) + 20
    return Chart("Derivatives created per month", max(width, 200), int(height) + 30, bars,
                 [(label, colour) for _, label, colour in PARTS], vertical=True)


def page(store: Store, urls: Urls) -> str:
    data = compute(store)
    link = Links(urls)
    return render.render("census.html", urls, data=data, families=family_chart(data, link),
                         months=month_chart(data), link=link, model=urls.model, share=_share, slug=slug)


def family_page(store: Store, urls: Urls, family: dict[str, Any]) -> str:
    """A family's derivatives for a static site (which cannot filter the leaderboard): by section."""
    name = family["family"]

    def models(where: str, args: list[Any]) -> list[dict[str, Any]]:
        return store.fetch(f"SELECT c.id, c.declared, c.binding, c.conflict, c.washed, c.downloads, m.openness "
                           f"FROM census c JOIN models m ON m.id = c.id WHERE c.family = ? {where} "
                           f"ORDER BY c.downloads DESC NULLS LAST, lower(c.id) LIMIT {STATIC_LIST}", [name, *args])

    sections = [("all", "Every derivative", family["derivatives"], models("", [])),
                ("conflicts", "A declared license that cannot be right", family["conflicts"],
                 models("AND c.conflict", [])),
                ("washed", "Called open by the tag, restricted in fact", family["washed"], models("AND c.washed", []))]
    for tag in family["tags"]:
        sections.append((f"tag-{slug(tag['tag'])}", f"Tagged {tag['tag']}", tag["models"],
                         models("AND c.declared = ?", [tag["tag"]])))
    return render.render("census_family.html", urls, family=family, sections=sections, model=urls.model,
                         limit=STATIC_LIST)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def register(app: FastAPI, store: Store, urls: Urls) -> None:
    """`/census` and `/api/census` on the app."""

    @app.get("/census", response_class=HTMLResponse, include_in_schema=False)
    def census_page() -> str:
        return page(store, urls)

    @app.get("/api/census", summary="The open-washing census: families, tags, conflicts, months, offenders")
    def api_census() -> dict[str, Any]:
        return compute(store)


Writer = Callable[[str, str], None]


def write_static(store: Store, urls: Urls, write: Writer, as_json: Callable[[Any], str]) -> int:
    """The census pages of a static site; returns how many pages were written."""
    data = compute(store)
    write("census/index.html", page(store, urls))
    write("api/census.json", as_json(data))
    for family in data["families"]:
        write(f"census/{slug(family['family'])}/index.html", family_page(store, urls, family))
    return 1 + len(data["families"])

"""`howopen site build OUT/`: the same pages as static files, badges and JSON.

A static host cannot answer a query, so the leaderboard page lists every model and a small script
(static/board.js) filters, searches and picks models to compare in the browser, from the rows on the page; the
compare page (compare/index.html) builds its table from api/models.json. Model pages and cards are files beside
each other (`models/<org>/<name>.html`, `.card.html`). To keep the export small, two parts are written only when
asked: each model's full JSON report (about 50 KB; `reports=True`, `--reports`) and the pages of the stored model
cards (a copy of cards their publishers already publish; `cards=True`, `--cards`). Without the card pages, the
evidence on a model page still names the card's line (README.md:12), unlinked.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..index.query import MAX_PAGE_SIZE, Query
from ..index.store import Store
from . import census as census_pages
from . import render
from .app import _detail, _summary, landscape_data
from .badge import model_badge
from .public import public_row
from .urls import Urls


@dataclass
class SiteResult:
    pages: int = 0
    models: int = 0
    skipped: list[str] = field(default_factory=list)


def _safe_parts(ident: str) -> list[str] | None:
    parts = ident.split("/")
    if len(parts) != 2 or any(p in ("", ".", "..") or "\\" in p or p.startswith(".") for p in parts):
        return None
    return parts


def _write(out: Path, relative: str, text: str) -> None:
    target = (out / relative).resolve()
    if not target.is_relative_to(out):
        raise UsageError(f"refusing to write outside {out}: {relative}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


Progress = Callable[[int, int], None]  # (models written, models to write)


def build_site(store: Store, out: Path, *, base: str = "", show_local_paths: bool = False, reports: bool = False,
               cards: bool = False, progress: Progress | None = None) -> SiteResult:
    out = out.expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {out}: {exc.strerror or exc}") from None
    out = out.resolve()
    urls = Urls(base=base.rstrip("/"), static=True, reports=reports, cards=cards)
    result = SiteResult()
    everything = Query(per_page=MAX_PAGE_SIZE)
    pages = [everything]
    total = store.count()
    pages += [Query(per_page=MAX_PAGE_SIZE, page=p) for p in range(2, -(-total // MAX_PAGE_SIZE) + 1)]
    _write(out, "index.html", render.leaderboard(store, everything, urls))
    _write(out, "landscape/index.html", render.landscape(store, urls))
    _write(out, "compare/index.html", render.compare_static(urls))
    _write(out, "404.html", render.error(404, "there is no page at this address", urls))
    result.pages += 4
    summaries: list[dict[str, Any]] = []
    for query in pages:
        rows, _ = store.leaderboard(query)
        for listed in rows:
            parts = _safe_parts(listed["id"])
            if parts is None:
                result.skipped.append(listed["id"])
                continue
            row = store.get(listed["id"])
            if row is None:
                continue
            row = public_row(row, show_local_paths)
            ident = row["id"]
            _write(out, f"models/{ident}.html", render.model(store, row, urls))
            if cards and row.get("card"):
                _write(out, f"models/{ident}.card.html", render.card(row, urls))
                result.pages += 1
            _write(out, f"models/{ident}.svg", model_badge(row))
            if reports:
                _write(out, f"api/models/{ident}.json", _json(_detail(row, urls)))
            summaries.append(_summary(row))
            result.pages += 1
            result.models += 1
            if progress is not None:
                progress(result.models + len(result.skipped), total)
    _write(out, "api/models.json", _json({"total": len(summaries), "page": 1, "per_page": len(summaries),
                                          "models": summaries}))
    _write(out, "api/landscape.json", _json(landscape_data(store)))
    result.pages += census_pages.write_static(store, urls, lambda rel, text: _write(out, rel, text), _json)
    static = resources.files("howopen.web").joinpath("static")
    (out / "static").mkdir(exist_ok=True)
    for item in static.iterdir():
        if item.is_file():
            with resources.as_file(item) as path:
                shutil.copyfile(path, out / "static" / item.name)
    return result

"""The static export: the same pages as files, links that work from a static host."""

from __future__ import annotations

import json
import re
from pathlib import Path

from howopen.index.store import Store
from howopen.web.site import build_site

from .conftest import HOSTILE


def test_site_writes_every_page_badge_and_json(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    seen: list[tuple[int, int]] = []
    result = build_site(store, out, reports=True, cards=True,
                        progress=lambda done, total: seen.append((done, total)))
    assert result.models == store.count() and not result.skipped
    assert seen[-1] == (store.count(), store.count())  # progress reached the end
    index = (out / "index.html").read_text()
    for ident in ("Pclanglais/Mickey-1928", "meta-llama/Llama-3.1-8B-Instruct", HOSTILE):
        assert f'href="/models/{ident}.html"' in index
        assert (out / "models" / f"{ident}.html").is_file()
        assert (out / "models" / f"{ident}.svg").is_file()  # the badge, beside the page
        assert json.loads((out / "api" / "models" / f"{ident}.json").read_text())["id"] == ident
    assert (out / "models" / "Pclanglais/Mickey-1928.card.html").is_file()
    assert (out / "landscape" / "index.html").read_text().count("<svg") == 3
    assert (out / "static" / "style.css").is_file() and (out / "404.html").is_file()
    assert (out / "static" / "board.js").is_file() and (out / "static" / "compare.js").is_file()
    listed = json.loads((out / "api" / "models.json").read_text())
    assert listed["total"] == store.count()
    model = (out / "models" / "Pclanglais/Mickey-1928.html").read_text()
    assert 'href="Mickey-1928.card.html#L' in model  # beside the page: a short relative link
    assert "<script" not in (out / "models" / f"{HOSTILE}.card.html").read_text()
    # the filters and the compare choice work from the page itself: the form is there, each row carries its values
    assert 'data-static' in index and 'name="verdict"' in index and 'data-verdict="' in index
    assert re.search(r'action="/compare/"', index) and (out / "compare" / "index.html").is_file()


def test_site_writes_reports_and_cards_only_when_asked(store: Store, tmp_path: Path) -> None:
    build_site(store, tmp_path / "s")
    assert not (tmp_path / "s" / "api" / "models").exists()
    assert not list((tmp_path / "s" / "models").glob("*/*.card.html"))
    assert (tmp_path / "s" / "api" / "models.json").is_file()
    model = (tmp_path / "s" / "models" / "Pclanglais/Mickey-1928.html").read_text()
    assert "/api/models/" not in model  # no link to a report that was not written
    assert ".card.html" not in model and "README.md:" in model  # the evidence still names the card's line


def test_site_under_a_path_prefix(store: Store, tmp_path: Path) -> None:
    build_site(store, tmp_path / "s", base="/howopen/")
    index = (tmp_path / "s" / "index.html").read_text()
    assert 'href="/howopen/static/style.css"' in index and 'href="/howopen/models/' in index

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
    result = build_site(store, out)
    assert result.models == store.count() and not result.skipped
    index = (out / "index.html").read_text()
    for ident in ("Pclanglais/Mickey-1928", "meta-llama/Llama-3.1-8B-Instruct", HOSTILE):
        assert f'href="/models/{ident}/"' in index
        assert (out / "models" / ident / "index.html").is_file()
        assert (out / "badge" / f"{ident}.svg").is_file()
        assert json.loads((out / "api" / "models" / f"{ident}.json").read_text())["id"] == ident
    assert (out / "models" / "Pclanglais/Mickey-1928" / "card" / "index.html").is_file()
    assert (out / "landscape" / "index.html").read_text().count("<svg") == 3
    assert (out / "static" / "style.css").is_file() and (out / "404.html").is_file()
    listed = json.loads((out / "api" / "models.json").read_text())
    assert listed["total"] == store.count()
    model = (out / "models" / "Pclanglais/Mickey-1928" / "index.html").read_text()
    assert 'href="/models/Pclanglais/Mickey-1928/card/#L' in model
    assert "<script" not in (out / "models" / HOSTILE / "card" / "index.html").read_text()
    # no query-string pages in a static site: no filter form, no compare form
    assert not re.search(r'action="[^"]*compare', index) and 'name="verdict"' not in index


def test_site_under_a_path_prefix(store: Store, tmp_path: Path) -> None:
    build_site(store, tmp_path / "s", base="/howopen/")
    index = (tmp_path / "s" / "index.html").read_text()
    assert 'href="/howopen/static/style.css"' in index and 'href="/howopen/models/' in index

"""The census over an index crawled from the loopback Hub: figures that add up, every figure leading to exactly the
models it counts (leaderboard filters), the page, the JSON, the terminal, the static site."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from howopen.cli.app import app
from howopen.index import open_store
from howopen.index.census import compute, family_of
from howopen.index.crawl import CrawlOptions, crawl
from howopen.index.query import Query
from howopen.web.app import create_app
from howopen.web.site import build_site
from hubserver import HubServer, load

CARDS = Path(__file__).resolve().parents[1] / "fixtures" / "cards"
MIT_ON_LLAMA = b"---\nlicense: mit\nbase_model: meta-llama/Llama-3.1-8B\n---\n# A fine-tune of Llama 3.1 8B\n"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    world = load()
    world.add_card_copies(sorted(CARDS.glob("*_*.md")), 2)
    for ident in ("copy-0/amber", "copy-1/amber"):
        world.models[ident].change_commit(card=MIT_ON_LLAMA, when="2025-03-02T10:00:00.000Z")
    db = tmp_path_factory.mktemp("census") / "index.duckdb"
    with HubServer(world) as server, open_store(db) as store:
        crawl(store, server.url, CrawlOptions(workers=1))
    yield db


def test_families_from_lineage() -> None:
    def report(*ids: str) -> dict[str, object]:
        return {"lineage": [{"id": i, "depth": d + 1} for d, i in enumerate(ids)]}

    assert family_of(report("someone/tune", "meta-llama/Meta-Llama-3-8B")) == ("Llama 3", "meta-llama/Meta-Llama-3-8B")
    assert family_of(report("huggyllama/llama-30b"))[0] == "Llama 1"
    assert family_of(report("mistralai/Mistral-7B-v0.1"))[0] == "Mistral"
    assert family_of(report("someone/unheard-of"))[0] == "Other"
    assert family_of({"lineage": []}) == (None, None)
    licensed = {"lineage": [{"id": "someone/base", "depth": 1, "license": {"id": "gemma"}}]}
    assert family_of(licensed)[0] == "Gemma"


def test_figures_add_up_and_lead_to_their_models(index: Path) -> None:
    with open_store(index, read_only=True) as store:
        data = compute(store)
        assert data["indexed"] == store.count() and data["derivatives"] > 0
        llama = next(f for f in data["families"] if f["family"] == "Llama 3")
        assert llama["conflicts"] >= 2 and llama["washed"] >= 2
        assert {"tag": "mit", "models": 2, "conflicts": 2, "washed": 2} in llama["tags"]
        assert sum(f["derivatives"] for f in data["families"]) == data["derivatives"]
        for fam in data["families"]:
            for params, expected in (({}, fam["derivatives"]), ({"conflict": "yes"}, fam["conflicts"]),
                                     ({"washed": "yes"}, fam["washed"])):
                _, total = store.leaderboard(Query.from_params({"family": fam["family"], **params}))
                assert total == expected, (fam["family"], params)
            for tag in fam["tags"]:
                _, total = store.leaderboard(Query.from_params({"family": fam["family"], "declared": tag["tag"]}))
                assert total == tag["models"]
        assert sum(m["conflicts"] for m in data["months"]) == data["conflicts"]  # every crawled model is dated
        for month in data["months"]:
            _, total = store.leaderboard(Query.from_params({"family": "(any)", "month": month["month"]}))
            assert total == month["derivatives"]
        offenders = data["offenders"]
        assert {"copy-0/Amber", "copy-1/Amber"} <= {o["id"] for o in offenders}
        downloads = [o["downloads"] or 0 for o in offenders]
        assert downloads == sorted(downloads, reverse=True)


def test_census_page_api_and_links(index: Path) -> None:
    with open_store(index, read_only=True) as store:
        client = TestClient(create_app(store))
        page = client.get("/census")
        assert page.status_code == 200 and page.text.count("<svg") == 2
        assert "copy-0/Amber" in page.text
        hrefs = {h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', page.text)}
        assert "/?family=Llama+3&conflict=yes" in hrefs and "/models/copy-0/Amber" in hrefs
        for href in sorted(h for h in hrefs if h.startswith("/?family="))[:40]:
            assert client.get(href).status_code == 200
        assert client.get("/api/census").json() == json.loads(json.dumps(compute(store), default=str))


def test_terminal_and_json(index: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["census", "--db", str(index)])
    assert done.exit_code == 0, done.output
    assert "declare a license that cannot be right" in done.stdout and "Llama 3" in done.stdout
    data = json.loads(runner.invoke(app, ["census", "--db", str(index), "--format", "json"]).stdout)
    assert data["schema"] == "howopen.census/1" and data["families"]
    bad = runner.invoke(app, ["census", "--db", str(index), "--format", "pdf"])
    assert bad.exit_code == 2 and "unknown format" in bad.output


def test_static_site_census(index: Path, tmp_path: Path) -> None:
    with open_store(index, read_only=True) as store:
        build_site(store, tmp_path / "site")
        data = compute(store)
    page = (tmp_path / "site" / "census" / "index.html").read_text()
    assert page.count("<svg") == 2
    assert json.loads((tmp_path / "site" / "api" / "census.json").read_text())["derivatives"] == data["derivatives"]
    for href in set(re.findall(r'href="(/census/[^"#]+)', page)):
        assert (tmp_path / "site" / href.strip("/") / "index.html").is_file(), href
    llama = (tmp_path / "site" / "census" / "llama-3" / "index.html").read_text()
    assert 'id="conflicts"' in llama and "copy-0/Amber" in llama


def test_an_older_index_gets_its_census_when_opened_for_writing(index: Path, tmp_path: Path) -> None:
    copy = tmp_path / "old.duckdb"
    copy.write_bytes(index.read_bytes())
    with open_store(copy) as store:
        expected = compute(store)["derivatives"]
        store.execute("DROP TABLE census")
    with open_store(copy) as store:
        assert compute(store)["derivatives"] == expected

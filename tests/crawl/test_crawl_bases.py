"""`index crawl` looks a base model up on the (loopback) Hub when the families, the catalog and the index do not
know it, as `index build` does: the crawled fine-tune gets its base's license; a 500 or a stall leaves the base
unknown with the reason; `--offline` fetches nothing but the listing and the READMEs; the crawl's cap holds across
worker processes; a failing Hub is not asked again and again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from howopen.cli.app import app
from howopen.index import open_store
from howopen.index.crawl import CrawlOptions, CrawlStats, crawl
from howopen.index.hubbases import MAX_FAILURES
from howopen.index.hublisting import ListingQuery
from hubserver import HubServer, World
from hubserver.world import Repo, RepoFile, sha_of

TUNER = "tuner"  # the crawled organisation; its bases live under "upstream", outside the crawl


def _repo(ident: str, card: str, downloads: int = 10) -> Repo:
    data = card.encode("utf-8")
    return Repo(ident, "models", sha_of(ident, "main"), {"README.md": RepoFile("README.md", len(data), data)},
                {"downloads": downloads, "createdAt": "2025-01-15T12:00:00.000Z",
                 "lastModified": "2025-02-01T12:00:00.000Z"})


def _world(children: int = 1, bases: int = 1) -> World:
    world = World()
    for n in range(bases):
        ident = f"upstream/base-{n}"
        world.models[ident.lower()] = _repo(ident, f"---\nlicense: cc-by-nc-4.0\n---\n# Base {n}\n\nA base model.\n")
    for n in range(children):
        ident = f"{TUNER}/child-{n}"
        world.models[ident.lower()] = _repo(ident, f"---\nlicense: apache-2.0\nbase_model: upstream/base-{n % bases}"
                                                   f"\n---\n# Child {n}\n\nA fine-tune.\n", downloads=100 + n)
    return world


@pytest.fixture
def make_hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    servers: list[HubServer] = []

    def start(children: int = 1, bases: int = 1) -> HubServer:
        server = HubServer(_world(children, bases)).__enter__()
        servers.append(server)
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("HOWOPEN_TIMEOUT", "2")
        monkeypatch.setenv("HOWOPEN_MAX_RETRY_WAIT", "2")
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


def _crawl(hub: HubServer, db: Path, **options: Any) -> tuple[CrawlStats, dict[str, dict[str, Any]]]:
    options = {"workers": 1, "query": ListingQuery(author=TUNER), **options}
    with open_store(db) as store:
        stats = crawl(store, hub.url, CrawlOptions(**options))
        rows = {r["id"]: store.get(r["id"]) for r in store.fetch("SELECT id FROM models WHERE origin = 'crawl'")}
    return stats, {k: v for k, v in rows.items() if v is not None}


def _base(row: dict[str, Any], n: int = 0) -> dict[str, Any]:
    return next(a for a in row["report"]["lineage"] if a["id"].lower() == f"upstream/base-{n}")


def _lookups(hub: HubServer) -> int:
    """Requests about the base models (the crawl itself asks only for the listing and its own READMEs)."""
    return hub.count(r"upstream")


def _asked(hub: HubServer) -> set[str]:
    """The base models the Hub was asked about."""
    return {e.path.split("upstream/")[1].split("/")[0].split("?")[0] for e in hub.requests(r"upstream")}


def test_a_crawled_fine_tune_gets_the_license_of_a_base_only_the_hub_has(make_hub: Any, tmp_path: Path) -> None:
    hub = make_hub()
    stats, rows = _crawl(hub, tmp_path / "a.duckdb")
    assert list(rows) == [f"{TUNER}/child-0"]
    base = _base(rows[f"{TUNER}/child-0"])
    assert base["found"] and base["source"] == "hub"
    assert base["license"]["id"] == "CC-BY-NC-4.0"
    assert _lookups(hub) >= 1 and stats.base_lookups == 1
    assert "1 base models looked up" in stats.summary()


@pytest.mark.parametrize("fault", ["status", "stall"])
def test_a_failed_lookup_leaves_the_base_unknown_with_the_reason(make_hub: Any, tmp_path: Path, fault: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    hub = make_hub()
    if fault == "status":
        hub.add_fault(r"upstream/", "status", status=500, times=None)
    else:
        monkeypatch.setattr("howopen.index.hubbases.TIMEOUT", 0.3)
        hub.add_fault(r"upstream/", "stall", delay=1.5, times=None)
    stats, rows = _crawl(hub, tmp_path / "a.duckdb")
    row = rows[f"{TUNER}/child-0"]
    base = _base(row)
    assert not base["found"] and base["license"] is None
    reason = "could not be looked up" if fault == "status" else "did not answer within 0.3 s"
    assert reason in base["binds"]
    assert row["verdict"] != "closed"
    assert stats.failed == 0  # the fine-tune is graded, its base unknown


def test_offline_fetches_nothing_but_the_listing_and_the_readmes(make_hub: Any, tmp_path: Path) -> None:
    hub = make_hub()
    stats, rows = _crawl(hub, tmp_path / "a.duckdb", offline=True)
    base = _base(rows[f"{TUNER}/child-0"])
    assert not base["found"] and base["license"] is None
    assert "no source knows this model" in base["binds"]
    assert _lookups(hub) == 0 and stats.base_lookups == 0 and stats.graded == 1


def test_cli_crawl_offline_flag(make_hub: Any, tmp_path: Path) -> None:
    hub = make_hub()
    args = ["index", "crawl", "--author", TUNER, "--workers", "1"]
    result = CliRunner().invoke(app, [*args, "--db", str(tmp_path / "a.duckdb"), "--offline"])
    assert result.exit_code == 0, result.output
    assert _lookups(hub) == 0, [r.path for r in hub.requests()]
    result = CliRunner().invoke(app, [*args, "--db", str(tmp_path / "b.duckdb")])
    assert result.exit_code == 0, result.output
    assert _lookups(hub) >= 1 and "1 base models looked up" in result.output
    with open_store(tmp_path / "b.duckdb", read_only=True) as store:
        row = store.get(f"{TUNER}/child-0")
    assert row is not None and _base(row)["license"]["id"] == "CC-BY-NC-4.0"


def test_the_cap_holds_across_worker_processes(make_hub: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hub = make_hub(children=40, bases=40)  # three chunks of sixteen: both workers grade
    monkeypatch.setattr("howopen.index.hubbases.MAX_LOOKUPS", 3)
    stats, rows = _crawl(hub, tmp_path / "a.duckdb", workers=2)
    assert stats.graded == 40
    bases = [_base(row, int(ident.rsplit("-", 1)[1])) for ident, row in rows.items()]
    assert sum(b["found"] for b in bases) == 3 == stats.base_lookups
    capped = [b for b in bases if not b["found"]]
    assert all("the crawl's limit of 3 Hub lookups" in b["binds"] and b["license"] is None for b in capped)
    assert len(_asked(hub)) == 3


def test_a_failing_hub_is_not_asked_again_and_again(make_hub: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    hub = make_hub(children=9, bases=9)
    hub.add_fault(r"upstream/", "status", status=500, times=None)
    monkeypatch.setattr("howopen.index.crawl.CHUNK", 1)  # one model a chunk: the lookups one after another
    stats, rows = _crawl(hub, tmp_path / "a.duckdb")
    assert stats.graded == 9
    reasons = [_base(row, int(ident.rsplit("-", 1)[1]))["binds"] for ident, row in rows.items()]
    assert all("could not be looked up" in r for r in reasons)
    assert sum("in a row failed in this crawl" in r for r in reasons) == 9 - MAX_FAILURES
    assert len(_asked(hub)) == MAX_FAILURES == stats.base_lookups

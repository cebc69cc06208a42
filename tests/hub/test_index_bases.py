"""`index build` and `index add` look a base model up on the (loopback) Hub when nothing local knows it: cached,
bounded, concurrent; a failed lookup leaves the base unknown with the reason; `--offline` fetches nothing."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from howopen.cli.app import app
from howopen.index import open_store
from howopen.index.build import add, build, grade_card
from howopen.index.cards import CardFolders
from howopen.index.hubbases import MAX_FAILURES, Budget, HubBases
from hubserver import HubServer

BASE = "intervitens/mini-magnum-12b-v1.1"  # on the loopback Hub (Apache-2.0); not in the catalog or the families


def _card(folder: Path, name: str, base: str, lic: str = "apache-2.0") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"someone_{name}.md"
    path.write_text(f"---\nlicense: {lic}\nbase_model: {base}\n---\n# {name}\n\nA fine-tune.\n", encoding="utf-8")
    return path


def _ancestor(report: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(a for a in report["lineage"] if a["id"].lower() == ident.lower())


def _built(tmp_path: Path, folder: Path, db: str, *, offline: bool, workers: int = 1) -> Any:
    store = open_store(tmp_path / db)
    with store:
        build(store, [folder], catalog=False, workers=workers, offline=offline)
        return {p.stem.replace("_", "/", 1): store.get(p.stem.replace("_", "/", 1)) for p in folder.glob("*.md")}


def test_index_build_looks_an_unknown_base_up_on_the_hub(hub: HubServer, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    _card(folder, "child", BASE)
    rows = _built(tmp_path, folder, "a.duckdb", offline=False)
    base = _ancestor(rows["someone/child"]["report"], BASE)
    assert base["found"] and base["source"] == "hub"
    assert base["license"]["id"] == "Apache-2.0"
    assert hub.count(r"/api/models/intervitens/mini-magnum") >= 1


def test_offline_build_fetches_nothing(hub: HubServer, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    _card(folder, "child", BASE)
    rows = _built(tmp_path, folder, "a.duckdb", offline=True)
    base = _ancestor(rows["someone/child"]["report"], BASE)
    assert not base["found"] and base["license"] is None
    assert "no source knows this model" in base["binds"]
    assert hub.count() == 0


def test_a_base_the_families_know_is_not_asked_of_the_hub(hub: HubServer, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    _card(folder, "llama-tune", "meta-llama/Llama-2-7b-chat-hf", lic="mit")
    rows = _built(tmp_path, folder, "a.duckdb", offline=False)
    base = _ancestor(rows["someone/llama-tune"]["report"], "meta-llama/Llama-2-7b-chat-hf")
    assert base["source"] == "families" and base["license"]["id"] == "llama2"
    assert hub.count() == 0


def test_the_cache_answers_the_next_build_and_one_build_asks_once(hub: HubServer, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    _card(folder, "one", BASE)
    _card(folder, "two", BASE)  # two cards, one base: looked up once
    _built(tmp_path, folder, "a.duckdb", offline=False)
    first = hub.count(r"mini-magnum")
    assert 1 <= first <= 3  # model info and card (and at most a license file), once for both cards
    rows = _built(tmp_path, folder, "b.duckdb", offline=False)  # a new index: every card graded again
    assert hub.count(r"mini-magnum") == first  # answered from the response cache
    assert _ancestor(rows["someone/two"]["report"], BASE)["source"] == "hub"


def test_a_failing_lookup_leaves_the_base_unknown_with_the_reason(hub: HubServer, tmp_path: Path) -> None:
    hub.add_fault(r"mini-magnum", "status", status=500, times=None)
    folder = tmp_path / "cards"
    _card(folder, "child", BASE, lic="mit")
    rows = _built(tmp_path, folder, "a.duckdb", offline=False)
    report = rows["someone/child"]["report"]
    base = _ancestor(report, BASE)
    assert not base["found"] and base["license"] is None
    assert "could not be looked up" in base["binds"]
    assert rows["someone/child"]["verdict"] != "closed"


def test_a_lookup_that_takes_too_long_is_given_up(hub: HubServer, tmp_path: Path) -> None:
    hub.add_fault(r"mini-magnum", "stall", delay=1.5, times=None)
    path = _card(tmp_path / "cards", "child", BASE)
    folders = CardFolders([path.parent])
    bases = HubBases(folders.resolve, Budget(), timeout=0.3)
    try:
        row = grade_card(path, folders, hub=bases)
    finally:
        bases.close()
    base = _ancestor(json.loads(row.report), BASE)
    assert not base["found"] and "did not answer within 0.3 s" in base["binds"]
    assert row.verdict != "closed"
    deadline = time.monotonic() + 5  # the stalled requests end (and are logged) before the next test starts
    while hub.count(r"mini-magnum") < 2 and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_lookups_of_a_build_are_capped(hub: HubServer, tmp_path: Path) -> None:
    path = _card(tmp_path / "cards", "child", BASE)
    folders = CardFolders([path.parent])
    bases = HubBases(folders.resolve, Budget(cap=0))
    try:
        row = grade_card(path, folders, hub=bases)
    finally:
        bases.close()
    base = _ancestor(json.loads(row.report), BASE)
    assert "limit of 0 Hub lookups" in base["binds"] and not base["found"]
    assert hub.count() == 0


def test_worker_processes_share_the_hub_lookups(hub: HubServer, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    for n in range(30):  # two chunks: two worker processes
        _card(folder, f"child-{n}", BASE)
    rows = _built(tmp_path, folder, "a.duckdb", offline=False, workers=2)
    assert all(_ancestor(r["report"], BASE)["source"] == "hub" for r in rows.values())


@pytest.mark.parametrize("offline", [False, True])
def test_index_add_asks_the_hub_unless_offline(hub: HubServer, tmp_path: Path, offline: bool) -> None:
    path = _card(tmp_path / "cards", "child", BASE)
    store = open_store(tmp_path / "a.duckdb")
    with store:
        ((_, row),) = add(store, [str(path)], offline=offline)
        assert not isinstance(row, Exception)
        base = _ancestor(json.loads(row.report), BASE)
    assert base["found"] is (not offline)
    assert (hub.count() == 0) is offline


def test_cli_index_build_offline_flag(hub: HubServer, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    _card(folder, "child", BASE)
    result = CliRunner().invoke(app, ["index", "build", str(folder), "--db", str(tmp_path / "a.duckdb"),
                                      "--no-catalog", "--offline"])
    assert result.exit_code == 0, result.output
    assert hub.count() == 0, [r.path for r in hub.requests()]
    result = CliRunner().invoke(app, ["index", "build", str(folder), "--db", str(tmp_path / "b.duckdb"),
                                      "--no-catalog"])
    assert result.exit_code == 0, result.output
    assert hub.count(r"mini-magnum") >= 1


def test_a_failing_hub_is_not_asked_again_and_again(hub: HubServer, tmp_path: Path) -> None:
    hub.add_fault(r"/api/models/", "status", status=500, times=None)
    folder = tmp_path / "cards"
    ids = [f"nobody/base-{n}" for n in range(9)]
    paths = [_card(folder, f"child-{n}", ident) for n, ident in enumerate(ids)]
    folders = CardFolders([folder])
    bases = HubBases(folders.resolve, Budget())
    try:
        reports = [json.loads(grade_card(p, folders, hub=bases).report) for p in paths]
    finally:
        bases.close()
    reasons = [_ancestor(r, i)["binds"] for r, i in zip(reports, ids, strict=True)]
    assert all("could not be looked up" in r for r in reasons)
    assert sum("in a row failed in this build" in r for r in reasons) == len(ids) - MAX_FAILURES
    assert hub.count(r"nobody/base-[5-8]") == 0  # never asked once the worker stopped

"""`howopen index crawl` against the loopback Hub: completes, skips what it graded, re-grades what changed,
honours 429 and backs off on 5xx, never stores a model whose README could not be read, sends the token."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen.cli.app import app
from howopen.index import open_store
from howopen.index.crawl import CrawlOptions, crawl
from howopen.index.hublisting import ListingQuery
from hubserver import TOKEN, HubServer, load

CARDS = Path(__file__).resolve().parents[1] / "fixtures" / "cards"
COPIES = 2  # 17 cards x 2 = 34 models besides the fixtures


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[HubServer]:
    world = load()
    world.add_card_copies(sorted(CARDS.glob("*_*.md")), COPIES)
    with HubServer(world) as server:
        monkeypatch.setenv("HOWOPEN_HF_ENDPOINT", server.url)
        yield server


def public(server: HubServer) -> list[str]:
    return sorted(r.id for r in server.world.models.values() if not r.private)


def run(server: HubServer, db: Path, **options: object) -> object:
    with open_store(db) as store:
        return crawl(store, server.url, CrawlOptions(workers=1, **options))  # type: ignore[arg-type]


def ids(db: Path, origin: str = "crawl") -> list[str]:
    with open_store(db, read_only=True) as store:
        return sorted(r["id"] for r in store.fetch("SELECT id FROM models WHERE origin = ?", [origin]))


def test_crawl_grades_every_listed_model_then_skips_them(hub: HubServer, tmp_path: Path) -> None:
    db = tmp_path / "index.duckdb"
    stats = run(hub, db)
    expected = public(hub)
    assert stats.finished and stats.listed == len(expected) and stats.failed == 0  # type: ignore[attr-defined]
    assert ids(db) == expected
    assert hub.count(r"/resolve/[0-9a-f]{40}/README\.md$") == len(expected)  # pinned to the listed commit
    with open_store(db, read_only=True) as store:
        row = store.get("copy-1/Llama-3.1-8b-Ita")
    assert row is not None and row["origin"] == "crawl"
    facts = row["report"]["release"]["facts"]
    assert facts["downloads"]["value"] == hub.world.models["copy-1/llama-3.1-8b-ita"].meta["downloads"]
    assert facts["sha"]["value"] == hub.world.models["copy-1/llama-3.1-8b-ita"].sha
    assert [a["id"] for a in row["report"]["lineage"]] == ["meta-llama/Meta-Llama-3.1-8B-Instruct"]

    hub.reset()
    again = run(hub, db)
    assert again.graded == 0 and again.unchanged == len(expected)  # type: ignore[attr-defined]
    assert hub.count("README") == 0


def test_a_second_crawl_regrades_only_changed_commits(hub: HubServer, tmp_path: Path) -> None:
    db = tmp_path / "index.duckdb"
    run(hub, db)
    changed = ["copy-0/amber", "copy-1/olmo-1b-hf", "copy-1/pythia-1b"]
    mit = b"---\nlicense: mit\nbase_model: meta-llama/Llama-3.1-8B\n---\n# A fine-tune\n"
    for ident in changed:
        hub.world.models[ident].change_commit(card=mit)
    hub.reset()
    stats = run(hub, db)
    assert stats.graded == 3 and stats.unchanged == len(public(hub)) - 3  # type: ignore[attr-defined]
    assert sorted("/".join(e.path.split("/")[1:3]).lower() for e in hub.requests("README")) == changed
    with open_store(db, read_only=True) as store:
        row = store.get("copy-0/Amber")
    assert row is not None and row["report"]["license"]["declared"].lower() == "mit"
    assert row["report"]["conflicts"], "an MIT tag on a Llama 3.1 fine-tune cannot be right"


def test_filters_limit_and_early_stop(hub: HubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(hub, tmp_path / "a.duckdb", query=ListingQuery(author="copy-1")).graded == 17  # type: ignore[attr-defined]
    stats = run(hub, tmp_path / "b.duckdb", query=ListingQuery(search="pythia"))
    assert stats.graded == COPIES + 1  # type: ignore[attr-defined]
    assert run(hub, tmp_path / "c.duckdb", limit=25).listed == 25  # type: ignore[attr-defined]
    hub.reset()
    monkeypatch.setattr("howopen.index.hublisting.PAGE_SIZE", 10)
    top = run(hub, tmp_path / "d.duckdb", min_downloads=60_000)
    wanted = [r.id for r in hub.world.models.values() if not r.private and r.meta.get("downloads", 0) >= 60_000]
    assert sorted(ids(tmp_path / "d.duckdb")) == sorted(wanted)
    # sorted by downloads, the listing stops at the first page that reaches below the threshold
    assert top.filtered >= 1 and top.listed < len(public(hub))  # type: ignore[attr-defined]
    assert hub.count(r"^/api/models\?") == top.pages < -(-len(public(hub)) // 10)  # type: ignore[attr-defined]
    import datetime as dt

    recent = run(hub, tmp_path / "e.duckdb", since=dt.date(2025, 4, 1), query=ListingQuery(sort="last-modified"))
    wanted = [r.id for r in hub.world.models.values()
              if not r.private and str(r.meta.get("lastModified", "2024-07-23"))[:10] >= "2025-04-01"]
    assert sorted(ids(tmp_path / "e.duckdb")) == sorted(wanted) and recent.graded == len(wanted)  # type: ignore[attr-defined]


def test_429_and_5xx_are_waited_out(hub: HubServer, tmp_path: Path) -> None:
    hub.add_fault(r"^/api/models\?", "status", status=429, retry_after="1", times=1)
    hub.add_fault(r"copy-0/Amber/resolve/", "status", status=429, retry_after="1", times=1)
    hub.add_fault(r"copy-1/Amber/resolve/", "status", status=503, times=2)
    hub.add_fault(r"copy-0/OLMo-1B-hf/resolve/", "status", status=500, times=1)
    hub.add_fault(r"copy-1/pythia-1b/resolve/", "truncate", times=1)
    stats = run(hub, tmp_path / "index.duckdb")
    assert stats.failed == 0 and ids(tmp_path / "index.duckdb") == public(hub)  # type: ignore[attr-defined]
    assert stats.throttle is not None and stats.throttle.rate_limited >= 1  # type: ignore[attr-defined]
    assert hub.count(r"^/api/models\?") == 2  # the 429 page, then the page


def test_the_hubs_ratelimit_header_is_honoured_without_retry_after(hub: HubServer, tmp_path: Path) -> None:
    hub.add_fault(r"copy-0/Amber/resolve/", "status", status=429, times=1,
                  headers={"RateLimit": '"resolvers";r=0;t=1'})
    stats = run(hub, tmp_path / "index.duckdb", query=ListingQuery(author="copy-0"))
    assert stats.failed == 0 and stats.graded == 17  # type: ignore[attr-defined]
    assert stats.throttle.rate_limited == 1 and stats.throttle.waited >= 0.9  # type: ignore[attr-defined]


def test_a_failed_read_is_not_a_verdict(hub: HubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("howopen.index.readmes.BACKOFF", 0.01)
    db = tmp_path / "index.duckdb"
    hub.add_fault(r"copy-1/Amber/resolve/", "status", status=500, times=None)
    stats = run(hub, db)
    assert stats.failed == 1 and "copy-1/Amber" not in ids(db)  # type: ignore[attr-defined]
    assert any("copy-1/Amber" in f for f in stats.failures)  # type: ignore[attr-defined]
    hub.reset()
    again = run(hub, db)
    assert again.graded == 1 and "copy-1/Amber" in ids(db)  # type: ignore[attr-defined]


def test_the_token_is_sent_when_configured(hub: HubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    run(hub, tmp_path / "index.duckdb", query=ListingQuery(author="copy-1"))
    assert hub.requests() and all(e.authorized for e in hub.requests())


def test_cli_crawl_summary_and_bad_input(hub: HubServer, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "index.duckdb")
    done = runner.invoke(app, ["index", "crawl", "--db", db, "--author", "copy-0", "-j", "1"])
    assert done.exit_code == 0, done.output
    assert "crawl complete: 17 listed, 17 graded, 0 skipped" in done.stdout
    bad = runner.invoke(app, ["index", "crawl", "--db", db, "--since", "yesterday"])
    assert bad.exit_code == 2 and "--since 'yesterday' is not a date" in bad.output
    bad = runner.invoke(app, ["index", "crawl", "--db", db, "--sort", "likes"])
    assert bad.exit_code == 2 and "unknown --sort" in bad.output


def test_a_listing_that_cannot_be_read_stops_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOWOPEN_HF_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setattr("huggingface_hub.utils._http.time.sleep", lambda _s: None)
    done = CliRunner().invoke(app, ["index", "crawl", "--db", str(tmp_path / "i.duckdb")])
    assert done.exit_code == 1
    assert "the Hub's listing could not be read" in done.output and "run the same command again" in done.output
    assert "Traceback" not in done.output


def test_state_is_saved_per_page(hub: HubServer, tmp_path: Path) -> None:
    db = tmp_path / "index.duckdb"
    run(hub, db)
    with open_store(db, read_only=True) as store:
        state = json.loads(store.fetch("SELECT value FROM meta WHERE key = 'crawl.state'")[0]["value"])
    assert state["next"] is None and state["listed"] == len(public(hub))
    assert sys.modules.get("howopen.index.crawl") is not None

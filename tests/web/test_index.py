"""The index store and its build: cards as metadata-only releases, the catalog, precedence, resume, queries."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from howopen.errors import UsageError
from howopen.index import build as build_module
from howopen.index import open_store
from howopen.index.build import build
from howopen.index.cards import card_names
from howopen.index.query import Query
from howopen.index.store import Store

from .conftest import CARDS, HOSTILE, build_index


def test_every_card_and_catalog_release_is_indexed(store: Store) -> None:
    rows = store.fetch("SELECT id, origin, metadata_only, source FROM models ORDER BY id")
    cards = {r["id"] for r in rows if r["origin"] == "card"}
    catalog = {r["id"] for r in rows if r["origin"] == "catalog"}
    assert len(cards) == len(list(CARDS.glob("*.md"))) - 1  # SOURCE.md is not named <org>_<model>
    assert "stabilityai/stable-diffusion-xl-base-1.0" in cards and HOSTILE in cards
    assert catalog == {"EleutherAI/pythia-1b", "meta-llama/Llama-3.1-8B-Instruct", "microsoft/Phi-3-mini-128k-instruct"}
    assert all(r["metadata_only"] and r["source"] == "card" for r in rows if r["origin"] == "card")
    assert not any(r["metadata_only"] for r in rows if r["origin"] == "catalog")


def test_card_only_entries_are_unknown_and_say_what_they_would_be(store: Store) -> None:
    row = store.get("Pclanglais/Mickey-1928")
    assert row is not None
    assert row["verdict"] == "unknown"  # a card does not show the weights
    # cc0 on the card, but the SDXL base's OpenRAIL++ passes its use restrictions down
    assert row["verdict_if_published"] == "restricted-weights" == row["openness"]
    assert row["report"]["schema"] == "howopen.report/1"
    assert any(w["code"] == "card-only" for w in row["report"]["warnings"])


def test_catalog_rows_carry_date_modality_and_grades(store: Store) -> None:
    llama = store.get("meta-llama/Llama-3.1-8B-Instruct")
    assert llama is not None
    assert llama["release_date"] == dt.date(2024, 7, 23)
    assert llama["modality"] == "text"
    assert llama["verdict"] == "restricted-weights"
    assert llama["license_id"] == "llama3.1"
    assert llama["commercial_use"] in ("conditional", "yes", "no")


def test_bases_table_counts_derivatives_with_the_base_license(store: Store) -> None:
    top = store.top_bases()
    sdxl = next(b for b in top if b["base_id"] == "stabilityai/stable-diffusion-xl-base-1.0")
    assert sdxl["n"] == 3
    assert sdxl["indexed_id"] == "stabilityai/stable-diffusion-xl-base-1.0"
    assert sdxl["base_license"] == "openrail++"
    base = store.get("stabilityai/stable-diffusion-xl-base-1.0")
    assert base is not None
    assert {d["id"] for d in base["derivatives"]} == {"Pclanglais/Mickey-1928", "RunDiffusion/Juggernaut-XL-Lightning",
                                                      "Dremmar/nsfw-xl"}


def test_modality_from_pipeline_tag(store: Store) -> None:
    assert store.get("Pclanglais/Mickey-1928")["modality"] == "image"  # type: ignore[index]
    assert store.get("Qwen/Qwen2.5-3B")["modality"] == "text"  # type: ignore[index]
    assert store.get("EleutherAI/pythia-160m")["modality"] == "unknown"  # its card names no task  # type: ignore[index]


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "mickey"}, {"Pclanglais/Mickey-1928"}),
    ({"q": "QWEN2.5"}, {"Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-3B-Instruct-GGUF"}),
    ({"origin": "catalog", "verdict": "restricted-weights"}, {"meta-llama/Llama-3.1-8B-Instruct"}),
    ({"org": "stabilityai"}, {"stabilityai/stable-diffusion-xl-base-1.0"}),
    ({"from": "2024", "to": "2024-05-01"}, {"microsoft/Phi-3-mini-128k-instruct"}),
    ({"q": "100%_"}, set()),
    ({"eosai_min": "0.35"}, {"microsoft/Phi-3-mini-128k-instruct", "EleutherAI/pythia-1b",
                             "EleutherAI/pythia-160m"}),
])
def test_leaderboard_filters_and_search(store: Store, params: dict[str, str], expected: set[str]) -> None:
    rows, total = store.leaderboard(Query.from_params(params))
    assert {r["id"] for r in rows} == expected
    assert total == len(expected)


def test_leaderboard_sorts_and_pages(store: Store) -> None:
    rows, total = store.leaderboard(Query.from_params({"sort": "name", "order": "asc"}))
    names = [r["id"].lower() for r in rows]
    assert names == sorted(names) and total == len(rows)
    by_verdict, _ = store.leaderboard(Query.from_params({}))
    ranks = [r["verdict"] for r in by_verdict]
    assert ranks.index("restricted-weights") < ranks.index("unknown")
    page2, total2 = store.leaderboard(Query.from_params({"sort": "name", "order": "asc", "per_page": "3",
                                                         "page": "2"}))
    assert [r["id"] for r in page2] == [r["id"] for r in rows[3:6]] and total2 == total
    assert Query.from_params({"sort": "drop table", "page": "x"}) == Query()


def test_build_resumes_and_reindexes_changed_cards(tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    shutil.copytree(CARDS, folder)
    store = build_index(tmp_path / "i.duckdb", with_catalog=False, folders=[folder])
    with store:
        again = build(store, [folder], catalog=False, workers=1)
        assert again.cards_indexed == 0 and again.cards_unchanged == again.cards_seen
        card = folder / "EleutherAI_pythia-160m.md"
        card.write_text(card.read_text() + "\nAn added line.\n")
        changed = build(store, [folder], catalog=False, workers=1)
        assert changed.cards_indexed == 1
        row = store.get("EleutherAI/pythia-160m")
        assert row is not None and row["card"].endswith("An added line.\n")


def test_parallel_build_matches_the_serial_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "CHUNK", 2)
    with open_store(tmp_path / "p.duckdb") as parallel:
        result = build(parallel, [CARDS], catalog=False, workers=2)
        assert result.cards_indexed == result.cards_seen and not result.failures
        got = parallel.fetch("SELECT id, verdict, openness, license_id FROM models ORDER BY id")
    serial = build_index(tmp_path / "s.duckdb", with_catalog=False)
    with serial:
        assert got == serial.fetch("SELECT id, verdict, openness, license_id FROM models ORDER BY id")


def test_missing_catalog_is_reported(tmp_path: Path) -> None:
    import sys

    with open_store(tmp_path / "n.duckdb") as store, pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "howopen.catalog", None)
        result = build(store, [], workers=1)
        assert result.catalog_missing and store.count() == 0


def test_a_card_never_replaces_a_catalog_entry(tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "EleutherAI_pythia-1b.md").write_text("---\nlicense: mit\n---\n# pythia\n")
    store = build_index(tmp_path / "c.duckdb", folders=[folder])
    with store:
        row = store.get("eleutherai/PYTHIA-1B")
        assert row is not None and row["origin"] == "catalog" and row["license_id"] != "MIT"


def test_card_names_from_file_names() -> None:
    assert card_names(Path("01-ai_Yi-1.5-9B.md")) == ("01-ai", "Yi-1.5-9B")
    assert card_names(Path("Comfy-Org_flux1_dev.md")) == ("Comfy-Org", "flux1_dev")
    assert card_names(Path("README.md")) == ("local", "README")


def test_opening_a_missing_index_read_only_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no index at"):
        open_store(tmp_path / "absent.duckdb", read_only=True)
    (tmp_path / "dir.duckdb").mkdir()
    with pytest.raises(UsageError, match="is a folder"):
        open_store(tmp_path / "dir.duckdb")


def test_an_interrupted_build_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "CHUNK", 3)
    calls = []

    def interrupt(done: int) -> None:
        calls.append(done)
        raise KeyboardInterrupt

    with open_store(tmp_path / "r.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            build(store, [CARDS], catalog=False, workers=1, on_progress=interrupt)
        assert store.count() == 3  # the first chunk was written before the interruption
        resumed = build(store, [CARDS], catalog=False, workers=1)
        assert resumed.cards_unchanged == 3 and resumed.cards_indexed == resumed.cards_seen - 3
        assert store.count() == resumed.cards_seen


def test_index_add_keeps_a_local_card_for_its_evidence(tmp_path: Path) -> None:
    from howopen.index.build import add

    from .conftest import SNAPSHOTS

    with open_store(tmp_path / "a.duckdb") as store:
        [(_target, row)] = add(store, [str(SNAPSHOTS / "pythia-1b")], offline=True)
        assert not isinstance(row, Exception)
        stored = store.get(row.id)
        assert stored is not None and stored["origin"] == "check" and stored["card"].startswith("---")


def test_search_treats_wildcards_literally() -> None:
    import duckdb

    connection = duckdb.connect()
    connection.execute("CREATE TABLE models (id VARCHAR, license_name VARCHAR)")
    connection.execute("INSERT INTO models VALUES ('org/a_b', NULL), ('org/axb', NULL), ('org/100%', NULL)")
    for q, expected in (("a_b", ["org/a_b"]), ("100%", ["org/100%"]), ("A", ["org/a_b", "org/axb"])):
        where, args = Query(q=q).where()
        found = sorted(r[0] for r in connection.execute(f"SELECT id FROM models{where}", args).fetchall())
        assert found == expected, q


def test_a_card_the_catalog_outranks_is_not_graded_again_on_rebuild(tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    shutil.copy(CARDS / "EleutherAI_pythia-160m.md", folder / "EleutherAI_pythia-160m.md")
    shutil.copy(CARDS / "EleutherAI_pythia-160m.md", folder / "EleutherAI_pythia-1b.md")  # the catalog holds this id
    path = tmp_path / "i.duckdb"
    build_index(path, folders=[folder]).close()
    with open_store(path) as store:
        assert store.get("EleutherAI/pythia-1b")["origin"] == "catalog"  # the catalog entry kept its place
        again = build(store, [folder], catalog=False, workers=1)
        assert again.cards_indexed == 0 and again.cards_unchanged == again.cards_seen == 2

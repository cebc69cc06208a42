"""The held-out license set is well formed: every text present and unchanged, every quote verbatim at its line."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
import yaml

from howopen.licenses import TermKey, knowledge_base
from howopen.licenses.kb import texts_dir

HERE = Path(__file__).parent / "heldout"
LABELS = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
ENTRIES = LABELS["texts"]
GRADED = {"commercial_use": {"yes", "no", "conditional"}, "redistribution": {"yes", "no", "conditional"}}
LANGUAGES = {"en", "zh", "zh+en", "en+zh"}


def _text(entry: dict) -> str:
    return (HERE / "texts" / entry["file"]).read_bytes().decode("utf-8")


def test_set_size_and_files_match() -> None:
    files = sorted(e["file"] for e in ENTRIES)
    assert len(files) >= 30 and len(set(files)) == len(files)
    assert files == sorted(p.name for p in (HERE / "texts").iterdir())
    assert sum(e["language"] == "zh" for e in ENTRIES) >= 4
    assert sum(not e["license"]["kb_known"] for e in ENTRIES) >= 15


def test_no_text_is_a_corpus_text() -> None:
    with (texts_dir() / "MANIFEST.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if "not part of the shared corpus" not in r["note"]]
    assert len(rows) == 75
    corpus = {hashlib.sha256((texts_dir() / r["file"]).read_bytes()).hexdigest() for r in rows}
    assert not corpus & {hashlib.sha256((HERE / "texts" / e["file"]).read_bytes()).hexdigest() for e in ENTRIES}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_entry_is_well_formed(entry: dict) -> None:
    text = _text(entry)
    assert len(text) == entry["chars"]
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == entry["sha256"]
    assert entry["language"] in LANGUAGES and entry["name"]
    src = entry["source"]
    assert src["repo"].count("/") == 1 and src["path"] and len(src["commit"]) == 40
    assert src["url"].startswith(f"https://github.com/{src['repo']}/blob/{src['commit']}/")
    lic = entry["license"]
    kb = knowledge_base()
    for license_id in [lic["expected"], *lic.get("accept", [])]:
        assert license_id == "unrecognized" or kb.get(license_id) is not None, license_id
    if lic["kb_known"]:
        assert lic["expected"] != "unrecognized" and kb.get(lic["expected"]).text_file
    else:
        assert lic["expected"] == "unrecognized"
    if "modification_of" in lic:
        assert kb.get(lic["modification_of"]) is not None
    assert isinstance(entry["restrictive"], bool)
    lines = text.split("\n")
    for key, term in entry["terms"].items():
        TermKey(key)
        assert term["value"] in GRADED.get(key, {"yes", "no"}), (key, term["value"])
        if term["value"] in ("yes", "conditional") or key == "commercial_use":
            assert term.get("clauses"), f"{key}: a judged value rests on a quote"
        for clause in term.get("clauses", []):
            assert clause["quote"] in lines[clause["line"] - 1], (key, clause)
    for threshold in entry.get("thresholds", []):
        assert threshold["quote"] in lines[threshold["line"] - 1]
        assert threshold["metric"] and threshold["value"] > 0 and threshold["consequence"]
    assert "commercial_use" in entry["terms"]

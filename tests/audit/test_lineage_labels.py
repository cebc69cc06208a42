"""The lineage audit set (tests/audit/lineage, issue 12) is well formed: every label names a card that exists, every
card has one label, every field holds a valid value. Agreement with howopen is measured by bench/audit_lineage.py,
not asserted here."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from howopen.licenses.kb import knowledge_base

AUDIT = Path(__file__).parent / "lineage"
CARDS = AUDIT / "cards"
CORPUS = next((p / "shared" / "corpus" / "cards" for p in Path(__file__).resolve().parents[3:]
               if (p / "shared" / "corpus" / "cards").is_dir()), Path("/nonexistent"))
VERDICTS = {"open-source", "open-weights", "restricted-weights", "unknown"}
COMMERCIAL = {"yes", "conditional", "no", "unknown"}
RELATIONS = {"finetune", "adapter", "merge", "quantized", "distillation", "re-upload"}
UNKNOWN_LICENSE = "other-or-unknown"
NAMED_IN_ISSUE = {"tloen_alpaca-lora-7b", "NousResearch_Nous-Hermes-Llama2-13b", "FlagAlpha_Llama3-Chinese-8B-Instruct",
                  "mustafaaljadery_gemma-2B-10M", "NousResearch_Hermes-2-Theta-Llama-3-8B", "numind_NuExtract-tiny",
                  "mosaicml_mpt-7b", "baichuan-inc_Baichuan2-13B-Base"}


def _labels() -> dict[str, Any]:
    data = yaml.safe_load((AUDIT / "labels.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("cards"), list)
    return data


def _entries() -> list[dict[str, Any]]:
    return _labels()["cards"]


def _license_ids() -> set[str]:
    return {lic.id.lower() for lic in knowledge_base() if lic.kind in ("license", "family")}


def test_every_card_has_exactly_one_label_and_every_label_a_card() -> None:
    names = [e["card"] for e in _entries()]
    assert len(names) == len(set(names)), "a card is labeled twice"
    files = {p.stem for p in CARDS.glob("*.md")}
    assert set(names) == files
    assert len(files) >= 200


def test_the_sets_are_half_random_half_traps() -> None:
    sets = [e["set"] for e in _entries()]
    assert set(sets) <= {"random", "trap"}
    assert sets.count("random") == 100 and sets.count("trap") >= 100
    traps = [e for e in _entries() if e["set"] == "trap"]
    assert all(isinstance(e.get("chosen_for"), list) and e["chosen_for"] for e in traps)
    assert {e["card"] for e in traps} >= NAMED_IN_ISSUE


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the repository")
def test_the_random_half_is_the_seeded_draw() -> None:
    spec = importlib.util.spec_from_file_location("draw", AUDIT / "draw.py")
    assert spec is not None and spec.loader is not None
    draw = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(draw)
    assert _labels()["seed"] == draw.SEED
    drawn = set(draw.draw(CORPUS))
    assert drawn == {e["card"] for e in _entries() if e["set"] == "random"}
    for name in drawn:  # copied verbatim
        assert (CARDS / f"{name}.md").read_bytes() == (CORPUS / f"{name}.md").read_bytes()


def test_every_labeled_field_is_valid() -> None:
    known = _license_ids()
    labeled = [e for e in _entries() if "verdict" in e]
    assert len(labeled) >= 100
    for entry in labeled:
        where = entry["card"]
        assert entry["verdict"] in VERDICTS, where
        assert entry["commercial"] in COMMERCIAL, where
        assert isinstance(entry["conflict"], bool), where
        governing = entry["governing"]
        assert isinstance(governing, list) and governing, where
        for license_id in governing:
            assert license_id.lower() in known or license_id == UNKNOWN_LICENSE, f"{where}: {license_id}"
        assert isinstance(entry["reason"], str) and 20 <= len(entry["reason"]) <= 600, where
        assert isinstance(entry.get("declared", []), list), where
        for base in entry["bases"]:
            assert set(base) == {"name", "relation", "evidence"}, where
            assert base["relation"] in RELATIONS, f"{where}: {base['relation']}"
            assert base["evidence"].strip(), where


def test_labels_are_consistent_with_themselves() -> None:
    for entry in (e for e in _entries() if "verdict" in e):
        where = entry["card"]
        if entry["verdict"] in {"open-source", "open-weights"}:  # open needs a known license that allows commerce
            assert UNKNOWN_LICENSE not in entry["governing"] and entry["commercial"] == "yes", where
        if entry["conflict"]:  # a conflict overrules a declared license
            assert entry.get("declared"), where


def test_evidence_lines_point_into_the_card() -> None:
    for entry in (e for e in _entries() if "verdict" in e):
        lines = (CARDS / f"{entry['card']}.md").read_text(encoding="utf-8", errors="replace").count("\n") + 1
        cited = [entry["reason"]] + [b["evidence"] for b in entry["bases"]]
        for text in cited:
            for number in re.findall(r"README\.md:(\d+)", text):
                assert 1 <= int(number) <= lines, f"{entry['card']}: README.md:{number} is past the card's end"

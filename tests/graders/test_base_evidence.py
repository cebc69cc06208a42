"""A derivative's base-model dimensions graded from the base model's own evidence (docs/frameworks.md, "A base
model's own evidence"): a base card in the same folder, a chain down to the pretrained model; a base named by weak
signals only is not graded. A base fetched from the loopback Hub: tests/hub/test_base_evidence.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from howopen.evidence import BaseModelRef, Provenance
from howopen.formats import FORMATS
from howopen.graders import eosai
from howopen.graders.base_evidence import nearest_base
from howopen.index.cards import CardFolders
from howopen.licenses import resolve
from howopen.lineage import trace
from howopen.pipeline import assess
from howopen.sources.cardfile import CardFileSource
from support.base_cards import BASE_CARD, TUNE_CARD


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def _dims(folder: Path, card: Path) -> dict:
    report = assess(CardFileSource(card).fetch(), resolver=CardFolders([folder]).resolve)
    return report.frameworks["eosai"].fields["dimensions"]


def test_a_base_card_in_the_folder_grades_the_base_dimensions_with_its_citation(tmp_path: Path) -> None:
    _write(tmp_path, "acme_base-7b", BASE_CARD)
    tune = _write(tmp_path, "acme_chat-7b", TUNE_CARD.format(base="acme/base-7b"))
    dims = _dims(tmp_path, tune)
    data = dims["datasources_basemodel"]
    assert data["class"] == "open"  # listed and described on the base's own card
    assert "acme/base-7b's own evidence (its model card, acme/base-7b/README.md" in data["notes"]
    assert "RedPajama-Data-1T" in data["notes"]
    cites = [e["cite"] for e in data["evidence"]]
    assert "acme/base-7b/README.md:3" in cites  # the base card's `datasets:` line, not the fine-tune's README.md
    assert all(not c.startswith("README.md") for c in cites)
    # a card alone does not show the weights: the base's weights stay unknown, said from the base's own evidence
    weights = dims["weights_basemodel"]
    assert weights["class"] == "unknown" and "acme/base-7b's own evidence" in weights["notes"]
    # the end model's own dimension is still the fine-tune's (its card lists no training data)
    assert dims["datasources_endmodel"]["class"] != "open"


def test_the_base_is_the_pretrained_model_down_the_chain(tmp_path: Path) -> None:
    _write(tmp_path, "acme_base-7b", BASE_CARD)
    _write(tmp_path, "acme_sft-7b", TUNE_CARD.format(base="acme/base-7b").replace("Chat 7B", "SFT 7B"))
    tune = _write(tmp_path, "acme_dpo-7b", TUNE_CARD.format(base="acme/sft-7b"))
    data = _dims(tmp_path, tune)["datasources_basemodel"]
    assert data["class"] == "open"
    assert "acme/base-7b's own evidence" in data["notes"] and "below acme/sft-7b" in data["notes"]
    # the chain reaches a model nothing holds: unknown, naming the model that would settle it
    _write(tmp_path, "acme_sft-7b", TUNE_CARD.format(base="nowhere/foundation").replace("Chat 7B", "SFT 7B"))
    data = _dims(tmp_path, tune)["datasources_basemodel"]
    assert data["class"] == "unknown"
    assert "acme/sft-7b derives from nowhere/foundation" in data["notes"]
    assert "grading nowhere/foundation would settle it" in data["notes"]


def test_a_base_named_by_weak_signals_only_is_not_graded(tmp_path: Path) -> None:
    base = _write(tmp_path, "acme_base-7b", BASE_CARD)
    tune = _write(tmp_path, "acme_chat-7b", "---\nlicense: apache-2.0\n---\n# Chat 7B\n\nA chat model.\n")
    release = resolve(CardFileSource(tune).fetch())
    weak = BaseModelRef("acme/base-7b", None, Provenance("README.md", line=5, method="name"), confidence=0.6,
                        signal="name", note="the model's name")
    release = trace(replace(release, base_models=(weak,)),
                    lambda ident: CardFileSource(base).fetch() if ident == "acme/base-7b" else None)
    (ancestor,) = release.lineage
    assert ancestor.release is not None  # the lineage stage found the card ...
    found = nearest_base(release)
    assert found is not None and found.release is None  # ... but does not take its evidence for the base's
    rating = eosai.datasources_basemodel(release)
    assert rating.value == "unknown"
    assert "weak signals only" in rating.note and "acme/base-7b" in rating.note
    assert "would settle it" in rating.note


def test_the_report_json_keeps_its_names(tmp_path: Path) -> None:
    _write(tmp_path, "acme_base-7b", BASE_CARD)
    tune = _write(tmp_path, "acme_chat-7b", TUNE_CARD.format(base="acme/base-7b"))
    data = assess(CardFileSource(tune).fetch(), resolver=CardFolders([tmp_path]).resolve).to_dict()
    (ancestor,) = data["lineage"]
    assert set(ancestor) == {"id", "depth", "relation", "parent", "source", "found", "same_publisher", "confidence",
                             "signal", "doubt", "license", "binds", "passes_down", "evidence"}
    assert set(data["frameworks"]["eosai"]["dimensions"]["weights_basemodel"]) == {
        "class", "link", "notes", "category", "evidence"}


def test_the_draft_record_names_the_base_the_dimensions_were_graded_from(tmp_path: Path) -> None:
    _write(tmp_path, "acme_base-7b", BASE_CARD)
    _write(tmp_path, "acme_sft-7b", TUNE_CARD.format(base="acme/base-7b").replace("Chat 7B", "SFT 7B"))
    tune = _write(tmp_path, "acme_dpo-7b", TUNE_CARD.format(base="acme/sft-7b"))
    report = assess(CardFileSource(tune).fetch(), resolver=CardFolders([tmp_path]).resolve)
    assert yaml.safe_load(FORMATS["eosai"](report))["system"]["basemodelname"] == "acme/base-7b"

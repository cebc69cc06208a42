"""The tuned-model statement reader against a labeled sample of real cards (tests/audit/tuned/labels.yaml): no card
whose model is not said to be tuned is taken for a tuned one, and the known misses stay few."""

from __future__ import annotations

from pathlib import Path

import yaml

from howopen.sources.card import parse_card
from howopen.sources.tuning import tuned_statement

HERE = Path(__file__).parent / "tuned"
LABELS = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))["cards"]


def _read(card: str) -> bool:
    return tuned_statement(parse_card((HERE / "cards" / f"{card}.md").read_bytes(), "README.md")) is not None


def test_no_model_is_taken_for_a_tuned_one_wrongly() -> None:
    wrong = [c["card"] for c in LABELS if not c["tuned"] and _read(c["card"])]
    assert wrong == []


def test_most_tuned_models_are_found() -> None:
    tuned = [c["card"] for c in LABELS if c["tuned"]]
    missed = [card for card in tuned if not _read(card)]
    assert len(LABELS) >= 25
    assert len(missed) <= 4, missed

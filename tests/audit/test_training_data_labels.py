"""The prose training-data reader against the labeled sample (tests/audit/training_data): no false "training data"
beyond the known ones the bench script names, and most labeled training datasets found. The figures are printed by
bench/audit_training_data.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

AUDIT = Path(__file__).parent / "training_data"
SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "audit_training_data.py"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("audit_training_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_labeled_card_is_copied_here():
    bench = _bench()
    import yaml

    cards = [e["card"] for e in yaml.safe_load(bench.LABELS.read_text(encoding="utf-8"))["cards"]]
    assert len(cards) >= 30 and len(set(cards)) == len(cards)
    assert all((AUDIT / "cards" / f"{c}.md").is_file() for c in cards)


def test_no_unknown_false_training_data_and_most_labels_found():
    bench = _bench()
    rows, false, missed = bench.audit(AUDIT / "cards")
    assert [f for f in false if f not in bench.KNOWN_FALSE] == []
    assert sum(1 for r in rows if r["agree"]) / len(rows) >= 0.8
    assert len(missed) <= 4

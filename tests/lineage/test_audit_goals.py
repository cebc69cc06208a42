"""Issue 12's goals on the labeled audit set (tests/audit/lineage, 201 corpus cards judged by reading them): no
release called open that is not, and at least 95 % agreement on the license that governs the weights.

Graded as `bench/audit_lineage.py --corpus tests/audit/lineage/cards` grades them: each card as `index build`
grades a card file, base models resolved among the audit cards alone (the test needs nothing outside the
repository; with the whole shared corpus the figures are as good or better)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_lineage", ROOT / "bench" / "audit_lineage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_wrong_open_and_governing_license_agreement() -> None:
    bench = _bench()
    figures, rows, _resolved = bench.run(ROOT / "tests" / "audit" / "lineage" / "cards")
    wrong = [r["card"] for r in rows if r["wrong_open"]]
    assert wrong == [], f"called open, but the labels say not: {wrong}"
    assert figures["cards"] >= 200
    assert figures["governing"]["percent"] >= 95.0, figures["governing"]

"""The own-paper audit set (tests/audit/own_paper, issue 15): well formed, and no paper the labels say a card only
cites is taken for the release's own. The agreement itself is printed by bench/audit_own_paper.py."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

AUDIT = Path(__file__).parent / "own_paper"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "audit_own_paper.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_own_paper", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_card_has_one_label_with_a_reason() -> None:
    entries = _bench().labels()
    names = [e["card"] for e in entries]
    assert len(names) == len(set(names)) >= 30
    assert set(names) == {p.stem for p in (AUDIT / "cards").glob("*.md")}
    for entry in entries:
        assert isinstance(entry.get("own"), list), entry["card"]
        assert isinstance(entry.get("why"), str) and len(entry["why"]) >= 20, entry["card"]
        for ident in [*entry["own"], *(entry.get("either") or [])]:
            assert re.match(r"^(arXiv:|doi:|bibtex:|https?://)", ident), f"{entry['card']}: {ident}"


def test_no_cited_paper_is_taken_for_the_releases_own() -> None:
    results = _bench().run()
    wrong = [(r.card, p) for r in results for p in r.wrong]
    assert wrong == []
    assert sum(1 for r in results if r.agrees) >= 0.85 * len(results)

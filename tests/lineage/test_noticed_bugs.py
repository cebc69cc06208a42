"""Bugs noticed on the corpus cards: a license's generic name is no identification (GPT-2's "Modified MIT
License" is not the Kimi K2 license, nor the MIT License)."""

from __future__ import annotations

import json
from pathlib import Path

from howopen.index.build import grade_card
from howopen.index.cards import CardFolders
from howopen.licenses.identify import find_mentions
from howopen.licenses.kb import knowledge_base

CARDS = Path(__file__).resolve().parents[1] / "audit" / "lineage" / "cards"


def test_a_modified_license_named_in_a_card_is_no_identification() -> None:
    line = "- **License:** [Modified MIT License](https://github.com/openai/gpt-2/blob/master/LICENSE)"
    assert find_mentions(line) == []
    assert "modified-mit" not in knowledge_base().get("kimi-k2-modified-mit").aliases  # type: ignore[union-attr]
    assert [m[0] for m in find_mentions("The weights are released under the MIT License.")] == ["MIT"]


def test_gpt2_is_graded_under_its_mit_tag_not_kimi() -> None:
    card = CARDS / "openai-community_gpt2-large.md"
    row = grade_card(card, CardFolders([CARDS]))
    report = json.loads(row.report)
    assert "kimi-k2-modified-mit" not in {entry.get("id") for entry in report["licenses"]}
    assert row.license_id == "MIT" and row.commercial_use == "yes"

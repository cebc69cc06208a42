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


def test_baichuan2_community_terms_are_read_from_the_publishers_statement() -> None:
    lic = knowledge_base().get("baichuan2-community")
    assert lic is not None and lic.commercial_use == "conditional"
    assert lic.term("passes_down").value == "yes" and lic.term("user_cap").value == "yes"
    (clause,) = lic.term("user_cap").clauses
    assert "less than 1 million" in clause.quote and clause.file == "baichuan2-community-terms.txt"


def test_a_baichuan2_derivative_is_restricted_whatever_its_tag(tmp_path: Path) -> None:
    card = tmp_path / "someone_baichuan2-tune.md"
    card.write_text("---\nlicense: apache-2.0\nbase_model: baichuan-inc/Baichuan2-13B-Chat\n---\n# tune\n\nA chat "
                    "model.\n", encoding="utf-8")
    row = grade_card(card, CardFolders([tmp_path]))
    report = json.loads(row.report)
    assert row.license_id == "baichuan2-community" and row.commercial_use != "yes"
    assert row.verdict_if_published == "restricted-weights"
    assert [c["binding"] for c in report["conflicts"]] == ["baichuan2-community"]


def test_the_publishers_own_model_named_as_the_object_is_no_foreign_lineage() -> None:
    """Baichuan-13B's card: "based on [Baichuan-7B](...) ... exceeding LLaMA-13B"; Baichuan-7B's: "the same model
    design as LLaMA". Neither makes Baichuan a LLaMA derivative."""
    from howopen.ancestry import collect as C
    from howopen.sources.card import parse_card
    from howopen.sources.cardscope import read_scope
    from howopen.sources.snapshot import Snapshot

    body = ("---\nlicense: other\n---\n# Baichuan-13B\n\n1. **Larger size**: Baichuan-13B further expands the "
            "parameter volume to 13 billion based on [Baichuan-7B](https://github.com/baichuan-inc/baichuan-7B), and "
            "has trained 1.4 trillion tokens, exceeding LLaMA-13B by 40%.\n\nThe overall model is based on the "
            "standard Transformer structure, and we have adopted the same model design as LLaMA.\n")
    snapshot = Snapshot(label="baichuan-inc/Baichuan-13B-Base")
    snapshot.card = parse_card(body.encode(), "README.md")
    scope = read_scope(snapshot.card.body, snapshot.card.body_start_line)
    assert C.collect(snapshot, scope, name="Baichuan-13B-Base", organization="baichuan-inc") == []

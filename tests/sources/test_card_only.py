"""A folder holding only a model card: no file listing, so a missing license is unknown, never "unlicensed"."""

from __future__ import annotations

from pathlib import Path

from howopen import check
from howopen.evidence import ArtifactKind, Status
from howopen.sources.local import LocalSource

K = ArtifactKind

CARD = """---
tags: [text-generation]
---
# A model

## Evaluation

| Benchmark | Score |
|---|---|
| Suite | 50.1 |
"""


def card_only(root: Path, card: str = CARD) -> Path:
    root.mkdir(parents=True)
    (root / "README.md").write_text(card, encoding="utf-8")
    return root


def test_no_license_seen_without_a_listing_is_unknown_and_says_why(tmp_path: Path) -> None:
    release = LocalSource(card_only(tmp_path / "m")).fetch()
    assert release.metadata_only
    gap = next(g for g in release.gaps if g.code == "license-not-seen")
    assert "unknown" in gap.message and "file listing" in gap.message
    card = release.artifact(K.MODEL_CARD)
    assert card.status == Status.PRESENT
    assert "file listing" in card.details["license_unknown"]


def test_graders_do_not_call_it_unlicensed(tmp_path: Path) -> None:
    report = check(str(card_only(tmp_path / "m")), offline=True)
    data = report.to_dict()
    components = data["frameworks"]["mof"]["components"]
    assert components["Model card"]["status"] == "unknown"
    assert components["Evaluation results"]["status"] == "unknown"
    assert "could not be looked for" in components["Model card"]["why"]
    assert not any(c["status"] == "unlicensed" for c in components.values())
    osaid = " ".join(r["text"] for r in data["frameworks"]["osaid"]["reasons"])
    assert "with no license" not in osaid


def test_a_declared_license_is_not_a_gap(tmp_path: Path) -> None:
    release = LocalSource(card_only(tmp_path / "m", "---\nlicense: mit\n---\n# A model\n")).fetch()
    assert not any(g.code == "license-not-seen" for g in release.gaps)
    assert "license_unknown" not in release.artifact(K.MODEL_CARD).details


def test_a_tag_that_names_no_license_is_still_unknown(tmp_path: Path) -> None:
    release = LocalSource(card_only(tmp_path / "m", "---\nlicense: other\n---\n# A model\n")).fetch()
    assert any(g.code == "license-not-seen" for g in release.gaps)


def test_with_a_complete_listing_no_license_is_unlicensed(tmp_path: Path) -> None:
    root = card_only(tmp_path / "m")
    (root / "config.json").write_text('{"model_type": "llama"}', encoding="utf-8")
    release = LocalSource(root).fetch()
    assert not release.metadata_only
    assert not any(g.code == "license-not-seen" for g in release.gaps)
    components = check(str(root), offline=True).to_dict()["frameworks"]["mof"]["components"]
    assert components["Model card"]["status"] == "unlicensed"

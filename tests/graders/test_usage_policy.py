"""A usage policy in the repository changes the verdict when the license or card makes it binding."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from howopen import check

CARD = """---
license: apache-2.0
pipeline_tag: text-generation
---
# Tiny model

{sentence}

## Training data
We trained on example/corpus.
"""
POLICY = """# Acceptable Use Policy

You agree not to use the model or its outputs:
1. to generate disinformation;
2. for military purposes.
"""
BINDING = ("This model is released under the Apache 2.0 license, and its use is subject to the acceptable use "
           "policy in USE_POLICY.md.")


def _model(root: Path, sentence: str, policy: str | None = POLICY, name: str = "USE_POLICY.md") -> Path:
    root.mkdir()
    (root / "README.md").write_text(CARD.format(sentence=sentence), encoding="utf-8")
    if policy is not None:
        (root / name).write_text(policy, encoding="utf-8")
    (root / "config.json").write_text('{"architectures": ["LlamaForCausalLM"]}', encoding="utf-8")
    header = json.dumps({"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}).encode()
    (root / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 4)
    return root


def test_binding_policy_with_use_restrictions_makes_weights_restricted(tmp_path: Path) -> None:
    report = check(str(_model(tmp_path / "m", BINDING)))
    assert report.label == "restricted-weights"
    assert report.verdict.fields["usage_policy"] == {"files": ["USE_POLICY.md"], "restricts": True, "binds": True}
    cites = {p.cite() for r in report.verdict.reasons for p in r.evidence}
    assert {"USE_POLICY.md:3", "README.md:7"} <= cites
    assert report.frameworks["osaid"].fields["elements"]["parameters"]["conforms"] is False
    assert any("usage policy" in r.text for r in report.frameworks["eu_ai_act"].reasons)


def test_policy_not_shown_to_bind_keeps_the_label_with_a_warning(tmp_path: Path) -> None:
    without = check(str(_model(tmp_path / "plain", "A small model.", policy=None)))
    report = check(str(_model(tmp_path / "m", "A small model released under the Apache 2.0 license.",
                              name="ACCEPTABLE_USE.md")))
    assert report.label == without.label == "open-weights"
    warning = next(r for r in report.verdict.reasons if r.text.startswith("Warning: the repository has a usage policy"))
    assert "ACCEPTABLE_USE.md" in warning.text and "ACCEPTABLE_USE.md:3" in {p.cite() for p in warning.evidence}
    assert report.verdict.fields["usage_policy"]["binds"] is None


def test_policy_with_no_prohibition_found_keeps_the_label_with_a_warning(tmp_path: Path) -> None:
    lawful = "# Usage policy\n\nBy using the model, you agree to comply with all applicable law.\n"
    report = check(str(_model(tmp_path / "m", BINDING, policy=lawful)))
    assert report.label == "open-weights"
    assert report.verdict.fields["usage_policy"]["restricts"] is None  # not read as a prohibition...
    assert any(r.text.startswith("Warning:") for r in report.verdict.reasons)  # ...but flagged for reading


def test_known_policy_that_restricts_no_field_of_use_changes_nothing() -> None:
    report = check("gpt-oss-20b", offline=True)  # Apache-2.0 plus a usage policy asking only for lawful use
    assert report.label == "open-weights"
    assert report.verdict.fields["usage_policy"]["restricts"] is False
    assert not any(r.text.startswith("Warning:") for r in report.verdict.reasons)

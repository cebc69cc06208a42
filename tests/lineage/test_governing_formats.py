"""The governing license everywhere: a Llama 3.1 fine-tune tagged MIT answers with Llama 3.1 in the JSON `license`
block, the index row (leaderboard License and Commercial columns, /api/models), Markdown, compare, BOMs and
policies; what was declared stays in `license.declared`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen import check
from howopen.cli.app import app
from howopen.formats import cyclonedx, markdown
from howopen.index.rows import flatten

runner = CliRunner()
CARD = ("---\nlicense: mit\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Tuned\n\nA fine-tune of Llama 3.1 8B.\n")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    return tmp_path


def test_json_license_block_is_the_governing_license(folder: Path) -> None:
    block = check(str(folder), offline=True).to_dict()["license"]
    assert (block["id"], block["declared"], block["declared_id"]) == ("llama3.1", "mit", "MIT")
    assert block["governing_via"] == "conflict" and block["commercial_use"] == "conditional"
    assert block["binding"]["id"] == "llama3.1"  # kept for compatibility, and it agrees
    assert set(block["applies"]) >= {"llama3.1"}


def test_index_row_markdown_and_bom(folder: Path) -> None:
    report = check(str(folder), offline=True)
    row = flatten(report, origin="check", origin_ref=str(folder))
    assert (row.license_id, row.commercial_use) == ("llama3.1", "conditional")
    assert "Llama 3.1" in markdown.render(report)
    component = json.loads(cyclonedx.render(report))["metadata"]["component"]
    acknowledged = {(e["license"].get("id") or e["license"].get("name"), e["license"]["acknowledgement"])
                    for e in component["licenses"]}
    assert ("MIT", "declared") in acknowledged and ("LicenseRef-llama3.1", "concluded") in acknowledged


def test_compare_and_policy_answer_with_the_governing_license(folder: Path) -> None:
    result = runner.invoke(app, ["compare", str(folder), str(folder), "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "llama3.1" in result.stdout
    policy = runner.invoke(app, ["check", str(folder), "--offline", "--require", "commercial-unconditional",
                                 "--format", "json"])
    assert policy.exit_code == 1  # Llama 3.1 caps its users, whatever the MIT tag says


def test_weak_signals_against_the_tag_leave_the_governing_license_unknown(tmp_path: Path) -> None:
    card = tmp_path / "someone_long-context-gemma.md"
    card.write_text("---\nlicense: mit\n---\n# Gemma 2B - 10M Context\n\nGemma with recurrent local attention.\n",
                    encoding="utf-8")
    report = check(str(card), offline=True)
    block = report.to_dict()["license"]
    assert block["id"] is None and block["declared"] == "mit" and block["commercial_use"] == "unknown"
    assert "weak signals" in block["unsettled"]
    assert report.verdict.fields.get("if_weights_published") == "unknown"

"""End-to-end: a snapshot on disk goes through the whole pipeline and every format."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from howopen import check
from howopen.cli.app import app
from support.snapshots import card_text, make_snapshot


def test_check_llama_snapshot_is_restricted(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "llama", card=card_text("NousResearch_Meta-Llama-3.1-8B-Instruct.md"),
                         license_file="llama3_1.txt")
    report = check(str(root))
    assert report.label == "restricted-weights"
    assert report.license is not None and report.license.id == "llama3.1"
    data = report.to_dict()
    assert data["schema"] == "howopen.report/1"
    assert data["artifacts"]["weights"]["status"] == "present"
    assert data["artifacts"]["weights"]["details"]["parameters"] == 64
    assert data["license"]["commercial_use"] == "conditional"


def test_cli_formats(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card=card_text("EleutherAI_pythia-1b.md"), license_file="apache-2.0.txt")
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["license"]["id"] == "Apache-2.0"
    result = runner.invoke(app, ["check", str(root), "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout.startswith("## howopen:")


def test_missing_path_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert "Traceback" not in result.output

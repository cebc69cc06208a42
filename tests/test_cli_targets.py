"""Targets people have at hand: a card file, a near-miss catalog name or license id, a missing license file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from howopen.cli.app import app
from support.snapshots import card_text

runner = CliRunner()


def one_line_error(result: Result) -> str:
    output = result.output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("howopen: error:"), output
    return str(lines[0])


@pytest.mark.parametrize(("typed", "meant"), [("llama3.1-8b", "llama-3.1-8b"), ("gpt4o", "gpt-4o"),
                                              ("olmo", "olmo-7b")])
def test_near_miss_catalog_names_are_suggested(typed: str, meant: str) -> None:
    result = runner.invoke(app, ["check", typed, "--offline"])
    assert result.exit_code == 2
    assert f"did you mean {meant}" in one_line_error(result)


@pytest.mark.parametrize("name", ["README.md", "EleutherAI_pythia-1b.md"])
def test_a_card_file_is_graded_as_a_card_alone(tmp_path: Path, name: str) -> None:
    card = tmp_path / "pythia" / name
    card.parent.mkdir()
    card.write_text(card_text("EleutherAI_pythia-1b.md"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(card), "--format", "json", "--offline"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["release"]["metadata_only"] is True
    assert report["release"]["source"] == "card"
    assert report["license"]["id"]
    assert report["verdict"]["label"] == "unknown"  # the card alone does not show the weights


@pytest.mark.parametrize(("content", "says"), [("", "is empty (0 bytes)"), (" \n\t\n", "holds only whitespace")])
def test_an_empty_card_file_is_reported_as_such(tmp_path: Path, content: str, says: str) -> None:
    card = tmp_path / "README.md"
    card.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", str(card)])
    assert result.exit_code == 2
    assert says in one_line_error(result)


def test_an_empty_card_in_a_folder_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("", encoding="utf-8")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.stdout)["warnings"]
    assert any(w["code"] == "card-empty" and "empty (0 bytes)" in w["message"] for w in warnings)


@pytest.mark.parametrize("name", ["LICENSE", "LICENSE.txt", "COPYING", "licence-mit"])
def test_license_with_a_missing_file_is_no_such_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     name: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["license", name])
    assert result.exit_code == 2
    assert f"no such file: {name}" in one_line_error(result)


def test_license_near_miss_gets_a_suggestion() -> None:
    result = runner.invoke(app, ["license", "apach-2.0"])
    assert result.exit_code == 0
    assert "did you mean apache-2.0?" in result.output


def test_the_project_license_file_is_apache_2() -> None:
    root = Path(__file__).resolve().parents[1]
    text = (root / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text and "END OF TERMS AND CONDITIONS" in text
    assert 'license = "Apache-2.0"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["license", str(root / "LICENSE"), "--format", "json"])
    assert json.loads(result.stdout)["id"] == "Apache-2.0"

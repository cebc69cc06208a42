"""The command line: help, version, formats, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen.cli.app import COMMANDS, app
from support.snapshots import card_text, make_snapshot

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "snapshots"


def test_help_lists_every_command_and_each_has_help() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    commands = list(COMMANDS)
    assert "check" in commands
    for name in commands:
        assert name in result.stdout
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0, name
        assert len(sub.stdout.strip().splitlines()) > 3


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("howopen ")


def test_python_dash_m(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card=card_text("EleutherAI_pythia-1b.md"), license_file="apache-2.0.txt")
    done = subprocess.run([sys.executable, "-m", "howopen", "check", str(root), "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"]["label"] in ("open-weights", "open-source")


def test_unknown_format_is_exit_2() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLES / "pythia-1b"), "--format", "yaml"])
    assert result.exit_code == 2
    assert "unknown format" in result.output


@pytest.mark.parametrize("make", ["missing", "file", "empty"])
def test_bad_targets_are_one_line_errors(tmp_path: Path, make: str) -> None:
    target = tmp_path / "t"
    if make == "file":
        target.write_text("x")
    elif make == "empty":
        target.mkdir()
    result = runner.invoke(app, ["check", str(target)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("howopen: error:")
    assert "Traceback" not in result.output


def test_examples_demo_reports() -> None:
    labels = {}
    for snapshot in sorted(EXAMPLES.iterdir()):
        result = runner.invoke(app, ["check", str(snapshot), "--format", "json"])
        assert result.exit_code == 0, result.output
        labels[snapshot.name] = json.loads(result.stdout)["verdict"]["label"]
    assert labels["llama-3.1-8b-instruct"] == "restricted-weights"
    assert labels["t-lite-instruct-0.1"] == "unknown"
    assert labels["pythia-1b"] in ("open-weights", "open-source")
    assert labels["phi-3-mini-128k-instruct"] in ("open-weights", "open-source")


def test_markdown_escapes_table_cells(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card="---\nlicense: a|b\n---\n")
    result = runner.invoke(app, ["check", str(root), "--format", "markdown"])
    assert result.exit_code == 0
    assert "a\\|b" in result.stdout


def test_bad_option_is_one_line_and_exit_2() -> None:
    for args in (["check", "gpt-4o", "--bogus"], ["serve", "--port", "0"], ["bogus"], ["check"]):
        done = subprocess.run([sys.executable, "-m", "howopen", *args], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("howopen: error: "), (args, done.stderr)
        assert "Traceback" not in done.stderr and "╭" not in done.stderr


def test_bare_howopen_still_shows_help_and_policy_exit_1_is_kept() -> None:
    done = subprocess.run([sys.executable, "-m", "howopen"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Usage:" in done.stdout and "Commands" in done.stdout
    args = ["check", "gpt-4o", "--offline", "--require", "open-weights"]
    done = subprocess.run([sys.executable, "-m", "howopen", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr

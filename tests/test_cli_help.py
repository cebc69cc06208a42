"""A CLI that helps: usage printed once, help that reads as sentences, completion, suggestions."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from howopen.cli.app import COMMANDS


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "howopen", *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "80", **(env or {})})


@pytest.mark.parametrize("args", [(), ("index",), ("site",)])
def test_a_group_without_a_command_prints_its_usage_once(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout.count("Usage:") == 1
    assert "Commands:" in done.stdout


def test_help_reads_as_sentences() -> None:
    texts = [run("--help").stdout]
    texts += [run(name, "--help").stdout for name in COMMANDS]
    texts += [run(*group, "--help").stdout for group in (("index", "build"), ("index", "add"), ("site", "build"))]
    for text in texts:
        assert text.startswith("Usage: howopen")
        assert "{" not in text and "<bool>" not in text and "<str>" not in text and "<list" not in text
        assert "\\[" not in text
        assert max(len(line) for line in text.splitlines()) <= 80
        # no word cut at a hyphen across lines (osi-approved, non-commercial)
        assert not re.search(r"[a-z]-\n", text)
    assert "howopen check [OPTIONS] TARGET" in run("check", "--help").stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str) -> None:
    done = run("completion", shell)
    assert done.returncode == 0
    assert "_HOWOPEN_COMPLETE" in done.stdout and "howopen" in done.stdout


def test_completion_answers_commands_and_catalog_names() -> None:
    done = run(env={"_HOWOPEN_COMPLETE": "complete_bash", "COMP_WORDS": "howopen ch", "COMP_CWORD": "1"})
    assert "check" in done.stdout.split()
    done = run(env={"_HOWOPEN_COMPLETE": "complete_bash", "COMP_WORDS": "howopen check deepseek-r1-dis",
                    "COMP_CWORD": "2"})
    assert "deepseek-r1-distill-llama-8b" in done.stdout.split()


def test_unknown_shell_is_one_line() -> None:
    done = run("completion", "tcsh")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "bash, zsh, fish" in done.stderr


@pytest.mark.parametrize(("args", "suggestion"), [
    (("chek",), "check"),
    (("check", "x", "--ofline"), "--offline"),
    (("index", "biuld"), "build"),
])
def test_near_miss_commands_and_options_get_a_suggestion(args: tuple[str, ...], suggestion: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and suggestion in done.stderr

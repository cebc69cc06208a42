"""`howopen list` and `howopen compare` fit the terminal: columns drop or wrap, words are not cut."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from howopen.formats import table


def run(width: str, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "howopen", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": width})
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("width", ["80", "120"])
def test_list_fits_the_terminal(width: str) -> None:
    lines = run(width, "list")
    assert max(len(line) for line in lines) <= int(width)
    assert lines[0].startswith("Id") and "Verdict" in lines[0] and "License" in lines[0]
    assert any(line.startswith("deepseek-r1-distill-llama-8b") and "llama3.1" in line for line in lines)


@pytest.mark.parametrize("width", ["80", "120"])
def test_compare_of_four_fits_the_terminal(width: str) -> None:
    lines = run(width, "compare", "deepseek-r1", "gpt-4o", "llama-3.1-8b", "olmo-7b", "--offline")
    assert max(len(line) for line in lines) <= int(width)
    assert "restricted-weights" in "\n".join(lines)  # a word is never cut across lines


def test_a_pipe_without_columns_gets_whole_lines() -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run([sys.executable, "-m", "howopen", "list"], capture_output=True, text=True, timeout=120,
                          env=env)
    assert "Organization" in done.stdout.splitlines()[0]


def test_fit_wraps_at_spaces_and_drops_columns_in_order() -> None:
    rows = [("a-model", "A very long model name indeed", "open-weights", "Apache-2.0")]
    out = table.fit(("Id", "Name", "Verdict", "License"), rows, 40, drop=(1,))
    assert "Name" not in out and max(len(line) for line in out.splitlines()) <= 40
    out = table.fit(("Id", "Name", "Verdict", "License"), rows, 46)
    assert max(len(line) for line in out.splitlines()) <= 46
    assert "A very" in out and "indeed" in out
    assert "open-weights" in out and "Apache-2.0" in out

"""Hostile snapshots, part two: what howopen prints or publishes never acts on the reader's terminal or leaks
local files and paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from howopen.cli.app import app
from howopen.index import open_store
from howopen.index.build import add, build
from howopen.safetext import visible
from howopen.web.site import build_site
from support import hostile

RAW = ("\x1b", "\x07", "\u202e", "\u2066", "\r", "\x9b")


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),
    ("a\nb\r\tc", "a\\nb\\r\\tc"),
    ("\u202egnp.exe", "\\u202egnp.exe"),
    ("\u2066x\u2069 \u200f \ufeff", "\\u2066x\\u2069 \\u200f \\ufeff"),
    ("caf\udce9", "caf\\xe9"),
    ("\x9b31m\x85", "\\x9b31m\\x85"),
    ("plain café ✓ 👩‍💻", "plain café ✓ 👩‍💻"),
])
def test_visible_escapes_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    assert visible(text) == shown
    assert visible(text, keep_newlines=True) == shown.replace("\\n", "\n").replace("\\t", "\t")


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "howopen", *args], capture_output=True, text=True,
                          errors="surrogateescape", timeout=120, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.escapes(tmp_path_factory.mktemp("hostile") / "evil")


def test_terminal_and_markdown_show_escapes_never_raw(evil: Path) -> None:
    for args in (("--full",), ("--format", "terminal"), ("--format", "markdown")):
        done = cli("check", str(evil), *args)
        assert done.exit_code == 0, done.output
        for char in RAW:
            assert char not in done.stdout, (args, repr(char))
        assert "org/evil\\x1b[2J" in done.stdout.replace("\\\\", "\\")
        if args[0] != "--format" or args[1] == "markdown":
            assert "\\x1b]0;pwned\\x07" in done.stdout.replace("\\\\", "\\")
    markdown = cli("check", str(evil), "--format", "markdown").stdout
    rows = [line for line in markdown.splitlines() if line.startswith("| Weights (final)")]
    assert len(rows) == 1 and rows[0].endswith("|") and "evil\\\\nname \\| injected" in rows[0]
    for line in markdown.split("### Artifacts")[1].split("###")[0].strip().splitlines():
        assert line.startswith("|") and line.endswith("|"), line


def test_json_keeps_the_exact_names(evil: Path) -> None:
    done = cli("check", str(evil), "--format", "json")
    data = json.loads(done.stdout)
    cited = json.dumps(data["artifacts"]["weights"], ensure_ascii=False)
    assert "evil\\nname | injected | row |.safetensors" in cited


def test_errors_are_one_visible_line(tmp_path: Path) -> None:
    done = run("check", str(tmp_path / "no\x1b]0;x\x07such"))
    assert done.returncode == 2 and "\x1b" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_index_never_follows_a_card_out_of_its_folder(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "org_real.md").write_text(hostile.CARD, encoding="utf-8")
    os.symlink("/etc/passwd", cards / "x_passwd.md")
    os.symlink(tmp_path / "secret.md", cards / "y_secret.md")
    (tmp_path / "secret.md").write_text("---\nlicense: mit\n---\nTOP SECRET\n", encoding="utf-8")
    os.symlink("x_loop.md", cards / "x_loop.md")
    os.mkfifo(cards / "z_fifo.md")
    with open_store(tmp_path / "index.duckdb") as store:
        result = build(store, [cards], catalog=False, workers=1)
        assert result.cards_seen == 1 and not result.failures
        build_site(store, tmp_path / "site")
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "site").rglob("*")
                        if p.is_file() and p.suffix in (".html", ".json"))
    assert "org/real" in published
    assert "root:x:0" not in published and "TOP SECRET" not in published and "passwd" not in published


def test_pages_never_show_a_local_absolute_path(tmp_path: Path) -> None:
    folder = hostile.normal(tmp_path / "private-place" / "my-model")
    with open_store(tmp_path / "index.duckdb") as store:
        [(_, row)] = add(store, [str(folder)])
        assert not isinstance(row, Exception)
        build_site(store, tmp_path / "site")
        build_site(store, tmp_path / "asked", show_local_paths=True)
    published = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*")
                        if p.is_file() and p.suffix in (".html", ".json"))
    assert "my-model" in published and str(tmp_path) not in published and "private-place" not in published
    asked = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "asked").rglob("*")
                    if p.is_file() and p.suffix in (".html", ".json"))
    assert str(folder) in asked

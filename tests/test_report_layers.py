"""The report in three layers: one screen by default, --full with hanging indents, --quiet the verdict alone."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from howopen import catalog
from howopen.cli.app import app
from howopen.formats import markdown, terminal
from howopen.pipeline import check
from howopen.report import Report

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "snapshots"
DISTILL = "deepseek-r1-distill-llama-8b"
SECTION_HEADS = ("License", "Lineage", "Why", "Artifacts", "Frameworks", "Where the frameworks", "Gaps in",
                 "Policy", "What is unknown", "More:")


@cache
def report(target: str) -> Report:
    return check(target, offline=True)


def shown(renderable: object, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), force_terminal=False, color_system=None)
    with console.capture() as captured:
        console.print(renderable)
    return [line.rstrip() for line in captured.get().splitlines()]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", [80, 120])
def test_default_report_of_every_catalog_model_fits_one_screen(width: int) -> None:
    for record in catalog.iter_records():
        lines = shown(terminal.render(report(record.id)), width)
        assert len(lines) <= 60, (record.id, len(lines))
        assert max(len(line) for line in lines) <= width, record.id


@pytest.mark.parametrize("width", ["80", "120"])
def test_the_command_follows_the_terminal_width(width: str) -> None:
    done = subprocess.run([sys.executable, "-m", "howopen", "check", DISTILL, "--offline"], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "COLUMNS": width})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) <= 60
    assert all(len(line) <= int(width) for line in lines)
    assert all(line == line.rstrip() for line in lines)  # no padding to the width


def test_the_short_report_says_what_the_governing_license_allows() -> None:
    text = "\n".join(shown(terminal.render(report(DISTILL)), 80))
    flat = words(text)
    assert "RESTRICTED WEIGHTS" in text.splitlines()[0]
    assert "Llama 3.1 Community License Agreement (llama3.1) governs the weights" in flat
    assert "the declared license 'MIT' cannot be right" in flat
    # the governing license's answer, never MIT's "commercial use allowed" as if it were the answer
    assert re.search(r"^  Commercial use\s+allowed, within the cap below", text, re.M)
    assert not re.search(r"commercial use allowed\s*(;|$)", text, re.I | re.M)
    for label in ("Commercial use", "Caps", "Field of use", "Naming", "Lineage", "Frameworks", "Why",
                  "What is unknown", "To settle"):
        assert label in text
    assert "700 million monthly active users" in flat
    assert "meta-llama/Llama-3.1-8B (llama3.1) → this model" in flat
    for framework in ("MOF", "OSAID", "EOSAI", "EU AI Act"):
        assert re.search(rf"^  {re.escape(framework)}\s", text, re.M)


def test_an_open_license_says_it_has_no_limits() -> None:
    flat = words("\n".join(shown(terminal.render(check(str(EXAMPLES / "pythia-1b"))), 80)))
    assert "Apache License 2.0 (Apache-2.0), OSI-approved" in flat
    assert "no user or revenue cap; no field-of-use restriction; no naming duty; no territorial restriction" in flat


@pytest.mark.parametrize("target", [DISTILL, "gpt-4o", "llama-3.2-11b-vision"])
def test_full_report_hangs_its_indents_and_breaks_no_words(target: str) -> None:
    rep = report(target)
    lines = shown(terminal.render_full(rep), 80)
    assert max(len(line) for line in lines) <= 80
    first = True
    for line in lines:
        if first or not line or line.startswith(" "):
            first = False
            continue
        assert line.startswith(SECTION_HEADS), line  # a wrapped line never falls back to column 0
    flat = words("\n".join(lines))
    for reason in (*rep.verdict.reasons, *(r for f in rep.frameworks.values() for r in f.reasons)):
        if not re.search(r"\S{60,}", reason.text):  # words longer than a line are folded, and only they
            assert words(reason.text) in flat, reason.text
    if rep.binding is not None:
        assert not re.search(r"commercial use allowed\s*(;|$)", "\n".join(lines), re.I | re.M)


def test_full_report_keeps_all_the_detail() -> None:
    rep = report(DISTILL)
    flat = words("\n".join(shown(terminal.render_full(rep), 120)))
    assert "Artifacts" in flat and "Training data" in flat
    assert "declared MIT; bound by llama3.1" in flat
    assert all(words(r.text) in flat for r in rep.verdict.reasons)


def test_cli_layers() -> None:
    short = runner.invoke(app, ["check", DISTILL, "--offline"])
    full = runner.invoke(app, ["check", DISTILL, "--offline", "--full"])
    verbose = runner.invoke(app, ["check", DISTILL, "--offline", "-v"])
    quiet = runner.invoke(app, ["check", DISTILL, "--offline", "--quiet"])
    assert short.exit_code == full.exit_code == quiet.exit_code == 0
    assert full.stdout == verbose.stdout
    assert len(full.stdout.splitlines()) > len(short.stdout.splitlines())
    assert quiet.stdout.count("\n") == 1
    assert quiet.stdout.startswith("DeepSeek/DeepSeek-R1-Distill-Llama-8B: RESTRICTED WEIGHTS — ")


@pytest.mark.parametrize("args", [["--full", "--quiet"], ["--quiet", "--format", "json"]])
def test_layer_options_that_cannot_apply_are_one_line_errors(args: list[str]) -> None:
    result = runner.invoke(app, ["check", DISTILL, "--offline", *args])
    assert result.exit_code == 2
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1


def test_markdown_layers() -> None:
    rep = report(DISTILL)
    folded = markdown.render(rep)
    assert "<details><summary>Full report" in folded and folded.count("</details>") >= 1
    assert folded.index("### Frameworks") < folded.index("<details>")
    assert "governs the weights" in folded
    unfolded = markdown.render_full(rep)
    assert "<details><summary>Full report" not in unfolded and "### Artifacts" in unfolded
    assert markdown.render_quiet(rep).count("\n") == 1


def test_json_outcomes_are_keywords_and_numbers() -> None:
    for target in (DISTILL, "gpt-4o", "olmo-7b"):
        data = json.loads(runner.invoke(app, ["check", target, "--offline", "--format", "json"]).stdout)
        for key, framework in data["frameworks"].items():
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", framework["result"]), (key, framework["result"])
            assert framework["score"] is None or isinstance(framework["score"], float)
            assert "outcome" in framework  # the old field stays
        assert data["frameworks"]["eosai"]["result"] == "scored"
        assert round(data["frameworks"]["eosai"]["score"], 2) == float(data["frameworks"]["eosai"]["outcome"])


def test_no_summary_is_cut() -> None:
    data = report(DISTILL).to_dict()
    eu = data["frameworks"]["eu_ai_act"]
    assert eu["summary"].startswith("not exempt: ")
    assert any(eu["summary"] == f"not exempt: {r['text']}" for r in eu["reasons"])


def test_the_policy_block_hangs_its_indents(tmp_path: Path) -> None:
    from dataclasses import replace

    from howopen.policy import evaluate, resolve_policy

    rep = check(str(EXAMPLES / "llama-3.1-8b-instruct"), offline=True)
    chosen = resolve_policy(require=["commercial"], forbid=["user-cap", "naming-duty"], policy_file=None,
                            search_from=tmp_path)
    rep = replace(rep, policy=evaluate(chosen, rep, names=["llama"]))
    for render in (terminal.render, terminal.render_full):
        lines = shown(render(rep), 80)
        block = lines[next(i for i, line in enumerate(lines) if line.startswith("Policy:")):]
        assert max(len(line) for line in block) <= 80
        for line in block[1:]:
            assert not line or line.startswith(" ") or line.startswith("More:"), line
        assert sum(line.startswith("  ✗ ") for line in block) == 2 and "".join(block).count("(LICENSE:") == 2

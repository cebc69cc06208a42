"""`howopen check --require/--forbid/--policy`: exit 0 when the policy holds, 1 when it fails (each failed rule with
its clause), 2 when the command cannot run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen.cli.app import app

from .conftest import EXAMPLES

runner = CliRunner()
LLAMA = str(EXAMPLES / "llama-3.1-8b-instruct")
PYTHIA = str(EXAMPLES / "pythia-1b")
NO_LICENSE = str(EXAMPLES / "t-lite-instruct-0.1")


@pytest.fixture(autouse=True)
def _no_policy_file_around(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # discovery starts in an empty folder


def test_the_policy_holds() -> None:
    result = runner.invoke(app, ["check", PYTHIA, "--require", "commercial,open-weights", "--forbid", "user-cap"])
    assert result.exit_code == 0, result.output
    assert "Policy: HOLDS" in result.stdout


def test_the_policy_fails_with_the_clause() -> None:
    result = runner.invoke(app, ["check", LLAMA, "--forbid", "user-cap", "--forbid", "naming_duty",
                                 "--require", "commercial"])
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    assert "Policy: FAILS" in out
    assert "✗ forbid user-cap" in out and "✗ forbid naming-duty" in out and "✓ require commercial" in out
    assert "700 million monthly active users" in out
    assert "(LICENSE:" in out  # located in the model's own license file


def test_unknown_fails_a_require_and_says_so() -> None:
    result = runner.invoke(app, ["check", NO_LICENSE, "--require", "commercial"])
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    assert "? require commercial" in out
    assert "unknown is not a pass" in out


def test_json_carries_the_policy_and_stderr_the_failures() -> None:
    result = runner.invoke(app, ["check", LLAMA, "--forbid", "field-of-use", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["policy"]["failed"] == ["forbid:field-of-use"]
    assert data["policy"]["rules"][0]["reasons"][0]["evidence"][0]["cite"].startswith("LICENSE:")
    assert "policy fails for" in result.stderr and "forbid field-of-use" in result.stderr


def test_without_a_policy_check_is_unchanged() -> None:
    result = runner.invoke(app, ["check", LLAMA, "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["policy"] is None


def test_a_policy_file_is_found_from_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.howopen]\nforbid = ["user-cap"]\n')
    assert runner.invoke(app, ["check", LLAMA]).exit_code == 1
    assert runner.invoke(app, ["check", PYTHIA]).exit_code == 0
    other = tmp_path / "elsewhere" / "howopen.toml"
    other.parent.mkdir()
    other.write_text('require = ["open-source"]\n')
    chosen = runner.invoke(app, ["check", PYTHIA, "--policy", str(other)])
    assert chosen.exit_code == 1
    assert "require open-source" in " ".join(chosen.stdout.split())


def test_cyclonedx_and_spdx_from_check() -> None:
    cdx = runner.invoke(app, ["check", PYTHIA, "--format", "cyclonedx"])
    assert cdx.exit_code == 0
    assert json.loads(cdx.stdout)["specVersion"] == "1.6"
    spdx = runner.invoke(app, ["check", PYTHIA, "--format", "spdx"])
    assert spdx.exit_code == 0
    assert json.loads(spdx.stdout)["@context"].endswith("3.0.1/spdx-context.jsonld")


@pytest.mark.parametrize("args", [
    ["--require", "freedom"],
    ["--forbid", "commercial"],
    ["--policy", "missing.toml"],
])
def test_cannot_run_is_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, ["check", PYTHIA, *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_target_with_a_policy_is_exit_2() -> None:
    assert runner.invoke(app, ["check", "/no/such/model", "--require", "commercial"]).exit_code == 2


@pytest.mark.parametrize(("pipeline", "exit_code"), [("text-generation", 0), ("image-text-to-text", 1)])
def test_llama_3_2_eu_clause_binds_only_multimodal_models(tmp_path: Path, pipeline: str, exit_code: int) -> None:
    texts = Path(__file__).resolve().parents[2] / "src" / "howopen" / "licenses" / "texts"
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text(f"---\nlicense: llama3.2\npipeline_tag: {pipeline}\n---\n# A Llama 3.2 model\n",
                                     encoding="utf-8")
    (model / "LICENSE").write_text((texts / "llama3_2.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(model), "--forbid", "geographic-restriction"])
    out = " ".join(result.stdout.split())
    assert result.exit_code == exit_code, out
    if exit_code == 0:
        assert "this release is text-only" in out
    else:
        assert "✗ forbid geographic-restriction" in out

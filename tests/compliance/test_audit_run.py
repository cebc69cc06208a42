"""`audit()` and `howopen audit`: each distinct model checked once, the policy applied, unknown never a pass, and
the exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen.audit import GGUF, HUB, LOCAL, OLLAMA, ModelReference, audit
from howopen.cli.app import app
from howopen.errors import TargetError
from howopen.policy import Policy
from howopen.report import Report

from .conftest import FIXTURES, local_project, make_report

runner = CliRunner()

LICENSES = {"meta-llama/Llama-3.1-8B-Instruct": "llama3.1", "EleutherAI/pythia-1b": "Apache-2.0"}


def fake_checker(ref: ModelReference) -> Report:
    """Reports for the ten-reference project, as the Hub source would give them; one model is not found."""
    if ref.model == "Qwen/Qwen2.5-7B-Instruct":
        raise TargetError("Qwen/Qwen2.5-7B-Instruct: not found on the Hub")
    if ref.model == "google/gemma-2-2b-it":
        raise RuntimeError("boom")
    return make_report(LICENSES.get(ref.model, "MIT"), target=ref.model)


def test_audit_reports_every_reference_and_checks_each_model_once() -> None:
    calls: list[str] = []

    def counting(ref: ModelReference) -> Report:
        calls.append(ref.model)
        return fake_checker(ref)

    result = audit(FIXTURES / "ten", checker=counting)
    assert len(result.references) == 10
    assert len(result.models) == 10
    assert sorted(calls) == sorted(m.model for m in result.models)
    assert result.policy_applied is False
    assert result.holds  # no rules, nothing to fail


def test_unchecked_models_are_unknown_with_the_reason_and_fail_the_policy() -> None:
    result = audit(FIXTURES / "ten", checker=fake_checker, policy=Policy.of(require=["commercial"]))
    by_model = {m.model: m for m in result.models}
    qwen, gemma = by_model["Qwen/Qwen2.5-7B-Instruct"], by_model["google/gemma-2-2b-it"]
    assert (qwen.checked, qwen.label) == (False, "unknown")
    assert "not found on the Hub" in (qwen.error or "")
    assert "internal error while checking: RuntimeError: boom" in (gemma.error or "")
    assert qwen.policy is not None and qwen.policy.outcome == "unknown"
    assert "unknown is not a pass" in qwen.policy.results[0].message
    assert not result.holds
    assert {m.model for m in result.failing} == {"Qwen/Qwen2.5-7B-Instruct", "google/gemma-2-2b-it"}


def test_the_policy_file_next_to_the_project_applies_with_its_exceptions(tmp_path: Path) -> None:
    root = tmp_path / "ten"
    shutil.copytree(FIXTURES / "ten", root)
    (root / "pyproject.toml").write_text(
        '[tool.howopen]\nforbid = ["user-cap"]\n\n[[tool.howopen.exceptions]]\nmodel = "Qwen/*"\n'
        'reason = "checked by hand"\n[[tool.howopen.exceptions]]\nmodel = "google/gemma-*"\nreason = "same"\n')
    from howopen.policy import resolve_policy

    result = audit(root, checker=fake_checker, policy=resolve_policy(search_from=root))
    assert [m.model for m in result.failing] == ["meta-llama/Llama-3.1-8B-Instruct"]
    llama = result.failing[0]
    assert llama.policy is not None
    assert "700 million" in llama.policy.blocking[0].reasons[0].text


def test_local_models_are_checked_offline(tmp_path: Path) -> None:
    root = local_project(tmp_path)
    result = audit(root, offline=True, policy=Policy.of(require=["commercial"], forbid=["user-cap"]))
    by_model = {m.model: m for m in result.models}
    assert set(by_model) == {"models/pythia-1b", "models/llama-3.1-8b-instruct", "models/phi-3-mini-128k-instruct",
                             "models/tiny.gguf"}
    assert by_model["models/pythia-1b"].kind == LOCAL
    assert by_model["models/tiny.gguf"].kind == GGUF
    assert [r.file for r in by_model["models/tiny.gguf"].references] == ["Modelfile", "models/tiny.gguf"]
    assert all(m.checked for m in result.models), [m.error for m in result.models]
    labels = {name: m.label for name, m in by_model.items()}
    assert labels["models/llama-3.1-8b-instruct"] == "restricted-weights"
    assert labels["models/pythia-1b"] in ("open-weights", "open-source")
    gguf = by_model["models/tiny.gguf"].report
    assert gguf is not None and gguf.license is not None and gguf.license.id == "Apache-2.0"
    assert [m.model for m in result.failing] == ["models/llama-3.1-8b-instruct"]


def test_ollama_names_and_missing_paths_are_unknown(tmp_path: Path) -> None:
    (tmp_path / "Modelfile").write_text("FROM llama3.1:8b\n")
    (tmp_path / "train.py").write_text('AutoModel.from_pretrained("./checkpoints/final")\n')
    result = audit(tmp_path, offline=True, policy=Policy.of(forbid=["user-cap"]))
    by_kind = {m.kind: m for m in result.models}
    assert "Ollama library name" in (by_kind[OLLAMA].error or "")
    assert "no such path in the project" in (by_kind[LOCAL].error or "")
    assert not result.holds


def test_hub_ids_offline_without_a_cache_are_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "empty-hf-home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    (tmp_path / "app.py").write_text('AutoModel.from_pretrained("org/never-cached-model")\n')
    result = audit(tmp_path, offline=True)
    (model,) = result.models
    assert (model.kind, model.checked, model.label) == (HUB, False, "unknown")
    assert model.error


# -- the command ---------------------------------------------------------------------------------------------------

def test_cli_exit_codes(tmp_path: Path) -> None:
    root = local_project(tmp_path)
    ok = runner.invoke(app, ["audit", str(root), "--offline", "--require", "commercial"])
    assert ok.exit_code == 0, ok.output
    assert "Policy holds for all 4 models" in ok.stdout
    failed = runner.invoke(app, ["audit", str(root), "--offline", "--forbid", "user-cap"])
    assert failed.exit_code == 1, failed.output
    assert "forbid user-cap" in failed.stdout
    assert "Policy FAILS for 1 of 4 models" in failed.stdout
    assert runner.invoke(app, ["audit", str(tmp_path / "nowhere")]).exit_code == 2
    assert runner.invoke(app, ["audit", str(root), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["audit", str(root), "--forbid", "freedom"]).exit_code == 2
    (root / "howopen.toml").write_text("require = [\n")
    broken = runner.invoke(app, ["audit", str(root), "--offline"])
    assert broken.exit_code == 2
    assert "not valid TOML" in broken.output


def test_cli_json_and_stderr_for_ci(tmp_path: Path) -> None:
    root = local_project(tmp_path, models=("llama-3.1-8b-instruct",))
    (root / "app" / "run.py").unlink()
    (root / "configs" / "app.yaml").unlink()
    (root / "pyproject.toml").write_text('[tool.howopen]\nforbid = ["naming-duty"]\n')
    result = runner.invoke(app, ["audit", str(root), "--offline", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "howopen.audit/1"
    assert data["summary"]["policy_holds"] is False
    assert data["summary"]["references"] == 3  # app/chat.py, the Modelfile and the GGUF file itself
    (llama,) = [m for m in data["models"] if m["model"] == "models/llama-3.1-8b-instruct"]
    assert llama["policy"]["failed"] == ["forbid:naming-duty"]
    assert llama["references"][0]["cite"] == "app/chat.py:3:51"
    assert "policy fails for models/llama-3.1-8b-instruct" in result.stderr
    assert "“you shall also include “Llama” at the beginning of any such AI model name”" in result.stderr


def test_cli_reports_all_ten_references_of_the_fixture_project(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    result = runner.invoke(app, ["audit", str(FIXTURES / "ten"), "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output  # no policy: a report, whatever could be checked
    data = json.loads(result.stdout)
    assert data["summary"]["references"] == 10
    assert data["summary"]["models"] == 10
    for model in data["models"]:
        assert model["checked"] or model["error"]  # an unchecked model says why; none is dropped
    strict = runner.invoke(app, ["audit", str(FIXTURES / "ten"), "--offline", "--require", "open-weights",
                                 "--format", "markdown"])
    assert strict.exit_code == 1
    assert strict.stdout.count("| `") == 10

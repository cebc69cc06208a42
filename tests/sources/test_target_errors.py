"""Targets the user gets wrong: `--revision` with a local folder, and YAML files that are not usable records."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen.cli.app import app
from howopen.errors import TargetError, UsageError
from howopen.targets import CheckOptions, resolve_target

runner = CliRunner()


def one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    text = result.stderr.strip()
    assert text.startswith("howopen: error:") and "\n" not in text
    assert "Traceback" not in result.output
    return text


# -- --revision with a local folder ----------------------------------------------------------------------------------


def test_revision_with_a_local_folder_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "README.md").write_text("# M\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"^--revision applies to Hub models; .*model is a local folder"):
        resolve_target(str(folder), CheckOptions(revision="v1.0"))
    result = runner.invoke(app, ["check", str(folder), "--revision", "v1.0"])
    message = one_line_error(result)
    assert "--revision applies to Hub models" in message and "is a local folder" in message


def test_a_local_folder_without_revision_still_resolves(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    assert resolve_target(str(folder), CheckOptions()).kind == "local"


# -- malformed YAML targets -------------------------------------------------------------------------------------------

BROKEN_RECORD = """framework:
  name: Model Openness Framework
  version: '1.0'
release:
  name: broken
  components:
    - name: Model architecture
      license: [Apache-2.0
"""


def test_a_broken_mot_record_names_the_file_the_place_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(BROKEN_RECORD, encoding="utf-8")
    with pytest.raises(TargetError) as raised:
        resolve_target(str(path)).fetch()
    message = str(raised.value)
    assert str(path) in message
    assert "line 8" in message and "column" in message
    assert "fix" in message.lower()
    result = runner.invoke(app, ["check", str(path)])
    assert "line 8" in one_line_error(result)


@pytest.mark.parametrize(("text", "what"), [
    ("a: [1, 2\nb: 3\n", "not valid YAML"),
    ("just: a mapping\nof: things\n", "not a model folder"),
    ("- a list\n- of items\n", "not a model folder"),
])
def test_any_yaml_file_that_is_not_a_model_says_so(tmp_path: Path, text: str, what: str) -> None:
    path = tmp_path / "thing.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    message = one_line_error(result)
    assert str(path.name) in message and what in message
    assert "is a file, not a folder" not in message


def test_yaml_errors_carry_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "thing.yml"
    path.write_text("a: 1\nb: [1, 2\nc: 3\n", encoding="utf-8")
    with pytest.raises(TargetError, match=r"line \d+, column \d+"):
        resolve_target(str(path)).fetch()

"""The compiled knowledge base (`data/compiled.json`): up to date, and loading through it gives the same records,
in the same order, as reading every YAML file; a file changed since compiling is read from its YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from howopen.licenses.kb import COMPILED, data_dir, load_dir
from howopen.licenses.kbcompile import compiled_text, main


def test_the_compiled_file_is_up_to_date() -> None:
    """A stale compiled file only costs time (changed records are read from their YAML): said, not failed, so that
    a record edited without recompiling does not block a landing."""
    current = (data_dir() / COMPILED).read_text(encoding="utf-8")
    if current != compiled_text():
        assert main(["--check"]) == 1
        pytest.skip("licenses/data/compiled.json is out of date: run `python -m howopen.licenses.kbcompile`")
    assert main(["--check"]) == 0


def _yaml_only(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    (copy / COMPILED).unlink()
    return copy


def test_compiled_and_yaml_loading_agree(tmp_path: Path) -> None:
    compiled = load_dir(data_dir())
    from_yaml = load_dir(_yaml_only(tmp_path))
    assert list(compiled.licenses) == list(from_yaml.licenses)
    assert compiled.licenses == from_yaml.licenses
    assert compiled.by_key == from_yaml.by_key and compiled.by_url == from_yaml.by_url
    for lic in compiled:  # term order shows in every report
        assert list(lic.terms) == list(from_yaml.licenses[lic.id].terms)


def test_a_file_changed_after_compiling_is_read_from_its_yaml(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    path = copy / "mit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: MIT License", "name: MIT License (edited)"),
                    encoding="utf-8")
    assert load_dir(copy).licenses["MIT"].name == "MIT License (edited)"


@pytest.mark.parametrize("content", ["", "{not json", '{"records": []}', '{"records": {"mit.yaml": 1}}'])
def test_an_unusable_compiled_file_falls_back_to_the_yaml(tmp_path: Path, content: str) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    (copy / COMPILED).write_text(content, encoding="utf-8")
    assert load_dir(copy).licenses == load_dir(data_dir()).licenses

"""Hostile snapshots, part three: folders that are not what they seem are graded for what they show, no more."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from howopen import check
from howopen.errors import TargetError
from howopen.evidence import ArtifactKind, Status
from support import hostile
from support.snapshots import license_text
from support.writers import safetensors_bytes

OPEN = ("open-source", "open-weights")


def python_project(root: Path) -> Path:
    """A Python project with a virtual environment: `.pth` files and a package's LICENSE in site-packages."""
    packages = root / ".venv" / "lib" / "python3.11" / "site-packages"
    (packages / "torch").mkdir(parents=True)
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (packages / "distutils-precedence.pth").write_text("import os\n", encoding="utf-8")
    (packages / "torch" / "LICENSE").write_text(license_text("mit.txt"), encoding="utf-8")
    (packages / "torch" / "model.safetensors").write_bytes(safetensors_bytes({"w": ("F16", [2])}))
    (root / "src" / "tool").mkdir(parents=True)
    (root / "src" / "tool" / "__init__.py").write_text("", encoding="utf-8")
    (root / "README.md").write_text("# tool\n\nA command-line tool.\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]\nname = 'tool'\n", encoding="utf-8")
    (root / "LICENSE").write_text(license_text("mit.txt"), encoding="utf-8")
    return root


def test_a_python_project_is_not_a_model_release(tmp_path: Path) -> None:
    root = python_project(tmp_path / "tool")
    with pytest.raises(TargetError, match=r"does not look like a model release \(it looks like a Python project\)"):
        check(str(root))
    done = subprocess.run([sys.executable, "-m", "howopen", "check", "."], cwd=root, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "(tool) does not look like a model release" in done.stderr


def test_a_folder_of_documents_without_model_metadata_is_not_a_release(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "README.md").write_text("# My notes\n", encoding="utf-8")
    (tmp_path / "notes" / "todo.txt").write_text("buy milk\n", encoding="utf-8")
    with pytest.raises(TargetError, match="no model card"):
        check(str(tmp_path / "notes"))


def test_a_shard_index_without_its_shards_is_unknown_not_complete(tmp_path: Path) -> None:
    root = hostile.normal(tmp_path / "m")
    (root / "model.safetensors").unlink()
    shards = [f"model-0000{i}-of-00003.safetensors" for i in (1, 2, 3)]
    (root / "model.safetensors.index.json").write_text(json.dumps({"weight_map": dict(zip("abc", shards,
                                                                                          strict=True))}))
    report = check(str(root))
    weights = report.release.artifact(ArtifactKind.WEIGHTS)
    assert weights.status == Status.UNKNOWN and "none of them is here" in (weights.reason or "")
    missing = [g.message for g in report.release.gaps if g.code == "shards-missing"]
    assert missing and "3 of them not in this folder" in missing[0]
    assert report.label not in (*OPEN, "closed")


def test_a_partial_download_does_not_count_its_parameters(tmp_path: Path) -> None:
    root = hostile.normal(tmp_path / "m")
    (root / "model.safetensors").unlink()
    (root / "model-00001-of-00002.safetensors").write_bytes(safetensors_bytes({"a": ("F16", [64, 64])}))
    (root / "model.safetensors.index.json").write_text(json.dumps({"weight_map": {
        "a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}}))
    report = check(str(root))
    weights = report.release.artifact(ArtifactKind.WEIGHTS)
    assert weights.status == Status.PRESENT and "parameters" not in weights.details
    assert any("model-00002-of-00002.safetensors" in g.message for g in report.release.gaps
               if g.code == "shards-missing")


def test_a_folder_never_proves_weights_unpublished(tmp_path: Path) -> None:
    root = hostile.normal(tmp_path / "m")
    (root / "model.safetensors").unlink()
    report = check(str(root))
    weights = report.release.artifact(ArtifactKind.WEIGHTS)
    assert weights.status == Status.UNKNOWN and "published elsewhere" in (weights.reason or "")
    assert report.label == "unknown"
    (root / "config.json").unlink()
    assert check(str(root)).label == "unknown"  # the card alone: the same answer


@pytest.mark.parametrize("body", ["mit+nc", "cc-by-nc-4.0.txt"])
def test_a_license_heading_never_makes_a_release_open(tmp_path: Path, body: str) -> None:
    root = hostile.normal(tmp_path / "m")
    (root / "README.md").write_text("---\nlicense: mit\nlibrary_name: transformers\n---\n# m\n", encoding="utf-8")
    if body == "mit+nc":
        text = license_text("mit.txt") + "\nNotwithstanding the above, the Software may not be used for commercial " \
                                          "purposes.\n"
    else:
        text = "MIT License\n\n" + license_text(body)
    (root / "LICENSE").write_text(text, encoding="utf-8")
    report = check(str(root))
    assert report.label not in OPEN
    assert report.license_record is None or report.license_record.commercial_use != "yes"

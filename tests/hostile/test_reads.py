"""Hostile snapshots, part one: nothing crashes, hangs, leaves the folder or reads without bound."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from howopen import check
from howopen.errors import TargetError
from howopen.evidence import ArtifactKind
from howopen.textio import NotARegularFile, read_bounded
from support import hostile


def gaps(report, code: str) -> list[str]:
    return [g.message for g in report.release.gaps if g.code == code]


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "howopen", *args], capture_output=True, text=True,
                          errors="replace", timeout=timeout)


def test_symlink_loops_are_skipped_with_a_warning(tmp_path: Path) -> None:
    report = check(str(hostile.symlink_loops(tmp_path / "m")))
    loops = gaps(report, "symlink-loop")
    assert any(m.startswith("LICENSE ") for m in loops) and any(m.startswith("a.json ") for m in loops)
    assert report.label == "open-weights"


def test_a_folder_that_is_a_symlink_loop_is_a_one_line_error(tmp_path: Path) -> None:
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    with pytest.raises(TargetError) as raised:
        check(str(tmp_path / "loop"))
    assert raised.value.exit_code == 2


def test_fifo_socket_and_device_never_block(tmp_path: Path) -> None:
    root = hostile.fifo_and_socket(tmp_path / "m")
    hostile.device(tmp_path / "d")
    started = time.monotonic()
    done = run("check", str(root), "--format", "json", timeout=60)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    skipped = [w["message"] for w in data["warnings"] if w.get("code") == "not-a-file"] or \
        [w["message"] for w in data["warnings"] if "not a regular file" in w["message"]]
    assert any("FIFO" in m for m in skipped) and any("socket" in m for m in skipped)
    report = check(str(tmp_path / "d"))
    assert any("model-00001.safetensors" in m for m in gaps(report, "not-a-file") + gaps(report, "symlink-outside"))
    assert time.monotonic() - started < 30


def test_license_command_on_a_fifo_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "LICENSE")
    done = run("license", str(tmp_path / "LICENSE"), timeout=30)
    assert done.returncode == 2 and "FIFO" in done.stderr and len(done.stderr.splitlines()) == 1


def test_read_bounded_refuses_special_files_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotARegularFile, match="FIFO"):
        read_bounded(tmp_path / "pipe", 10)
    with pytest.raises(NotARegularFile, match="character device"):
        read_bounded("/dev/zero", 10)
    with pytest.raises(NotARegularFile, match="folder"):
        read_bounded(tmp_path, 10)


def test_no_symlink_leaves_the_folder(tmp_path: Path) -> None:
    root = hostile.symlinks_outside(tmp_path / "m")
    report = check(str(root))
    outside = gaps(report, "symlink-outside")
    assert any(m.startswith("LICENSE ") for m in outside) and any(m.startswith("pytorch_model.bin ") for m in outside)
    shown = json.dumps(report.to_dict())
    assert "root:x:0:0" not in shown and "code/" not in shown


def test_a_header_of_more_tensors_than_the_limit_is_refused(tmp_path: Path) -> None:
    root = hostile.tiny_tensors(tmp_path / "m", 0.0)  # 210,000 zero-size tensors
    report = check(str(root))
    assert any("more than 200000 tensors" in m for m in gaps(report, "weights-header-invalid"))
    assert report.release.artifact(ArtifactKind.WEIGHTS).status == "present"


def test_deep_nesting_is_a_gap(tmp_path: Path) -> None:
    report = check(str(hostile.deep_header(tmp_path / "m", 0.0)))
    assert any("nested too deeply" in m for m in gaps(report, "weights-header-invalid"))
    report = check(str(hostile.deep_yaml(tmp_path / "y", 0.0)))
    assert report.label != "open-source"


def test_gguf_limits(tmp_path: Path) -> None:
    report = check(str(hostile.gguf_many(tmp_path / "m", 0.0)))
    invalid = gaps(report, "weights-header-invalid")
    assert any(m.startswith("model-many.gguf") and "1000000000 tensors" in m for m in invalid)
    assert not any(m.startswith("model-ok.gguf") for m in invalid)


def test_virtual_environments_and_installed_packages_are_not_the_release(tmp_path: Path) -> None:
    root = hostile.normal(tmp_path / "m")
    for folder in (".venv/lib/python3.11/site-packages/torch", "venv2/lib/site-packages/x", "node_modules/left-pad",
                   ".git/objects", "env/lib/python3.11/site-packages/y"):
        (root / folder).mkdir(parents=True)
        (root / folder / "LICENSE").write_text("GNU GENERAL PUBLIC LICENSE\nVersion 3\n", encoding="utf-8")
        (root / folder / "model.pth").write_text("import os\n", encoding="utf-8")
    (root / "venv2" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    report = check(str(root))
    cited = json.dumps([g.message for g in report.release.gaps])
    shown = json.dumps(report.to_dict()["artifacts"])
    for name in ("torch", "left-pad", "objects", "site-packages/y", "model.pth"):
        assert name not in shown
    assert "venv2 (a virtual environment)" in cited and "node_modules (installed packages)" in cited
    assert report.license is not None and report.license.id == "Apache-2.0"

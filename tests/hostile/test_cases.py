"""Every hostile snapshot of tests/support/hostile.py, at a small scale: howopen answers (a report, or a one-line
error with exit 2), nothing escapes the folder, nothing is loaded, and time and memory stay bounded.
`bench/bench_hostile.py` runs the same cases at full size and prints time and peak memory beside a normal snapshot's.
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

import pytest

from howopen import check
from howopen.errors import TargetError
from howopen.sources.mot import MotRecordSource
from support import hostile


@pytest.mark.parametrize("name", sorted(set(hostile.CASES) - {"huge files"}))  # huge files: below
def test_each_hostile_snapshot_gets_a_report(tmp_path: Path, name: str) -> None:
    root = hostile.CASES[name](tmp_path / "m", 0.0)
    started = time.monotonic()
    report = check(str(root))
    assert time.monotonic() - started < 60
    shown = json.dumps(report.to_dict(), ensure_ascii=False)
    assert "root:x:0:0" not in shown
    assert report.label != "open-source"


def test_pickles_are_never_loaded(tmp_path: Path) -> None:
    root = hostile.pickles(tmp_path / "m")
    report = check(str(root))
    assert not hostile.marker_for(root).exists()
    assert report.release.artifact("weights").status == "present"  # the file is listed, never opened as a pickle


def test_yaml_alias_bomb_in_a_card_is_a_gap(tmp_path: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = check(str(hostile.yaml_bomb(tmp_path / "m")))
    assert any("expands to more than" in g.message for g in report.release.gaps)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KB: under 200 MB more


def test_yaml_alias_bomb_in_a_mot_record_is_a_one_line_error(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    path = tmp_path / "record.yml"
    path.write_text("framework:\n  name: Model Openness Framework\n" + "\n".join(lines)
                    + "\nrelease:\n  name: x\n  components: *a8\n", encoding="utf-8")
    with pytest.raises(TargetError, match="expands to more than") as raised:
        MotRecordSource(path).fetch()
    assert raised.value.exit_code == 2 and "\n" not in str(raised.value)


def test_huge_files_are_read_in_part(tmp_path: Path) -> None:
    report = check(str(hostile.huge_files(tmp_path / "m", 0.0)))
    codes = {g.code for g in report.release.gaps}
    assert "card-truncated" in codes and "license-truncated" in codes


def test_binary_and_undecodable_files(tmp_path: Path) -> None:
    report = check(str(hostile.binary_files(tmp_path / "b")))
    codes = {g.code for g in report.release.gaps}
    assert {"card-binary", "license-binary", "config-unparsable"} <= codes
    report = check(str(hostile.invalid_utf8(tmp_path / "u")))
    assert any(g.code == "card-encoding" for g in report.release.gaps)

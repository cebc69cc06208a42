"""`howopen list` keeps its graded rows between runs (howopen/catalog/listcache.py): the same output from the
cache as from grading, graded again when a record, a file of howopen or a library changes, and never wrong because
the cache file is missing, damaged or cannot be written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen.catalog import listcache, listing
from howopen.cli.app import app

from .conftest import clear_caches

runner = CliRunner()
FORMATS = (["list"], ["list", "--format", "json"], ["list", "--format", "markdown", "--sort", "verdict"],
           ["list", "--org", "test-lab", "--license", "apache-2.0", "--format", "json"])


def cache_file() -> Path:
    return Path(os.environ["HOWOPEN_CACHE_DIR"]) / listcache.FILE


def outputs() -> list[str]:
    results = [runner.invoke(app, args) for args in FORMATS]
    assert all(r.exit_code == 0 for r in results), [r.output for r in results]
    return [r.stdout for r in results]


def test_the_cached_list_is_the_graded_list(synthetic: Path) -> None:
    graded = outputs()
    assert json.loads(cache_file().read_text(encoding="utf-8"))["schema"] == listcache.SCHEMA
    clear_caches()
    assert listcache.read(cache_file(), listcache.fingerprint()) == listcache.graded()
    clear_caches()
    listing.all_rows.cache_clear()
    assert outputs() == graded


def test_a_changed_record_is_graded_again(synthetic: Path) -> None:
    before = {row.id: row.verdict for row in listcache.rows()}
    assert before["test-open"] == "open-source"
    record = synthetic / "test-lab" / "test-open.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("weights: {status: present, license: apache-2.0",
                                                                 "weights: {status: present, license: llama3.1"),
                      encoding="utf-8")
    clear_caches()
    after = {row.id: row.verdict for row in listcache.rows()}
    assert after["test-open"] != "open-source"
    assert listcache.read(cache_file(), listcache.fingerprint()) == tuple(listcache.graded())


def test_a_stale_key_is_not_read(synthetic: Path) -> None:
    listcache.rows()
    assert listcache.read(cache_file(), listcache.fingerprint()) is not None
    assert listcache.read(cache_file(), "0" * 64) is None


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"schema": "howopen.list-cache/1"}',
                                  "REPLACE_KEY", "\x00\xff"])
def test_a_damaged_cache_file_is_graded_again(synthetic: Path, text: str) -> None:
    expected = listcache.rows()
    if text == "REPLACE_KEY":  # the right key, a row that is not what the module writes
        text = json.dumps({"schema": listcache.SCHEMA, "key": listcache.fingerprint(),
                           "rows": [{"id": "x", "verdict": 3}]})
    cache_file().write_bytes(text.encode("utf-8", "surrogateescape") if text != "\x00\xff" else b"\x00\xff")
    assert listcache.read(cache_file(), listcache.fingerprint()) is None
    assert listcache.rows() == expected
    assert listcache.read(cache_file(), listcache.fingerprint()) == expected  # written again


def test_no_cache_writes_nothing(synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOWOPEN_NO_CACHE", "1")
    assert outputs()
    assert not cache_file().exists()


def test_a_folder_that_cannot_be_written_costs_only_time(synthetic: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("HOWOPEN_CACHE_DIR", str(blocked / "cache"))  # a folder inside a file: never created
    assert listcache.rows() == listcache.graded()
    assert not (blocked / "cache").exists()


def test_a_cached_list_grades_nothing(tmp_path: Path) -> None:
    """The second `howopen list` of the bundled catalog prints the same table without the graders or the pipeline."""
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n'))\n"
             "sys.argv = ['howopen', 'list']\n"
             "from howopen.cli.entry import main\n"
             "main()\n")
    env = {**os.environ, "HOWOPEN_CACHE_DIR": str(tmp_path), "COLUMNS": "200"}
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout and "records (howopen check <id> for its report)" in runs[1].stdout
    modules = [set(next(line for line in r.stderr.splitlines() if line.startswith("MODULES ")).split()[1:])
               for r in runs]
    assert "howopen.graders" in modules[0] and "howopen.pipeline" in modules[0]
    assert not {m for m in modules[1] if m.startswith(("howopen.graders", "howopen.pipeline", "howopen.lineage",
                                                       "howopen.licenses", "huggingface_hub", "httpx"))}

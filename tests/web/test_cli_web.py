"""`howopen index build/add`, `serve` and `site build` from the command line: results and one-line errors."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen.cli.app import app

from .conftest import CARDS, SNAPSHOTS, fake_catalog

runner = CliRunner()


def test_index_build_then_site_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "howopen.catalog", None)
    db = tmp_path / "i.duckdb"
    result = runner.invoke(app, ["index", "build", str(CARDS), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "cards: 8 indexed, 0 unchanged, 0 failed; 8 models" in result.output
    assert "has no catalog" in result.output
    again = runner.invoke(app, ["index", "build", str(CARDS), "--db", str(db), "-j", "1"])
    assert "0 indexed, 8 unchanged" in again.output
    site = runner.invoke(app, ["site", "build", str(tmp_path / "out"), "--db", str(db)])
    assert site.exit_code == 0 and "for 8 models" in site.output
    assert (tmp_path / "out" / "index.html").is_file()


def test_index_build_with_the_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "howopen.catalog", fake_catalog())
    result = runner.invoke(app, ["index", "build", "--db", str(tmp_path / "c.duckdb")])
    assert result.exit_code == 0 and "catalog: 3 releases" in result.output


def test_index_add_checks_targets(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    result = runner.invoke(app, ["index", "add", str(SNAPSHOTS / "pythia-1b"), "--db", str(db), "--offline"])
    assert result.exit_code == 0, result.output
    assert "local/pythia-1b:" in result.output and "(added)" in result.output
    bad = runner.invoke(app, ["index", "add", str(tmp_path / "nowhere"), "--db", str(db), "--offline"])
    assert bad.exit_code == 2 and "no such file or folder" in bad.output


def test_one_line_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2
    assert "no index at" in missing.output and "Traceback" not in missing.output
    folder = runner.invoke(app, ["index", "build", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb")])
    assert folder.exit_code == 2 and "no such folder" in folder.output
    site = runner.invoke(app, ["site", "build", str(tmp_path / "o"), "--db", str(tmp_path / "none.duckdb")])
    assert site.exit_code == 2 and "no index at" in site.output


def test_serve_refuses_a_port_in_use(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["index", "build", "--no-catalog", "--db", str(db)]).exit_code == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2 and f"port {port} on 127.0.0.1 is already in use" in result.output


def test_serve_on_a_fresh_install_builds_the_catalog_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from howopen.index import default_db_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setitem(sys.modules, "howopen.catalog", fake_catalog())
    served: dict[str, object] = {}

    def run(app: object, **options: object) -> None:  # stands in for the server loop
        from fastapi.testclient import TestClient

        served.update(options)
        served["page"] = TestClient(app).get("/").text  # type: ignore[arg-type]

    monkeypatch.setattr(uvicorn, "run", run)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert default_db_path().is_file() and str(tmp_path) in str(default_db_path())
    assert "creating the index" in result.output and "serving 3 models" in result.output
    assert served["port"] == port and served["host"] == "127.0.0.1"
    assert "meta-llama/Llama-3.1-8B-Instruct" in str(served["page"])

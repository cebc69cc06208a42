"""`howopen list`, `howopen compare` and `howopen check <catalog name>` through the CLI, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen.cli.app import app
from howopen.sources.catalog import CatalogSource
from howopen.sources.hub import HubSource
from howopen.targets import CheckOptions, resolve_target

runner = CliRunner()


def _list(*args: str) -> list[dict]:
    result = runner.invoke(app, ["list", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "howopen.catalog-list/1" and data["count"] == len(data["records"])
    return data["records"]


def _one_line_error(result: object, *needles: str) -> None:
    assert result.exit_code != 0  # type: ignore[attr-defined]
    out = result.output.strip()  # type: ignore[attr-defined]
    assert out.startswith("howopen: error:") and "Traceback" not in out
    for needle in needles:
        assert needle in out


def test_list_table_shows_every_record(synthetic: Path) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["Id", "Name", "Organization"]
    for ident in ("test-open", "test-restricted", "test-closed"):
        assert any(line.startswith(ident) for line in lines)
    assert "3 records" in result.stdout


def test_list_json_carries_verdicts_and_prices(synthetic: Path) -> None:
    rows = {r["id"]: r for r in _list()}
    assert rows["test-open"]["verdict"] == "open-source" and rows["test-open"]["commercial_use"] == "yes"
    assert rows["test-restricted"]["verdict"] == "restricted-weights"
    assert rows["test-restricted"]["commercial_use"] == "conditional"
    closed = rows["test-closed"]
    assert closed["verdict"] == "closed" and closed["license"] is None and closed["commercial_use"] == "n/a"
    assert closed["pricing"] == [{"tier": "standard", "input_usd_per_mtok": 2.5, "output_usd_per_mtok": 10.0,
                                  "source": "https://example.org/page"}]
    assert set(closed["frameworks"]) >= {"mof", "osaid", "eosai", "eu_ai_act"}


@pytest.mark.parametrize(("args", "expected"), [
    (["--verdict", "closed"], ["test-closed"]),
    (["--verdict", "open-source,restricted-weights"], ["test-open", "test-restricted"]),
    (["--commercial", "yes"], ["test-open"]),
    (["--commercial", "conditional"], ["test-restricted"]),
    (["--commercial", "no"], []),
    (["--org", "closed co"], ["test-closed"]),
    (["--org", "TEST-LAB"], ["test-open"]),
    (["--license", "LLAMA2"], ["test-restricted"]),
    (["--license", "apache-2.0,llama2"], ["test-open", "test-restricted"]),
    (["--closed"], ["test-closed"]),
    (["--open"], ["test-open", "test-restricted"]),
    (["--open", "--commercial", "yes"], ["test-open"]),
])
def test_list_filters(synthetic: Path, args: list[str], expected: list[str]) -> None:
    assert sorted(r["id"] for r in _list(*args)) == expected


@pytest.mark.parametrize(("sort", "expected"), [
    ("name", ["test-closed", "test-open", "test-restricted"]),
    ("date", ["test-restricted", "test-open", "test-closed"]),
    ("org", ["test-closed", "test-restricted", "test-open"]),
    ("verdict", ["test-open", "test-restricted", "test-closed"]),
])
def test_list_sorts(synthetic: Path, sort: str, expected: list[str]) -> None:
    assert [r["id"] for r in _list("--sort", sort)] == expected
    assert [r["id"] for r in _list("--sort", sort, "--reverse")] == expected[::-1]


def test_list_markdown(synthetic: Path) -> None:
    result = runner.invoke(app, ["list", "--format", "markdown", "--closed"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("| Id | Name |")
    assert "| test-closed | Test Closed Pro |" in result.stdout


@pytest.mark.parametrize(("args", "needle"), [
    (["--verdict", "opensource"], "--verdict"),
    (["--commercial", "maybe"], "--commercial"),
    (["--sort", "size"], "--sort"),
    (["--format", "xml"], "unknown format"),
])
def test_list_bad_options(synthetic: Path, args: list[str], needle: str) -> None:
    _one_line_error(runner.invoke(app, ["list", *args]), needle)


def test_list_on_the_bundled_catalog_needs_no_network() -> None:
    rows = _list("--org", "meta", "--sort", "date")
    assert len(rows) >= 10
    assert [r["released"] for r in rows] == sorted(r["released"] for r in rows)
    assert all(r["verdict"] != "open-source" for r in rows)  # every Llama license restricts use


def test_check_a_catalog_name_offline(synthetic: Path) -> None:
    result = runner.invoke(app, ["check", "Test Closed Pro", "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["verdict"]["outcome"] == "closed" and data["release"]["source"] == "catalog"
    assert "catalog" in data["understood"]
    assert data["release"]["facts"]["pricing"]["value"][0]["output_usd_per_mtok"] == 10.0


def test_check_a_bundled_record_by_name_offline() -> None:
    result = runner.invoke(app, ["check", "Llama 2 70B", "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["verdict"]["outcome"] == "restricted-weights" and data["license"]["id"] == "llama2"


def test_a_hub_id_in_the_catalog_is_the_hub_online_and_the_catalog_offline(synthetic: Path) -> None:
    online = resolve_target("test-lab/Test-Open-1B", CheckOptions(offline=False))
    assert isinstance(online, HubSource)
    offline = resolve_target("test-lab/Test-Open-1B", CheckOptions(offline=True))
    assert isinstance(offline, CatalogSource) and "offline" in offline.describe()
    pinned = resolve_target("test-lab/Test-Open-1B@main", CheckOptions(offline=True))
    assert isinstance(pinned, HubSource)
    named = resolve_target("to-1b", CheckOptions(offline=False))
    assert isinstance(named, CatalogSource) and "catalog name" in named.describe()


def test_an_unknown_name_says_how_to_find_names(synthetic: Path) -> None:
    _one_line_error(runner.invoke(app, ["check", "Nonexistent Model 9000", "--offline"]), "howopen list",
                    "catalog")


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_compare_side_by_side(synthetic: Path, fmt: str) -> None:
    result = runner.invoke(app, ["compare", "test-open", "Test Closed Pro", "test-restricted", "--offline",
                                 "--format", fmt])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("Summary", "Artifacts", "Frameworks", "License terms"):
        assert heading in out
    verdict = next(line for line in out.splitlines() if "Verdict" in line)
    assert verdict.index("open-source") < verdict.index("closed") < verdict.index("restricted-weights")
    assert "Training code" in out and "present (apache-2.0)" in out.lower()
    assert "$2.5 in / $10.0 out" in out


def test_compare_json(synthetic: Path) -> None:
    result = runner.invoke(app, ["compare", "test-open", "test-closed", "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "howopen.compare/1"
    assert [t["verdict"] for t in data["targets"]] == ["open-source", "closed"]
    sections = {s["title"]: {r["label"]: r["values"] for r in s["rows"]} for s in data["sections"]}
    assert [v.lower() for v in sections["Artifacts"]["Weights (final)"]] == ["present (apache-2.0)", "absent"]
    assert sections["Summary"]["Commercial use"] == ["yes", "n/a"]
    assert sections["License terms (weights)"]["Commercial use"] == ["yes", "n/a"]
    assert set(sections["Frameworks"]) and all(len(v) == 2 for v in sections["Frameworks"].values())


@pytest.mark.parametrize(("targets", "needle"), [
    ([], "2 to 4 targets"),
    (["test-open"], "2 to 4 targets, got 1"),
    (["test-open", "test-closed", "test-restricted", "test-open", "test-closed"], "got 5"),
    (["test-open", "Nonexistent Model 9000"], "Nonexistent Model 9000"),
])
def test_compare_bad_input(synthetic: Path, targets: list[str], needle: str) -> None:
    _one_line_error(runner.invoke(app, ["compare", *targets, "--offline"]), needle)


def test_compare_bad_format(synthetic: Path) -> None:
    _one_line_error(runner.invoke(app, ["compare", "test-open", "test-closed", "--format", "pdf"]), "unknown format")


def test_a_failed_hub_read_points_at_the_catalog(synthetic: Path) -> None:
    """Online, a catalogued Hub id is read from the Hub; when that fails (here: nothing listens), the error says
    that --offline answers from the catalog."""
    result = runner.invoke(app, ["check", "test-lab/Test-Open-1B"])
    _one_line_error(result, "add --offline")


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_reports_say_how_a_closed_model_is_offered_and_priced(synthetic: Path, fmt: str) -> None:
    result = runner.invoke(app, ["check", "test-closed", "--offline", "--format", fmt])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "access: api-only" in out and "offered as: api, chat" in out
    assert "$2.5 input / $10.0 output per million tokens [https://example.org/page, read 2026-11-29]" in out


def test_a_revision_on_a_catalog_name_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", "gpt-4o", "--revision", "v1"])
    assert result.exit_code == 2
    assert "--revision applies to Hub models" in result.output


def test_a_url_that_is_not_the_hubs_says_so() -> None:
    result = runner.invoke(app, ["check", "https://example.com/x"])
    assert result.exit_code == 2
    assert "is not a Hugging Face Hub URL" in result.output


def test_list_shows_the_license_that_binds_a_distillation() -> None:
    result = runner.invoke(app, ["list", "--format", "json", "--license", "llama3.1"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)["records"]}
    distill = rows["deepseek-r1-distill-llama-8b"]
    assert distill["license"] == "MIT" and distill["binding_license"] == "llama3.1"
    assert distill["commercial_use"] == "conditional"
    table = runner.invoke(app, ["list", "--org", "deepseek"]).stdout
    assert "llama3.1 (tagged MIT)" in table

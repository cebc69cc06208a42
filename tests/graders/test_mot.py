"""MOT mode reproduces the Model Openness Tool's own non-regression expectations, record for record.

Fixtures: tests/fixtures/mot (see SOURCE.md there): MOT's 27 Test_Data records and the classification MOT's
REST API returned for each (expected_results.json).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from howopen import check
from howopen.cli.app import app
from howopen.graders import mot
from howopen.graders.mot import MotRecord
from howopen.sources.mot import record_schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mot"
RECORDS = sorted((FIXTURES / "Test_Data").glob("*.yml"))
EXPECTED = {m["release"]["name"]: m["classification"]
            for m in json.loads((FIXTURES / "expected_results.json").read_text(encoding="utf-8"))["models"]}
ROMAN = {0: None, 1: "I", 2: "II", 3: "III"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_fixture_set_is_complete() -> None:
    assert len(RECORDS) == 27
    assert {load(p)["release"]["name"] for p in RECORDS} == set(EXPECTED)


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_evaluator_reproduces_mot(path: Path) -> None:
    data = load(path)
    expected = EXPECTED[data["release"]["name"]]
    result = mot.classify(mot.record_from_mapping(data))
    assert result.cls == expected["class"]
    assert result.label == expected["label"]
    assert {str(k): v for k, v in result.progress.items()} == expected["progress"]  # exact floats, as MOT's API


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_check_on_a_mot_record_reproduces_mot(path: Path) -> None:
    """End to end: `howopen check record.yml` (MOT record source -> pipeline -> MOF grader, MOT mode)."""
    expected = EXPECTED[load(path)["release"]["name"]]
    fields = check(str(path)).frameworks["mof"].fields["mot"]
    assert fields["class"] == ROMAN[expected["class"]]
    assert fields["progress"] == {"III": expected["progress"]["3"], "II": expected["progress"]["2"],
                                  "I": expected["progress"]["1"]}


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_records_validate_against_howopens_schema(path: Path) -> None:
    jsonschema.validate(load(path), record_schema())


def test_stored_mot_schema_predates_the_record_layout() -> None:
    """Why howopen uses its own schema: MOT's records fail the only mof_schema.json version in the index."""
    old = json.loads((FIXTURES / "mof_schema-6ece587.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(old)
    assert all(list(validator.iter_errors(load(p))) for p in RECORDS)


# --------------------------------------------------------------------------------------------------------------
# Quirks, each against howopen's reading


def record(components: list[dict], license_block: dict | None = None) -> dict:
    return {"framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
            "release": {"name": "quirk", "version": "1B", "date": "2025-01-01", "type": "language",
                        "architecture": "transformer decoder", "origin": "", "producer": "Test", "contact": "",
                        "license": license_block or {}, "components": components}}


def component(name: str, license_id: str | None = None) -> dict:
    entry = {"name": name, "description": "test"}
    if license_id is not None:
        entry["license"] = license_id
    return entry


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "record.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_first_included_technical_report_counts_twice(tmp_path: Path) -> None:
    """PHP's `!array_search()` treats a technical report at index 0 as absent, so the paper is added as well."""
    data = record([component("Technical report", "CC-BY-4.0"), component("Research paper", "CC-BY-4.0")])
    result = mot.classify(mot.record_from_mapping(data))
    assert result.progress[3] == pytest.approx(2 / 6 * 100)
    fields = check(str(write(tmp_path, data))).frameworks["mof"].fields
    assert fields["progress"]["III"] == pytest.approx(1 / 6 * 100)  # howopen counts the report slot once
    assert fields["mot"]["progress"]["III"] == pytest.approx(2 / 6 * 100)


def test_exact_string_licenses_against_normalised_ones(tmp_path: Path) -> None:
    data = record([component("Model architecture", "Apache 2.0"), component("Model parameters (Final)", "PDDL-1.0"),
                   component("Model card", "cc-by-4.0")])
    mof = check(str(write(tmp_path, data))).frameworks["mof"].fields
    parts = mof["components"]
    assert parts["Model architecture"]["mot_status"] == "invalid"
    assert parts["Model architecture"]["status"] == "included"
    assert parts["Model architecture"]["license"] == "Apache-2.0"
    assert parts["Model parameters (Final)"]["mot_status"] == "invalid"  # MOT spells it ODC-PDDL-1.0
    assert parts["Model parameters (Final)"]["status"] == "included"
    assert parts["Model card"]["status"] == "included"
    differences = "\n".join(mof["differences"])
    assert "'Apache 2.0' is not an open id in its exact-string table" in differences
    assert mof["progress"]["III"] == pytest.approx(50.0)
    assert mof["mot"]["progress"]["III"] == 0.0


def test_global_licenses_and_unlicensed_literal() -> None:
    data = record([component("Model architecture"), component("Model card"), component("Data card", "unlicensed")],
                  {"code": {"name": "MIT"}, "distribution": {"name": "CC-BY-4.0"}})
    parsed = mot.record_from_mapping(data)
    assert parsed == MotRecord(parsed.listed, {14: ""}, {"code": "MIT", "distribution": "CC-BY-4.0"})
    result = mot.classify(parsed)
    assert result.license(9) == "MIT"  # the code license
    assert result.license(13) == "CC-BY-4.0"  # the distribution license, for a document
    assert result.status(14) == "unlicensed"  # `unlicensed` does not fall back to the global licenses


def test_unknown_component_name_is_reported(tmp_path: Path) -> None:
    data = record([component("Model architecture", "MIT")])
    data["release"]["components"].append({"name": "Weights", "description": "not a MOF name", "license": "MIT"})
    report = check(str(write(tmp_path, data)))
    assert any(g.code == "mot-record-value" for g in report.release.gaps)
    assert any(g.code == "mot-unknown-component" for g in report.release.gaps)
    assert report.frameworks["mof"].fields["mot"]["unknown_component_names"] == ["Weights"]


def test_record_lines_are_cited() -> None:
    path = next(p for p in RECORDS if p.name.startswith("Class2R"))
    report = check(str(path))
    params = report.frameworks["mof"].fields["components"]["Model parameters (Final)"]
    cited = {e["cite"] for e in params["evidence"]}
    assert f"{path}:46" in cited  # "- name: Model parameters (Final)"
    assert f"{path}:49" in cited  # its "license: CC-BY-3.0-NL"


def test_cli_checks_a_record_and_rejects_a_broken_one(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(RECORDS[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["release"]["source"] == "mot"
    broken = tmp_path / "broken.yml"
    broken.write_text("framework:\n  name: Model Openness Framework\nrelease:\n  name: x\n  components: []\n")
    result = runner.invoke(app, ["check", str(broken)])
    assert result.exit_code == 2
    assert "not a valid Model Openness Tool record" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_draft_version_is_mots_version_or_parameters_field() -> None:
    """MOT's `release.version` is labelled "Version/Parameters" (the parameter count, the version, or both), and
    MOT's own records and Test_Data put the size there (`version: 2B`), so the draft does the same."""
    from dataclasses import replace as _replace

    from howopen.evidence import Fact, Provenance
    from howopen.formats.mof import draft

    from . import releases as R

    record, _notes = draft(R.report(R.fully_open()))
    assert record["release"]["version"] == "7B"
    facts = dict(R.fully_open().facts)
    facts["version"] = Fact("2.1", Provenance("README.md", line=4))
    record, _notes = draft(R.report(_replace(R.fully_open(), facts=facts)))
    assert record["release"]["version"] == "2.1"
    fixture = (FIXTURES / "Test_Data").glob("*.yml")
    sizes = {yaml.safe_load(p.read_text(encoding="utf-8"))["release"]["version"] for p in fixture}
    assert any(str(v).endswith("B") for v in sizes)

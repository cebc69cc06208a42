"""howopen's own MOF class of the catalog releases that publish their training materials, against the Model
Openness Tool's records of the same models (bench/data/mot, see SOURCE.md there), offline."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from howopen.evidence import ArtifactKind, Release
from howopen.graders import mof, mot
from howopen.pipeline import check

MOT_DATA = Path(__file__).resolve().parents[2] / "bench" / "data" / "mot"
LABEL = {1: "I", 2: "II", 3: "III"}


def _entries() -> list[dict[str, Any]]:
    return list(yaml.safe_load((MOT_DATA / "records.yaml").read_text(encoding="utf-8"))["records"])


def _mot_class(entry: dict[str, Any]) -> str | None:
    data = yaml.safe_load((MOT_DATA / entry["file"]).read_text(encoding="utf-8"))
    return LABEL.get(mot.classify(mot.record_from_mapping(data)).cls)


@pytest.fixture(scope="module")
def reports() -> dict[str, Any]:
    ids = ("olmo-7b", "pythia-12b", "gpt-neox-20b", "bloom", "amber")
    return {name: check(name, offline=True) for name in ids}


@pytest.mark.parametrize(("name", "expected"), [("olmo-7b", "III"), ("pythia-12b", "III"), ("gpt-neox-20b", "III")])
def test_catalog_releases_with_training_materials_get_their_class(reports: dict[str, Any], name: str,
                                                                   expected: str) -> None:
    fields = reports[name].frameworks["mof"].fields
    assert fields["class"] == expected
    for component in fields["components"].values():
        if component["status"] == "included":
            assert component["license"] and component["evidence"], component


def test_bloom_has_no_class_because_of_its_rail_license(reports: dict[str, Any]) -> None:
    fields = reports["bloom"].frameworks["mof"].fields
    assert fields["class"] is None and fields["class_if_unknown_included"] is None
    assert fields["components"]["Model parameters (Final)"]["status"] == "invalid"


def test_pythia_class_ii_waits_on_evaluation_data_whose_license_is_unverified(reports: dict[str, Any]) -> None:
    fields = reports["pythia-12b"].frameworks["mof"].fields
    evaluation_data = fields["components"]["Evaluation data"]
    assert evaluation_data["status"] == "unknown"
    assert "LAMBADA" in evaluation_data["why"]
    assert fields["class_if_unknown_included"] == "I"
    assert any(need["component"] == "Evaluation data" for need in fields["next_class"]["needs"])


def _without_license(release: Release, kind: ArtifactKind) -> Release:
    artifacts = dict(release.artifacts)
    artifacts[kind] = replace(artifacts[kind], license=None)
    return replace(release, artifacts=artifacts)


@pytest.mark.parametrize(("kind", "component"), [(ArtifactKind.DATA_CARD, "Data card"),
                                                (ArtifactKind.MODEL_ARCHITECTURE, "Model architecture"),
                                                (ArtifactKind.EVALUATION_RESULTS, "Evaluation results")])
def test_a_component_whose_license_is_not_verified_keeps_the_class_from_being_claimed(
        reports: dict[str, Any], kind: ArtifactKind, component: str) -> None:
    release = _without_license(reports["gpt-neox-20b"].release, kind)
    result = mof.grade(release)
    assert result.fields["class"] is None
    assert result.fields["components"][component]["status"] == "unknown"
    assert result.fields["class_if_unknown_included"] is not None
    needs = {need["component"]: need["status"] for need in result.fields["next_class"]["needs"]}
    assert needs == {component: "unknown"}


def test_the_olmo_evaluation_data_license_is_the_one_its_dataset_declares(reports: dict[str, Any]) -> None:
    component = reports["olmo-7b"].frameworks["mof"].fields["components"]["Evaluation data"]
    assert component["status"] == "unknown" and component["license"] == "ai2-impact-low-risk"
    assert any("allenai/paloma" in str(e.get("source")) for e in component["evidence"])


def test_every_mot_class_i_to_iii_release_gets_a_class_the_same_or_documented() -> None:
    rated = 0
    for entry in _entries():
        theirs = _mot_class(entry)
        if theirs is None:
            continue
        rated += 1
        ours = check(entry["catalog"], offline=True).frameworks["mof"].fields["class"]
        assert ours is not None, entry["catalog"]
        assert ours == theirs or str(entry.get("disagreement") or "").strip(), entry["catalog"]
    assert rated >= 3


def test_every_mot_record_names_a_catalog_release_and_a_stored_version() -> None:
    files = {p.name for p in MOT_DATA.glob("*.yml")}
    entries = _entries()
    assert {e["file"] for e in entries} == files
    for entry in entries:
        assert len(entry["commit"]) == 40 and entry["layout"] in ("current", "legacy")
        data = yaml.safe_load((MOT_DATA / entry["file"]).read_text(encoding="utf-8"))
        assert mot.is_legacy(data) == (entry["layout"] == "legacy"), entry["file"]
        check(entry["catalog"], offline=True)  # the catalog knows it


def test_legacy_layout_is_read_as_mot_converted_it() -> None:
    data = {"release": {"name": "X", "producer": "Y", "components": [
        {"name": "Model architecture", "location": "", "license_name": "Apache-2.0", "license_path": ""},
        {"name": "Model parameters (Final)", "location": "", "license_name": "Apache 2.0", "license_path": ""},
        {"name": "Model card", "location": "", "license_name": "License not specified", "license_path": ""},
        {"name": "Data card", "location": "", "license_name": "Component not included", "license_path": ""},
        {"name": "Technical report", "location": "", "license_name": "Component Not Included", "license_path": ""},
        {"name": "Research paper", "location": "", "license_name": "Pending evaluation", "license_path": ""},
    ]}}
    assert mot.is_legacy(data)
    record = mot.record_from_mapping(data)
    names = {c.id for c in mof.mc.components() if c.name in ("Model architecture", "Model parameters (Final)",
                                                              "Model card")}
    assert set(record.listed) == names
    by_name = {c.name: c.id for c in mof.mc.components()}
    assert record.licenses[by_name["Model architecture"]] == "Apache-2.0"
    assert record.licenses[by_name["Model parameters (Final)"]] == "Apache 2.0"  # kept verbatim: MOT counts it invalid
    assert record.licenses[by_name["Model card"]] == ""  # unlicensed
    result = mot.classify(record)
    assert result.status(by_name["Model card"]) == "unlicensed"
    assert result.status(by_name["Model parameters (Final)"]) == "invalid"
    assert result.status(by_name["Data card"]) == "missing"
    current = {"release": {"name": "X", "producer": "Y", "license": {},
                           "components": [{"name": "Model card", "license": "unlicensed"}]}}
    assert not mot.is_legacy(current)


@pytest.mark.parametrize("name", ["amber", "olmo-2-1124-7b", "olmo-2-1124-13b", "gpt-j-6b"])
def test_an_unread_report_license_is_all_that_keeps_these_releases_from_class_iii(name: str) -> None:
    fields = check(name, offline=True).frameworks["mof"].fields
    assert fields["class"] is None and fields["class_if_unknown_included"] is not None
    needs = fields["next_class"]["needs"]
    assert fields["next_class"]["class"] == "III"
    assert [(n["id"], n["status"]) for n in needs] == [(11, "unknown")]  # the technical report (or an open paper)


def test_components_read_from_package_and_dataset_licenses_are_included() -> None:
    smollm2 = check("smollm2-1.7b", offline=True).frameworks["mof"].fields["components"]
    assert (smollm2["Training code"]["status"], smollm2["Training code"]["license"]) == ("included", "Apache-2.0")
    assert (smollm2["Evaluation code"]["status"], smollm2["Evaluation code"]["license"]) == ("included", "MIT")
    amber = check("amber", offline=True).frameworks["mof"].fields["components"]
    assert (amber["Data card"]["status"], amber["Data card"]["license"]) == ("included", "ODC-By-1.0")
    assert amber["Training code"]["status"] == "unknown" and "LICENSE" in amber["Training code"]["why"]

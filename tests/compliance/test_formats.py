"""SARIF validated against the OASIS 2.1.0 schema, CycloneDX 1.6 against cyclonedx-python-lib's validator, SPDX 3.0.1
through the SPDX project's own bindings; and what each carries."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import spdx_python_model
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from howopen import check
from howopen.audit import ModelReference, audit
from howopen.errors import TargetError
from howopen.evidence import Conflict
from howopen.formats import AUDIT_FORMATS, FORMATS, cyclonedx, sarif, spdx
from howopen.policy import Policy, PolicyException, evaluate
from howopen.report import Report

from .conftest import EXAMPLES, FIXTURES, ancestor, make_report

SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text())
CDX = JsonStrictValidator(SchemaVersion.V1_6)


def fake_checker(ref: ModelReference) -> Report:
    if ref.model.startswith("Qwen/"):
        raise TargetError("not found")
    license_id = "llama3.1" if "llama" in ref.model.lower() else "Apache-2.0"
    return make_report(license_id, target=ref.model)


@pytest.fixture(scope="module")
def audited():
    policy = Policy.of(require=["commercial"], forbid=["user-cap"],
                       exceptions=[PolicyException("meta-llama/*", "cleared by legal", ("forbid:user-cap",),
                                                   date(2099, 1, 1))])
    return audit(FIXTURES / "ten", checker=fake_checker, policy=policy)


# -- SARIF ---------------------------------------------------------------------------------------------------------

def test_sarif_is_valid_against_the_oasis_schema(audited) -> None:
    log = json.loads(sarif.render_audit(audited))
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(log)] == []


def test_sarif_results_sit_where_the_model_is_referenced(audited) -> None:
    (run,) = json.loads(sarif.render_audit(audited))["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    by_model: dict[str, list[dict]] = {}
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        by_model.setdefault(result["properties"]["model"], []).append(result)
    (bartowski,) = by_model["bartowski/Llama-3.2-1B-Instruct-GGUF"]  # llama3.2 in the name: a user cap
    assert bartowski["ruleId"] == "howopen/forbid/user-cap"
    assert bartowski["level"] == "error"
    location = bartowski["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "app/fetch.py", "uriBaseId": "PROJECTROOT"}
    assert location["region"]["startLine"] == 5 and location["region"]["startColumn"] == 29
    assert "700 million monthly active users" in bartowski["message"]["text"]
    (llama,) = by_model["meta-llama/Llama-3.1-8B-Instruct"]
    assert llama["suppressions"] == [{"kind": "external", "status": "accepted",
                                      "justification": "cleared by legal (until 2099-01-01)"}]
    qwen = by_model["Qwen/Qwen2.5-7B-Instruct"]
    assert {r["ruleId"] for r in qwen} == {"howopen/require/commercial", "howopen/forbid/user-cap"}
    assert all("unknown is not a pass" in r["message"]["text"] for r in qwen)
    (pythia,) = by_model["EleutherAI/pythia-1b"]
    assert (pythia["ruleId"], pythia["kind"], pythia["level"]) == ("howopen/model-reference", "pass", "none")
    assert run["originalUriBaseIds"]["PROJECTROOT"]["uri"].endswith("/ten/")


def test_sarif_without_a_policy_is_an_inventory() -> None:
    result = audit(FIXTURES / "ten", checker=fake_checker)
    log = json.loads(sarif.render_audit(result))
    results = log["runs"][0]["results"]
    assert len(results) == 10
    assert {r["kind"] for r in results} == {"informational"}
    assert not list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log))


# -- CycloneDX -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["llama-3.1-8b-instruct", "pythia-1b", "phi-3-mini-128k-instruct",
                                  "t-lite-instruct-0.1"])
def test_cyclonedx_for_check_is_valid(name: str) -> None:
    text = cyclonedx.render(check(str(EXAMPLES / name)))
    assert CDX.validate_str(text) is None
    component = json.loads(text)["metadata"]["component"]
    assert component["type"] == "machine-learning-model"
    assert "modelCard" in component


def test_cyclonedx_licenses_with_texts() -> None:
    llama = json.loads(cyclonedx.render(check(str(EXAMPLES / "llama-3.1-8b-instruct"))))["metadata"]["component"]
    (entry,) = llama["licenses"]
    assert entry["license"]["name"] == "LicenseRef-llama3.1"
    assert "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT" in entry["license"]["text"]["content"].upper()
    assert entry["license"]["acknowledgement"] == "declared"
    pythia = json.loads(cyclonedx.render(check(str(EXAMPLES / "pythia-1b"))))["metadata"]["component"]
    (entry,) = pythia["licenses"]
    assert entry["license"]["id"] == "Apache-2.0"
    assert "Apache License" in entry["license"]["text"]["content"]
    assert pythia["modelCard"]["modelParameters"]["architectureFamily"] == "gpt_neox"
    types = {r["type"] for r in llama["externalReferences"]}
    assert {"vcs", "license"} <= types


def test_cyclonedx_lineage_is_pedigree_and_conflicts_conclude_a_license() -> None:
    conflict = Conflict(declared="MIT", binding="llama3.1", why="a Llama 3.1 fine-tune stays under its license")
    report = make_report("MIT", target="someone/llama-tune", conflicts=(conflict,),
                         lineage=(ancestor("meta-llama/Llama-3.1-8B-Instruct", "llama3.1", ("user_cap",)),))
    text = cyclonedx.render(report)
    assert CDX.validate_str(text) is None
    component = json.loads(text)["metadata"]["component"]
    (base,) = component["pedigree"]["ancestors"]
    assert (base["group"], base["name"], base["type"]) == ("meta-llama", "Llama-3.1-8B-Instruct",
                                                          "machine-learning-model")
    assert base["licenses"][0]["license"]["name"] == "LicenseRef-llama3.1"
    acknowledged = {(e["license"].get("id") or e["license"].get("name"), e["license"]["acknowledgement"])
                    for e in component["licenses"]}
    assert acknowledged == {("MIT", "declared"), ("LicenseRef-llama3.1", "concluded")}


def test_cyclonedx_for_an_audit_is_valid_and_keeps_each_reference(audited) -> None:
    text = cyclonedx.render_audit(audited)
    assert CDX.validate_str(text) is None
    data = json.loads(text)
    assert data["metadata"]["component"]["type"] == "application"
    assert len(data["components"]) == 10
    occurrences = [o for c in data["components"] for o in c["evidence"]["occurrences"]]
    assert {"location": "app/generate.py", "line": 14, "offset": 9, "symbol": "from_pretrained()",
            "additionalContext": "meta-llama/Llama-3.1-8B-Instruct"} in occurrences
    (depends,) = [d for d in data["dependencies"] if d["ref"] == "project"]
    assert len(depends["dependsOn"]) == 10


def test_the_validator_rejects_a_broken_model_card() -> None:
    """A control: the library's validator does check the modelCard object howopen adds."""
    data = json.loads(cyclonedx.render(check(str(EXAMPLES / "pythia-1b"))))
    data["metadata"]["component"]["modelCard"]["modelParameters"]["task"] = 42
    assert CDX.validate_str(json.dumps(data)) is not None


# -- SPDX 3.0.1 ----------------------------------------------------------------------------------------------------

def _load(text: str) -> tuple[object, list[object]]:
    data = json.loads(text)
    assert data["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    model, objects = spdx_python_model.load_data(data)
    return model, list(objects.objects)


def _of(objects: list[object], name: str) -> list:
    return [o for o in objects if type(o).__name__ == name]


def test_spdx_for_check_has_the_ai_profile_and_licenses() -> None:
    model, objects = _load(spdx.render(check(str(EXAMPLES / "llama-3.1-8b-instruct"))))
    (document,) = _of(objects, "SpdxDocument")
    assert model.ProfileIdentifierType.ai in document.profileConformance
    (package,) = _of(objects, "ai_AIPackage")
    assert package.software_primaryPurpose == model.software_SoftwarePurpose.model
    assert package.ai_typeOfModel == ["LlamaForCausalLM"]
    (declared,) = [r for r in _of(objects, "Relationship")
                   if r.relationshipType == model.RelationshipType.hasDeclaredLicense]
    expression = declared.to[0]
    assert expression.simplelicensing_licenseExpression == "LicenseRef-llama3.1"
    (custom,) = _of(objects, "expandedlicensing_CustomLicense")
    assert expression.simplelicensing_customIdToUri[0].value == custom.spdxId
    assert "Llama 3.1" in custom.simplelicensing_licenseText


def test_spdx_ancestors_and_training_data() -> None:
    report = make_report("Apache-2.0", target="org/tuned",
                         lineage=(ancestor("org/base", "Apache-2.0"),))
    model, objects = _load(spdx.render(report))
    relations = {r.relationshipType.rsplit("/", 1)[-1]: r for r in _of(objects, "Relationship")}
    assert relations["ancestorOf"].from_.name == "org/base"
    pythia = check(str(EXAMPLES / "pythia-1b"))
    model, objects = _load(spdx.render(pythia))
    datasets = _of(objects, "dataset_DatasetPackage")
    trained = [r for r in _of(objects, "Relationship") if r.relationshipType == model.RelationshipType.trainedOn]
    assert datasets and trained and set(trained[0].to) == set(datasets)


def test_spdx_for_an_audit(audited) -> None:
    model, objects = _load(spdx.render_audit(audited))
    assert len(_of(objects, "ai_AIPackage")) == 10
    (depends,) = [r for r in _of(objects, "Relationship") if r.relationshipType == model.RelationshipType.dependsOn]
    assert len(depends.to) == 10
    qwen = next(p for p in _of(objects, "ai_AIPackage") if p.name == "Qwen/Qwen2.5-7B-Instruct")
    assert "not checked" in qwen.comment and "configs/serve.json:4:17" in qwen.comment


# -- registry and the report's policy key ----------------------------------------------------------------------------

def test_format_registries() -> None:
    assert {"cyclonedx", "spdx"} <= set(FORMATS)
    assert set(AUDIT_FORMATS) == {"terminal", "json", "markdown", "sarif", "cyclonedx", "spdx"}
    for render in AUDIT_FORMATS.values():
        assert render(audit(FIXTURES / "ten", checker=fake_checker)) is not None


def test_policy_outcome_in_the_json_report() -> None:
    report = make_report("llama3.1")
    plain = json.loads(FORMATS["json"](report))
    assert plain["policy"] is None
    from dataclasses import replace

    judged = replace(report, policy=evaluate(Policy.of(forbid=["user-cap"]), report))
    data = json.loads(FORMATS["json"](judged))
    assert data["policy"]["holds"] is False
    assert data["policy"]["failed"] == ["forbid:user-cap"]
    assert data["verdict"] == plain["verdict"] and data["license"] == plain["license"]
    assert "### Policy: FAILS" in FORMATS["markdown"](judged)

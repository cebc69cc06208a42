"""The cases that separate the frameworks: each framework's answer, and the reasons it gives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from howopen.evidence import Fact, Release
from howopen.report import Report

from . import releases as R


def texts(result_reasons: tuple) -> str:
    return "\n".join(r.text for r in result_reasons)


def cites(result_reasons: tuple) -> set[str]:
    return {p.cite() for r in result_reasons for p in r.evidence}


def test_fully_open_release_is_open_everywhere() -> None:
    report = R.report(R.fully_open())
    f = report.frameworks
    assert report.label == "open-source"
    assert f["mof"].fields["class"] == "I"
    assert f["mof"].fields["progress"] == {"III": 100.0, "II": 100.0, "I": 100.0}
    assert f["mof"].fields["mot"]["class"] == "I"
    assert f["mof"].fields["next_class"] is None
    assert f["osaid"].fields["conforms"] is True
    assert {e["conforms"] for e in f["osaid"].fields["elements"].values()} == {True}
    dims = f["eosai"].fields["dimensions"]
    assert dims["weights_endmodel"]["class"] == "open"
    assert dims["trainingcode"]["class"] == "open"
    assert dims["licenses"]["class"] == "open"
    assert dims["code"]["class"] == "unknown"  # documentation quality is not assessed
    assert dims["paper"]["class"] == "unknown"  # its own preprint; whether it was peer reviewed is not shown
    assert f["eosai"].fields["score"] == pytest.approx(10 / 12, abs=1e-4)
    eu = f["eu_ai_act"].fields
    assert eu["open_source_exemption"] == "exempt"
    assert eu["training_compute_flop"]["value"] == pytest.approx(6 * 7e9 * 2.46e12)
    assert eu["systemic_risk"] is False and eu["gpai"] is True
    assert eu["exempt_from"] == ["53(1)(a)", "53(1)(b)", "54"]
    assert [o["article"] for o in eu["obligations"]] == ["53(1)(c)", "53(1)(d)"]
    assert report.disagreements == ()
    # The MOF type-appropriateness note: Apache-2.0 on weights is open but not a data license.
    assert "Model parameters (Final)" in texts(f["mof"].reasons)


def test_llama_like_release_is_restricted() -> None:
    report = R.report(R.llama_like())
    f = report.frameworks
    assert report.label == "restricted-weights"
    verdict_text = texts(report.verdict.reasons)
    assert "700 million monthly active users" in verdict_text
    assert "Acceptable Use Policy" in verdict_text
    # Each restriction cites the clause in the release's LICENSE or howopen's copy of the text.
    assert any("llama3_1.txt:32" in c or c.startswith("LICENSE") for c in cites(report.verdict.reasons))
    assert f["mof"].fields["class"] is None
    assert f["mof"].fields["components"]["Model parameters (Final)"]["status"] == "invalid"
    assert f["mof"].fields["mot"]["class"] is None
    needs = f["mof"].fields["next_class"]
    assert needs["class"] == "III"
    assert {n["component"].split(" (")[0] for n in needs["needs"]} >= {"Model parameters", "Data card"}
    assert any("relicense it from llama3.1" in n["action"] for n in needs["needs"])
    assert f["osaid"].fields["conforms"] is False
    assert f["osaid"].fields["elements"]["parameters"]["conforms"] is False
    assert f["eosai"].fields["dimensions"]["weights_endmodel"]["class"] == "partial"  # gated download
    assert f["eosai"].fields["dimensions"]["licenses"]["class"] == "closed"
    eu = f["eu_ai_act"]
    assert eu.fields["open_source_exemption"] == "not-exempt"
    assert "user-scale thresholds" in eu.reasons[0].text and "para. 83" in eu.reasons[0].text
    assert "para. 84" in texts(eu.reasons)  # the AUP: safety-oriented or not is a judgment
    assert "53(1)(a)" in [o["article"] for o in eu.fields["obligations"]]


def test_deepseek_like_mit_weights_without_code_or_data() -> None:
    report = R.report(R.deepseek_like())
    f = report.frameworks
    assert report.label == "open-weights"
    assert set(report.verdict.fields["missing"]) == {"training code", "data information"}
    assert f["mof"].fields["class"] is None
    components = f["mof"].fields["components"]
    assert components["Data card"]["status"] == "missing"
    assert components["Technical report"]["status"] == "unknown"  # on arXiv; its license was not read
    assert components["Technical report"]["mot_status"] == "unlicensed"  # MOT has no "unknown"
    assert f["osaid"].fields["conforms"] is False
    assert f["osaid"].fields["elements"]["parameters"]["conforms"] is True
    assert f["osaid"].fields["elements"]["code"]["conforms"] is False
    assert f["osaid"].fields["elements"]["data_information"]["conforms"] is False
    eu = f["eu_ai_act"].fields
    assert eu["training_compute_flop"]["value"] == pytest.approx(6 * 671e9 * 14.8e12)
    assert eu["systemic_risk"] is True
    assert eu["open_source_exemption"] == "not-exempt"
    assert {"52(1)", "55(1)"} <= {o["article"] for o in eu["obligations"]}
    keys = {d.frameworks[0] for d in report.disagreements}
    assert keys == {"mof", "osaid", "eosai", "eu_ai_act"}
    line = next(d.text for d in report.disagreements if d.frameworks[0] == "eu_ai_act")
    assert "10^25" in line and "open-weights" in line


def test_deepseek_like_without_token_count_is_exempt_and_disagrees_with_osaid() -> None:
    report = R.report(R.deepseek_like(tokens=False))
    f = report.frameworks
    eu = f["eu_ai_act"].fields
    assert eu["training_compute_flop"]["value"] is None
    # 671B parameters could exceed 10^25 FLOP, so the exemption needs a person to check the compute.
    assert eu["open_source_exemption"] == "needs-review"
    small = R.deepseek_like(tokens=False)
    facts = dict(small.facts)
    facts["parameters"] = Fact(1_500_000_000, facts["parameters"].provenance)
    small_report = R.report(replace(small, facts=facts))
    assert small_report.frameworks["eu_ai_act"].fields["open_source_exemption"] == "exempt"
    line = next(d.text for d in small_report.disagreements if d.frameworks[0] == "eu_ai_act")
    assert "does not ask for training code or data" in line


def test_bloom_like_rail_release_with_open_data() -> None:
    report = R.report(R.bloom_like())
    f = report.frameworks
    assert report.label == "restricted-weights"
    assert "Attachment A" in texts(report.verdict.reasons) or "restricted uses" in texts(report.verdict.reasons)
    assert any("bigscience-bloom-rail-1.0.txt:55" in c for c in cites(report.verdict.reasons))
    assert f["mof"].fields["class"] is None
    assert f["mof"].fields["components"]["Model parameters (Final)"]["status"] == "invalid"
    assert f["mof"].fields["components"]["Training code"]["status"] == "included"
    assert f["osaid"].fields["elements"]["parameters"]["conforms"] is False
    assert f["osaid"].fields["elements"]["code"]["conforms"] is False  # inference code under the RAIL license
    assert f["osaid"].fields["elements"]["data_information"]["conforms"] is True
    dims = f["eosai"].fields["dimensions"]
    assert dims["datasources_endmodel"]["class"] == "open"  # listed for inspection and described
    assert dims["datasheet"]["class"] == "open"
    assert dims["preprint"]["class"] == "open"
    assert f["eosai"].fields["score"] >= 0.5
    assert f["eu_ai_act"].fields["open_source_exemption"] == "needs-review"
    assert "para. 84" in f["eu_ai_act"].reasons[0].text
    by_key = {d.frameworks[0]: d.text for d in report.disagreements}
    assert set(by_key) == {"eosai", "eu_ai_act"}
    assert "averages 12 transparency dimensions" in by_key["eosai"]
    assert "safety-oriented" in by_key["eu_ai_act"]


def test_api_only_model_is_closed_everywhere() -> None:
    report = R.report(R.api_only())
    f = report.frameworks
    assert report.label == "closed"
    assert f["mof"].fields["class"] is None
    assert f["mof"].fields["components"]["Model parameters (Final)"]["status"] == "missing"
    assert f["osaid"].fields["conforms"] is False
    assert f["eosai"].fields["dimensions"]["weights_endmodel"]["class"] == "closed"
    assert f["eosai"].fields["score"] < 0.1
    eu = f["eu_ai_act"]
    assert eu.fields["open_source_exemption"] == "not-exempt"
    assert "Not public: the parameters" in texts(eu.reasons)
    assert report.disagreements == ()


def test_finetune_of_restricted_base_is_restricted_and_mot_mode_disagrees() -> None:
    report = R.report(R.restricted_finetune())
    f = report.frameworks
    assert report.label == "restricted-weights"
    assert "inherited from the base model" in report.verdict.summary
    assert R.LLAMA_BASE in texts(report.verdict.reasons)
    assert "README.md:3" in cites(report.verdict.reasons)  # the base_model declaration
    mof = f["mof"].fields
    assert mof["class"] is None
    assert mof["components"]["Model parameters (Final)"]["status"] == "invalid"
    assert mof["components"]["Model parameters (Final)"]["mot_status"] == "included"
    assert mof["mot"]["class"] == "III"  # MOT takes the record's word: Apache-2.0
    assert any(d.startswith("Model parameters (Final): MOT counts it included") for d in mof["differences"])
    assert f["osaid"].fields["elements"]["parameters"]["conforms"] is False
    assert f["eu_ai_act"].fields["open_source_exemption"] == "not-exempt"
    mot_line = next(d.text for d in report.disagreements if d.frameworks == ("mof.mot", "mof"))
    assert "Class III" in mot_line and "Model parameters (Final)" in mot_line


def test_conflict_binds_the_weights() -> None:
    report = R.report(R.conflicted())
    assert report.label == "restricted-weights"
    assert "cannot be right" in texts(report.verdict.reasons)
    assert report.frameworks["mof"].fields["components"]["Model parameters (Final)"]["license"] == "llama3.1"


def test_metadata_only_release_says_what_the_label_would_be() -> None:
    report = R.report(R.metadata_only())
    assert report.label == "unknown"
    assert report.verdict.fields["if_weights_published"] == "open-weights"
    assert report.frameworks["osaid"].fields["conforms"] is None
    assert report.frameworks["eu_ai_act"].fields["open_source_exemption"] == "unknown"


CASES = [R.fully_open, R.llama_like, R.deepseek_like, R.bloom_like, R.api_only, R.restricted_finetune,
         R.conflicted, R.metadata_only]


@pytest.mark.parametrize("build", CASES, ids=[c.__name__ for c in CASES])
def test_every_reason_cites_evidence(build: Callable[[], Release]) -> None:
    report: Report = R.report(build())
    for result in (report.verdict, *report.frameworks.values()):
        for reason in result.reasons:
            assert reason.evidence, f"{result.key}: '{reason.text}' cites nothing"
            for p in reason.evidence:
                assert p.source and (p.line is not None or "://" in p.source or "/" in p.source or "." in p.source), \
                    f"{result.key}: '{reason.text}' cites {p.cite()!r}"
    for item in report.disagreements:
        assert item.evidence, item.text


@pytest.mark.parametrize("build", CASES, ids=[c.__name__ for c in CASES])
def test_json_contract_names(build: Callable[[], Release]) -> None:
    data = R.report(build()).to_dict()["frameworks"]
    assert data["mof"]["class"] in ("I", "II", "III", None)
    assert set(data["mof"]["progress"]) == {"III", "II", "I"}
    assert data["mof"]["mot"]["class"] in ("I", "II", "III", None)
    assert set(data["mof"]["mot"]["progress"]) == {"III", "II", "I"}
    assert data["osaid"]["conforms"] in (True, False, None)
    assert list(data["eosai"]["dimensions"]) == [
        "datasources_basemodel", "datasources_endmodel", "weights_basemodel", "weights_endmodel", "trainingcode",
        "code", "hardware_architecture", "preprint", "paper", "modelcard", "datasheet", "licenses"]
    assert 0.0 <= data["eosai"]["score"] <= 1.0
    assert data["eu_ai_act"]["open_source_exemption"] in ("exempt", "not-exempt", "needs-review", "unknown")
    for key in ("mof", "osaid", "eosai", "eu_ai_act"):
        assert data[key]["reasons"] and data[key]["graded"] is True

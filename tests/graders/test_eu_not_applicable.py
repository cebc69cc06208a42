"""A model that is not general-purpose AI is outside the GPAI rules: `not-applicable`, not `exempt`."""

from __future__ import annotations

from dataclasses import replace

from howopen.evidence import Fact
from howopen.formats import markdown

from . import releases as R


def _classifier(license_id: str = "Apache-2.0"):  # type: ignore[no-untyped-def]
    base = R.fully_open() if license_id == "Apache-2.0" else R.llama_like()
    facts = dict(base.facts)
    prov = facts["pipeline_tag"].provenance
    facts.update(pipeline_tag=Fact("text-classification", prov), parameters=Fact(66_000_000, prov),
                 training_tokens=Fact(3_300_000_000, prov))
    return replace(base, facts=facts)


def test_small_classifier_is_not_applicable_with_the_reason() -> None:
    report = R.report(_classifier())
    eu = report.frameworks["eu_ai_act"]
    assert eu.fields["gpai"] is False
    assert eu.outcome == eu.fields["open_source_exemption"] == "not-applicable"
    assert eu.fields["if_gpai"] == "exempt" and eu.fields["obligations"] == [] and eu.fields["exempt_from"] == []
    assert eu.reasons[0].text.startswith("Not applicable: the model is below the indicative criterion")
    assert eu.reasons[0].evidence
    assert "not applicable" in eu.summary
    assert not any(d.frameworks[0] == "eu_ai_act" for d in report.disagreements)
    assert "| EU AI Act open-source exemption | not-applicable |" in markdown.render(report)


def test_restrictive_license_does_not_change_not_applicable() -> None:
    eu = R.report(_classifier("llama3.1")).frameworks["eu_ai_act"]
    assert eu.outcome == "not-applicable" and eu.fields["if_gpai"] == "not-exempt"


def test_gpai_unknown_or_true_still_decides_by_the_steps() -> None:
    assert R.report(R.fully_open()).frameworks["eu_ai_act"].outcome == "exempt"  # 7B x 2.46T: over 10^23, generates
    assert R.report(R.llama_like()).frameworks["eu_ai_act"].outcome == "not-exempt"

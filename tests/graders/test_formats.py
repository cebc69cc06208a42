"""The draft-record formats (`--format mof`, `--format eosai`) and the disagreements in terminal and markdown."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from rich.console import Console

from howopen import check
from howopen.evidence import Release
from howopen.formats import FORMATS, LAYERED
from howopen.graders import mot
from howopen.graders.eosai import dimensions
from howopen.report import Report
from howopen.sources.mot import record_schema

from . import releases as R

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mot" / "Test_Data"
CASES = [R.fully_open, R.llama_like, R.deepseek_like, R.bloom_like, R.api_only, R.restricted_finetune]


@pytest.mark.parametrize("build", CASES, ids=[c.__name__ for c in CASES])
def test_mof_draft_validates_and_mot_agrees_with_mot_mode(build: Callable[[], Release]) -> None:
    report = R.report(build())
    text = FORMATS["mof"](report)
    draft = yaml.safe_load(text)
    jsonschema.validate(draft, record_schema())
    listed = {c["name"] for c in draft["release"]["components"]}
    components = report.frameworks["mof"].fields["components"]
    assert listed == {name for name, c in components.items() if c["mot_status"] != "missing"}
    # MOT, given the draft, classifies it as howopen's MOT mode said it would.
    result = mot.classify(mot.record_from_mapping(draft))
    assert mot.LABELS[result.cls] == report.frameworks["mof"].fields["mot"]["label"]


def test_mof_draft_round_trips_a_mot_record() -> None:
    path = next(p for p in FIXTURES.glob("*.yml") if p.name.startswith("RandomTestFile_C1_73"))
    report = check(str(path))
    draft = yaml.safe_load(FORMATS["mof"](report))
    jsonschema.validate(draft, record_schema())
    assert mot.classify(mot.record_from_mapping(draft)).progress == \
        mot.classify(mot.record_from_mapping(yaml.safe_load(path.read_text(encoding="utf-8")))).progress


def test_mof_draft_says_what_is_not_established() -> None:
    text = FORMATS["mof"](R.report(R.deepseek_like()))
    draft = yaml.safe_load(text)
    report_entry = next(c for c in draft["release"]["components"] if c["name"] == "Technical report")
    assert "license" not in report_entry  # on arXiv, license not read: left for the submitter
    assert report_entry["component_path"] == "https://arxiv.org/abs/2501.12948"
    assert "license not established by howopen" in text
    assert "# - Training code: not listed" in text
    weights = next(c for c in draft["release"]["components"] if c["name"] == "Model parameters (Final)")
    assert weights["license"] == "MIT" and weights["license_path"] == "LICENSE"


@pytest.mark.parametrize("build", CASES, ids=[c.__name__ for c in CASES])
def test_eosai_draft_has_the_index_layout(build: Callable[[], Release]) -> None:
    report = R.report(build())
    draft = yaml.safe_load(FORMATS["eosai"](report))
    assert set(draft["system"]) == {"name", "link", "type", "performanceclass", "basemodelname", "endmodelname",
                                    "endmodellicense", "releasedate", "notes"}
    assert set(draft["org"]) == {"name", "link", "notes"}
    dims = report.frameworks["eosai"].fields["dimensions"]
    for dimension in dimensions():
        entry = draft[dimension.key]
        expected = dims[dimension.key]["class"]
        assert (entry["class"] or "unknown") == expected
        assert entry["notes"]
        if expected != "unknown":
            assert entry["link"], dimension.key
    assert [k for k in draft if k not in ("system", "org")] == [d.key for d in dimensions()]


def _terminal(report: Report) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None).print(LAYERED["terminal"]["full"](report))  # --full
    return buffer.getvalue()


def test_terminal_and_markdown_show_disagreements_with_evidence() -> None:
    report = R.report(R.deepseek_like())
    terminal = _terminal(report)
    assert "Where the frameworks disagree:" in terminal
    for item in report.disagreements:
        assert item.text[:60] in terminal.replace("\n", " ") or item.text[:40] in terminal
    markdown = FORMATS["markdown"](report)
    assert "### Where the frameworks disagree" in markdown
    assert "### Frameworks, with their reasons" in markdown
    assert markdown.count("\n- ") >= len(report.disagreements)


def test_terminal_reasons_each_name_a_file_or_url() -> None:
    """Every reason line the terminal prints for a framework ends with its citation in brackets."""
    report = R.report(R.bloom_like())
    terminal = _terminal(report)
    for result in report.frameworks.values():
        for reason in result.reasons[:6]:
            first = reason.evidence[0].cite()
            assert first in terminal, (result.key, reason.text, first)

"""When lineage shows the declared license cannot govern the weights, the report names the license that does."""

from __future__ import annotations

from rich.console import Console

from howopen import check
from howopen.formats import markdown, terminal

from . import releases as R

LINE = "Binding: Llama 3.1 Community License Agreement (llama3.1), through base meta-llama/Llama-3.1-8B"


def test_distillation_of_a_catalogued_llama_shows_the_binding_license() -> None:
    report = check("deepseek-r1-distill-llama-8b", offline=True)
    data = report.to_dict()
    block = data["license"]
    # the block describes the license that governs; what was declared stays in `declared` and `declared_id`
    assert block["id"] == "llama3.1" and block["declared"] == "mit" and block["declared_id"] == "MIT"
    assert block["governing_via"] == "conflict" and block["commercial_use"] == "conditional"
    binding = block["binding"]
    assert binding["id"] == "llama3.1" and binding["name"] == "Llama 3.1 Community License Agreement"
    assert binding["through"] == "meta-llama/Llama-3.1-8B" and "binds derivatives" in binding["why"]
    assert binding["evidence"]
    weights = data["artifacts"]["weights"]["license"]
    assert weights["id"] == "MIT" and weights["binding"]["id"] == "llama3.1"
    assert LINE in markdown.render(report)
    console = Console(width=300, record=True, color_system=None)
    console.print(terminal.render_full(report))
    assert LINE in console.export_text()
    console.print(terminal.render(report))  # the short report names the governing license and why
    assert "Llama 3.1 Community License Agreement (llama3.1) governs the weights" in console.export_text()


def test_no_conflict_no_binding() -> None:
    report = R.report(R.fully_open())
    data = report.to_dict()
    assert data["license"]["binding"] is None
    assert "binding" not in (data["artifacts"]["weights"]["license"] or {})
    assert "Binding:" not in markdown.render(report)


def test_conflict_without_lineage_names_no_ancestor() -> None:
    report = R.report(R.conflicted())
    assert report.binding is not None and report.binding["id"] == "llama3.1" and report.binding["through"] is None
    assert "Binding: Llama 3.1 Community License Agreement (llama3.1)\n" in markdown.render(report).replace("**", "")

"""A Markdown report to paste into a pull request or an issue."""

from __future__ import annotations

from ..evidence import Provenance
from ..licenses.model import TERM_TITLES, TermKey
from ..report import Report, binding_line
from .brief import Entry, brief, declared_record, governing
from .common import (
    COMMERCIAL_TEXT,
    artifact_evidence,
    artifact_license,
    cites,
    headline,
    md_code,
    md_text,
    ordered_artifacts,
)
from .policy import policy_markdown


def _cell(text: object) -> str:
    """Every string a card or source can influence goes through here (see `md_text`)."""
    return md_text(text)


def _cited(text: str, evidence: tuple[Provenance, ...]) -> str:
    return f"- {_cell(text)}" + (f" ({_cell(cites(evidence, 2))})" if evidence else "")


def _entries(entries: list[Entry]) -> list[str]:
    out = []
    for entry in entries:
        label = "" if entry.label in ("", "•") else f"**{_cell(entry.label)}:** "
        out.append(f"- {label}{_cell(entry.text)}" + (f" ({_cell(entry.cite)})" if entry.cite else ""))
    return out


def _short(report: Report) -> list[str]:
    b = brief(report)
    out = [f"## howopen: {_cell(b.title)} is **{_cell(b.verdict)}**", "", f"{_cell(b.reason)}.", "",
           *(f"<sub>{_cell(line)}</sub><br>" for line in b.context), "", f"**License:** {_cell(b.license)}"
           + (f" ({_cell(b.license_note)})" if b.license_note else ""), ""]
    out += _entries(b.terms)
    if b.lineage:
        out += ["", f"**Lineage:** {_cell(b.lineage)}"]
    out += ["", "### Frameworks", "", "| Framework | Result | Summary |", "| --- | --- | --- |"]
    for result in report.frameworks.values():
        outcome = result.outcome if result.graded else "not graded yet"
        out.append(f"| {_cell(result.name)} | {_cell(outcome)} | {_cell(result.summary)} |")
    if b.reasons:
        out += ["", "### Why", "", *_entries(b.reasons)]
    if b.unknown:
        out += ["", "### What is unknown", "", *_entries(b.unknown)]
    if report.policy is not None:
        out += ["", policy_markdown(report.policy)]
    return out


def _detail(report: Report) -> list[str]:
    release = report.release
    out: list[str] = []
    ref = report.license
    lic, binding = governing(report)
    declared = declared_record(report)
    if ref is not None:
        named = declared.name if declared else report.declared_license_id or ref.label()
        out.append(f"**Declared license:** {_cell(named)}"
                   + (f" ({md_code(declared.id)})" if declared else "")
                   + (f" ({_cell(cites(ref.evidence, 2))})" if ref.evidence else ""))
    line = binding_line(report)
    if line is not None and binding is not None:
        out += ["", f"**{_cell(line)}**", "",
                "The declared license cannot be right, so these terms govern the weights."]
    if lic is not None:
        out += ["", f"**Governing license:** {_cell(lic.name)} ({md_code(lic.id)}): "
                f"{COMMERCIAL_TEXT.get(lic.commercial_use)}; OSI-approved: {'yes' if lic.osi_approved else 'no'}."]
        for term in lic.restrictions():
            quote = f" — “{term.clauses[0].quote}” ({term.clauses[0].cite()})" if term.clauses else ""
            out.append(f"- **{_cell(TERM_TITLES[TermKey(term.key)])}:** {_cell(term.summary)}{_cell(quote)}")
    elif ref is not None and ref.recognized and ref.id:
        out.append(f"**License:** {_cell(ref.id)} — identified; howopen's knowledge base has no record of its terms.")
    elif ref is not None:
        out.append(f"**License:** {_cell(ref.label())} — not recognized; treated as unknown, never as open.")
    else:
        out.append("**License:** none found.")
    out += ["", "### Every reason for the verdict", ""]
    out += [_cited(r.text, r.evidence) for r in report.verdict.reasons]
    out += ["", "### Artifacts", "", "| Artifact | Status | License | Evidence |", "| --- | --- | --- | --- |"]
    for artifact in ordered_artifacts(report):
        out.append(f"| {_cell(artifact.kind.title)} | {_cell(artifact.status)} | {_cell(artifact_license(artifact))} | "
                   f"{_cell(artifact_evidence(artifact))} |")
    out += ["", "### Frameworks, with their reasons", ""]
    for result in report.frameworks.values():
        outcome = result.outcome if result.graded else "not graded yet"
        out += [f"**{_cell(result.name)}: {_cell(outcome)}** — {_cell(result.summary)}", ""]
        out += [_cited(r.text, r.evidence) for r in result.reasons]
        out.append("")
    if report.disagreements:
        out += ["### Where the frameworks disagree", ""]
        out += [_cited(d.text, d.evidence) for d in report.disagreements] + [""]
    if release.lineage or release.conflicts:
        out += ["### Lineage", ""]
        out += [f"- {md_code(a.id)} ({_cell(a.relation or 'base')}): {_cell(a.binds)}" for a in release.lineage]
        out += [f"- ⚠ declared {md_code(c.declared)}, bound by {md_code(c.binding)}: {_cell(c.why)}"
                for c in release.conflicts]
        out.append("")
    if release.gaps:
        out += ["### Gaps in the evidence", ""]
        out += [f"- {_cell(g.message)}" for g in release.gaps] + [""]
    return out


def _footer(report: Report) -> list[str]:
    return ["", f"<sub>Generated by howopen from {_cell(report.understood)}.</sub>", ""]


def render(report: Report) -> str:
    """The short report, with the full detail folded (`<details>`)."""
    summary = "<details><summary>Full report: artifacts, every reason, frameworks, lineage</summary>"
    return "\n".join([*_short(report), "", summary, "", *_detail(report), "</details>", *_footer(report)])


def render_full(report: Report) -> str:
    """The short report, then the full detail unfolded."""
    return "\n".join([*_short(report), "", "---", "", *_detail(report), *_footer(report)])


def render_quiet(report: Report) -> str:
    """The verdict line alone."""
    return headline(report) + "\n"

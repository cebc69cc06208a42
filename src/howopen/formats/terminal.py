"""The terminal report: a headline, the license and what it allows, the artifacts, and each framework."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..licenses.model import TERM_TITLES, TermKey
from ..report import Report, binding_line
from .common import (
    COMMERCIAL_TEXT,
    LABEL_STYLE,
    LABEL_TEXT,
    artifact_evidence,
    artifact_license,
    cites,
    offering,
    ordered_artifacts,
)
from .policy import policy_text

STATUS_STYLE = {"present": "green", "absent": "red", "unknown": "yellow"}


def _headline(report: Report) -> Text:
    text = Text()
    text.append(f"{report.release.display_name}  ", style="bold")
    text.append(LABEL_TEXT.get(report.label, report.label.upper()), style=LABEL_STYLE.get(report.label, "bold"))
    text.append(f"  {report.verdict.summary}")
    return text


def _license(report: Report) -> RenderableType:
    ref = report.license
    lic = report.license_record
    lines = Text()
    lines.append("License: ", style="bold")
    if ref is None:
        lines.append("none found\n", style="yellow")
        return lines
    lines.append(lic.name if lic else ref.label())
    if lic:
        lines.append(f" ({lic.id})")
    if ref.evidence:
        lines.append(f"  [{cites(ref.evidence)}]", style="dim")
    lines.append("\n")
    binding = binding_line(report)
    if binding is not None:
        lines.append(f"  {binding}\n", style="bold yellow")
    if lic is None:
        if ref.recognized and ref.id:
            lines.append(f"  identified as {ref.id}; howopen's knowledge base has no record of its terms\n",
                         style="yellow")
            return lines
        lines.append("  not recognized: its terms are unknown, so it is not treated as open\n", style="yellow")
        return lines
    lines.append(f"  {COMMERCIAL_TEXT.get(lic.commercial_use, lic.commercial_use)}")
    lines.append(f"; OSI-approved: {'yes' if lic.osi_approved else 'no'}\n")
    for key in TermKey:
        term = lic.term(key)
        if key == TermKey.COMMERCIAL_USE or (term.value in ("no", "unknown") and key != TermKey.REDISTRIBUTION):
            continue
        if key == TermKey.REDISTRIBUTION and term.value == "yes":
            continue
        lines.append(f"  • {TERM_TITLES[key]}: ", style="bold")
        lines.append(f"{term.summary or term.value}")
        if term.clauses:
            lines.append(f"  [{term.clauses[0].cite()}]", style="dim")
        lines.append("\n")
    return lines


def _artifacts(report: Report) -> Table:
    table = Table(title="Artifacts", title_justify="left", expand=False, show_lines=False)
    table.add_column("Artifact")
    table.add_column("Status")
    table.add_column("License")
    table.add_column("Evidence", overflow="fold")
    for artifact in ordered_artifacts(report):
        status = str(artifact.status)
        table.add_row(artifact.kind.title, Text(status, style=STATUS_STYLE.get(status, "")),
                      escape(artifact_license(artifact)), escape(artifact_evidence(artifact)))
    return table


def _frameworks(report: Report) -> RenderableType:
    table = Table(title="Frameworks", title_justify="left")
    table.add_column("Framework", max_width=24)
    table.add_column("Result", max_width=30)
    table.add_column("Why", overflow="fold")
    for result in report.frameworks.values():
        if not result.graded:
            table.add_row(result.name, Text("not graded yet", style="dim"), "")
            continue
        why = "\n".join(f"• {r.text}" + (f" [{cites(r.evidence, 2)}]" if r.evidence else "")
                        for r in result.reasons[:6])
        outcome = Text(result.outcome, style="bold")
        outcome.append(f"\n{result.summary}", style="dim")
        table.add_row(result.name, outcome, escape(why))
    return table


def _disagreements(report: Report) -> RenderableType | None:
    if not report.disagreements:
        return None
    text = Text("Where the frameworks disagree:\n", style="bold")
    for item in report.disagreements:
        text.append(f"  • {item.text}")
        if item.evidence:
            text.append(f"  [{cites(item.evidence, 2)}]", style="dim")
        text.append("\n")
    return text


def _verdict_reasons(report: Report) -> Text:
    text = Text("Why: \n", style="bold")
    for reason in report.verdict.reasons:
        text.append(f"  • {reason.text}", style="")
        if reason.evidence:
            text.append(f"  [{cites(reason.evidence, 2)}]", style="dim")
        text.append("\n")
    return text


def _lineage(report: Report) -> RenderableType | None:
    release = report.release
    if not release.lineage and not release.conflicts:
        return None
    text = Text("Lineage:\n", style="bold")
    for ancestor in release.lineage:
        lic = ancestor.license.label() if ancestor.license else "license unknown"
        text.append(f"  {'  ' * (ancestor.depth - 1)}└ {ancestor.id} ({ancestor.relation or 'base'}; {lic}): "
                    f"{ancestor.binds}\n")
    for conflict in release.conflicts:
        text.append(f"  ! declared '{conflict.declared}', bound by {conflict.binding}: {conflict.why}\n",
                    style="yellow")
    return text


def _warnings(report: Report) -> RenderableType | None:
    if not report.release.gaps:
        return None
    text = Text("Gaps in the evidence:\n", style="bold yellow")
    for gap in report.release.gaps:
        text.append(f"  - {gap.message}\n")
    return text


def render(report: Report) -> RenderableType:
    parts: list[RenderableType] = [_headline(report), Text(f"Target: {report.understood}", style="dim")]
    offered = offering(report)
    if offered:
        parts.append(Text("\n".join(offered)))
    parts += [Text(""), _license(report), _verdict_reasons(report), _artifacts(report),
              _frameworks(report)]
    for extra in (_disagreements(report), _lineage(report), _warnings(report),
                  policy_text(report.policy) if report.policy else None):
        if extra is not None:
            parts.append(extra)
    return Group(*parts)

"""The terminal report, in three layers: `render` (one screen: see `brief.py`), `render_full` (`--full`: every
artifact, reason, framework and lineage step) and `render_quiet` (`--quiet`: the verdict line alone).

Every bullet wraps under its own text (a hanging indent), words are never broken, and the layout follows the
console's width.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..evidence import ArtifactKind, Provenance
from ..licenses.model import TERM_TITLES, TermKey
from ..report import Report, binding_line
from ..safetext import visible
from .brief import COMMERCIAL, Brief, Entry, brief, declared_record, governing, unsettled
from .common import (
    LABEL_STYLE,
    artifact_evidence,
    artifact_license,
    cites,
    headline,
    ordered_artifacts,
)
from .policy import policy_text

WEIGHT_KINDS = (ArtifactKind.WEIGHTS, ArtifactKind.INTERMEDIATE_WEIGHTS)
STATUS_STYLE = {"present": "green", "absent": "red", "unknown": "yellow"}


# -- layout ------------------------------------------------------------------------------------------------------


def _body(text: str, cite: str = "", style: str = "") -> Text:
    out = Text(visible(text), style=style)  # one line per entry: a newline from the evidence shows as \n
    if cite:
        out.append(f"  [{cite}]", style="dim")
    return out


def rows(entries: Iterable[Entry], *, label_style: str = "bold", indent: int = 2) -> RenderableType:
    """Label and text side by side; the text wraps under itself, never under the label."""
    grid = Table.grid(padding=(0, 2 if any(e.label != "•" for e in entries) else 1))
    entries = list(entries)
    grid.add_column(no_wrap=True, style=label_style)
    grid.add_column(overflow="fold")
    for entry in entries:
        grid.add_row(entry.label, _body(entry.text, entry.cite))
    return Padding(grid, (0, 0, 0, indent))


def bullets(items: Sequence[tuple[str, tuple[Provenance, ...]]], *, indent: int = 2, limit: int = 2) -> RenderableType:
    return rows([Entry("•", text, cites(evidence, limit) if evidence else "") for text, evidence in items],
                label_style="", indent=indent)


def _title(text: str, style: str = "bold") -> Text:
    return Text(text, style=style)


# -- the short report (default) -----------------------------------------------------------------------------------


def _head(b: Brief) -> list[RenderableType]:
    first = Text()
    first.append(visible(b.title), style="bold")
    first.append("  ")
    first.append(b.verdict, style=LABEL_STYLE.get(b.label, "bold"))
    return [first, Padding(Text(b.reason), (0, 0, 0, 2)),
            *(Padding(Text(line, style="dim"), (0, 0, 0, 2)) for line in b.context)]


def render_brief(b: Brief, report: Report) -> RenderableType:
    parts: list[RenderableType] = _head(b)
    parts.append(Text(""))
    license_rows = [Entry("License", b.license)]
    if b.license_note:
        license_rows.append(Entry("", b.license_note))
    parts.append(rows(license_rows, indent=0))
    if b.terms:
        parts.append(rows(b.terms, label_style="", indent=2))
    if b.lineage:
        parts.append(rows([Entry("Lineage", b.lineage)], indent=0))
    parts += [Text(""), _title("Frameworks"), rows(b.frameworks, label_style="")]
    if b.reasons:
        more = f" (+{b.more_reasons} more with --full)" if b.more_reasons else ""
        parts += [Text(""), _title(f"Why{more}"), rows(b.reasons, label_style="")]
    if b.unknown:
        parts += [Text(""), _title("What is unknown"), rows(b.unknown, label_style="")]
    if report.policy is not None:
        parts += [Text(""), policy_text(report.policy)]
    parts.append(Text("\nMore: --full (every artifact, reason and clause) or --format json", style="dim"))
    return Group(*parts)


def render(report: Report) -> RenderableType:
    """The default: one screen for any model."""
    return render_brief(brief(report), report)


def render_quiet(report: Report) -> str:
    """The verdict line alone."""
    return headline(report) + "\n"


# -- the full report (--full, -v) ---------------------------------------------------------------------------------


def _license_full(report: Report) -> RenderableType:
    ref = report.license
    declared = declared_record(report)
    lic, binding = governing(report)
    if ref is None:
        return rows([Entry("License:", "none found")], indent=0)
    name = f"{declared.name} ({declared.id})" if declared else (report.declared_license_id or ref.label())
    parts: list[RenderableType] = [rows([Entry("License:", f"{name}, declared",
                                               cites(ref.evidence) if ref.evidence else "")], indent=0)]
    line = binding_line(report)
    if line is not None and binding is not None:
        parts.append(rows([Entry("", f"{line}: the declared license cannot be right, so the terms below govern "
                                     "the weights, not the declared license's")], label_style="bold yellow"))
    elif lic is not None and declared is not None and declared.id != lic.id:
        parts.append(rows([Entry("", f"Governing: {lic.name} ({lic.id}), through the lineage")]))
    why = unsettled(report)
    if why:
        parts.append(rows([Entry("", f"What governs the weights is not settled: {why}")], label_style="bold yellow"))
    if lic is None:
        what = (f"identified as {ref.id}; howopen's knowledge base has no record of its terms"
                if ref.recognized and ref.id else "not recognized: its terms are unknown, so it is not treated as open")
        parts.append(Padding(Text(what, style="yellow"), (0, 0, 0, 2)))
        return Group(*parts)
    clauses = [Entry(TERM_TITLES[TermKey.COMMERCIAL_USE], COMMERCIAL.get(lic.commercial_use, lic.commercial_use)
                     + (f": {lic.term(TermKey.COMMERCIAL_USE).summary}" if lic.term(TermKey.COMMERCIAL_USE).summary
                        else ""),
                     lic.term(TermKey.COMMERCIAL_USE).clauses[0].cite()
                     if lic.term(TermKey.COMMERCIAL_USE).clauses else "")]
    for key in TermKey:
        term = lic.term(key)
        if key == TermKey.COMMERCIAL_USE or (term.value in ("no", "unknown") and key != TermKey.REDISTRIBUTION):
            continue
        if key == TermKey.REDISTRIBUTION and term.value == "yes":
            continue
        cite = term.clauses[0].cite() if term.clauses else ""
        clauses.append(Entry(TERM_TITLES[key], term.summary or term.value, cite))
    parts += [Text(f"  Terms of {lic.name} ({lic.id}); OSI-approved: {'yes' if lic.osi_approved else 'no'}",
                   style="bold"), rows(clauses, label_style="", indent=4)]
    return Group(*parts)


def _artifacts(report: Report) -> RenderableType:
    """One artifact per row: its status, then what it is, its license and where that was read (wrapping under
    itself)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    binding = report.binding
    for artifact in ordered_artifacts(report):
        status = str(artifact.status)
        text = Text(artifact.kind.title, style="bold")
        lic = artifact_license(artifact)
        if binding is not None and lic != "—" and artifact.kind in WEIGHT_KINDS:
            lic = f"declared {lic}; bound by {binding['id']}"
        if lic != "—":
            text.append(f" ({lic})")
        evidence = artifact_evidence(artifact)
        if evidence:
            text.append(f": {visible(evidence)}", style="dim")
        grid.add_row(Text(status, style=STATUS_STYLE.get(status, "")), text)
    return Group(_title("Artifacts"), Padding(grid, (0, 0, 0, 2)))


def _frameworks(report: Report) -> list[RenderableType]:
    parts: list[RenderableType] = [_title("Frameworks")]
    for result in report.frameworks.values():
        head = Text("  ")
        head.append(f"{result.name}: ", style="bold")
        if not result.graded:
            head.append("not graded yet", style="dim")
            parts.append(head)
            continue
        head.append(result.outcome, style="bold")
        parts.append(head)
        parts.append(Padding(Text(result.summary, style="dim"), (0, 0, 0, 4)))
        parts.append(bullets([(r.text, r.evidence) for r in result.reasons], indent=4))
    return parts


def _lineage(report: Report) -> RenderableType | None:
    release = report.release
    if not release.lineage and not release.conflicts:
        return None
    entries = []
    for ancestor in release.lineage:
        lic = ancestor.license.label() if ancestor.license else "license unknown"
        entries.append(Entry(f"{'  ' * (ancestor.depth - 1)}└", f"{ancestor.id} ({ancestor.relation or 'base'}; "
                                                                 f"{lic}): {ancestor.binds}"))
    for conflict in release.conflicts:
        entries.append(Entry("!", f"declared '{conflict.declared}', bound by {conflict.binding}: {conflict.why}"))
    return Group(_title("Lineage:"), rows(entries, label_style=""))


def render_full(report: Report) -> RenderableType:
    """Today's detail: the license and its clauses, every verdict reason, the artifacts, each framework with its
    reasons, disagreements, lineage and the gaps in the evidence."""
    parts: list[RenderableType] = _head(brief(report))
    parts += [Text(""), _license_full(report), Text(""), _title("Why:"),
              bullets([(r.text, r.evidence) for r in report.verdict.reasons]), Text(""), _artifacts(report),
              Text("")]
    parts += _frameworks(report)
    if report.disagreements:
        parts += [Text(""), _title("Where the frameworks disagree:"),
                  bullets([(d.text, d.evidence) for d in report.disagreements])]
    lineage = _lineage(report)
    if lineage is not None:
        parts += [Text(""), lineage]
    if report.release.gaps:
        parts += [Text(""), _title("Gaps in the evidence:", "bold yellow"),
                  rows([Entry("-", g.message) for g in report.release.gaps], label_style="")]
    if report.policy is not None:
        parts += [Text(""), policy_text(report.policy)]
    return Group(*parts)

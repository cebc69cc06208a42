"""Wording shared by the human-readable formats."""

from __future__ import annotations

import html
import re

from ..evidence import Artifact, ArtifactKind, Provenance
from ..report import Report
from ..safetext import visible

LABEL_TEXT = {
    "open-source": "OPEN SOURCE",
    "open-weights": "OPEN WEIGHTS",
    "restricted-weights": "RESTRICTED WEIGHTS",
    "closed": "CLOSED",
    "unknown": "UNKNOWN",
}

LABEL_STYLE = {
    "open-source": "bold green",
    "open-weights": "bold cyan",
    "restricted-weights": "bold yellow",
    "closed": "bold red",
    "unknown": "bold magenta",
}

COMMERCIAL_TEXT = {
    "yes": "commercial use allowed",
    "no": "no commercial use",
    "conditional": "commercial use allowed with conditions",
    "unknown": "commercial use unknown",
}


_MD_SPECIAL = re.compile(r"([\\`*_|~#])")


def md_text(text: object) -> str:
    """A string from a card or a source made inert in Markdown, on one line: control characters and bidi overrides
    shown escaped (`safe.visible`), HTML escaped (`<script>`, `<img>` and
    `<url>` autolinks show as text), emphasis, code, table and heading characters backslash-escaped, and `](`
    broken so that `[x](javascript:...)` and `![x](...)` are not links or images. A leading `[` is escaped too, so
    no line can become a link reference definition. Brackets, parentheses and `$` otherwise stay as they are."""
    escaped = html.escape(visible(" ".join(str(text).split())), quote=False)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped).replace("](", "]\\(")
    return "\\" + escaped if escaped.startswith("[") else escaped


def md_code(text: object) -> str:
    """A string shown as inline code: backticks cannot close the span, and `|` cannot break a table row."""
    inner = visible(" ".join(str(text).split())).replace("`", "'").replace("|", "\\|")
    return f"`{inner}`"


def cites(evidence: tuple[Provenance, ...] | list[Provenance], limit: int = 3) -> str:
    seen: list[str] = []
    for p in evidence:
        cite = visible(p.cite())  # a file name is one line: a newline in it shows as \n
        if cite not in seen:
            seen.append(cite)
    shown = seen[:limit]
    more = len(seen) - len(shown)
    return ", ".join(shown) + (f" (+{more} more)" if more > 0 else "")


def headline(report: Report) -> str:
    release = report.release
    return f"{release.display_name}: {LABEL_TEXT.get(report.label, report.label.upper())} — {report.verdict.summary}"


def artifact_license(artifact: Artifact) -> str:
    if artifact.license is None:
        return "—"
    return artifact.license.label()


def artifact_evidence(artifact: Artifact) -> str:
    """Where the status was read; for an absent or unknown artifact, why, then where."""
    where = cites(artifact.evidence) if artifact.evidence else ""
    if artifact.status != "present" and artifact.reason:
        return f"{artifact.reason} [{where}]" if where else artifact.reason
    return where


def ordered_artifacts(report: Report) -> list[Artifact]:
    return [report.release.artifact(kind) for kind in ArtifactKind]


def offering(report: Report) -> list[str]:
    """How the release is offered, from a catalog record's facts (release date, access, channels, API prices), one
    line each with its source; empty for sources that state none of these."""
    facts = report.release.facts
    lines = []
    parts = []
    if "release_date" in facts:
        parts.append(f"released {facts['release_date'].value}")
    if "access" in facts:
        parts.append(f"access: {facts['access'].value}")
    if "offered_as" in facts:
        parts.append(f"offered as: {', '.join(str(v) for v in facts['offered_as'].value)}")
    if parts:
        lines.append("; ".join(parts))
    pricing = facts.get("pricing")
    for price in pricing.value if pricing else ():
        lines.append(f"API price ({price.get('tier')}): ${price.get('input_usd_per_mtok')} input / "
                     f"${price.get('output_usd_per_mtok')} output per million tokens "
                     f"[{price.get('source')}, read {price.get('read')}]")
    return lines

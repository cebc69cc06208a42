"""Wording shared by the human-readable formats."""

from __future__ import annotations

from ..evidence import Artifact, ArtifactKind, Provenance
from ..report import Report

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


def cites(evidence: tuple[Provenance, ...] | list[Provenance], limit: int = 3) -> str:
    seen: list[str] = []
    for p in evidence:
        cite = p.cite()
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

"""`howopen compare`: several reports side by side, section by section (summary, artifacts, frameworks, terms).

No judgment is made here: every cell is read from a report the pipeline produced.
"""

from __future__ import annotations

import json
from typing import Any

from ..evidence import ArtifactKind, Status
from ..licenses.model import TERM_TITLES, TermKey
from ..report import Report
from . import table

SCHEMA = "howopen.compare/1"
Section = tuple[str, list[tuple[str, list[str]]]]


def _fact(report: Report, name: str) -> str:
    value = report.release.fact(name)
    if value is None:
        return "unknown"
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 1_000_000:
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
            if value >= size:
                return f"{value / size:.4g}{suffix}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _pricing(report: Report) -> str:
    prices = report.release.fact("pricing") or []
    if not prices:
        return "n/a"
    first = prices[0]
    return f"${first.get('input_usd_per_mtok')} in / ${first.get('output_usd_per_mtok')} out per 1M tokens"


def _artifact(report: Report, kind: ArtifactKind) -> str:
    artifact = report.release.artifact(kind)
    if artifact.status == Status.PRESENT and artifact.license is not None:
        return f"present ({artifact.license.label()})"
    return str(artifact.status)


def _term(report: Report, key: TermKey) -> str:
    lic = report.license_record
    return lic.term(key).value if lic is not None else "n/a"


def _no_weights(report: Report) -> bool:
    return report.release.artifact(ArtifactKind.WEIGHTS).status == Status.ABSENT


def _license(report: Report) -> str:
    if report.license is not None:
        return report.license.label()
    return "none (no weights released)" if _no_weights(report) else "none found"


def _commercial(report: Report) -> str:
    if report.license_record is not None:
        return report.license_record.commercial_use
    return "n/a" if _no_weights(report) else "unknown"


def sections(reports: list[Report]) -> list[Section]:
    summary = [
        ("Verdict", [r.label for r in reports]),
        ("License", [_license(r) for r in reports]),
        ("Commercial use", [_commercial(r) for r in reports]),
        ("Released", [_fact(r, "release_date") for r in reports]),
        ("Access", [_fact(r, "access") for r in reports]),
        ("Parameters", [_fact(r, "parameters") for r in reports]),
        ("Context length", [_fact(r, "context_length") for r in reports]),
        ("API price", [_pricing(r) for r in reports]),
        ("Evidence from", [r.release.source for r in reports]),
    ]
    artifacts = [(kind.title, [_artifact(r, kind) for r in reports]) for kind in ArtifactKind]
    keys = list(dict.fromkeys(k for r in reports for k in r.frameworks))
    frameworks = [(reports[0].frameworks[k].name if k in reports[0].frameworks else k,
                   [r.frameworks[k].outcome if k in r.frameworks else "not graded" for r in reports]) for k in keys]
    terms = [(TERM_TITLES.get(key, str(key)), [_term(r, key) for r in reports]) for key in TermKey]
    return [("Summary", summary), ("Artifacts", artifacts), ("Frameworks", frameworks),
            ("License terms (weights)", terms)]


def _headers(reports: list[Report], names: list[str]) -> list[str]:
    return ["", *[r.release.name or n for r, n in zip(reports, names, strict=True)]]


def render_text(reports: list[Report], names: list[str], width: int | None = None) -> str:
    out = []
    for title, rows in sections(reports):
        out.append(f"{title}\n")
        out.append(table.text(_headers(reports, names), [[label, *values] for label, values in rows], max_width=40,
                              width=width))
        out.append("\n")
    return "".join(out).rstrip("\n") + "\n"


def render_markdown(reports: list[Report], names: list[str]) -> str:
    out = []
    for title, rows in sections(reports):
        out.append(f"## {title}\n\n")
        out.append(table.markdown(_headers(reports, names), [[label, *values] for label, values in rows]))
        out.append("\n")
    return "".join(out).rstrip("\n") + "\n"


def render_json(reports: list[Report], names: list[str]) -> str:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "targets": [
            {"target": name, "understood": r.understood, "name": r.release.name,
             "organization": r.release.organization, "source": r.release.source, "verdict": r.label,
             "license": r.license.id if r.license else None}
            for r, name in zip(reports, names, strict=True)
        ],
        "sections": [
            {"title": title, "rows": [{"label": label, "values": values} for label, values in rows]}
            for title, rows in sections(reports)
        ],
    }
    return json.dumps(data, indent=2) + "\n"


RENDERERS = {"table": render_text, "markdown": render_markdown, "json": render_json}

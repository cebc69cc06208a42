"""What the short report says, as data, for the terminal and Markdown formats alike (no judgment is made here).

The short report answers, for any model, on one screen: the verdict and its one-line reason; the license that
GOVERNS the weights (the binding one when the lineage shows the declared one cannot be right) with what it allows
and demands; the lineage in one line; each framework in one line; the top reasons with their evidence; and what is
unknown and how to settle it (`data/settle.yaml`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from ..evidence import ArtifactKind, Status
from ..licenses.kb import knowledge_base
from ..licenses.model import TERM_TITLES, License, Term, TermKey
from ..licenses.scope import term_applies
from ..report import Report
from .common import LABEL_TEXT, cites, offering

TOP_REASONS = 3
SHORT_NAMES = {"mof": "MOF", "osaid": "OSAID", "eosai": "EOSAI", "eu_ai_act": "EU AI Act"}
FRAMEWORK_LINE = 105  # characters of a framework's summary shown in the short report before it points to --full
# the artifacts named first when many are unknown
KEY_ARTIFACTS = (ArtifactKind.WEIGHTS, ArtifactKind.TRAINING_DATA, ArtifactKind.TRAINING_CODE,
                 ArtifactKind.INFERENCE_CODE, ArtifactKind.MODEL_ARCHITECTURE, ArtifactKind.TECHNICAL_REPORT)
NAMED_UNKNOWN = 5


@dataclass(frozen=True)
class Entry:
    """One line of the short report: a label, its text, and where it comes from (a cite, or "")."""

    label: str
    text: str
    cite: str = ""


@dataclass(frozen=True)
class Brief:
    title: str  # the release's display name
    label: str  # the verdict keyword (open-source, ...)
    verdict: str  # the verdict as shown (RESTRICTED WEIGHTS)
    reason: str  # the verdict's one-line reason
    context: tuple[str, ...]  # what the target was understood as; how the release is offered and priced
    license: str  # the governing license, in one line
    license_note: str = ""  # why it governs (the declared license that cannot be right), or ""
    terms: list[Entry] = field(default_factory=list)  # what the governing license allows and demands
    lineage: str = ""  # "meta-llama/Llama-3.1-8B (llama3.1) → this model (fine-tune)", or ""
    frameworks: list[Entry] = field(default_factory=list)
    reasons: list[Entry] = field(default_factory=list)
    more_reasons: int = 0
    unknown: list[Entry] = field(default_factory=list)


@functools.cache
def _settle() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data", "settle.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def governing(report: Report) -> tuple[License | None, dict[str, Any] | None]:
    """The license record that governs the weights (`report.license` is the governing license; a binding found by
    the lineage stage names it too), and the binding summary when it is not the declared one."""
    binding = report.binding
    lic = report.license_record
    if binding is not None and (lic is None or lic.id.lower() != str(binding["id"]).lower()):
        lic = knowledge_base().get(binding["id"]) or lic
    return lic, binding


def declared_record(report: Report) -> License | None:
    """The knowledge-base record of the license the release declares (which may not be the one that governs)."""
    declared = report.declared_license_id
    return knowledge_base().get(declared) if declared else None


def unsettled(report: Report) -> str | None:
    """Why what governs the weights is not settled, or None."""
    value = report.license_basis.get("unsettled") if report.license_basis else None
    return str(value) if value else None


def _term_text(term: Term, release: Any, none: str) -> tuple[str, str]:
    cite = term.clauses[0].cite() if term.clauses else ""
    applies = term_applies(term, release)
    if term.value == "unknown":
        return "unknown", cite
    if term.imposed is False or applies is False:
        return none, ""
    text = term.summary or term.value
    if applies is None:
        text += " (if this release is multimodal: its modality was not established)"
    return text, cite


COMMERCIAL = {"yes": "allowed", "no": "not allowed", "conditional": "allowed with conditions", "unknown": "unknown"}


def license_terms(lic: License, release: Any, unsettled_why: str | None = None) -> list[Entry]:
    """Commercial use, caps, field of use, naming and territory, then the other duties in one line."""
    commercial = lic.term(TermKey.COMMERCIAL_USE)
    text = COMMERCIAL.get(commercial.value, commercial.value)
    if unsettled_why:
        return [Entry("Commercial use", "unknown while what governs the weights is not settled")]
    if commercial.value in ("no", "conditional") and commercial.summary:
        text = f"{text}: {commercial.summary}"
    capped = any(lic.term(k).imposed for k in (TermKey.USER_CAP, TermKey.REVENUE_CAP))
    if commercial.value == "conditional" and capped:
        text = "allowed, within the cap below"
    entries = [Entry("Commercial use", text, commercial.clauses[0].cite() if commercial.clauses else "")]
    limits = [("Caps", (TermKey.USER_CAP, TermKey.REVENUE_CAP), "no user or revenue cap"),
              ("Field of use", (TermKey.FIELD_OF_USE,), "no field-of-use restriction"),
              ("Naming", (TermKey.NAMING_DUTY,), "no naming duty"),
              ("Territory", (TermKey.GEOGRAPHIC_RESTRICTION,), "no territorial restriction")]
    free: list[str] = []
    for label, keys, none in limits:
        found = [_term_text(lic.term(k), release, none) for k in keys]
        shown = [(t, c) for t, c in found if t != none]
        if not shown:
            free.append(none)
            continue
        entries.append(Entry(label, " ".join(t.rstrip(".") + "." for t, _ in shown),
                             ", ".join(c for _, c in shown if c)))
    others = [TERM_TITLES[k].lower() for k in (TermKey.REGISTRATION, TermKey.OUTPUT_RESTRICTION, TermKey.ATTRIBUTION,
                                               TermKey.SHARE_ALIKE, TermKey.PASSES_DOWN, TermKey.TERMINATION)
              if lic.term(k).imposed and term_applies(lic.term(k), release) is not False]
    redistribution = lic.term(TermKey.REDISTRIBUTION).value
    if redistribution in ("no", "conditional"):
        others.append("no redistribution" if redistribution == "no" else "redistribution with conditions")
    if free:
        entries.append(Entry("Limits", "; ".join(free)))
    if others:
        entries.append(Entry("Also", "; ".join(others)))
    return entries


def _license(report: Report) -> tuple[str, str, list[Entry]]:
    lic, binding = governing(report)
    ref = report.license
    why = unsettled(report)
    if why:
        name = f"{lic.name} ({lic.id})" if lic else (ref.label() if ref else "none found")
        return (f"{name}, declared; what governs the weights is not settled", why,
                license_terms(lic, report.release, why) if lic else [])
    if binding is not None:
        name = f"{lic.name} ({lic.id})" if lic else str(binding["id"])
        through = f" through base {binding['through']}" if binding["through"] else ""
        note = f"the declared license '{binding['declared']}' cannot be right: this license binds{through}"
        return f"{name} governs the weights", note, license_terms(lic, report.release) if lic else []
    declared_id = report.declared_license_id
    if lic is not None and declared_id and declared_id.lower() != lic.id.lower():
        note = f"declared {declared_id}; this license binds through the base model (see Lineage)"
        return f"{lic.name} ({lic.id}) governs the weights", note, license_terms(lic, report.release)
    if lic is not None:
        standing = "OSI-approved" if lic.osi_approved else "not OSI-approved"
        cite = cites(ref.evidence, 1) if ref is not None and ref.evidence else ""
        return f"{lic.name} ({lic.id}), {standing}", f"declared in {cite}" if cite else "", \
            license_terms(lic, report.release)
    if ref is not None and ref.recognized and ref.id:
        return f"{ref.id}: identified, but howopen's knowledge base has no record of its terms", "", []
    if ref is not None:
        return f"{ref.label()}: not recognized; its terms are unknown, so it is not treated as open", "", []
    weights = report.release.artifact(ArtifactKind.WEIGHTS)
    if weights.status == Status.ABSENT:
        return "none (no weights released)", "", []
    return "none found", "", []


def _lineage(report: Report) -> str:
    release = report.release
    if not release.lineage:
        return ""
    chain = sorted(release.lineage, key=lambda a: -a.depth)
    parts = []
    for ancestor in chain:
        lic = ancestor.license.label() if ancestor.license else "license unknown"
        parts.append(f"{ancestor.id} ({lic})")
    relation = chain[-1].relation or "derived"
    return " → ".join(parts) + f" → this model ({relation})"


def digest(text: str, limit: int = FRAMEWORK_LINE) -> str:
    """`text` whole when it is short; else its leading clauses (cut at `; `, ` (` or `, `, never inside a word)
    and a pointer to the whole text in --full."""
    if len(text) <= limit:
        return text
    cut = next((found for mark in ("; ", " (", ": ", ", ") if (found := text.rfind(mark, 0, limit)) > limit // 3),
               text.rfind(" ", 0, limit))
    return text[:cut].rstrip(" ,;:") + " … (--full)"


def _frameworks(report: Report) -> list[Entry]:
    out = []
    for key, result in report.frameworks.items():
        name = SHORT_NAMES.get(key, result.name)
        if not result.graded:
            out.append(Entry(name, "not graded yet"))
            continue
        summary, outcome = result.summary, result.outcome
        # the summary often repeats the outcome ("not exempt: ...", "score 0.25 (...)"); say it once
        said = outcome.lower().replace("-", " ")
        text = summary if said in summary.lower()[:len(said) + 8] else f"{outcome}: {summary}"
        out.append(Entry(name, digest(text)))
    return out


def _reasons(report: Report, license_name: str | None) -> tuple[list[Entry], int]:
    reasons = list(report.verdict.reasons)
    # reasons that restate a term of the governing license are already in the license block
    fresh = [r for r in reasons if not (license_name and r.text.startswith(f"{license_name}:"))]
    chosen = (fresh or reasons)[:TOP_REASONS]
    return [Entry("•", r.text, cites(r.evidence, 1) if r.evidence else "") for r in chosen], \
        len(reasons) - len(chosen)


def _unknown(report: Report) -> list[Entry]:
    settle = _settle()
    release = report.release
    out: list[Entry] = []
    unknown = [release.artifact(k) for k in ArtifactKind if release.artifact(k).status == Status.UNKNOWN]
    if unknown:
        first = sorted(unknown, key=lambda a: (a.kind not in KEY_ARTIFACTS, list(ArtifactKind).index(a.kind)))
        names = ", ".join(a.kind.title.lower() for a in first[:NAMED_UNKNOWN])
        rest = len(unknown) - NAMED_UNKNOWN
        more = f" and {rest} more" if rest > 0 else ""
        out.append(Entry("Unknown", f"{len(unknown)} of {len(ArtifactKind)} artifacts: {names}{more}"))
    hub_id = release.fact("hub_id") or (release.target if release.source == "hub" else None)
    advice = settle["source"].get(release.source)
    if release.metadata_only and release.source != "catalog":
        advice = settle["metadata_only"]
    if release.source == "catalog" and not hub_id:
        advice = settle["no_repository"]
    if advice and unknown:
        out.append(Entry("To settle", advice.format(target=release.target, hub_id=hub_id)))
    lic, _binding = governing(report)
    if lic is None and report.license is not None and not report.license.recognized:
        out.append(Entry("To settle", settle["unrecognized_license"]))
    codes = settle["gaps"]
    for gap in release.gaps[:2]:
        advice = codes.get(gap.code)
        out.append(Entry("Gap", f"{gap.message}; {advice}" if advice else gap.message))
    remaining = len(release.gaps) - 2
    if remaining > 0:
        out.append(Entry("Gaps", f"{remaining} more in the evidence (--full lists them)"))
    return out


def brief(report: Report) -> Brief:
    release = report.release
    offered = offering(report)
    context = (f"Target: {report.understood}" + (f"; {offered[0]}" if offered else ""), *offered[1:])
    license_line, note, terms = _license(report)
    lic, _binding = governing(report)
    reasons, more = _reasons(report, lic.name if lic else None)
    return Brief(
        title=release.display_name,
        label=report.label,
        verdict=LABEL_TEXT.get(report.label, report.label.upper()),
        reason=report.verdict.summary,
        context=context,
        license=license_line,
        license_note=note,
        terms=terms,
        lineage=_lineage(report),
        frameworks=_frameworks(report),
        reasons=reasons,
        more_reasons=more,
        unknown=_unknown(report),
    )

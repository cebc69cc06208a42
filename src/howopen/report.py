"""The report: one release, its verdict, every framework's result, and the JSON contract they serialise to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .evidence import ArtifactKind, LicenseRef, Provenance, Release
from .licenses.kb import knowledge_base
from .licenses.model import License, TermKey

if TYPE_CHECKING:
    from .policy.result import PolicyResult

SCHEMA = "howopen.report/1"


@dataclass(frozen=True)
class Reason:
    """One step of a judgment, with the evidence it rests on."""

    text: str
    evidence: tuple[Provenance, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "evidence": [p.to_dict() for p in self.evidence]}


@dataclass(frozen=True)
class FrameworkResult:
    """A grader's answer: an outcome label, a one-line summary, reasons, and framework-specific fields."""

    key: str
    name: str
    outcome: str
    summary: str
    reasons: tuple[Reason, ...] = ()
    fields: Mapping[str, Any] = field(default_factory=dict)
    graded: bool = True

    @property
    def result(self) -> str:
        """The outcome as a stable keyword: `conforms`, `does-not-conform`, `class-ii`, `not-exempt`, `not-graded`;
        a numeric outcome (the EOSAI score) is `scored`, its number being `score`."""
        if self.score is not None and self.outcome == self.outcome.strip() and _is_number(self.outcome):
            return "scored"
        return "-".join(self.outcome.lower().replace("_", " ").split())

    @property
    def score(self) -> float | None:
        """The outcome as a number when it is one (EOSAI: 0.25), else None."""
        value = self.fields.get("score")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        return float(self.outcome) if _is_number(self.outcome) else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "graded": self.graded,
            "outcome": self.outcome,
            "result": self.result,
            "score": self.score,
            "summary": self.summary,
            **dict(self.fields),
            "reasons": [r.to_dict() for r in self.reasons],
        }


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Disagreement:
    """Where a framework's answer differs from the plain verdict (or MOT mode from howopen's reading), and why."""

    frameworks: tuple[str, ...]
    text: str
    evidence: tuple[Provenance, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"frameworks": list(self.frameworks), "text": self.text,
                "evidence": [p.to_dict() for p in self.evidence]}


@dataclass(frozen=True)
class Report:
    """Everything `howopen check` found for one target."""

    release: Release
    verdict: FrameworkResult
    frameworks: Mapping[str, FrameworkResult]
    understood: str
    license: LicenseRef | None = None
    disagreements: tuple[Disagreement, ...] = ()
    policy: PolicyResult | None = None  # set when a policy was applied (`check --require/--forbid/--policy`)
    # how `license` (the license that governs the weights) was decided: `declared_id`, `governing_via` (declared,
    # conflict, lineage), `applies` (every license that binds) and `unsettled` (why what governs is not settled)
    license_basis: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.verdict.fields.get("label", self.verdict.outcome))

    @property
    def license_record(self) -> License | None:
        if self.license is None or not self.license.id:
            return None
        return knowledge_base().get(self.license.id)

    @property
    def binding(self) -> dict[str, Any] | None:
        """The license that governs the weights when the evidence showed the declared one cannot (see
        `binding_summary`); None when the declared license is the one that governs."""
        basis = self.license_basis
        if basis.get("governing_via") == "declared" and basis.get("applies"):
            return None
        governs = self.license.id if self.license is not None and basis else None
        return binding_summary(self.release, governs)

    def license_block(self) -> dict[str, Any]:
        """The JSON `license` object: the license that governs the weights, what was declared, and how it was
        decided. While what governs is unsettled, commercial use is unknown unless the license already known to
        govern says no or conditional (an unsettled base can only restrict more)."""
        block = {**license_summary(self.license), "binding": self.binding}
        basis = dict(self.license_basis)
        block.update({"declared_id": basis.get("declared_id"), "governing_via": basis.get("governing_via",
                      "declared"), "applies": basis.get("applies", []), "unsettled": basis.get("unsettled")})
        if block["unsettled"] and block["commercial_use"] not in ("no", "conditional"):
            block["commercial_use"] = "unknown"  # an unsettled base can only restrict more: never "yes" on a guess
        return block

    @property
    def declared_license_id(self) -> str | None:
        """The id of the license the release declares for its weights (`license` is the one that governs)."""
        if "declared_id" in self.license_basis:
            return self.license_basis["declared_id"]
        return self.license.id if self.license is not None else None

    @property
    def commercial_use(self) -> str:
        """Commercial use under the governing license; unknown while what governs is unsettled."""
        return str(self.license_block()["commercial_use"])

    def _artifacts(self) -> dict[str, Any]:
        out = {str(kind): self.release.artifact(kind).to_dict() for kind in ArtifactKind}
        binding = self.binding
        for kind in (ArtifactKind.WEIGHTS, ArtifactKind.INTERMEDIATE_WEIGHTS):
            lic = out[str(kind)].get("license")
            if binding is not None and isinstance(lic, dict):
                lic["binding"] = binding
        return out

    def to_dict(self) -> dict[str, Any]:
        release = self.release
        return {
            "schema": SCHEMA,
            "target": release.target,
            "understood": self.understood,
            "release": {
                "name": release.name,
                "organization": release.organization,
                "display_name": release.display_name,
                "source": release.source,
                "revision": release.revision,
                "metadata_only": release.metadata_only,
                "facts": {k: f.to_dict() for k, f in release.facts.items()},
                "base_models": [
                    {"id": b.id, "relation": b.relation, "confidence": b.confidence, "signal": b.signal,
                     "note": b.note, "evidence": [b.provenance.to_dict()] if b.provenance else []}
                    for b in release.base_models
                ],
                "lineage_claims": [c.to_dict() for c in release.lineage_claims],
                "links": [link.to_dict() for link in release.links],
            },
            "verdict": self.verdict.to_dict(),
            "license": self.license_block(),
            "licenses": [ident.to_dict() for ident in release.licenses],
            "artifacts": self._artifacts(),
            "frameworks": {key: result.to_dict() for key, result in self.frameworks.items()},
            "disagreements": [d.to_dict() for d in self.disagreements],
            "lineage": [a.to_dict() for a in release.lineage],
            "conflicts": [c.to_dict() for c in release.conflicts],
            "warnings": [g.to_dict() for g in release.gaps],
            "policy": self.policy.to_dict() if self.policy is not None else None,
        }


def license_summary(ref: LicenseRef | None) -> dict[str, Any]:
    """The `license` object of the JSON report: the governing license and what it allows."""
    base: dict[str, Any] = {
        "id": None,
        "name": None,
        "declared": None,
        "recognized": False,
        "commercial_use": "unknown",
        "osi_approved": None,
        "grants_four_freedoms": None,
        "restrictions": [],
        "terms": {},
        "evidence": [],
    }
    if ref is None:
        return base
    base.update({"id": ref.id, "name": ref.name, "declared": ref.declared, "recognized": bool(ref.recognized),
                 "confidence": ref.confidence, "evidence": [p.to_dict() for p in ref.evidence]})
    lic = knowledge_base().get(ref.id) if ref.id else None
    if lic is None:
        return base
    base.update({
        "name": lic.name,
        "family": lic.family,
        "version": lic.version,
        "spdx_id": lic.spdx_id,
        "osi_approved": lic.osi_approved,
        "commercial_use": lic.commercial_use,
        "grants_four_freedoms": lic.grants_four_freedoms,
        "restrictions": [str(t.key) for t in lic.restrictions()],
        "terms": {str(k): lic.term(k).to_dict() for k in TermKey},
    })
    return base


def binding_summary(release: Release, governing: str | None = None) -> dict[str, Any] | None:
    """The license that binds the weights instead of the declared one, when the lineage stage found a conflict:
    `id`, `name`, `through` (the ancestor it comes from, None when the conflict is not a lineage one), `why`,
    `declared` and `evidence`. None when the declared license stands."""
    if not release.conflicts:
        return None
    conflict = next((c for c in release.conflicts if governing and c.binding.lower() == governing.lower()),
                    release.conflicts[0])
    lic = knowledge_base().get(conflict.binding)
    through = next((a.id for a in release.lineage if a.license is not None and a.license.id
                    and a.license.id.lower() == conflict.binding.lower()), None)
    return {"id": lic.id if lic else conflict.binding, "name": lic.name if lic else None, "through": through,
            "why": conflict.why, "declared": conflict.declared,
            "evidence": [p.to_dict() for p in conflict.evidence]}


def binding_line(report: Report) -> str | None:
    """`Binding: <name> (<id>), through base <ancestor>` for the human-readable formats; None without a conflict."""
    binding = report.binding
    if binding is None:
        return None
    name = binding["name"] or binding["id"]
    through = f", through base {binding['through']}" if binding["through"] else ""
    return f"Binding: {name} ({binding['id']}){through}"

"""The evidence records: what a release contains, and where each fact was read.

Everything a later stage judges is one of these frozen records. A source builds a `Release`; the license and
lineage stages return a copy of it with their findings filled in; graders only read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """Whether an artifact is part of the release."""

    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"


class ArtifactKind(StrEnum):
    """The parts of an AI model release, named as the openness frameworks name them."""

    WEIGHTS = "weights"
    INTERMEDIATE_WEIGHTS = "intermediate_weights"
    MODEL_ARCHITECTURE = "model_architecture"
    INFERENCE_CODE = "inference_code"
    TRAINING_CODE = "training_code"
    DATA_PROCESSING_CODE = "data_processing_code"
    EVALUATION_CODE = "evaluation_code"
    SUPPORTING_LIBRARIES = "supporting_libraries"
    TRAINING_DATA = "training_data"
    EVALUATION_DATA = "evaluation_data"
    EVALUATION_RESULTS = "evaluation_results"
    MODEL_CARD = "model_card"
    DATA_CARD = "data_card"
    TECHNICAL_REPORT = "technical_report"
    RESEARCH_PAPER = "research_paper"
    CONFIGURATION = "configuration"
    TOKENIZER = "tokenizer"
    USAGE_POLICY = "usage_policy"

    @property
    def title(self) -> str:  # type: ignore[override]  # deliberately shadows str.title: the artifact's heading
        return ARTIFACT_TITLES[self]

    @property
    def group(self) -> str:
        """`code`, `data`, `document` or `model`: the content type the frameworks license it as."""
        return ARTIFACT_GROUPS[self]


ARTIFACT_TITLES: dict[ArtifactKind, str] = {
    ArtifactKind.WEIGHTS: "Weights (final)",
    ArtifactKind.INTERMEDIATE_WEIGHTS: "Weights (intermediate checkpoints)",
    ArtifactKind.MODEL_ARCHITECTURE: "Model architecture",
    ArtifactKind.INFERENCE_CODE: "Inference code",
    ArtifactKind.TRAINING_CODE: "Training code",
    ArtifactKind.DATA_PROCESSING_CODE: "Data-processing code",
    ArtifactKind.EVALUATION_CODE: "Evaluation code",
    ArtifactKind.SUPPORTING_LIBRARIES: "Supporting libraries and tools",
    ArtifactKind.TRAINING_DATA: "Training data",
    ArtifactKind.EVALUATION_DATA: "Evaluation data",
    ArtifactKind.EVALUATION_RESULTS: "Evaluation results",
    ArtifactKind.MODEL_CARD: "Model card",
    ArtifactKind.DATA_CARD: "Data card",
    ArtifactKind.TECHNICAL_REPORT: "Technical report",
    ArtifactKind.RESEARCH_PAPER: "Research paper",
    ArtifactKind.CONFIGURATION: "Configuration",
    ArtifactKind.TOKENIZER: "Tokenizer",
    ArtifactKind.USAGE_POLICY: "Usage policy",
}

ARTIFACT_GROUPS: dict[ArtifactKind, str] = {
    ArtifactKind.WEIGHTS: "model",
    ArtifactKind.INTERMEDIATE_WEIGHTS: "model",
    ArtifactKind.MODEL_ARCHITECTURE: "code",
    ArtifactKind.INFERENCE_CODE: "code",
    ArtifactKind.TRAINING_CODE: "code",
    ArtifactKind.DATA_PROCESSING_CODE: "code",
    ArtifactKind.EVALUATION_CODE: "code",
    ArtifactKind.SUPPORTING_LIBRARIES: "code",
    ArtifactKind.TRAINING_DATA: "data",
    ArtifactKind.EVALUATION_DATA: "data",
    ArtifactKind.EVALUATION_RESULTS: "document",
    ArtifactKind.MODEL_CARD: "document",
    ArtifactKind.DATA_CARD: "document",
    ArtifactKind.TECHNICAL_REPORT: "document",
    ArtifactKind.RESEARCH_PAPER: "document",
    ArtifactKind.CONFIGURATION: "model",
    ArtifactKind.TOKENIZER: "model",
    ArtifactKind.USAGE_POLICY: "document",
}

CODE_KINDS = tuple(k for k in ArtifactKind if ARTIFACT_GROUPS[k] == "code")


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: a file (and line) in a snapshot, or a URL, and how it was read."""

    source: str
    line: int | None = None
    end_line: int | None = None
    method: str = ""
    quote: str | None = None
    retrieved: str | None = None

    def cite(self) -> str:
        """`README.md:12`, `README.md:12-14`, or the URL: the short form a reader can follow."""
        if self.line is None:
            return self.source
        if self.end_line is not None and self.end_line != self.line:
            return f"{self.source}:{self.line}-{self.end_line}"
        return f"{self.source}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"source": self.source, "cite": self.cite()}
        for name in ("line", "end_line", "method", "quote", "retrieved"):
            value = getattr(self, name)
            if value not in (None, ""):
                data[name] = value
        return data


@dataclass(frozen=True)
class LicenseRef:
    """A license attached to an artifact: what was declared, and what howopen identified it as.

    `id` is None while unidentified; `recognized` is False when identification was tried and matched nothing
    known (an unrecognized license is never treated as open).
    """

    id: str | None
    name: str | None = None
    declared: str | None = None
    recognized: bool | None = None
    confidence: float | None = None
    evidence: tuple[Provenance, ...] = ()

    def label(self) -> str:
        if self.id:
            return self.id
        if self.declared:
            return f"{self.declared} (unrecognized)" if self.recognized is False else self.declared
        return "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "declared": self.declared,
            "recognized": self.recognized,
            "confidence": self.confidence,
            "evidence": [p.to_dict() for p in self.evidence],
        }


@dataclass(frozen=True)
class Artifact:
    """One part of a release: whether it is there, under which license, and the evidence for both."""

    kind: ArtifactKind
    status: Status
    license: LicenseRef | None = None
    evidence: tuple[Provenance, ...] = ()
    reason: str | None = None
    locations: tuple[str, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.kind.title,
            "status": str(self.status),
            "license": self.license.to_dict() if self.license else None,
            "reason": self.reason,
            "locations": list(self.locations),
            "details": dict(self.details),
            "evidence": [p.to_dict() for p in self.evidence],
        }


class ClaimKind(StrEnum):
    """Where a license declaration came from."""

    TAG = "tag"  # the card's `license:` value (a Hub identifier or an SPDX expression)
    LICENSE_NAME = "license_name"
    LICENSE_LINK = "license_link"
    FILE = "file"  # a license-like file in the repository
    CARD_TEXT = "card_text"  # a sentence in the card body naming a license
    GGUF = "gguf"  # `general.license` in a GGUF header
    CATALOG = "catalog"  # a curated catalog record
    SOURCE_REPOSITORY = "source_repository"  # the license of a linked code repository


@dataclass(frozen=True)
class LicenseClaim:
    """A raw license declaration, as a source found it, before identification.

    `applies_to` narrows a claim to some artifacts (a `LICENSE-MODEL` file covers the weights); empty means the
    whole release.
    """

    kind: ClaimKind
    value: str
    provenance: Provenance
    text: str | None = None
    applies_to: tuple[ArtifactKind, ...] = ()
    truncated: bool = False  # the file was longer than the read bound: `text` is only its beginning


class LinkKind(StrEnum):
    SOURCE_REPOSITORY = "source_repository"
    PAPER = "paper"
    DATASET = "dataset"
    MODEL = "model"
    SPACE = "space"
    WEBSITE = "website"


@dataclass(frozen=True)
class Link:
    """A resource the release points at: a code repository, a paper, a dataset, another model."""

    kind: LinkKind
    url: str
    id: str | None = None
    text: str | None = None
    provenance: Provenance | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "url": self.url,
            "id": self.id,
            "text": self.text,
            "evidence": [self.provenance.to_dict()] if self.provenance else [],
        }


@dataclass(frozen=True)
class BaseModelRef:
    """A base model: declared (`base_model:` in the card, the Hub's `base_model:<relation>:<id>` tags), or inferred
    by the lineage stage from other signals (`signal`, with a `confidence` below 1 for weaker ones: see ancestry/)."""

    id: str
    relation: str | None = None  # finetune | adapter | merge | quantized | None (not stated)
    provenance: Provenance | None = None
    confidence: float = 1.0
    signal: str = "declared"  # the strongest kind of signal naming it (ancestry.SIGNALS)
    note: str | None = None  # how it was inferred, for the reasons (None for a declared base)


@dataclass(frozen=True)
class LineageClaim:
    """One signal that the release derives from a model: which model (a Hub id, or a known family's id such as
    `meta-llama/Llama 2`), how (relation), what kind of signal said so, how much it is worth, and where."""

    base: str
    signal: str  # declared | hub_tag | adapter_config | config | gguf | mergekit | card_tag | name | prose
    confidence: float
    relation: str | None = None
    evidence: Provenance | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"base": self.base, "signal": self.signal, "confidence": self.confidence, "relation": self.relation,
                "note": self.note, "evidence": [self.evidence.to_dict()] if self.evidence else []}


@dataclass(frozen=True)
class Fact:
    """A scalar fact about the release (parameter count, training tokens, pipeline tag, ...) and its source."""

    value: Any
    provenance: Provenance

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "evidence": [self.provenance.to_dict()]}


@dataclass(frozen=True)
class Gap:
    """Something that could not be read or established, kept so the report can mark it."""

    code: str
    message: str
    provenance: Provenance | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.provenance:
            data["evidence"] = [self.provenance.to_dict()]
        return data


@dataclass(frozen=True)
class Ancestor:
    """A model this release derives from, with the license that binds the derivative through it."""

    id: str
    depth: int
    relation: str | None
    license: LicenseRef | None
    binds: str  # how the ancestor's license reaches the target, in one sentence
    passes_down: tuple[str, ...] = ()  # term keys the ancestor's license hands to derivatives
    parent: str | None = None
    evidence: tuple[Provenance, ...] = ()
    source: str | None = None  # where the ancestor's own evidence came from: catalog | hub | None (not found)
    found: bool = True  # False when the ancestor could not be looked up (its license is then unknown)
    # the organisation that publishes this ancestor also publishes the model derived from it: as the rights
    # holder it may license that model on other terms, so this ancestor's license does not bind through it
    same_publisher: str | None = None
    confidence: float = 1.0  # how sure the lineage stage is that the release derives from it (1: declared)
    signal: str = "declared"  # the strongest kind of signal that named it
    # set when only weak signals name this ancestor and its license would bind the release: the label is then
    # unknown, with this as the reason, rather than open or restricted on a guess
    doubt: str | None = None
    # the ancestor's own release as the lineage stage's resolver found it (its model card, Hub repository or
    # catalog record), for graders that grade the base model apart (the European index); not part of the report's
    # JSON nor of comparisons, and held only as long as the release is
    release: Release | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "depth": self.depth,
            "relation": self.relation,
            "parent": self.parent,
            "source": self.source,
            "found": self.found,
            "same_publisher": self.same_publisher,
            "confidence": self.confidence,
            "signal": self.signal,
            "doubt": self.doubt,
            "license": self.license.to_dict() if self.license else None,
            "binds": self.binds,
            "passes_down": list(self.passes_down),
            "evidence": [p.to_dict() for p in self.evidence],
        }


@dataclass(frozen=True)
class Conflict:
    """A declared license that cannot be right, and the license that binds instead."""

    declared: str
    binding: str
    why: str
    evidence: tuple[Provenance, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "declared": self.declared,
            "binding": self.binding,
            "why": self.why,
            "evidence": [p.to_dict() for p in self.evidence],
        }


@dataclass(frozen=True)
class Release:
    """Everything known about one model release, each fact with its provenance.

    Sources fill the first block. The license stage fills `licenses` and the artifacts' licenses; the lineage
    stage fills `lineage` and `conflicts`. Nothing here is a judgment about openness.
    """

    target: str
    source: str  # local | hub | catalog | mot | card
    name: str | None = None
    organization: str | None = None
    revision: str | None = None
    artifacts: Mapping[ArtifactKind, Artifact] = field(default_factory=dict)
    license_claims: tuple[LicenseClaim, ...] = ()
    base_models: tuple[BaseModelRef, ...] = ()
    lineage_claims: tuple[LineageClaim, ...] = ()  # every lineage signal the source's evidence gives (ancestry/)
    links: tuple[Link, ...] = ()
    facts: Mapping[str, Fact] = field(default_factory=dict)
    gaps: tuple[Gap, ...] = ()
    metadata_only: bool = False  # graded from a model card alone (no file listing)
    # filled by the license stage
    licenses: tuple[Any, ...] = ()  # howopen.licenses.identify.Identification
    # filled by the lineage stage
    lineage: tuple[Ancestor, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    def artifact(self, kind: ArtifactKind) -> Artifact:
        """The artifact of that kind; `unknown` when no source said anything about it."""
        found = self.artifacts.get(kind)
        if found is not None:
            return found
        return Artifact(kind, Status.UNKNOWN, reason="no source reported on this artifact")

    def fact(self, name: str) -> Any:
        found = self.facts.get(name)
        return found.value if found else None

    def with_artifact(self, artifact: Artifact) -> Release:
        artifacts = dict(self.artifacts)
        artifacts[artifact.kind] = artifact
        return replace(self, artifacts=artifacts)

    @property
    def display_name(self) -> str:
        if self.organization and self.name:
            return f"{self.organization}/{self.name}"
        return self.name or self.target

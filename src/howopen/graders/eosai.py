"""The European Open Source AI Index (osai-index.eu): 12 dimensions, each open, partial, closed or unknown, and a score.

The dimensions and their order come from the index's data (`data/eosai-dimensions.yaml`); the score is computed as
the index's website computes it: open = 1, partial = 0.5, anything else 0, averaged over the 12 dimensions
(`unknown` counts 0, as a missing entry does there). Each dimension carries a link (the URL or file it rests on)
and a note saying what was seen. Where the index asks for a judgment a program cannot make (is the code
*well* documented? is the paper peer-reviewed?), the dimension is `unknown`, with the reason.

How howopen reads each dimension from the evidence:

- `weights_endmodel`: open when the weights are published, partial when the download is gated, closed when absent.
- `weights_basemodel`, `datasources_basemodel`: for a release with no base model, the same as the end model (the
  index mirrors them when base and end model are not distinct); for a derivative, unknown (the base model's own
  release is not assessed here).
- `datasources_endmodel`: open when the training datasets are listed and described, partial when only one of the
  two, closed when neither.
- `trainingcode`: open with training and data-processing code, partial with training code only, closed with none.
- `code`: closed when no code is published; otherwise unknown (documentation quality is not assessed).
- `hardware_architecture`: open when the architecture is published and a technical report or paper documents the
  training, partial with the architecture alone, closed with neither.
- `preprint`: open for a technical report on arXiv, partial for another arXiv paper, closed with no paper.
- `paper`: partial for a paper link that is not a preprint (DOI, ACL Anthology, ...), unknown when only
  preprints are linked (peer review is not checked), closed with no paper at all.
- `modelcard`: open when the card covers the architecture, the training data and evaluation results, partial
  when it covers less, closed with no card.
- `datasheet`: open with a data card, partial with a training-data section in the model card, closed with neither.
- `licenses`: open when weights, training code and training data are all under open licenses, partial when at
  least two are, closed when fewer are, unknown when the unread licenses could change that.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from ..evidence import Artifact, ArtifactKind, Provenance, Release, Status
from ..report import FrameworkResult, Reason
from .common import evidence_for, weights_bindings, worst_binding
from .openness import judge

KEY = "eosai"
NAME = "European Open Source AI Index"
K = ArtifactKind
_ARXIV = re.compile(r"arxiv\.org/(abs|pdf)/|^arxiv:", re.I)


@dataclass(frozen=True)
class Dimension:
    key: str
    category: str
    title: str
    criterion: str


@dataclass(frozen=True)
class Rating:
    value: str  # open | partial | closed | unknown
    note: str
    evidence: tuple[Provenance, ...]


@functools.cache
def _spec() -> dict[str, Any]:
    text = resources.files("howopen.graders").joinpath("data/eosai-dimensions.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@functools.cache
def dimensions() -> tuple[Dimension, ...]:
    return tuple(Dimension(d["key"], d["category"], d["title"], d["criterion"]) for d in _spec()["dimensions"])


def values() -> dict[str, float]:
    return {k: float(v) for k, v in _spec()["values"].items()}


def _link(evidence: tuple[Provenance, ...], artifact: Artifact | None = None) -> str | None:
    if artifact is not None:
        for location in artifact.locations:
            if "://" in location:
                return location
    for p in evidence:
        if "://" in p.source:
            return p.source
    return evidence[0].cite() if evidence else None


def _present(release: Release, kind: ArtifactKind) -> bool:
    return release.artifact(kind).status == Status.PRESENT


def _has_base(release: Release) -> bool:
    return bool(release.base_models or release.lineage)


def weights_endmodel(release: Release) -> Rating:
    weights = release.artifact(K.WEIGHTS)
    evidence = evidence_for(release, weights)
    if weights.status == Status.ABSENT:
        return Rating("closed", f"Weights are not published: {weights.reason}.", evidence)
    if weights.status == Status.UNKNOWN:
        return Rating("unknown", f"Whether the weights are published is unknown: {weights.reason}.", evidence)
    gated = release.facts.get("gated")
    if gated is not None and gated.value:
        return Rating("partial", "Weights are published behind a gated download.", (*evidence[:1], gated.provenance))
    return Rating("open", "Weights are published for download.", evidence)


def _base_unknown(release: Release, what: str) -> Rating:
    ids = [b.id for b in release.base_models] or [a.id for a in release.lineage]
    evidence = tuple(b.provenance for b in release.base_models if b.provenance)[:2]
    return Rating("unknown", f"The base model ({', '.join(ids)}) is a separate release; its {what} were not assessed.",
                  evidence or (Provenance(release.target, method="base model"),))


def weights_basemodel(release: Release) -> Rating:
    if _has_base(release):
        return _base_unknown(release, "weights")
    rating = weights_endmodel(release)
    return Rating(rating.value, "Base and end model are the same release. " + rating.note, rating.evidence)


def datasources_endmodel(release: Release) -> Rating:
    listing = release.artifact(K.TRAINING_DATA)
    section = release.facts.get("data_information")
    card = release.artifact(K.DATA_CARD)
    described = card.status == Status.PRESENT or section is not None
    datasets = listing.details.get("datasets") or []
    evidence = (*evidence_for(release, listing)[:2], *((section.provenance,) if section else ()))
    if listing.status == Status.PRESENT and described:
        named = f" ({', '.join(map(str, datasets[:5]))}{', ...' if len(datasets) > 5 else ''})" if datasets else ""
        return Rating("open", f"Training data is listed{named} and described.", evidence)
    if listing.status == Status.PRESENT:
        return Rating("partial", "Training data is listed but not described.", evidence)
    if described:
        return Rating("partial", "Training data is described, but not listed for inspection.", evidence)
    if listing.status == Status.ABSENT:
        return Rating("closed", f"No training data is listed or described: {listing.reason}.", evidence)
    return Rating("unknown", f"Training data: {listing.reason}.", evidence)


def datasources_basemodel(release: Release) -> Rating:
    if _has_base(release):
        return _base_unknown(release, "training data sources")
    rating = datasources_endmodel(release)
    return Rating(rating.value, "Base and end model are the same release. " + rating.note, rating.evidence)


def trainingcode(release: Release) -> Rating:
    training = release.artifact(K.TRAINING_CODE)
    processing = release.artifact(K.DATA_PROCESSING_CODE)
    evidence = (*evidence_for(release, training)[:2], *evidence_for(release, processing)[:1])
    if training.status == Status.PRESENT and processing.status == Status.PRESENT:
        return Rating("open", "Training and data-processing code are published.", evidence)
    if training.status == Status.PRESENT:
        return Rating("partial", f"Training code is published; data-processing code is {processing.status}.",
                      evidence)
    if training.status == Status.ABSENT and processing.status != Status.PRESENT:
        return Rating("closed", f"No training code is published: {training.reason}.", evidence)
    if processing.status == Status.PRESENT:
        return Rating("partial", f"Data-processing code is published; training code is {training.status}.", evidence)
    return Rating("unknown", f"Training code: {training.reason}.", evidence)


def code(release: Release) -> Rating:
    kinds = (K.TRAINING_CODE, K.INFERENCE_CODE, K.DATA_PROCESSING_CODE, K.EVALUATION_CODE)
    artifacts = [release.artifact(k) for k in kinds]
    present = [a for a in artifacts if a.status == Status.PRESENT]
    if present:
        return Rating("unknown", "Code is published; how thoroughly it is documented is not assessed by howopen.",
                      tuple(p for a in present for p in evidence_for(release, a)[:1]))
    if all(a.status == Status.ABSENT for a in artifacts):
        return Rating("closed", "No code is published, so there is no code documentation.",
                      evidence_for(release, artifacts[0]))
    return Rating("unknown", "Whether code is published is not established.", evidence_for(release, artifacts[0]))


def hardware_architecture(release: Release) -> Rating:
    architecture = release.artifact(K.MODEL_ARCHITECTURE)
    papers = [a for a in (release.artifact(K.TECHNICAL_REPORT), release.artifact(K.RESEARCH_PAPER))
              if a.status == Status.PRESENT]
    evidence = (*evidence_for(release, architecture)[:1], *(p for a in papers for p in a.evidence[:1]))
    if architecture.status == Status.PRESENT and papers:
        return Rating("open", "The architecture is published and a report or paper documents the training.", evidence)
    if architecture.status == Status.PRESENT:
        return Rating("partial", "The architecture is published (configuration); no report documents the training "
                      "setup.", evidence)
    if papers:
        return Rating("partial", "A report or paper is published; the architecture itself is not.", evidence)
    if architecture.status == Status.ABSENT:
        return Rating("closed", f"Architecture and training setup are not documented: {architecture.reason}.",
                      evidence)
    return Rating("unknown", f"Architecture: {architecture.reason}.", evidence)


def _paper_urls(artifact: Artifact) -> list[str]:
    return [loc for loc in artifact.locations if "://" in loc]


def preprint(release: Release) -> Rating:
    report = release.artifact(K.TECHNICAL_REPORT)
    paper = release.artifact(K.RESEARCH_PAPER)
    report_arxiv = [u for u in _paper_urls(report) if _ARXIV.search(u)]
    paper_arxiv = [u for u in _paper_urls(paper) if _ARXIV.search(u)]
    if report.status == Status.PRESENT and report_arxiv:
        return Rating("open", f"A technical report is archived as a preprint ({report_arxiv[0]}).", report.evidence)
    if paper.status == Status.PRESENT and paper_arxiv:
        return Rating("partial", f"A preprint is linked ({paper_arxiv[0]}); whether it covers every part of the model "
                      "is not assessed.", paper.evidence)
    if report.status == Status.ABSENT and paper.status == Status.ABSENT:
        return Rating("closed", "No preprint is linked.", evidence_for(release, paper))
    if report.status == Status.PRESENT or paper.status == Status.PRESENT:
        return Rating("unknown", "A report or paper is published, but not as an archived preprint howopen recognizes.",
                      (*report.evidence[:1], *paper.evidence[:1]))
    return Rating("unknown", f"Papers: {paper.reason}.", evidence_for(release, paper))


def paper(release: Release) -> Rating:
    found = release.artifact(K.RESEARCH_PAPER)
    report = release.artifact(K.TECHNICAL_REPORT)
    urls = _paper_urls(found) + _paper_urls(report)
    reviewed = [u for u in urls if not _ARXIV.search(u)]
    if reviewed:
        return Rating("partial", f"A paper that is not a preprint is linked ({reviewed[0]}); peer review and coverage "
                      "are not checked.", (*found.evidence[:1], *report.evidence[:1]))
    if found.status == Status.ABSENT and report.status == Status.ABSENT:
        return Rating("closed", "No paper is linked.", evidence_for(release, found))
    if found.status == Status.PRESENT or report.status == Status.PRESENT:
        return Rating("unknown", "Only preprints are linked; whether a peer-reviewed version exists is not checked.",
                      (*found.evidence[:1], *report.evidence[:1]))
    return Rating("unknown", f"Papers: {found.reason}.", evidence_for(release, found))


def modelcard(release: Release) -> Rating:
    card = release.artifact(K.MODEL_CARD)
    evidence = evidence_for(release, card)
    if card.status == Status.ABSENT:
        return Rating("closed", f"There is no model card: {card.reason}.", evidence)
    if card.status == Status.UNKNOWN:
        return Rating("unknown", f"Model card: {card.reason}.", evidence)
    covered = {
        "architecture": _present(release, K.MODEL_ARCHITECTURE),
        "training data": release.facts.get("data_information") is not None or _present(release, K.TRAINING_DATA),
        "evaluation": _present(release, K.EVALUATION_RESULTS),
    }
    missing = [k for k, v in covered.items() if not v]
    if not missing:
        return Rating("open", "The model card covers architecture, training data and evaluation.", evidence)
    return Rating("partial", f"The model card does not cover {', '.join(missing)}.", evidence)


def datasheet(release: Release) -> Rating:
    card = release.artifact(K.DATA_CARD)
    section = release.facts.get("data_information")
    if card.status == Status.PRESENT:
        return Rating("open", "A data card (datasheet) is published.", evidence_for(release, card))
    if section is not None:
        return Rating("partial", f"The model card has a training-data section ({section.value.get('section')}) but "
                      "there is no datasheet.", (section.provenance,))
    if card.status == Status.ABSENT:
        return Rating("closed", f"No datasheet: {card.reason}.", evidence_for(release, card))
    return Rating("unknown", f"Datasheet: {card.reason}.", evidence_for(release, card))


def _open_state(release: Release, artifact: Artifact) -> bool | None:
    """Is this artifact under an open license? None when unknown (unread, unrecognized, or not established)."""
    if artifact.status == Status.ABSENT:
        return False
    if artifact.status == Status.UNKNOWN:
        return None
    ref = artifact.license
    if artifact.kind == K.WEIGHTS:
        binding, _lic = worst_binding(weights_bindings(release))
        ref = binding.ref if binding else ref
    openness = judge(ref)
    if openness is None:
        return None
    if openness.open is False and not openness.recognized:
        return None
    return openness.open


def licenses(release: Release) -> Rating:
    parts = {"weights": release.artifact(K.WEIGHTS), "training code": release.artifact(K.TRAINING_CODE),
             "training data": release.artifact(K.TRAINING_DATA)}
    states = {name: _open_state(release, a) for name, a in parts.items()}
    evidence = tuple(p for a in parts.values() if a.license for p in a.license.evidence[:1]) or \
        evidence_for(release, parts["weights"])
    opened = [n for n, s in states.items() if s is True]
    unknown = [n for n, s in states.items() if s is None]
    absent = [n for n, a in parts.items() if a.status == Status.ABSENT]
    closed = [n for n, s in states.items() if s is False and n not in absent]
    note = (f"Under open licenses: {', '.join(opened) or 'none'}"
            + (f"; not open: {', '.join(closed)}" if closed else "")
            + (f"; not published: {', '.join(absent)}" if absent else "")
            + (f"; not established: {', '.join(unknown)}" if unknown else "") + ".")
    if len(opened) == 3:
        return Rating("open", "Weights, training code and training data are all under open licenses.", evidence)
    if len(opened) >= 2:
        return Rating("partial", note, evidence)
    if len(opened) + len(unknown) < 2:
        return Rating("closed", note, evidence)
    return Rating("unknown", note, evidence)


RATERS: dict[str, Callable[[Release], Rating]] = {
    "datasources_basemodel": datasources_basemodel,
    "datasources_endmodel": datasources_endmodel,
    "weights_basemodel": weights_basemodel,
    "weights_endmodel": weights_endmodel,
    "trainingcode": trainingcode,
    "code": code,
    "hardware_architecture": hardware_architecture,
    "preprint": preprint,
    "paper": paper,
    "modelcard": modelcard,
    "datasheet": datasheet,
    "licenses": licenses,
}


def score(ratings: dict[str, str]) -> float:
    """The index's score: the mean of open = 1, partial = 0.5, anything else 0 over the dimensions."""
    weights = values()
    return sum(weights.get(ratings[d.key], 0.0) for d in dimensions()) / len(dimensions())


def grade(release: Release) -> FrameworkResult:
    ratings = {d.key: RATERS[d.key](release) for d in dimensions()}
    total = score({k: r.value for k, r in ratings.items()})
    categories: dict[str, list[float]] = {}
    for d in dimensions():
        categories.setdefault(d.category, []).append(values().get(ratings[d.key].value, 0.0))
    counts = {v: sum(1 for r in ratings.values() if r.value == v) for v in ("open", "partial", "closed", "unknown")}
    order = {"closed": 0, "unknown": 1, "partial": 2, "open": 3}
    ranked = sorted(dimensions(), key=lambda d: order[ratings[d.key].value])
    reasons = [Reason(f"{d.title} ({d.key}): {ratings[d.key].value}. {ratings[d.key].note}", ratings[d.key].evidence)
               for d in ranked]
    best = score({k: ("open" if r.value == "unknown" else r.value) for k, r in ratings.items()})
    summary = (f"score {total:.2f} (open {counts['open']}, partial {counts['partial']}, closed {counts['closed']}, "
               f"unknown {counts['unknown']} of 12)")
    fields: dict[str, Any] = {
        "score": round(total, 4),
        "score_if_unknown_open": round(best, 4),
        "category_scores": {c: round(sum(v) / len(v), 4) for c, v in categories.items()},
        "dimensions": {
            d.key: {
                "class": ratings[d.key].value,
                "link": _link(ratings[d.key].evidence),
                "notes": ratings[d.key].note,
                "category": d.category,
                "evidence": [p.to_dict() for p in ratings[d.key].evidence],
            }
            for d in dimensions()
        },
        "because": (f"the index averages {len(dimensions())} transparency dimensions and the license is only one of "
                    f"them ({ratings['licenses'].value}); {summary}"),
    }
    return FrameworkResult(KEY, NAME, f"{total:.2f}", summary, tuple(reasons), fields)

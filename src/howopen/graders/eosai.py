"""The European Open Source AI Index (osai-index.eu): 12 dimensions, each open, partial, closed or unknown, and a score.

The dimensions and their order come from the index's data (`data/eosai-dimensions.yaml`); the score is computed as
the index's website computes it: open = 1, partial = 0.5, anything else 0, averaged over the 12 dimensions
(`unknown` counts 0, as a missing entry does there). Each dimension carries a link (the URL or file it rests on)
and a note saying what was seen. Where the index asks for a judgment a program cannot make (is the code
*well* documented? is the paper peer-reviewed?), the dimension is `unknown`, with the reason.

How howopen reads each dimension from the evidence (the rules as the index's experts apply them; sources in
docs/frameworks.md):

- `weights_endmodel`: open when the weights are published, partial when the download is gated (a gated Hub
  repository, or a catalog record's `access: gated-weights`), closed when absent.
- `weights_basemodel`, `datasources_basemodel`: for a release with no base model, the same as the end model (the
  index mirrors them when base and end model are not distinct); for a derivative, the base model's own evidence
  (`base_evidence`: the catalog's record of the base, else the base's card or Hub repository as the lineage stage
  found it; not a base named by weak signals only), else unknown.
- `datasources_endmodel`: open when the training datasets are listed and described, partial when only one of the
  two, closed when neither. Evaluation benchmarks named in `datasets:` are evaluation data, not training data.
- `trainingcode`: open with training and data-processing code, partial with training code only, closed with none.
- `code`: closed when no code is published; otherwise unknown (documentation quality is not assessed).
- `hardware_architecture`: open when the architecture is published and a technical report or paper documents the
  training, partial with the architecture alone, closed with neither.
- `preprint`: open for the release's own report or paper; unknown when the card only cites papers (whose they
  are is not shown); closed when it links none.
- `paper`: partial for a paper at a venue (DOI, ACL Anthology, proceedings), closed when no peer-reviewed paper is
  linked.
- `modelcard`: open when the card covers the architecture, the training data and evaluation results, partial
  when it covers less, closed with no card.
- `datasheet`: open with a datasheet or data card, partial with the datasets' Hub cards, closed with neither (a
  training-data section of the model card is not a datasheet).
- `licenses`: open when weights, training code and training data are all openly licensed; partial when the
  license binding the weights is open and the rest is not shown to be, or when only the code or data is open;
  closed when nothing is; unknown when the weights' license is not identified.
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
from .base_evidence import nearest_base, qualified
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
    gate = gated(release)
    if gate is not None:
        return Rating("partial", "Weights are published behind a gated download (the index rates gated weights "
                      "partial).", (*evidence[:1], gate))
    return Rating("open", "Weights are published for download.", evidence)


def gated(release: Release) -> Provenance | None:
    """Where the weights are shown to sit behind a gate: a gated Hub repository (`gated`, from the Hub or the card's
    `extra_gated_*` fields) or a catalog record's `access: gated-weights`. None when not gated or not known."""
    gate = release.facts.get("gated")
    if gate is not None and gate.value:
        return gate.provenance
    access = release.facts.get("access")
    if access is not None and access.value == "gated-weights":
        return access.provenance
    return None


def _base_unknown(release: Release, what: str, refused: str | None = None,
                  refused_evidence: tuple[Provenance, ...] = ()) -> Rating:
    ids = [b.id for b in release.base_models] or [a.id for a in release.lineage]
    evidence = tuple(b.provenance for b in release.base_models if b.provenance)[:2]
    if refused is not None:
        return Rating("unknown", f"The base model's {what} were not assessed: {refused}.",
                      refused_evidence or evidence or (Provenance(release.target, method="base model"),))
    return Rating("unknown", f"The base model ({', '.join(ids)}) is a separate release; its {what} were not assessed "
                  f"(grading {ids[0] if ids else 'the base model'} itself would settle it).",
                  evidence or (Provenance(release.target, method="base model"),))


def _base_rating(release: Release, rater: Callable[[Release], Rating], what: str) -> Rating:
    """A derivative's base dimension from the base model's own evidence (`base_evidence.nearest_base`: the catalog's
    record, or the release the lineage stage found), graded by the end-model rule; unknown when none is at hand."""
    base = nearest_base(release)
    if base is None or base.release is None:
        return _base_unknown(release, what, base.refused if base else None, base.evidence if base else ())
    rating = rater(base.release)
    return Rating(rating.value, f"From the base model {base.ident}'s own evidence ({base.how}): {rating.note}",
                  qualified(rating.evidence, base))


def _unnamed_base(release: Release, what: str) -> Rating | None:
    """When the card says the model was tuned from another but no base model is known, the base is a separate
    release that cannot be graded: its dimension is not the end model's (OpenChat 3.5 is "fine-tuned with
    C-RLFT" from a base its card does not name)."""
    tuned = release.facts.get("tuned")
    if tuned is None or not tuned.value:
        return None
    return Rating("unknown", f"The card says the model was tuned from another ({tuned.provenance.cite()}) but names "
                  f"no base model, so the base's {what} are not the end model's and were not assessed (naming the "
                  "base model would settle it).", (tuned.provenance,))


def weights_basemodel(release: Release) -> Rating:
    if _has_base(release):
        return _base_rating(release, weights_endmodel, "weights")
    unnamed = _unnamed_base(release, "weights")
    if unnamed is not None:
        return unnamed
    rating = weights_endmodel(release)
    return Rating(rating.value, "Base and end model are the same release. " + rating.note, rating.evidence)


def datasources_endmodel(release: Release) -> Rating:
    """Open when the training datasets are shared for inspection: listed as published datasets (Hub datasets, the
    card's `datasets:`) and described, or published under a license; partial when listed but not described;
    closed when the data is only described in prose and nothing is listed to inspect (the index's "not open for
    inspection": Yi, Phi, DeepSeek-R1 are closed with their data described in general terms)."""
    listing = release.artifact(K.TRAINING_DATA)
    section = release.facts.get("data_information")
    card = release.artifact(K.DATA_CARD)
    described = card.status == Status.PRESENT or section is not None
    datasets = listing.details.get("datasets") or []
    evidence = (*evidence_for(release, listing)[:2], *((section.provenance,) if section else ()))
    named = f" ({', '.join(map(str, datasets[:5]))}{', ...' if len(datasets) > 5 else ''})" if datasets else ""
    if listing.status == Status.PRESENT and listing.license is not None:
        return Rating("open", f"Training data is published under a license{named}.", evidence)
    if listing.status == Status.PRESENT and described:
        return Rating("open", f"Training data is listed for inspection{named} and described (the index rates "
                      "listed, published datasets open; their own licenses are not read here).", evidence)
    if listing.status == Status.PRESENT:
        return Rating("partial", f"Training data is listed{named} but not described.", evidence)
    if described:
        return Rating("closed", "Training data is described, but nothing is listed that could be inspected (the "
                      "index's closed: not open for inspection; naming the datasets would settle it).", evidence)
    if listing.status == Status.ABSENT:
        return Rating("closed", f"No training data is listed or described: {listing.reason}.", evidence)
    return Rating("unknown", f"Training data: {listing.reason}.", evidence)


def datasources_basemodel(release: Release) -> Rating:
    if _has_base(release):
        return _base_rating(release, datasources_endmodel, "training data sources")
    unnamed = _unnamed_base(release, "training data sources")
    if unnamed is not None:
        return unnamed
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
    """The index asks for the architecture *and* the training setup: open when the architecture is published and
    the training hardware is documented (the card names it, e.g. "trained on 384 A100 GPUs"), partial when only
    one of them is, or a report documents them in terms howopen does not read, closed with neither. A card that
    only names the model's architecture in its model-details section, with neither the training setup nor a
    report of its own, documents neither in the experts' sense: closed (FastChat-T5, Bark; Bielik "No information
    on hyperparameters found"; Solar "Precise architecture, training, fine-tuning procedures not given")."""
    architecture = release.artifact(K.MODEL_ARCHITECTURE)
    hardware = release.facts.get("training_hardware")
    papers = [a for a in (release.artifact(K.TECHNICAL_REPORT), release.artifact(K.RESEARCH_PAPER))
              if a.status == Status.PRESENT]
    evidence = (*evidence_for(release, architecture)[:1], *((hardware.provenance,) if hardware else ()),
                *(p for a in papers for p in a.evidence[:1]))
    if architecture.status == Status.PRESENT and hardware is not None:
        return Rating("open", f"The architecture is published and the training hardware is documented "
                      f"({hardware.value}).", evidence)
    if architecture.status == Status.PRESENT and hardware is None and not papers \
            and architecture.details.get("via") == "model card section":
        return Rating("closed", "The card names the architecture in its model-details section, but documents "
                      "neither the training setup (hardware, hyperparameters) nor links a report of its own (the "
                      "release's technical report would settle it).", evidence)
    if architecture.status == Status.PRESENT or hardware is not None or papers:
        shown = ("the architecture" if architecture.status == Status.PRESENT else
                 "the training hardware" if hardware is not None else "a report or paper")
        return Rating("partial", f"Only {shown} is documented; the architecture and the training setup (hardware) "
                      "are not both shown (a report naming them would settle it).", evidence)
    if architecture.status == Status.ABSENT:
        return Rating("closed", f"Architecture and training setup are not documented: {architecture.reason}.",
                      evidence)
    return Rating("unknown", f"Architecture: {architecture.reason}.", evidence)


def _paper_urls(artifact: Artifact) -> list[str]:
    return [loc for loc in artifact.locations if "://" in loc]


def _own_papers(release: Release) -> list[tuple[Artifact, str]]:
    """The release's own report and paper (presented as its own, or a PDF it ships), with their addresses."""
    out = []
    for kind in (K.TECHNICAL_REPORT, K.RESEARCH_PAPER):
        artifact = release.artifact(kind)
        if artifact.status == Status.PRESENT:
            out += [(artifact, u) for u in (_paper_urls(artifact) or list(artifact.locations[:1]) or [""])]
    return out


def _cited_only(release: Release) -> list[str]:
    paper = release.artifact(K.RESEARCH_PAPER)
    return [str(c) for c in paper.details.get("cited") or []] if paper.status == Status.UNKNOWN else []


def preprint(release: Release) -> Rating:
    """The release's own report or paper, on arXiv or published as a document, is its preprint (open: the index
    rates Llama 3.1's arXiv report and Gemma 3's PDF report open). Papers the card only cites (the base model's, a
    method's) are not the release's preprint (the index rates Starling-LM-7B-beta closed: "linked preprint not by
    model creators"), but a cited paper may be the makers' own without the card saying so: unknown."""
    own = [(a, u) for a, u in _own_papers(release) if a.details.get("linked") is not False]
    report = release.artifact(K.TECHNICAL_REPORT)
    paper = release.artifact(K.RESEARCH_PAPER)
    venues = [v for v in paper.details.get("venues") or [] if isinstance(v, dict)]
    if not own and paper.status == Status.PRESENT and venues:
        return Rating("unknown", "The card asks readers to cite the makers' own paper at a venue "
                      f"({venues[0]['venue']}) but links no preprint of it; whether an archived preprint exists "
                      "is not shown (the paper's arXiv listing would settle it).", paper.evidence)
    if own:
        artifact, url = own[0]
        where = f" ({url})" if url else ""
        return Rating("open", f"The release's own {str(artifact.kind).replace('_', ' ')} is published{where}.",
                      artifact.evidence)
    cited = _cited_only(release)
    if cited:
        return Rating("unknown", f"The card cites {', '.join(cited[:3])}, but presents none as this release's own; "
                      "the index counts only a preprint by the release's makers, and whether one of these is theirs "
                      "is not shown (the papers' author lists, or a card naming its report, would settle it).",
                      paper.evidence)
    if report.status == Status.ABSENT and paper.status == Status.ABSENT:
        return Rating("closed", "No preprint is linked.", evidence_for(release, paper))
    return Rating("unknown", f"Papers: {paper.reason}.", evidence_for(release, paper))


def paper(release: Release) -> Rating:
    """Peer review: a paper linked at a venue (DOI, ACL Anthology, proceedings) is partial (coverage not checked).
    When the release's own preprint is published but no venue version is linked, whether it was peer reviewed is
    not shown (the index finds venue versions a card does not link: Magicoder, CodeGeeX, OpenELM, BLOOMZ,
    DeepSeek-R1), so unknown. With no paper of its own, closed, as the index rates releases with no peer-reviewed
    paper known."""
    found = release.artifact(K.RESEARCH_PAPER)
    report = release.artifact(K.TECHNICAL_REPORT)
    urls = _paper_urls(found) + _paper_urls(report)
    reviewed = [u for u in urls if not _ARXIV.search(u) and "10.48550/" not in u.lower()  # arXiv's own DOIs
                and re.search(r"doi\.org|aclanthology|proceedings|openreview|neurips|jmlr|ieee|acm\.org", u, re.I)]
    if reviewed:
        return Rating("partial", f"A paper at a venue is linked ({reviewed[0]}); whether it covers every part is "
                      "not checked.", (*found.evidence[:1], *report.evidence[:1]))
    venues = [v for v in found.details.get("venues") or [] if isinstance(v, dict)] \
        if found.status == Status.PRESENT else []
    if venues:
        return Rating("partial", f"The card's citation of the makers' own paper names a peer-reviewed venue "
                      f"({venues[0]['venue']}); whether it covers every part is not checked.", found.evidence)
    own = _own_papers(release)
    if own:
        _artifact, url = own[0]
        return Rating("unknown", f"The release's own preprint or report{f' ({url})' if url else ''} is published; "
                      "whether it was later published after peer review is not shown by the release (the index "
                      "looks the paper up: a DOI, the proceedings, or arXiv's journal reference would settle it).",
                      (*found.evidence[:1], *report.evidence[:1]))
    if found.status == Status.UNKNOWN and found.details.get("named"):
        return Rating("unknown", f"Papers: {found.reason}; whether it was peer reviewed is not shown.",
                      found.evidence)
    card = release.artifact(K.MODEL_CARD)
    if found.status in (Status.PRESENT, Status.ABSENT) or report.status == Status.PRESENT \
            or _cited_only(release) or card.status == Status.PRESENT:
        return Rating("closed", "No peer-reviewed paper is linked (a DOI or proceedings link would settle it "
                      "otherwise).", (*found.evidence[:1], *report.evidence[:1]) or evidence_for(release, found))
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


# A dataset card that fills at least this many of a datasheet's seven sections (Gebru et al.: motivation, composition,
# collection, preprocessing, uses, distribution, maintenance; sources/datasheet.py reads them) is a datasheet.
DATASHEET_SECTIONS = 5


def datasheet(release: Release) -> Rating:
    """A datasheet is a document about a dataset (Gebru et al. 2021, or an EU AI Act training-data summary): a data
    card the release publishes or links. A training-data section of the model card is part of the model card, not
    a datasheet (the index rates such releases closed, e.g. Llama 3.1, Gemma 3)."""
    card = release.artifact(K.DATA_CARD)
    section = release.facts.get("data_information")
    if card.status == Status.PRESENT:
        via = str(card.details.get("via") or "")
        filled = card.details.get("datasheet_coverage")
        if isinstance(filled, int) and filled >= DATASHEET_SECTIONS:
            return Rating("open", f"A training dataset's card is a datasheet: {card.details.get('datasheet')}.",
                          evidence_for(release, card))
        if isinstance(filled, int):
            return Rating("partial", f"The training datasets have data cards on the Hub, but not a full datasheet: "
                          f"{card.details.get('datasheet')} (at least {DATASHEET_SECTIONS} would make it one).",
                          evidence_for(release, card))
        if "hub" in via.lower() or card.details.get("datasets"):
            return Rating("partial", "The training datasets have data cards on the Hub; whether they are "
                          "comprehensive datasheets is not assessed.", evidence_for(release, card))
        return Rating("open", "A data card (datasheet) is published.", evidence_for(release, card))
    if card.status == Status.UNKNOWN and card.locations:
        return Rating("unknown", f"Datasheet: {card.reason} (reading the datasets' cards would settle it).",
                      evidence_for(release, card))
    if section is not None or card.status == Status.ABSENT or release.artifact(K.MODEL_CARD).status == Status.PRESENT:
        where = (f" The model card's training-data section ({section.value.get('section')}) is part of the model "
                 "card, not a datasheet." if section is not None else "")
        evidence = (section.provenance,) if section is not None else evidence_for(release, card)
        return Rating("closed", f"No datasheet is published or linked.{where}", evidence)
    return Rating("unknown", f"Datasheet: {card.reason}.", evidence_for(release, card))


def _open_state(release: Release, artifact: Artifact) -> bool | None:
    """Is this artifact under an open license? None when unknown (unread, unrecognized, or not established)."""
    if artifact.status == Status.ABSENT:
        return False
    if artifact.status == Status.UNKNOWN and artifact.kind != K.WEIGHTS:
        return None
    ref = artifact.license
    if artifact.kind == K.WEIGHTS:  # if published, the weights are under the license that binds them
        binding, _lic = worst_binding(weights_bindings(release))
        ref = binding.ref if binding else ref
    openness = judge(ref)
    if openness is None:
        return None
    if openness.open is False and not openness.recognized:
        return None
    return openness.open


def _open_code(release: Release) -> Artifact | None:
    """Code the release publishes under an open license (any kind: training, inference, evaluation, processing)."""
    for kind in (K.TRAINING_CODE, K.INFERENCE_CODE, K.EVALUATION_CODE, K.DATA_PROCESSING_CODE):
        artifact = release.artifact(kind)
        if artifact.status == Status.PRESENT and artifact.license is not None and _open_state(release, artifact):
            return artifact
    return None


def licenses(release: Release) -> Rating:
    """Graded from the licenses as the experts apply the criterion. The license binding the weights decides: an
    open (OSI-approved) license is open, as the index rates releases under Apache-2.0 or MIT with code and data
    unpublished ("Apache-2.0, an OSI-approved license": AMD Llama Code, Jamba, Phi, Yi, NeuralChat; 15 of 24
    such records in bench/data/eosai), unless another part is known to be under a license that is not open
    ("only parts": partial, RedPajama "the data itself is variably licensed"). When the weights' license is not
    open, partial needs "at least two" openly licensed parts among weights, training code and data, or the
    release's code open beside a bespoke model license (BLOOMZ, DeepSeek-Coder: code Apache/MIT, model RAIL or
    bespoke); otherwise closed (Llama, Gemma, Falcon-180B). The weights' license is the one that binds them,
    lineage included. Unknown when the weights' license is not identified; reading it would settle it."""
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
    weights = states["weights"]
    if len(opened) == 3:
        return Rating("open", "Weights, training code and training data are all under open licenses.", evidence)
    if weights is True and not closed:
        return Rating("open", "The license binding the weights is an open license, and no other part is known to be "
                      "under one that is not (the index rates such releases open). " + note, evidence)
    if weights is True:
        return Rating("partial", f"The license binding the weights is open, but the {' and '.join(closed)} "
                      f"{'is' if len(closed) == 1 else 'are'} not openly licensed: only parts are. " + note, evidence)
    if weights is False:
        code = _open_code(release)
        if len(opened) >= 2 or code is not None:
            what = ", ".join(opened) if code is None else f"the {str(code.kind).replace('_', ' ')}"
            extra = tuple(code.license.evidence[:1]) if code is not None and code.license else ()
            return Rating("partial", f"The weights' license is not open; only parts are openly licensed ({what}). "
                          + note, (*evidence, *extra))
        return Rating("closed", "The license binding the weights is not an open license. " + note, evidence)
    return Rating("unknown", "The license binding the weights is not identified (reading its text would settle it). "
                  + note, evidence)


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
    answered = [values().get(r.value, 0.0) for r in ratings.values() if r.value != "unknown"]
    summary = (f"score {total:.2f} (open {counts['open']}, partial {counts['partial']}, closed {counts['closed']}, "
               f"unknown {counts['unknown']} of 12)")
    fields: dict[str, Any] = {
        "score": round(total, 4),
        "score_if_unknown_open": round(best, 4),
        # imputation-free: the mean over the dimensions answered (None when none is); unknown is neither 0 nor 1
        "score_over_answered": round(sum(answered) / len(answered), 4) if answered else None,
        "answered": len(answered),
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

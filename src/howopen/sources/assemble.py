"""Turns a `Snapshot` (files, card, headers, license texts) into a `Release`: artifacts, claims, links, facts.

The rules are the same for every source. What the files show is present; what a complete file listing and
the card both lack is absent; anything else is unknown, with the reason.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from importlib import resources

import yaml

from ..ancestry.collect import collect as collect_lineage
from ..evidence import (
    CODE_KINDS,
    Artifact,
    ArtifactKind,
    BaseModelRef,
    ClaimKind,
    Fact,
    Gap,
    LicenseClaim,
    Link,
    LinkKind,
    Provenance,
    Release,
    Status,
)
from ..licenses.identify import license_sentences, names_no_license
from . import prose_data
from .card import ModelCard, as_strings, base_models, body_links, datasheet_links, sections
from .cardscope import LICENSE, CardScope, read_scope
from .citations import own_papers
from .files import Role
from .snapshot import Snapshot
from .tuning import tuned_statement

K = ArtifactKind

_REPORT_CONTEXT = re.compile(r"technical report|tech(nical)?[ -]report|\breport\b", re.I)
_INTERMEDIATE = re.compile(
    r"intermediate checkpoints?|(training|intermediate) checkpoints? (are|is) (available|released|provided)|"
    r"revision\s*=\s*[\"']?(step|checkpoint)[-_]?\d+|\bstep\d{3,}\b|checkpoints? .{0,40}\bbranch(es)?\b",
    re.I,
)
_USAGE_SNIPPET = re.compile(r"from_pretrained\(|pipeline\(|\.generate\(|llama-cli|ollama run|vllm serve", re.I)
_BENCHMARKS = re.compile(
    r"\b(MMLU|GSM8K|HellaSwag|ARC[- ](Challenge|Easy|c|e)\b|TruthfulQA|HumanEval|MBPP|WinoGrande|PIQA|"
    r"BoolQ|LAMBADA|BIG-?Bench|MT-Bench|AlpacaEval|GPQA|MATH\b|IFEval|LiveCodeBench|SWE-bench|C-Eval|CMMLU|"
    r"WER\b|LibriSpeech|ImageNet|COCO|FID\b)",
)
_TOKENS = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(trillion|billion|million|thousand|[TBMK])?\b\+?\s*"
    r"(?:training\s+|text\s+|high-quality\s+|multilingual\s+|pre-?training\s+)?tokens\b",
    re.I,
)
# Token counts that are not the size of the training data: batch sizes, context windows, sequence lengths,
# vocabularies, generation limits and speeds. Looked for in the clause before a count and the words after it.
_TOKENS_NOT_DATA_BEFORE = re.compile(
    r"batch|every|context|window|sequence|\bseq\b|\blength|\blen\b|max(imum)?[_ ]|vocab|generat|up to|output|"
    r"input|prompt|chunk|per[- ](step|gpu|device|batch)|throughput|speed", re.I)
_TOKENS_NOT_DATA_AFTER = re.compile(
    r"^\W{0,3}(per\b|/\s*s\b|/\s*sec|a second|each\b|context|window|batch|sequence|long\b|vocab)", re.I)
_TRAINING_CONTEXT = re.compile(r"\b((pre-?)?train(s|ed|ing)?|fine-?tun(ed|ing)|saw|seen)\b", re.I)
# A count's own clause starts after the last of these: "an 8k context length trained on 627B tokens" is about
# the training data, "trained with a batch size of 4M tokens" is not.
_CLAUSE_BREAK = re.compile(r"[,;()]|\.\s|\btokens\b|\band\b|\bwhile\b|"
                           r"\b(?:(?:pre-?)?train(?:ed|ing)?|fine-?tuned)\s+(?:on|for)\b|\bconsists? of\b", re.I)
_LIST_ITEM = re.compile(r"^\s*([-*+>|#]|\d+[.)])")
MIN_TRAINING_TOKENS = 1_000_000  # fewer is a length or a limit, not a training corpus
# The hardware a model was trained on, named in the card: the index's "training setup" (hardware_architecture).
_HARDWARE = re.compile(r"\b(?:[AHV]100|H200|B200|A800|H800|MI[23]\d\dX?|TPU\s?v\d\w*|Trainium|Gaudi\d?|"
                       r"\d[\d,]*\s+(?:NVIDIA\s+)?(?:GPUs|TPUs|accelerators)|GPU[- ]hours)\b", re.I)
_FLOPS = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:[x×*]\s*10\^?\s*(?:<sup>)?(\d{2})(?:</sup>)?|e\+?(\d{2}))\s*(?:FLOPs?|floating)",
    re.I,
)
PROSE_VIA = "training datasets named in the card's prose"
_DATA_SECTION = re.compile(r"train(ing)?[ _-]?data|dataset|pre-?training data|data (sources|mixture)|corpus",
                           re.I)
_EVAL_SECTION = re.compile(r"evaluat|benchmark|results|performance", re.I)
_ARCH_SECTION = re.compile(r"architecture|model details|model summary|hyper-?parameters", re.I)
_CODE_CONTEXT = re.compile(r"\b(code|training|train|repo|repository|github|source|implementation|scripts?|"
                           r"fine-?tun|pre-?train|reproduc|recipe)\b", re.I)


@functools.cache
def dependency_repositories() -> frozenset[str]:
    """Libraries models run on (data file): linking them says how to run a model, not where its code is."""
    text = resources.files("howopen.sources").joinpath("data/dependency_repos.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


_SCALE = {"t": 1e12, "trillion": 1e12, "b": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3,
          "thousand": 1e3, "": 1.0}


def _files(snapshot: Snapshot, *roles: Role) -> list[str]:
    return [f.path for f in snapshot.files if f.classified.role in roles]


def _unseen(snapshot: Snapshot, kind: ArtifactKind, what: str, card_checked: bool = True) -> Artifact:
    """Absent when the file listing is complete (and the card, if any, names none); unknown otherwise."""
    if snapshot.listing_complete:
        tail = " and the model card gives none" if snapshot.card is not None and card_checked else ""
        if snapshot.card is None:
            tail = " (which has no readable model card)"
        return Artifact(kind, Status.ABSENT, reason=f"no {what} in the repository{tail}")
    if snapshot.card is not None and not card_checked:
        return Artifact(kind, Status.UNKNOWN, reason="only the model card was available, not the file listing")
    if snapshot.card is not None:
        return Artifact(kind, Status.UNKNOWN,
                        reason=f"the model card gives no {what}, and the file listing was not available")
    return Artifact(kind, Status.UNKNOWN, reason="neither a file listing nor a model card was available")


def _present(snapshot: Snapshot, kind: ArtifactKind, paths: list[str], method: str, **details: object) -> Artifact:
    shown = paths[:20]
    return Artifact(
        kind,
        Status.PRESENT,
        evidence=tuple(snapshot.provenance(p, method=method) for p in shown[:5]),
        locations=tuple(shown),
        details={"files": len(paths), **details},
    )


def _card_line_artifact(kind: ArtifactKind, card: ModelCard, line: int, text: str, method: str,
                        in_card: bool = True, **details: object) -> Artifact:
    """An artifact the card's text shows. `in_card` when the card itself carries it (and so its license)."""
    return Artifact(
        kind,
        Status.PRESENT,
        evidence=(Provenance(card.path, line=line, method=method, quote=text.strip()[:200]),),
        locations=("README.md",) if in_card else (),
        details=details,
    )


def _find_line(card: ModelCard, pattern: re.Pattern[str], start: int | None = None) -> tuple[int, str] | None:
    lines = card.text.split("\n")
    for number in range(start or card.body_start_line, len(lines) + 1):
        if pattern.search(lines[number - 1]):
            return number, lines[number - 1]
    return None


# ----------------------------------------------------------------------------------------------------------------
# Weights


def _weights(snapshot: Snapshot) -> Artifact:
    paths = _files(snapshot, Role.WEIGHTS, Role.WEIGHTS_INDEX)
    if paths and all(f.classified.role == Role.WEIGHTS_INDEX for f in snapshot.files if f.path in paths):
        return Artifact(K.WEIGHTS, Status.UNKNOWN, evidence=(snapshot.provenance(paths[0], method="file-listing"),),
                        reason=f"{paths[0]} names the weight files, but none of them is here")
    if not paths and snapshot.weights_elsewhere:
        return Artifact(K.WEIGHTS, Status.UNKNOWN, reason="no weight files in this folder; a local folder cannot "
                        "show that the weights were not published elsewhere")
    if not paths:
        return _unseen(snapshot, K.WEIGHTS, "weight files", card_checked=False)
    formats = sorted({_format_of(p) for p in paths if not p.endswith(".json")})
    total_bytes = sum(f.size or 0 for f in snapshot.files if f.path in paths and not f.path.endswith(".json"))
    details: dict[str, object] = {"formats": formats, "bytes": total_bytes}
    headers = [h for p, h in snapshot.headers.items() if p in paths and not snapshot.missing_shards]
    if headers:
        details["parameters"] = sum(h.parameters for h in headers)
        dtypes: dict[str, int] = defaultdict(int)
        for header in headers:
            for dtype, count in header.dtypes.items():
                dtypes[dtype] += count
        details["dtype"] = max(dtypes, key=lambda d: dtypes[d]) if dtypes else None
    artifact = _present(snapshot, K.WEIGHTS, paths, "file-listing", **details)
    return artifact


def _format_of(path: str) -> str:
    suffix = path.rsplit(".", 1)[-1].lower()
    return {"bin": "pytorch-bin", "pt": "pytorch", "pth": "pytorch", "ckpt": "checkpoint", "h5": "keras-h5",
            "msgpack": "flax-msgpack"}.get(suffix, suffix)


def _intermediate(snapshot: Snapshot) -> Artifact:
    paths = _files(snapshot, Role.INTERMEDIATE_WEIGHTS, Role.TRAINING_STATE)
    if paths:
        return _present(snapshot, K.INTERMEDIATE_WEIGHTS, paths, "file-listing")
    card = snapshot.card
    if card is not None:
        found = _find_line(card, _INTERMEDIATE)
        if found:
            return _card_line_artifact(K.INTERMEDIATE_WEIGHTS, card, found[0], found[1], "card-text",
                                       via="model card")
    return Artifact(K.INTERMEDIATE_WEIGHTS, Status.UNKNOWN,
                    reason="intermediate checkpoints usually live in other revisions of a repository; neither "
                           "the files nor the model card show any")


# ----------------------------------------------------------------------------------------------------------------
# Architecture, configuration, tokenizer


def _json_key_line(text: str | None, key: str) -> int | None:
    if not text:
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if f'"{key}"' in line:
            return number
    return None


def _architecture(snapshot: Snapshot, code: dict[ArtifactKind, list[str]]) -> Artifact:
    config = snapshot.config or {}
    archs = as_strings(config.get("architectures"))
    model_type = config.get("model_type") if isinstance(config.get("model_type"), str) else None
    if archs or model_type:
        key = "architectures" if archs else "model_type"
        line = _json_key_line(snapshot.config_text, key)
        return Artifact(
            K.MODEL_ARCHITECTURE,
            Status.PRESENT,
            evidence=(snapshot.provenance("config.json", line=line, method="config.json"),),
            locations=("config.json", *code.get(K.MODEL_ARCHITECTURE, [])[:10]),
            details={"architectures": archs, "model_type": model_type},
        )
    if code.get(K.MODEL_ARCHITECTURE):
        return _present(snapshot, K.MODEL_ARCHITECTURE, code[K.MODEL_ARCHITECTURE], "file-listing")
    for path, header in snapshot.headers.items():
        arch = header.metadata.get("general.architecture")
        if arch:
            return Artifact(K.MODEL_ARCHITECTURE, Status.PRESENT,
                            evidence=(snapshot.provenance(path, method="gguf-header"),),
                            locations=(path,), details={"architectures": [str(arch)]})
    card = snapshot.card
    if card is not None:
        for title, start, _end in sections(card):
            if _ARCH_SECTION.search(title):
                return _card_line_artifact(K.MODEL_ARCHITECTURE, card, start, title, "card-section",
                                           via="model card section")
    return _unseen(snapshot, K.MODEL_ARCHITECTURE, "architecture description (config.json or model code)")


def _simple(snapshot: Snapshot, kind: ArtifactKind, role: Role, what: str) -> Artifact:
    paths = _files(snapshot, role)
    if paths:
        return _present(snapshot, kind, paths, "file-listing")
    if kind == K.TOKENIZER and any("tokenizer.ggml.model" in str(h.metadata) or h.format == "gguf"
                                   for h in snapshot.headers.values()):
        gguf = next(p for p, h in snapshot.headers.items() if h.format == "gguf")
        return Artifact(kind, Status.PRESENT, evidence=(snapshot.provenance(gguf, method="gguf-header"),),
                        locations=(gguf,), details={"via": "embedded in GGUF"})
    return _unseen(snapshot, kind, what, card_checked=False)


# ----------------------------------------------------------------------------------------------------------------
# Code


def _code_by_kind(snapshot: Snapshot) -> dict[ArtifactKind, list[str]]:
    found: dict[ArtifactKind, list[str]] = defaultdict(list)
    for entry in snapshot.files:
        classified = entry.classified
        if classified.role == Role.CODE and classified.code_kind is not None:
            found[classified.code_kind].append(entry.path)
    return found


_IMPORT = re.compile(r"^\s*(?:from\s+([A-Za-z_][\w]*)[\w.]*\s+import\b|import\s+([A-Za-z_][\w]*))")
_CLI_TOOLS = {"llama-cli": "llama.cpp", "llama-server": "llama.cpp", "ollama": "ollama", "vllm": "vllm",
              "mlx_lm": "mlx-lm", "text-generation-launcher": "text-generation-inference"}
_STANDARD = {"os", "sys", "json", "re", "math", "time", "typing", "pathlib", "io", "base64", "random"}


def _usage_example(card: ModelCard) -> tuple[int, str, list[str]] | None:
    """The first usage example in the card: its line, text, and the libraries it runs the model with (the
    modules its code block imports, or the command-line tool it calls)."""
    found = _find_line(card, _USAGE_SNIPPET)
    if found is None:
        return None
    lines = card.text.split("\n")
    number = found[0]
    top = number
    while top > card.body_start_line and not lines[top - 2].lstrip().startswith("```"):
        top -= 1
    bottom = number
    while bottom < len(lines) and not lines[bottom].lstrip().startswith("```"):
        bottom += 1
    block = lines[max(top - 1, number - 60) : min(bottom, number + 60)]
    libraries: list[str] = []
    for line in block:
        m = _IMPORT.match(line)
        name = (m.group(1) or m.group(2)) if m else None
        if name is None:
            name = next((lib for tool, lib in _CLI_TOOLS.items() if re.search(rf"(^|\s){re.escape(tool)}\b", line)),
                        None)
        if name and name not in _STANDARD and name not in libraries:
            libraries.append(name)
    return number, found[1], libraries


def _documented_usage(artifact: Artifact, card: ModelCard, usage: tuple[int, str, list[str]]) -> Artifact:
    """A usage example in the card is documentation of how to run the model, not inference code of the release.

    `from transformers import ...` / `llama-cli -m ...` runs the model with someone else's library: that code is
    not published by this release, and the weights' license does not make it the release's inference code. So the
    example never makes inference code present; it is recorded on the artifact (details `usage_documented`,
    `libraries`, and the example's line as evidence), and the status stays what the files say: absent when the
    file listing is complete and holds no inference code, unknown when the listing was not available.
    """
    number, text, libraries = usage
    using = ", ".join(libraries) if libraries else "a library"
    note = (f"the model card shows how to run it with {using} ({card.path}:{number}), third-party code that is "
            "not part of this release")
    reason = f"{artifact.reason}; {note}" if artifact.reason else note
    return replace(artifact, reason=reason,
                   evidence=(Provenance(card.path, line=number, method="card-usage-example", quote=text.strip()[:200]),
                             *artifact.evidence),
                   details={**artifact.details, "usage_documented": True, "libraries": libraries})


def _code(snapshot: Snapshot, kind: ArtifactKind, code: dict[ArtifactKind, list[str]],
          repos: list[Link]) -> Artifact:
    if code.get(kind):
        return _present(snapshot, kind, code[kind], "file-listing")
    card = snapshot.card
    if repos:
        first = repos[0]
        where = first.provenance.cite() if first.provenance else "the card"
        artifact = Artifact(
            kind,
            Status.UNKNOWN,
            reason=f"the model card links {first.id} ({where}); its contents were not inspected",
            evidence=tuple(r.provenance for r in repos[:3] if r.provenance),
            locations=tuple(r.url for r in repos[:3]),
        )
    else:
        artifact = _unseen(snapshot, kind, f"{kind.title.lower()}", card_checked=True)
    if kind == K.INFERENCE_CODE and card is not None:
        usage = _usage_example(card)
        if usage is not None:
            artifact = _documented_usage(artifact, card, usage)
    return artifact


# ----------------------------------------------------------------------------------------------------------------
# Data, evaluation, documents


def _model_index_datasets(card: ModelCard) -> list[str]:
    out: list[str] = []
    index = card.metadata.get("model-index")
    if not isinstance(index, list):
        return out
    for entry in index[:20]:
        results = entry.get("results") if isinstance(entry, dict) else None
        for result in results if isinstance(results, list) else []:
            dataset = result.get("dataset") if isinstance(result, dict) else None
            if isinstance(dataset, dict):
                name = dataset.get("type") or dataset.get("name")
                if isinstance(name, str) and name not in out:
                    out.append(name)
    return out


@functools.cache
def _benchmarks() -> frozenset[str]:
    text = resources.files("howopen.sources").joinpath("data/evaluation-benchmarks.yaml").read_text(encoding="utf-8")
    return frozenset(str(b) for b in yaml.safe_load(text)["benchmarks"])


def is_benchmark(dataset: str) -> bool:
    """A dataset named under `datasets:` that is an evaluation benchmark (`data/evaluation-benchmarks.yaml`)."""
    return re.sub(r"[^a-z0-9]", "", dataset.rsplit("/", 1)[-1].lower()) in _benchmarks()


def training_dataset_links(card: ModelCard, links: Iterable[Link] = ()) -> list[Link]:
    """The Hub datasets a card's prose presents as its training data (`prose_data.py`), for reading on the Hub."""
    return [Link(LinkKind.DATASET, d.url, d.name, d.why, d.provenance)
            for d in prose_data.training_datasets(card) if d.hub]


def _training_data(snapshot: Snapshot, links: list[Link]) -> Artifact:
    card = snapshot.card
    data_files = [p for p in _files(snapshot, Role.DATA) if re.search(r"train", p, re.I)]
    if data_files:
        return _present(snapshot, K.TRAINING_DATA, data_files, "file-listing")
    if card is not None:
        named = [d for d in card.strings("datasets") if not is_benchmark(d)]
        if named:
            return Artifact(
                K.TRAINING_DATA,
                Status.PRESENT,
                evidence=(card.provenance("datasets"),),
                locations=tuple(f"https://huggingface.co/datasets/{d}" for d in named[:20]),
                details={"datasets": named[:50], "via": "datasets named in the card"},
            )
        prose = prose_data.training_datasets(card)
        if prose:
            return Artifact(
                K.TRAINING_DATA,
                Status.PRESENT,
                evidence=tuple(dict.fromkeys(d.provenance for d in prose))[:5],  # one per line
                locations=tuple(d.url for d in prose[:20]),
                details={"datasets": [d.name for d in prose], "dataset_urls": [d.url for d in prose],
                         "via": PROSE_VIA},
            )
    return _unseen(snapshot, K.TRAINING_DATA, "training datasets")


def _evaluation(snapshot: Snapshot) -> tuple[Artifact, Artifact]:
    card = snapshot.card
    result_files = _files(snapshot, Role.EVALUATION_RESULTS)
    eval_data = _unseen(snapshot, K.EVALUATION_DATA, "evaluation datasets")
    results = (_present(snapshot, K.EVALUATION_RESULTS, result_files, "file-listing") if result_files
               else _unseen(snapshot, K.EVALUATION_RESULTS, "evaluation results"))
    if card is None:
        return eval_data, results
    benchmarks = [d for d in card.strings("datasets") if is_benchmark(d)]
    if benchmarks:
        eval_data = Artifact(K.EVALUATION_DATA, Status.PRESENT, evidence=(card.provenance("datasets"),),
                             locations=tuple(f"https://huggingface.co/datasets/{d}" for d in benchmarks[:20]),
                             details={"datasets": benchmarks[:50],
                                      "via": "evaluation benchmarks named under datasets: in the card"})
    named = _model_index_datasets(card)
    if named:
        prov = card.provenance("model-index")
        eval_data = Artifact(K.EVALUATION_DATA, Status.PRESENT, evidence=(prov,),
                             details={"datasets": named, "via": "model-index"})
        if not result_files:
            results = Artifact(K.EVALUATION_RESULTS, Status.PRESENT, evidence=(prov,),
                               details={"via": "model-index", "benchmarks": len(named)})
        return eval_data, results
    bench = _find_line(card, _BENCHMARKS)
    if bench:
        eval_data = _card_line_artifact(K.EVALUATION_DATA, card, bench[0], bench[1], "card-text",
                                        in_card=False, via="public benchmark named in the model card")
    if not result_files:
        for title, start, end in sections(card):
            body = card.text.split("\n")[start - 1 : end]
            if _EVAL_SECTION.search(title) and _has_table(body):
                results = _card_line_artifact(K.EVALUATION_RESULTS, card, start, title, "card-section",
                                              via="results table in the model card")
                break
    return eval_data, results


def _has_table(lines: list[str]) -> bool:
    """A Markdown table (three `|` rows: header, rule, a row) or an HTML `<table>`."""
    return sum(1 for line in lines if line.lstrip().startswith("|")) >= 3 or any(
        "<table" in line.lower() for line in lines)


def _papers(snapshot: Snapshot, links: list[Link], names: tuple[str, ...] = ()) -> tuple[Artifact, Artifact]:
    """The release's own technical report and paper. Papers the card only cites (the base model's, a method's, a
    dataset's) stay links: see `citations`. A paper its BibTeX names at a venue, with no link, is present with no
    address (`linked: false`) and its venue (`venues`)."""
    cited = [lk for lk in links if lk.kind == LinkKind.PAPER]
    own = own_papers(snapshot.card, cited, names)
    named = [o for o in own if not o.link.url and not o.venue]  # asked to be cited, linked nowhere
    own = [o for o in own if o not in named]
    papers = [o.link for o in own]
    venues = [{"venue": o.venue, "id": o.link.id} for o in own if o.venue][:10]
    pdfs = [p for p in _files(snapshot, Role.DOCUMENT) if p.lower().endswith(".pdf")]
    reports = [o.link for o in own if _REPORT_CONTEXT.search(f"{o.why} {o.link.text or ''}")]
    report_pdfs = [p for p in pdfs if re.search(r"report|tech", p, re.I)]
    if reports:
        report = Artifact(K.TECHNICAL_REPORT, Status.PRESENT,
                          evidence=tuple(lk.provenance for lk in reports[:3] if lk.provenance),
                          locations=tuple(lk.url for lk in reports[:5] if lk.url),
                          details={"ids": [lk.id for lk in reports], "via": "presented as the release's own"})
    elif report_pdfs:
        report = _present(snapshot, K.TECHNICAL_REPORT, report_pdfs, "file-listing")
    else:
        report = _unseen(snapshot, K.TECHNICAL_REPORT, "document labelled a technical report")
    if papers:
        paper = Artifact(K.RESEARCH_PAPER, Status.PRESENT,
                         evidence=tuple(lk.provenance for lk in papers[:3] if lk.provenance),
                         locations=tuple(lk.url for lk in papers[:10] if lk.url),
                         details={"ids": [lk.id for lk in papers], "via": "presented as the release's own",
                                  "because": [o.why for o in own[:10]],
                                  **({"venues": venues} if venues else {}),
                                  **({} if any(lk.url for lk in papers) or pdfs else {"linked": False})})
    elif pdfs:
        paper = _present(snapshot, K.RESEARCH_PAPER, pdfs, "file-listing")
    elif named:
        shown = "; ".join(f"{o.link.text!r}" for o in named[:3])
        paper = Artifact(K.RESEARCH_PAPER, Status.UNKNOWN, evidence=tuple(o.link.provenance for o in named[:3]
                                                                          if o.link.provenance),
                         reason=f"the model card asks readers to cite the makers' {shown} but links it nowhere "
                                "(its arXiv or publisher's listing would settle whether it is published)",
                         details={"named": [o.link.id for o in named[:10]]})
    elif cited:
        shown = ", ".join(str(lk.id) for lk in cited[:5]) + (", ..." if len(cited) > 5 else "")
        paper = Artifact(K.RESEARCH_PAPER, Status.UNKNOWN,
                         reason=f"the model card cites {len(cited)} paper{'s' if len(cited) != 1 else ''} ({shown}), "
                                "none presented as the release's own",
                         evidence=tuple(lk.provenance for lk in cited[:3] if lk.provenance),
                         details={"cited": [lk.id for lk in cited[:50]]})
    else:
        paper = _unseen(snapshot, K.RESEARCH_PAPER, "paper (arXiv id, DOI or PDF)")
    return report, paper


def _model_card(snapshot: Snapshot) -> Artifact:
    card = snapshot.card
    if card is not None and card.text.strip():
        return Artifact(K.MODEL_CARD, Status.PRESENT, evidence=(Provenance(card.path, line=1, method="read"),),
                        locations=("README.md",),
                        details={"front_matter": card.has_front_matter and card.front_matter_error is None,
                                 "lines": card.text.count("\n") + 1})
    if snapshot.listing_complete and not any(f.path.lower() == "readme.md" for f in snapshot.files):
        return Artifact(K.MODEL_CARD, Status.ABSENT, reason="the repository has no README.md")
    return Artifact(K.MODEL_CARD, Status.UNKNOWN, reason="the model card could not be read")


def _data_card(snapshot: Snapshot, training: Artifact) -> Artifact:
    paths = _files(snapshot, Role.DATA_CARD)
    if paths:
        return _present(snapshot, K.DATA_CARD, paths, "file-listing")
    card = snapshot.card
    linked = datasheet_links(card) if card is not None else []
    if card is not None and linked:
        return Artifact(K.DATA_CARD, Status.PRESENT,
                        evidence=tuple(Provenance(card.path, line=n, method="card-link", quote=why[:200])
                                       for n, _url, why in linked[:3]),
                        locations=tuple(url for _n, url, _why in linked[:10]),
                        details={"via": "datasheet or data card linked in the model card"})
    datasets = training.details.get("datasets") if training.status == Status.PRESENT else None
    if datasets:
        return Artifact(K.DATA_CARD, Status.UNKNOWN, evidence=training.evidence,
                        reason="the training datasets are named; their data cards were not fetched",
                        locations=training.locations)
    return _unseen(snapshot, K.DATA_CARD, "data card or datasheet")


def _usage_policy(snapshot: Snapshot) -> Artifact:
    paths = _files(snapshot, Role.USAGE_POLICY)
    if paths:
        return _present(snapshot, K.USAGE_POLICY, paths, "file-listing")
    return _unseen(snapshot, K.USAGE_POLICY, "usage policy", card_checked=False)


# ----------------------------------------------------------------------------------------------------------------
# Claims, facts


def card_scope(snapshot: Snapshot, own_names: tuple[str, ...] = ()) -> CardScope | None:
    """The scope of every line of the snapshot's model card (None without a card)."""
    card = snapshot.card
    return read_scope(card.body, card.body_start_line, own_names, lazy=True) if card is not None else None


def license_claims(snapshot: Snapshot, scope: CardScope | None = None) -> list[LicenseClaim]:
    """Every license declaration of the snapshot. A card sentence out of scope (in a code block, a quote, a dataset
    or citation section, about a sibling model: see `cardscope`) is not one."""
    claims: list[LicenseClaim] = []
    card = snapshot.card
    if card is not None and scope is None:
        scope = card_scope(snapshot)
    if card is not None:
        for value in card.strings("license"):
            claims.append(LicenseClaim(ClaimKind.TAG, value, card.provenance("license")))
        for value in card.strings("license_name"):
            claims.append(LicenseClaim(ClaimKind.LICENSE_NAME, value, card.provenance("license_name")))
        for value in card.strings("license_link"):
            claims.append(LicenseClaim(ClaimKind.LICENSE_LINK, value, card.provenance("license_link")))
        for line, sentence in license_sentences(card.body):  # "licensed under the Gemma Terms of Use"
            number = card.body_start_line + line - 1
            if scope is not None and not scope.in_scope(number, LICENSE):
                continue
            claims.append(LicenseClaim(ClaimKind.CARD_TEXT, sentence,
                                       Provenance(card.path, line=number, method="card-text", quote=sentence),
                                       text=sentence))
    for entry in snapshot.files:
        classified = entry.classified
        text = snapshot.texts.get(entry.path)
        if text is None:
            continue
        prov = snapshot.provenance(entry.path, line=1, method="license-text")
        cut = any(g.code == "license-truncated" and g.provenance is not None and g.provenance.source == prov.source
                  for g in snapshot.gaps)
        if classified.role in (Role.LICENSE, Role.USAGE_POLICY):
            claims.append(LicenseClaim(ClaimKind.FILE, entry.path, prov, text=text,
                                       applies_to=classified.applies_to, truncated=cut))
        elif classified.role == Role.NOTICE:
            claims.append(LicenseClaim(ClaimKind.CARD_TEXT, entry.path, prov, text=text))
    for path, header in snapshot.headers.items():
        for key in ("general.license", "general.license.name"):
            found = header.metadata.get(key)
            if isinstance(found, str) and found.strip():
                claims.append(LicenseClaim(ClaimKind.GGUF, found.strip(),
                                           snapshot.provenance(path, method=f"gguf-header {key}"),
                                           applies_to=(K.WEIGHTS,)))
    return claims


def _sentence(line: str, start: int, end: int) -> str:
    """The sentence of a line that holds `line[start:end]` (sentences end at `. `, `! `, `? `)."""
    before = max((line.rfind(mark, 0, start) for mark in (". ", "! ", "? ")), default=-1)
    afters = [i for i in (line.find(mark, end) for mark in (". ", "! ", "? ")) if i >= 0]
    return line[before + 1 : min(afters) + 1 if afters else len(line)]


def training_token_counts(line: str, previous: str = "") -> list[tuple[bool, float]]:
    """Token counts on a line that can be the size of the training data, each with whether its sentence speaks
    of training (`trained on`, `pretraining`): batch sizes, context windows and other lengths are left out.
    `previous` is the line before, for a clause that wraps (`... a batch size` / `of 4M tokens`)."""
    out: list[tuple[bool, float]] = []
    for m in _TOKENS.finditer(line):
        amount = float(m.group(1).replace(",", "")) * _SCALE[(m.group(2) or "").lower()]
        if amount < MIN_TRAINING_TOKENS:
            continue
        wrapped = previous.strip() and not _LIST_ITEM.match(line) and not previous.rstrip().endswith(
            (".", "!", "?", ":", "|"))
        lead = ((previous.strip() + " " if wrapped else "") + line[: m.start()])[-80:]
        breaks = list(_CLAUSE_BREAK.finditer(lead))
        clause = lead[breaks[-1].end():] if breaks else lead
        if _TOKENS_NOT_DATA_BEFORE.search(clause) or _TOKENS_NOT_DATA_AFTER.search(line[m.end() : m.end() + 30]):
            continue
        out.append((bool(_TRAINING_CONTEXT.search(_sentence(line, m.start(), m.end()))), amount))
    return out


def _card_facts(card: ModelCard) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for key in ("pipeline_tag", "library_name", "language", "tags", "model_name", "base_model_relation"):
        value = card.metadata.get(key)
        values = as_strings(value)
        if values:
            facts[key] = Fact(values[0] if isinstance(value, str) else values, card.provenance(key))
    gated = [k for k in card.metadata if k.startswith("extra_gated")]
    if gated:
        facts["gated"] = Fact(True, card.provenance(gated[0]))
    tuned = tuned_statement(card)
    if tuned is not None:  # the card says the model was tuned from another (named or not)
        facts["tuned"] = Fact(True, tuned)
    best_tokens: tuple[bool, float, int, str] | None = None
    lines = card.text.split("\n")
    for number, line in enumerate(lines, start=1):
        for candidate in training_token_counts(line, lines[number - 2] if number > 1 else ""):
            ranked = (*candidate, number, line.strip()[:200])
            if best_tokens is None or ranked[:2] > best_tokens[:2]:
                best_tokens = ranked
        if "training_hardware" not in facts:
            hw = _HARDWARE.search(line)
            if hw:
                facts["training_hardware"] = Fact(hw.group(0), Provenance(card.path, line=number, method="card-text",
                                                                          quote=line.strip()[:200]))
        if "training_compute_flop" not in facts:
            f = _FLOPS.search(line)
            if f:
                exponent = int(f.group(2) or f.group(3))
                facts["training_compute_flop"] = Fact(float(f.group(1)) * 10**exponent,
                                                      Provenance(card.path, line=number, method="card-text",
                                                                 quote=line.strip()[:200]))
    if best_tokens:
        facts["training_tokens"] = Fact(int(best_tokens[1]), Provenance(card.path, line=best_tokens[2],
                                                                        method="card-text", quote=best_tokens[3]))
    for title, start, end in sections(card):
        if _DATA_SECTION.search(title) and end - start >= 2:
            facts["data_information"] = Fact(
                {"section": title, "lines": end - start + 1},
                Provenance(card.path, line=start, end_line=end, method="card-section"),
            )
            break
    return facts


def _facts(snapshot: Snapshot, weights: Artifact) -> dict[str, Fact]:
    facts = _card_facts(snapshot.card) if snapshot.card else {}
    if weights.details.get("parameters"):
        source = next(iter(snapshot.headers))
        facts["parameters"] = Fact(weights.details["parameters"],
                                   snapshot.provenance(source, method=f"{snapshot.headers[source].format}-header"))
        if weights.details.get("dtype"):
            facts["dtype"] = Fact(weights.details["dtype"],
                                  snapshot.provenance(source, method=f"{snapshot.headers[source].format}-header"))
    if snapshot.config:
        for key in ("model_type", "torch_dtype", "num_hidden_layers", "hidden_size", "vocab_size"):
            value = snapshot.config.get(key)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                facts[f"config.{key}"] = Fact(value, snapshot.provenance(
                    "config.json", line=_json_key_line(snapshot.config_text, key), method="config.json"))
    return facts


MAX_ADAPTER_CONFIG_BYTES = 1024 * 1024
_LOCAL_PATH = re.compile(r"^(/|~|\.{1,2}[/\\]|[A-Za-z]:[/\\]|\\\\)")


def parse_adapter_config(snapshot: Snapshot, data: bytes, path: str = "adapter_config.json") -> None:
    """A PEFT adapter's `base_model_name_or_path`: the base model it adapts, as a `BaseModelRef(relation="adapter")`.

    `data` is what a bounded read returned (at most `MAX_ADAPTER_CONFIG_BYTES` + 1 bytes). A base named by a local
    path (`/home/...`, `./base`, `C:\\...`) identifies nothing outside the trainer's machine: it is a gap.
    """
    if len(data) > MAX_ADAPTER_CONFIG_BYTES:
        snapshot.gap("adapter-config-too-large", f"{path} is larger than 1 MB; not read", path)
        return
    try:
        text = data.decode("utf-8")
        loaded = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        snapshot.gap("adapter-config-unparsable", f"{path} is not valid JSON ({exc.__class__.__name__}); its "
                     "base model was not read", path)
        return
    base = loaded.get("base_model_name_or_path") if isinstance(loaded, dict) else None
    if base is None and isinstance(loaded, dict):
        return
    if not isinstance(base, str):
        snapshot.gap("adapter-config-unparsable", f"{path}: base_model_name_or_path is not a string; the base "
                     "model was not read", path)
        return
    base = base.strip()
    line = _json_key_line(text, "base_model_name_or_path")
    if not base:
        return
    if _LOCAL_PATH.match(base) or "\\" in base:
        snapshot.gap("adapter-base-local-path", f"{path} names its base model by a local path ({base[:200]}), "
                     "not a Hub id; the base model is not identified", path, line)
        return
    snapshot.base_models.append(BaseModelRef(base, "adapter", snapshot.provenance(
        path, line=line, method="adapter_config.json base_model_name_or_path", quote=base[:200])))


def _merge_bases(card_bases: list[BaseModelRef], file_bases: list[BaseModelRef]) -> list[BaseModelRef]:
    """The card's base models, then those the files name; an id both give is kept once, from the file (which
    also states the relation) unless the card states a relation of its own."""
    out = list(card_bases)
    for ref in file_bases:
        same = next((i for i, b in enumerate(out) if b.id.lower() == ref.id.lower()), None)
        if same is None:
            out.append(ref)
        elif out[same].relation is None:
            out[same] = ref
    return out


def parse_config(snapshot: Snapshot, data: bytes, path: str = "config.json") -> None:
    """Fill `snapshot.config` from config.json bytes, recording a gap when they do not parse."""
    try:
        text = data.decode("utf-8")
        loaded = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        snapshot.gap("config-unparsable", f"{path} is not valid JSON ({exc.__class__.__name__}); ignored", path)
        return
    if isinstance(loaded, dict):
        snapshot.config, snapshot.config_text = loaded, text
    else:
        snapshot.gap("config-unparsable", f"{path} is not a JSON object; ignored", path)


# ----------------------------------------------------------------------------------------------------------------


def release_repositories(links: Iterable[Link], organization: str | None) -> list[Link]:
    """The linked repositories that are plausibly the release's own code, not libraries it runs on."""
    out = []
    for link in links:
        if link.kind != LinkKind.SOURCE_REPOSITORY or (link.id or "").lower() in dependency_repositories():
            continue
        owner = (link.id or "").split("/")[1].lower() if (link.id or "").count("/") >= 2 else ""
        same_org = organization is not None and re.sub(r"[-_]", "", owner) == re.sub(r"[-_]", "", organization.lower())
        if same_org or (link.text and _CODE_CONTEXT.search(link.text)):
            out.append(link)
    return out


def _names_a_license(claims: Iterable[LicenseClaim]) -> bool:
    """Whether any claim could name a license (`license: other` alone names none: its text would decide)."""
    return any(not (c.kind in (ClaimKind.TAG, ClaimKind.LICENSE_NAME) and names_no_license(c.value)) for c in claims)


def _license_not_seen(snapshot: Snapshot, artifacts: list[Artifact]) -> tuple[list[Artifact], Gap]:
    """Without a file listing, no license declared is not the same as no license: a LICENSE file may sit next to
    the card unseen. The artifacts the release itself carries are marked `license_unknown` (so that nothing calls
    them unlicensed), and a gap says why."""
    where = snapshot.card.path if snapshot.card is not None else snapshot.label
    why = (f"{where} declares no license, and without the repository's file listing a LICENSE file could not be "
           "looked for: the license is unknown, not absent")
    marked = [replace(a, details={**a.details, "license_unknown": why})
              if a.status == Status.PRESENT and a.license is None and any("://" not in loc for loc in a.locations)
              else a for a in artifacts]
    return marked, Gap("license-not-seen", why, Provenance(where, method="license-claims"))


def build_release(snapshot: Snapshot, *, target: str, source: str, name: str | None,
                  organization: str | None = None, revision: str | None = None,
                  extra_links: Iterable[Link] = ()) -> Release:
    """Every artifact, claim, link and fact a snapshot supports."""
    card = snapshot.card
    links = [*(body_links(card) if card else []), *extra_links]
    repos = release_repositories(links, organization)
    code = _code_by_kind(snapshot)
    weights = _weights(snapshot)
    training = _training_data(snapshot, links)
    eval_data, eval_results = _evaluation(snapshot)
    report, paper = _papers(snapshot, links, tuple(n for n in (name, f"{organization}/{name}" if organization
                                                              else None) if n))
    artifacts = [
        weights,
        _intermediate(snapshot),
        _architecture(snapshot, code),
        *(_code(snapshot, kind, code, repos) for kind in CODE_KINDS if kind != K.MODEL_ARCHITECTURE),
        training,
        eval_data,
        eval_results,
        _model_card(snapshot),
        _data_card(snapshot, training),
        report,
        paper,
        _simple(snapshot, K.CONFIGURATION, Role.CONFIGURATION, "configuration files"),
        _simple(snapshot, K.TOKENIZER, Role.TOKENIZER, "tokenizer files"),
        _usage_policy(snapshot),
    ]
    scope = card_scope(snapshot, tuple(n for n in (name, f"{organization}/{name}" if organization else None) if n))
    claims = license_claims(snapshot, scope)
    gaps = [*snapshot.gaps, *(card.gaps if card else ())]
    if not snapshot.listing_complete and not _names_a_license(claims):
        artifacts, gap = _license_not_seen(snapshot, artifacts)
        gaps.append(gap)
    return Release(
        target=target,
        source=source,
        name=name,
        organization=organization,
        revision=revision,
        artifacts={a.kind: a for a in artifacts},
        license_claims=tuple(claims),
        base_models=tuple(_merge_bases(base_models(card) if card else [], snapshot.base_models)),
        links=tuple(links),
        facts=_facts(snapshot, weights),
        gaps=tuple(gaps),
        metadata_only=not snapshot.listing_complete,
        lineage_claims=tuple(collect_lineage(snapshot, scope, name=name, organization=organization)),
    )

"""Sorts the files of a model repository into what they are: weights, license texts, code of each kind, ...

Pure functions of a path (relative, `/`-separated), shared by every source that sees a file listing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath

from ..evidence import CODE_KINDS, ArtifactKind


class Role(StrEnum):
    MODEL_CARD = "model_card"
    LICENSE = "license"
    NOTICE = "notice"
    USAGE_POLICY = "usage_policy"
    WEIGHTS = "weights"
    WEIGHTS_INDEX = "weights_index"
    INTERMEDIATE_WEIGHTS = "intermediate_weights"
    TRAINING_STATE = "training_state"
    CONFIGURATION = "configuration"
    TOKENIZER = "tokenizer"
    CODE = "code"
    DATA = "data"
    DATA_CARD = "data_card"
    DOCUMENT = "document"
    EVALUATION_RESULTS = "evaluation_results"
    OTHER = "other"


WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".gguf", ".onnx", ".h5", ".msgpack")
HEADER_SUFFIXES = (".safetensors", ".gguf")
CODE_SUFFIXES = (".py", ".ipynb", ".sh", ".js", ".ts", ".cpp", ".cc", ".c", ".cu", ".h", ".hpp", ".rs", ".go",
                 ".java", ".jl", ".r", ".swift", ".kt", ".mojo")
DATA_SUFFIXES = (".jsonl", ".parquet", ".arrow", ".csv", ".tsv")

_LICENSE_NAME = re.compile(r"^(licen[cs]e|copying)([._\-].*)?$", re.I)
# `MODEL_LICENSE`, `weights-licence.txt`, `Llama2_LICENSE`: words before the license word, then no extension or a
# text one (a `model_license.json` is data, not a license text).
_LICENSE_PREFIXED = re.compile(r"^([a-z0-9]+[._\-])+licen[cs]es?([_\-][a-z0-9]+)*(\.(md|txt|rst))?$", re.I)
_LICENSE_ANYWHERE = re.compile(r"licen[cs]e", re.I)
_NOTICE = re.compile(r"^notice([._\-].*)?$", re.I)
_POLICY = re.compile(r"^(use[_\-]?policy|usage[_\-]?policy|acceptable[_\-]?use|aup)([._\-].*)?$", re.I)
_TOKENIZER = re.compile(
    r"^(tokenizer(_config)?\.json|tokenizer\.model|spiece\.model|sentencepiece.*\.model|vocab\.(json|txt)|"
    r"merges\.txt|special_tokens_map\.json|added_tokens\.json|.*\.tiktoken|qwen\.tiktoken)$",
    re.I,
)
_CONFIG = re.compile(r"^(.*config.*\.(json|ya?ml)|params\.json|model_index\.json)$", re.I)
_INTERMEDIATE_DIR = re.compile(r"^(checkpoint[-_]?\d+|checkpoints?|step[-_]?\d+|global[_-]?step\d+|"
                               r"intermediate.*|iter[_-]?\d+)$", re.I)
_TRAINING_STATE = re.compile(r"^(optimizer|scheduler|rng_state.*|trainer_state|training_args)\.", re.I)
_EVAL_RESULTS = re.compile(r"^(eval_results.*|.*_results|results.*|all_results)\.(json|ya?ml|csv|md)$", re.I)
_DATA_CARD = re.compile(r"^(data[_\-]?card|datasheet|dataset[_\-]?card).*\.(md|txt|pdf)$", re.I)

# Code kinds by the words in a file's name and folders, checked in this order; the first kind whose pattern
# matches a word wins. Samples and examples come first: a `sample_finetune.py` shows how to use the model, it is
# not the code the model was trained with.
_CODE_RULES: tuple[tuple[ArtifactKind, re.Pattern[str]], ...] = (
    (ArtifactKind.INFERENCE_CODE, re.compile(r"^(sample|samples|example|examples|demo|demos|tutorial|quickstart)$")),
    (ArtifactKind.EVALUATION_CODE, re.compile(r"^(eval|evals|evaluat\w*|benchmark\w*|lm|harness)$")),
    (ArtifactKind.DATA_PROCESSING_CODE,
     re.compile(r"^(preprocess\w*|prepare|prep|dataprep|tokenize|build|make|dedup\w*|filter\w*|clean\w*|data|"
                r"dataset|datasets|download|shard\w*|curation|crawl\w*)$")),
    (ArtifactKind.TRAINING_CODE,
     re.compile(r"^(train|training|trainer|finetun\w*|finetuning|pretrain\w*|sft|dpo|ppo|grpo|rlhf|reward|"
                r"distill\w*|lora)$")),
    (ArtifactKind.MODEL_ARCHITECTURE,
     re.compile(r"^(modeling|modelling|configuration|model|models|architecture|layers?|attention|transformer)$")),
    (ArtifactKind.INFERENCE_CODE,
     re.compile(r"^(inference|infer|generate|generation|predict\w*|app|chat|run|serve|server|handler|pipeline|"
                r"tokenization|cli|main)$")),
)
_DATA_STEM = re.compile(r"^(data|dataset)$")


@dataclass(frozen=True)
class Classified:
    path: str
    role: Role
    code_kind: ArtifactKind | None = None
    applies_to: tuple[ArtifactKind, ...] = ()  # for license files: which artifacts a narrowed license covers


def license_scope(name: str) -> tuple[ArtifactKind, ...]:
    """What a license file's name narrows it to (`LICENSE-MODEL` -> weights, `LICENSE-CODE` -> code)."""
    upper = name.upper()
    if re.search(r"MODEL|WEIGHT|CHECKPOINT", upper):
        return (ArtifactKind.WEIGHTS, ArtifactKind.INTERMEDIATE_WEIGHTS, ArtifactKind.CONFIGURATION,
                ArtifactKind.TOKENIZER)
    if re.search(r"CODE|SOFTWARE|SOURCE", upper):
        return CODE_KINDS
    if re.search(r"DATA", upper):
        return (ArtifactKind.TRAINING_DATA, ArtifactKind.EVALUATION_DATA)
    return ()


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[_\-.\s]+|(?<=[a-z])(?=[A-Z])", name) if w]


def code_kind(path: str) -> ArtifactKind:
    """Which kind of code a source file is, from its name and folders; unmatched code is a supporting library.

    `tokenize_data.py` is data processing, not a tokenizer: a data word beside a builder word settles it.
    """
    pure = PurePosixPath(path)
    for candidate in (pure.stem, *reversed(pure.parts[:-1])):
        words = [w.lower() for w in _words(candidate)]
        for kind, pattern in _CODE_RULES:
            if any(pattern.match(w) for w in words):
                if kind == ArtifactKind.DATA_PROCESSING_CODE and not any(_DATA_STEM.match(w) for w in words) \
                        and words and words[0] in ("build", "make", "download", "tokenize"):
                    continue
                return kind
    return ArtifactKind.SUPPORTING_LIBRARIES


def classify(path: str) -> Classified:
    pure = PurePosixPath(path)
    name = pure.name
    lower = name.lower()
    folders = pure.parts[:-1]
    if len(pure.parts) == 1 and lower in ("readme.md", "model_card.md", "modelcard.md"):
        return Classified(path, Role.MODEL_CARD)
    if _POLICY.match(name):
        return Classified(path, Role.USAGE_POLICY, applies_to=(ArtifactKind.USAGE_POLICY,))
    if _NOTICE.match(name):
        return Classified(path, Role.NOTICE)
    if _LICENSE_NAME.match(name) or _LICENSE_PREFIXED.match(name) or (
            _LICENSE_ANYWHERE.search(name) and lower.endswith((".md", ".txt"))):
        if lower.endswith(CODE_SUFFIXES):
            return Classified(path, Role.CODE, code_kind(path))
        return Classified(path, Role.LICENSE, applies_to=license_scope(name))
    if lower.endswith((".safetensors.index.json", ".bin.index.json", ".pt.index.json")):
        return Classified(path, Role.WEIGHTS_INDEX)
    if _TRAINING_STATE.match(name):
        return Classified(path, Role.TRAINING_STATE)
    if lower.endswith(WEIGHT_SUFFIXES):
        if any(_INTERMEDIATE_DIR.match(f) for f in folders):
            return Classified(path, Role.INTERMEDIATE_WEIGHTS)
        return Classified(path, Role.WEIGHTS)
    if _TOKENIZER.match(name):
        return Classified(path, Role.TOKENIZER)
    if _EVAL_RESULTS.match(name):
        return Classified(path, Role.EVALUATION_RESULTS)
    if _CONFIG.match(name):
        return Classified(path, Role.CONFIGURATION)
    if lower.endswith(CODE_SUFFIXES):
        return Classified(path, Role.CODE, code_kind(path))
    if _DATA_CARD.match(name):
        return Classified(path, Role.DATA_CARD)
    if lower.endswith(DATA_SUFFIXES):
        return Classified(path, Role.DATA)
    if lower.endswith((".pdf", ".md", ".rst", ".txt")):
        return Classified(path, Role.DOCUMENT)
    return Classified(path, Role.OTHER)

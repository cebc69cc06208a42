"""Whether a local folder looks like a model release, part of one, or something else (a Python project, a home
folder), judged from its file listing and card; and which weight shards a shard index names that are not there.

A folder shows only what it holds: no file in it can prove that something was not published elsewhere.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from ..errors import TargetError
from .files import Role
from .snapshot import Snapshot

MODEL_ROLES = {Role.WEIGHTS, Role.WEIGHTS_INDEX, Role.INTERMEDIATE_WEIGHTS, Role.TRAINING_STATE, Role.TOKENIZER}
MODEL_CONFIGS = {"config.json", "params.json", "adapter_config.json", "model_index.json", "generation_config.json",
                 "preprocessor_config.json", "tokenizer_config.json", "config.yaml", "hparams.yaml"}
CARD_NAMES = {"model_card.md", "modelcard.md"}
# Front-matter keys of a Hugging Face model card (huggingface_hub's ModelCardData and the Hub's own metadata).
CARD_KEYS = {"license", "license_name", "license_link", "base_model", "base_model_relation", "tags", "pipeline_tag",
             "library_name", "datasets", "language", "model-index", "model_name", "metrics", "widget",
             "inference", "extra_gated_prompt", "extra_gated_fields", "thumbnail", "co2_eq_emissions",
             "new_version", "model_type"}
# What a folder that is not a model release usually is, by a file at its top.
OTHER_KINDS = (("pyproject.toml", "a Python project"), ("setup.py", "a Python project"),
               ("package.json", "a JavaScript project"), ("Cargo.toml", "a Rust project"),
               ("go.mod", "a Go project"), ("pom.xml", "a Java project"), ("Makefile", "a software project"))
MAX_INDEX_BYTES = 16 * 1024 * 1024


def release_signs(snapshot: Snapshot) -> list[str]:
    """What in the folder belongs to a model release: a model card, weights, a model config, a tokenizer."""
    signs = []
    card = snapshot.card
    if card is not None and set(card.metadata) & CARD_KEYS:
        signs.append("a model card")
    if any(PurePosixPath(f.path).name.lower() in CARD_NAMES for f in snapshot.files):
        signs.append("a model card")
    roles = {f.classified.role for f in snapshot.files}
    signs += [str(role) for role in MODEL_ROLES & roles]
    if any(PurePosixPath(f.path).name.lower() in MODEL_CONFIGS for f in snapshot.files):
        signs.append("a model config")
    return signs


def not_a_release(label: str, snapshot: Snapshot) -> TargetError:
    top = {f.path for f in snapshot.files if "/" not in f.path}
    kind = next((what for name, what in OTHER_KINDS if name in top), None)
    seems = f" (it looks like {kind})" if kind else ""
    return TargetError(f"{label} does not look like a model release{seems}: it has no model card (a README.md with "
                       "Hugging Face metadata), no weights (.safetensors, .bin, .gguf, ...), no config.json and no "
                       "tokenizer",
                       hint="point howopen at a model's folder (a Hugging Face snapshot or download), give a Hub id "
                            "such as org/name, or give a model card file (howopen check README.md) to grade the card "
                            "alone")


def shard_names(data: bytes, index_path: str) -> set[str] | None:
    """The weight files a shard index (`model.safetensors.index.json`) names, relative to the folder's root; None
    when the index cannot be read as one."""
    try:
        loaded: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    weight_map = loaded.get("weight_map") if isinstance(loaded, dict) else None
    if not isinstance(weight_map, dict):
        return None
    folder = PurePosixPath(index_path).parent
    names = set()
    for value in weight_map.values():
        if isinstance(value, str) and value and "/" not in value and value not in (".", ".."):
            names.add((folder / value).as_posix())
    return names

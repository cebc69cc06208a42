"""A model reference: where a project names a model (file, line, column), and what kind of model it names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..sources.weights import WeightHeader

HUB = "hub"  # a Hugging Face Hub id (org/name, or a legacy single-name id such as gpt2)
LOCAL = "local"  # a model folder or weight file in the project
GGUF = "gguf"  # a .gguf file on disk
OLLAMA = "ollama"  # an Ollama library name (FROM llama3.1:8b)
KINDS = (HUB, LOCAL, GGUF, OLLAMA)

HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}$")
LEGACY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}$")
HUB_URL = re.compile(r"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(?:models/)?"
                     r"([A-Za-z0-9][\w.\-]*/[A-Za-z0-9][\w.\-]*)(?:[/:@?#].*)?$")


@dataclass(frozen=True)
class Patterns:
    calls: dict[str, dict[str, Any]]
    keywords: frozenset[str]
    config_keys: frozenset[str]
    file_suffixes: tuple[str, ...]


@functools.cache
def patterns() -> Patterns:
    raw = yaml.safe_load(resources.files("howopen.audit").joinpath("patterns.yaml").read_text(encoding="utf-8"))
    return Patterns(calls=dict(raw["calls"]), keywords=frozenset(raw["keywords"]),
                    config_keys=frozenset(raw["config_keys"]),
                    file_suffixes=tuple(s.lower() for s in raw["file_suffixes"]))


@dataclass(frozen=True)
class Located:
    """A value found in a file, before it is classified."""

    text: str
    line: int | None
    column: int | None
    how: str
    revision: str | None = None


@dataclass(frozen=True)
class ModelReference:
    """One place a project names a model."""

    model: str  # the model as howopen checks it: org/name, a path relative to the root, ollama name
    kind: str  # hub | local | gguf | ollama
    file: str  # where, relative to the audited root, '/'-separated
    line: int | None
    column: int | None  # 1-based, in characters
    how: str  # `from_pretrained()`, `config key 'model'`, `Modelfile FROM`, `file on disk`
    text: str  # the value as written
    revision: str | None = None
    path: Path | None = field(default=None, compare=False)  # local and gguf: the absolute path
    header: WeightHeader | None = field(default=None, compare=False, repr=False)  # gguf: its header

    @classmethod
    def at(cls, found: Located, file: str, model: str, kind: str, path: Path | None = None,
           header: WeightHeader | None = None) -> ModelReference:
        """A reference to `model` at the place `found` describes, in `file` (relative to the root)."""
        return cls(model=model, kind=kind, file=file, line=found.line, column=found.column, how=found.how,
                   text=found.text, revision=found.revision, path=path, header=header)

    @property
    def key(self) -> tuple[str, str, str | None]:
        """References to the same model share a key (Hub ids compare without case)."""
        return (self.kind, self.model.lower() if self.kind == HUB else self.model, self.revision)

    def cite(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "kind": self.kind, "file": self.file, "line": self.line, "column": self.column,
                "how": self.how, "text": self.text, "revision": self.revision, "cite": self.cite()}


def hub_id(value: str) -> str | None:
    """`org/name` from an id or a Hub URL (`https://huggingface.co/org/name`, `hf.co/org/name:Q4_K_M`)."""
    value = value.strip()
    match = HUB_URL.match(value)
    if match:
        value = match.group(1)
    if HUB_ID.match(value) and ".." not in value and "--" not in value and not value.endswith("."):
        return value
    return None


def looks_like_file(value: str) -> bool:
    return value.lower().endswith(patterns().file_suffixes)


def looks_like_path(value: str) -> bool:
    return value.startswith(("./", "../", "/", "~", ".\\")) or "\\" in value or value in (".", "..")


def resolve_path(value: str, file: Path, root: Path) -> Path | None:
    """The existing path a value names, relative to the file's folder or to the root, staying inside the root."""
    raw = Path(value).expanduser()
    candidates = [raw] if raw.is_absolute() else [file.parent / raw, root / raw]
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            continue
        if resolved.exists() and (resolved == root or resolved.is_relative_to(root)):
            return resolved
    return None


def relative(path: Path, root: Path) -> str:
    try:
        return PurePosixPath(path.relative_to(root)).as_posix() or "."
    except ValueError:
        return path.as_posix()


def classify(found: Located, file: Path, root: Path, *, strict: bool) -> ModelReference | None:
    """Turn a found value into a reference, or None when it is not a model.

    `strict` (config values, generic keywords) takes only Hub ids, Hub URLs and paths that exist in the project;
    otherwise (known loading calls) a legacy single-name id and a path that does not exist are taken too.
    """
    value = found.text.strip()
    if not value or len(value) > 300 or "\n" in value:
        return None
    rel_file = relative(file, root)
    existing = resolve_path(value, file, root)
    if existing is not None:
        kind = GGUF if existing.is_file() and existing.suffix.lower() == ".gguf" else LOCAL
        return ModelReference.at(found, rel_file, relative(existing, root), kind, existing)
    if looks_like_path(value) or looks_like_file(value):
        if strict:
            return None
        return ModelReference.at(found, rel_file, value, LOCAL)
    ident = hub_id(value)
    if ident is not None:
        return ModelReference.at(found, rel_file, ident, HUB)
    if not strict and LEGACY_ID.match(value) and not value.isdigit():
        return ModelReference.at(found, rel_file, value, HUB)
    return None

"""Sorts the files of a linked code repository into kinds of code: path rules from `data/repository-code.yaml`
first (they also catch configs, such as lm-evaluation-harness task YAML or a training run's config), then the word
rules every source uses for code files (`files.code_kind`)."""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from ..evidence import ArtifactKind
from .files import CODE_SUFFIXES, code_kind


@functools.cache
def path_rules() -> tuple[tuple[ArtifactKind, tuple[re.Pattern[str], ...]], ...]:
    text = resources.files("howopen.sources").joinpath("data/repository-code.yaml").read_text(encoding="utf-8")
    return tuple((ArtifactKind(rule["kind"]), tuple(re.compile(p, re.I) for p in rule["paths"]))
                 for rule in yaml.safe_load(text)["rules"])


def repository_code_kind(path: str) -> ArtifactKind | None:
    """The kind of code a repository file is; None when it is not code (documentation, data, a license)."""
    for kind, patterns in path_rules():
        if any(p.search(path) for p in patterns):
            return kind
    if path.lower().endswith(CODE_SUFFIXES):
        return code_kind(path)
    return None

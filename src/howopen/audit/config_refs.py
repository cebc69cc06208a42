"""Model references in YAML, JSON and TOML configuration files, under keys such as `model` or `base_model`.

YAML is composed with the safe loader (nodes carry their line and column; nothing is constructed, and aliases are
visited once). JSON and TOML are parsed with the standard library, then each value found is located in the text.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .references import Located, ModelReference, classify, patterns

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 64


def _yaml_values(node: yaml.Node, seen: set[int], depth: int = 0) -> Iterator[tuple[str, yaml.ScalarNode]]:
    if id(node) in seen or depth > MAX_DEPTH:
        return
    seen.add(id(node))
    keys = patterns().config_keys
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name in keys:
                if isinstance(value, yaml.ScalarNode):
                    yield name, value
                elif isinstance(value, yaml.SequenceNode):
                    yield from ((name, item) for item in value.value if isinstance(item, yaml.ScalarNode))
            yield from _yaml_values(value, seen, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _yaml_values(item, seen, depth + 1)


def find_in_yaml(text: str, file: Path, root: Path) -> list[ModelReference]:
    refs = []
    seen: set[int] = set()
    for document in yaml.compose_all(text, Loader=_SafeLoader):
        if document is None:
            continue
        for key, node in _yaml_values(document, seen):
            if node.tag != "tag:yaml.org,2002:str":
                continue
            found = Located(str(node.value), node.start_mark.line + 1, node.start_mark.column + 1,
                            f"config key '{key}'")
            ref = classify(found, file, root, strict=True)
            if ref is not None:
                refs.append(ref)
    return refs


def _pairs(data: Any, depth: int = 0) -> Iterator[tuple[str, str]]:
    """(key, string value) for every configured key, in document order."""
    if depth > MAX_DEPTH:
        return
    keys = patterns().config_keys
    if isinstance(data, dict):
        for key, value in data.items():
            if key in keys:
                if isinstance(value, str):
                    yield key, value
                elif isinstance(value, list):
                    yield from ((key, v) for v in value if isinstance(v, str))
            yield from _pairs(value, depth + 1)
    elif isinstance(data, list):
        for item in data:
            yield from _pairs(item, depth + 1)


def _locate(text: str, pattern: re.Pattern[str], start: int) -> tuple[int | None, int | None, int]:
    """(line, column, end) of the value the pattern's group 1 matches, searching from `start`."""
    match = pattern.search(text, start) or pattern.search(text)
    if match is None:
        return None, None, start
    offset = match.start(1)
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1, match.end()


def _find_located(text: str, pairs: list[tuple[str, str]], patterns_for: Any, file: Path, root: Path) \
        -> list[ModelReference]:
    refs = []
    position: dict[tuple[str, str], int] = {}
    for key, value in pairs:
        line, column, end = _locate(text, patterns_for(key, value), position.get((key, value), 0))
        position[(key, value)] = end
        ref = classify(Located(value, line, column, f"config key '{key}'"), file, root, strict=True)
        if ref is not None:
            refs.append(ref)
    return refs


def find_in_json(text: str, file: Path, root: Path) -> list[ModelReference]:
    data = json.loads(text)

    def pattern(key: str, value: str) -> re.Pattern[str]:
        quoted_key = re.escape(json.dumps(key)[1:-1])
        quoted_value = re.escape(json.dumps(value)[1:-1])
        return re.compile(rf'"{quoted_key}"\s*:\s*(?:\[[^\]]*?)?("{quoted_value}")')

    return _find_located(text, list(_pairs(data)), pattern, file, root)


def find_in_toml(text: str, file: Path, root: Path) -> list[ModelReference]:
    data = tomllib.loads(text)

    def pattern(key: str, value: str) -> re.Pattern[str]:
        k, v = re.escape(key), re.escape(value)
        return re.compile(rf'(?m)^\s*["\']?{k}["\']?\s*=\s*(?:\[[^\]]*?)?(["\']{{1,3}}{v})')

    return _find_located(text, list(_pairs(data)), pattern, file, root)

"""YAML read as data: the values PyYAML builds that JSON cannot hold, turned back into what the file meant; and
howopen's own data files read with libyaml's parser."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import yaml

#: PyYAML's safe loader on libyaml's C parser when PyYAML was built with it (the same values, parsed many times
#: faster: `howopen list` reads families.yaml, mof_components.yaml, eu_ai_act.yaml), else the pure-Python one
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """`yaml.safe_load`, on the C parser when there is one."""
    return yaml.load(text, Loader=SafeLoader)

MAX_EXPANDED = 1_000_000  # values a YAML document may expand to through aliases (real records: a few thousand)


class TooLarge(ValueError):
    """A YAML document that expands, through aliases, to more values than howopen walks (the "billion laughs")."""


def expanded_size(value: Any, limit: int = MAX_EXPANDED) -> int:
    """How many values `value` holds once every alias is expanded, computed once per shared node (so a bomb costs
    no more than its text); raises `TooLarge` past `limit`."""
    sizes: dict[int, int] = {}

    def size(node: Any, depth: int) -> int:
        if not isinstance(node, Mapping | list):
            return 1
        if id(node) in sizes:
            return sizes[id(node)]
        if depth > 200:
            raise TooLarge("it is nested more than 200 levels deep")
        items = [*node.keys(), *node.values()] if isinstance(node, Mapping) else node
        total = 1
        for item in items:
            total += size(item, depth + 1)
            if total > limit:
                raise TooLarge(f"it expands to more than {limit} values through aliases")
        sizes[id(node)] = total
        return total

    return size(value, 0)


def plain(value: Any) -> Any:
    """Dates and datetimes as the ISO strings the file wrote; mapping keys as strings; everything else as is."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value

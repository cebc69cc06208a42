"""A small YAML writer for draft records: block layout, comments, every string double-quoted (JSON-escaped).

PyYAML's dumper cannot place comments; the drafts need them to say what howopen could not establish. JSON string
literals are valid YAML double-quoted scalars, so quoting with `json.dumps` is safe for any text.
"""

from __future__ import annotations

import json
from typing import Any


def scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines() or [""]]

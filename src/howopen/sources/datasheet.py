"""Which datasheet sections a dataset card fills: Gebru et al.'s seven (motivation, composition, collection,
preprocessing, uses, distribution, maintenance), read from its headings by `data/datasheet-sections.yaml`.

A card is a datasheet to the extent its sections say something: a heading left with the template's placeholder
("[More Information Needed]") is not a filled section.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from .card import ModelCard, sections


@dataclass(frozen=True)
class Rules:
    min_chars: int
    placeholders: tuple[re.Pattern[str], ...]
    sections: tuple[tuple[str, str, tuple[re.Pattern[str], ...]], ...]  # (id, title, heading patterns)


@dataclass(frozen=True)
class SheetSection:
    id: str  # motivation | composition | collection | preprocessing | uses | distribution | maintenance
    heading: str
    line: int


@functools.cache
def rules() -> Rules:
    text = resources.files("howopen.sources").joinpath("data/datasheet-sections.yaml").read_text(encoding="utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    return Rules(
        min_chars=int(raw["min_chars"]),
        placeholders=tuple(re.compile(p, re.I | re.S) for p in raw["placeholders"]),
        sections=tuple((str(s["id"]), str(s["title"]), tuple(re.compile(p, re.I) for p in s["patterns"]))
                       for s in raw["sections"]),
    )


def section_ids() -> tuple[str, ...]:
    return tuple(sid for sid, _title, _patterns in rules().sections)


def section_titles() -> dict[str, str]:
    return {sid: title for sid, title, _patterns in rules().sections}


def _kind(heading: str) -> str | None:
    plain = re.sub(r"\[optional\]", "", heading, flags=re.I).strip(" :?")
    for sid, _title, patterns in rules().sections:
        if any(p.search(plain) for p in patterns):
            return sid
    return None


def _filled(lines: list[str]) -> bool:
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    for pattern in rules().placeholders:
        text = pattern.sub("", text)
    return len(re.sub(r"\s+", "", text)) >= rules().min_chars


def datasheet_sections(card: ModelCard) -> list[SheetSection]:
    """The datasheet sections a dataset card fills, first heading of each, in datasheet order."""
    lines = card.text.split("\n")
    found: dict[str, SheetSection] = {}
    heads = sections(card)
    for index, (title, start, end) in enumerate(heads):
        sid = _kind(title)
        if sid is None or sid in found:
            continue
        # the section's own text, up to its first subsection (whose heading is judged for itself) ...
        nxt = heads[index + 1][1] - 1 if index + 1 < len(heads) else end
        own = lines[start : min(end, nxt)]
        # ... or, when it is only a parent heading, its whole span
        if _filled(own) or _filled(lines[start:end]):
            found[sid] = SheetSection(sid, title, start)
    return [found[s] for s in section_ids() if s in found]

"""What the index files a release under besides its grades: modality and release date, from facts."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


@cache
def _table() -> dict[str, dict[str, str]]:
    text = resources.files("howopen.index").joinpath("data/modalities.yaml").read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    return {key: dict(value) for key, value in loaded.items()}


def _fact(facts: dict[str, Any], name: str) -> Any:
    found = facts.get(name)
    return found.get("value") if isinstance(found, dict) else None


def modality(facts: dict[str, Any]) -> str:
    """The catalog's `modality` fact; else the pipeline tag, a task tag or the library name mapped by the table."""
    stated = _fact(facts, "modality")
    if isinstance(stated, str) and stated.strip():
        return stated.strip().lower()
    if isinstance(stated, list) and stated:
        return "multimodal" if len(stated) > 1 else str(stated[0]).lower()
    table = _table()
    tag = _fact(facts, "pipeline_tag")
    if isinstance(tag, str) and tag in table["pipeline_tags"]:
        return table["pipeline_tags"][tag]
    tags = _fact(facts, "tags")
    for item in tags if isinstance(tags, list) else []:
        if isinstance(item, str) and item in table["pipeline_tags"]:
            return table["pipeline_tags"][item]
    library = _fact(facts, "library_name")
    if isinstance(library, str) and library in table["library_names"]:
        return table["library_names"][library]
    return "unknown"


def release_date(facts: dict[str, Any]) -> dt.date | None:
    """`release_date` (catalog, MOT records), else the Hub's `created_at`; None when neither is a date."""
    for name in ("release_date", "created_at"):
        value = _fact(facts, name)
        match = _DATE.match(str(value)) if value else None
        if match:
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
            except ValueError:
                continue
    return None

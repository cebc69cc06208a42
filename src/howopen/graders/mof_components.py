"""The Model Openness Framework's 17 components (data file `data/mof-components.yaml`) and howopen's mapping to them."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from ..evidence import ArtifactKind
from ..yamldata import safe_load

CLASSES = (3, 2, 1)  # MOF evaluates Class III first; requirements are cumulative towards Class I
ROMAN = {1: "I", 2: "II", 3: "III"}
CLASS_TITLES = {1: "Open Science Model", 2: "Open Tooling Model", 3: "Open Model"}
TECHNICAL_REPORT = 11
RESEARCH_PAPER = 21


@dataclass(frozen=True)
class Component:
    id: int
    name: str
    cls: int  # the class that first requires (or lists) it: 3, 2 or 1
    required: bool
    content_type: str  # code | data | document
    artifact: ArtifactKind | None
    description: str


@functools.cache
def components() -> tuple[Component, ...]:
    """All 17 components, in MOT's configuration order."""
    text = resources.files("howopen.graders").joinpath("data/mof-components.yaml").read_text(encoding="utf-8")
    raw = safe_load(text)["components"]
    return tuple(
        Component(
            id=int(item["id"]),
            name=str(item["name"]),
            cls=int(item["class"]),
            required=bool(item["required"]),
            content_type=str(item["content_type"]),
            artifact=ArtifactKind(item["artifact"]) if item.get("artifact") else None,
            description=str(item["description"]),
        )
        for item in raw
    )


@functools.cache
def by_id() -> dict[int, Component]:
    return {c.id: c for c in components()}


@functools.cache
def by_name() -> dict[str, Component]:
    return {c.name: c for c in components()}


def required(cls: int) -> tuple[int, ...]:
    """MOT's `getRequired(cls)`: ids of the components first required by that class, in configuration order."""
    return tuple(c.id for c in components() if c.cls == cls and c.required)


def optional(cls: int) -> tuple[int, ...]:
    return tuple(c.id for c in components() if c.cls == cls and not c.required)


def required_through(cls: int) -> tuple[int, ...]:
    """Every component a class needs: its own and those of the classes below it (III, then II, then I)."""
    out: list[int] = []
    for level in CLASSES:
        out.extend(required(level))
        if level == cls:
            break
    return tuple(out)

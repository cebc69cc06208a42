"""What a source collects about a model repository before it is turned into a `Release`.

The local folder source and the Hub source both fill a `Snapshot`; `assemble.build_release` turns it into
evidence. Keeping the two steps apart means every source judges files the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..evidence import BaseModelRef, Gap, Provenance
from .card import ModelCard
from .files import Classified, classify
from .weights import WeightHeader

RECIPE_FILES = ("mergekit_config.yml", "mergekit_config.yaml")  # a merge's recipe, read for its lineage
MAX_RECIPE_BYTES = 256 * 1024


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative, '/'-separated
    size: int | None = None

    @property
    def classified(self) -> Classified:
        return classify(self.path)


@dataclass
class Snapshot:
    """Raw material gathered from one repository (files listed, card parsed, headers and license texts read)."""

    label: str  # how the report names where this came from: a folder path or a Hub id
    card: ModelCard | None = None
    files: list[FileEntry] = field(default_factory=list)
    listing_complete: bool = False  # False when only a card was available
    headers: dict[str, WeightHeader] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # license-like files' text
    config: dict[str, Any] | None = None
    config_text: str | None = None
    gaps: list[Gap] = field(default_factory=list)
    base_models: list[BaseModelRef] = field(default_factory=list)  # read from files (adapter_config.json)
    cite_path: Callable[[str], str] = lambda path: path  # file path -> what a reader can follow
    retrieved: str | None = None
    weights_elsewhere: bool = False  # a local folder: weights it lacks may still be published elsewhere
    missing_shards: set[str] = field(default_factory=set)  # shards a shard index names that are not listed
    recipes: dict[str, str] = field(default_factory=dict)  # mergekit_config.yml text, by path (a lineage signal)
    hub_tags: list[str] = field(default_factory=list)  # the Hub's model-info tags (a Hub source only)
    hub_tags_provenance: Provenance | None = None

    def provenance(self, path: str, line: int | None = None, method: str = "", quote: str | None = None,
                   end_line: int | None = None) -> Provenance:
        return Provenance(self.cite_path(path), line=line, end_line=end_line, method=method, quote=quote,
                          retrieved=self.retrieved)

    def add_recipe(self, path: str, data: bytes) -> None:
        """A mergekit recipe's text (the first `MAX_RECIPE_BYTES`: a longer file is cut, with a gap)."""
        if len(data) > MAX_RECIPE_BYTES:
            self.gap("recipe-too-large", f"{path} is larger than {MAX_RECIPE_BYTES // 1024} KB; only its start was "
                     "read", path)
        self.recipes[path] = data[:MAX_RECIPE_BYTES].decode("utf-8", errors="replace")

    def gap(self, code: str, message: str, path: str | None = None, line: int | None = None) -> None:
        self.gaps.append(Gap(code, message, self.provenance(path, line, "read") if path else None))

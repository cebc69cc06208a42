"""Known model families (data/families.yaml): which family a Hub id or a name belongs to, and its license.

A family is found in an official repository (`meta-llama/Llama-2-7b-chat-hf`), in any model name
(`Nous-Hermes-Llama2-13b`) or in a sentence ("fine-tuned from Llama 2 13B"). `family_release` turns a family
into the `Release` the lineage stage needs for an ancestor: its license, cited to the line of the data file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from ..evidence import Artifact, ArtifactKind, LicenseRef, Provenance, Release, Status
from ..licenses.kb import knowledge_base
from ..yamldata import safe_load

DATA = "ancestry/data/families.yaml"
SOURCE = "families"
_SIZE = re.compile(r"(?<![\w.])(\d+(?:[._]\d+)?)\s*b(?![a-z])", re.I)


SHAPE_KEYS = ("model_type", "hidden_size", "num_hidden_layers", "vocab_size")


@dataclass(frozen=True)
class Shape:
    """An official release's config.json architecture and sizes (`SHAPE_KEYS`), and where they were read."""

    values: tuple[object, ...]
    size: str
    model: str
    source: str


@dataclass(frozen=True)
class Family:
    key: str
    name: str
    orgs: tuple[str, ...]
    license: str | None
    sizes: dict[str, str]
    repos: re.Pattern[str]
    names: re.Pattern[str]
    line: int  # where the family starts in the data file
    model_types: frozenset[str] = frozenset()  # config.json model_type values only this vendor's models use
    shapes: tuple[Shape, ...] = ()  # official releases' config.json shapes

    @property
    def id(self) -> str:
        """The ancestor id of the family as a whole: `meta-llama/Llama 2` (a space: never a real Hub id)."""
        return f"{self.orgs[0]}/{self.name}"

    def license_for(self, text: str) -> str | None:
        """The license of the family member `text` names (its size decides where sizes differ)."""
        for size in _SIZE.findall(text):
            found = self.sizes.get(f"{size.lower().replace('_', '.')}b") or self.sizes.get(f"{size.lower()}b")
            if found:
                return found
        return self.license

    def provenance(self, note: str = "") -> Provenance:
        return Provenance(f"howopen:{DATA}", line=self.line, method="known model family",
                          quote=note or f"{self.name}: {self.license or 'license not known to howopen'}")


@functools.cache
def families() -> tuple[Family, ...]:
    text = resources.files("howopen").joinpath(DATA).read_text(encoding="utf-8")
    data = safe_load(text) or {}
    lines = text.split("\n")
    out = []
    for entry in data.get("families", []):
        key = str(entry["key"])
        line = next((n for n, ln in enumerate(lines, 1) if ln.strip() == f"- key: {key}"), 1)
        out.append(Family(
            key=key, name=str(entry["name"]), orgs=tuple(str(o) for o in entry["orgs"]),
            license=str(entry["license"]) if entry.get("license") else None,
            sizes={str(k).lower(): str(v) for k, v in (entry.get("sizes") or {}).items()},
            repos=re.compile(str(entry["repos"]), re.I), names=re.compile(str(entry["names"]), re.I), line=line,
            model_types=frozenset(str(m).lower() for m in entry.get("model_types") or ()),
            shapes=tuple(Shape(tuple(s[k] for k in SHAPE_KEYS), str(s["size"]), str(s["model"]), str(s["source"]))
                         for s in entry.get("shapes") or ())))
    return tuple(out)


def by_model_type(model_type: str) -> Family | None:
    """The family whose vendor alone uses this config.json `model_type` (`gemma2`), or None (`llama` is used by
    many vendors: an architecture, not a lineage)."""
    key = model_type.strip().lower()
    return next((f for f in families() if key in f.model_types), None)


def by_shape(config: dict[str, object]) -> tuple[Family, Shape] | None:
    """The family and official release whose config.json architecture and sizes this config has, or None."""
    values = tuple(config.get(k) for k in SHAPE_KEYS)
    if any(v is None or isinstance(v, bool) for v in values):
        return None
    for family in families():
        for shape in family.shapes:
            if shape.values == values:
                return family, shape
    return None


@functools.cache
def _by_id() -> dict[str, Family]:
    return {f.id.lower(): f for f in families()}


_SIZED = re.compile(r"\s+\d+(?:\.\d+)?B$")


def family_by_id(ident: str) -> Family | None:
    """The family whose ancestor id (`meta-llama/Llama 2`, or with a size, `Qwen/Qwen2 72B`) this is."""
    key = ident.strip().lower()
    return _by_id().get(key) or _by_id().get(_SIZED.sub("", ident.strip()).lower())


def size_near(text: str, start: int, end: int) -> str | None:
    """The parameter count written in or right after a family's mention (`Llama-2-13b`, `Qwen2 72B`), as `13B`."""
    found = _SIZE.search(text[start: end + 14])
    return f"{found.group(1).replace('_', '.')}B" if found else None


def member_id(family: Family, size: str | None) -> str:
    """The ancestor id for a family member: with its size where the family's license depends on it."""
    return f"{family.id} {size}" if size and family.sizes else family.id


def official(ident: str) -> Family | None:
    """The family of an official repository (`google/gemma-2-9b-it`): its organisation and name both match."""
    org, sep, name = ident.strip().partition("/")
    if not sep:
        return None
    for family in families():
        if org.lower() in (o.lower() for o in family.orgs) and family.repos.match(name):
            return family
    return None


def in_text(text: str) -> list[tuple[Family, re.Match[str]]]:
    """Every family a name or sentence mentions, each once (the more specific name wins where two overlap: the
    data file's order), in the order they appear."""
    found: list[tuple[Family, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    text = text.replace("_", " ")  # `selfrag_llama2_7b`: an underscore separates words in a name
    for family in families():
        for match in family.names.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            found.append((family, match))
            break
    return sorted(found, key=lambda item: item[1].start())


def by_name(ident: str) -> Family | None:
    """The family a Hub id's name points to (`NousResearch/Llama-2-7b-hf` -> Llama 2), or None."""
    name = ident.rsplit("/", 1)[-1]
    found = in_text(name)
    return found[0][0] if found else None


def family_release(ident: str, family: Family, how: str) -> Release:
    """A release standing for `ident` (an official repository or the family itself), under the family's license.

    `how` says why the family applies (official repository, the name), for the license's evidence."""
    lic_id = family.license_for(ident.rsplit("/", 1)[-1]) if "/" in ident else family.license
    org, _, name = ident.partition("/")
    prov = family.provenance(f"{ident}: {how}; {family.name} ships under {lic_id or 'a license howopen does not know'}")
    lic = knowledge_base().get(lic_id) if lic_id else None
    ref = (LicenseRef(id=lic.id if lic else lic_id, name=lic.name if lic else None, declared=lic_id, recognized=True,
                      confidence=1.0, evidence=(prov,)) if lic_id else None)
    weights = Artifact(ArtifactKind.WEIGHTS, Status.PRESENT, license=ref, evidence=(prov,))
    return Release(target=ident, source=SOURCE, name=name or family.name, organization=org or family.orgs[0],
                   artifacts={ArtifactKind.WEIGHTS: weights})

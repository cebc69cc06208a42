"""The repositories the loopback server serves, loaded from `tests/fixtures/hub/` (see SOURCE.md there).

A model is one YAML file: its Hub metadata (commit, gate, counts, dates, branches) and its files. A file's
content comes from a real model card (`card:`), a bundled license text (`license_text:`), inline JSON
(`json:`)
or text (`text:`); weight files declare their tensors (`tensors:`) and the server synthesizes a real
safetensors header for them, and zeros for the data it never has to send.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures" / "hub"
CARDS = (TESTS / "fixtures" / "cards", FIXTURES / "cards", FIXTURES / "dataset_cards")
LICENSE_TEXTS = REPO / "src" / "howopen" / "licenses" / "texts"
DTYPE_SIZES = {"F32": 4, "F16": 2, "BF16": 2, "I8": 1, "U8": 1, "I32": 4, "I64": 8, "F64": 8, "F8_E4M3": 1}
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.I)


_FRONT_MATTER: dict[bytes, dict[str, Any]] = {}  # by content (a bytes object caches its hash)
_ARXIV_IDS: dict[bytes, list[str]] = {}
GENERATION = [0]  # bumped on every push: the listing's sorted order is kept until it changes


def sha_of(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()


def safetensors_header(tensors: dict[str, Any]) -> tuple[bytes, int, dict[str, Any]]:
    """(8-byte length + JSON header, total file size, header dict) for the declared tensors."""
    header: dict[str, Any] = {}
    offset = 0
    for name, (dtype, shape) in tensors.items():
        size = DTYPE_SIZES[dtype]
        for dim in shape:
            size *= dim
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    header["__metadata__"] = {"format": "pt"}
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    prefix = struct.pack("<Q", len(raw)) + raw
    return prefix, len(prefix) + offset, header


@dataclass
class RepoFile:
    path: str
    size: int
    content: bytes | None = None  # None: synthesized (weights) or zeros
    prefix: bytes = b""  # safetensors header bytes at the start of a synthesized file
    header: dict[str, Any] | None = None

    def read(self, start: int = 0, end: int | None = None, limit: int = 4 * 1024 * 1024) -> bytes:
        """Bytes [start, end] (inclusive), never more than `limit` of them."""
        end = self.size - 1 if end is None else min(end, self.size - 1)
        if end < start:
            return b""
        end = min(end, start + limit - 1)
        if self.content is not None:
            return self.content[start : end + 1]
        data = self.prefix[start : end + 1]
        return data + b"\x00" * (end + 1 - start - len(data))

    @property
    def etag(self) -> str:
        return f'"{sha_of(self.path, str(self.size), (self.content or self.prefix).hex()[:4096])}"'

    @property
    def lfs(self) -> bool:
        return self.content is None


def _card_path(name: str) -> Path:
    for folder in CARDS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(name)


def front_matter(text: str) -> dict[str, Any]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            try:
                loaded = yaml.safe_load("\n".join(lines[1:index]))
            except yaml.YAMLError:
                return {}
            return loaded if isinstance(loaded, dict) else {}
    return {}


def _file(spec: dict[str, Any]) -> RepoFile:
    path = str(spec["path"])
    if "card" in spec:
        data = _card_path(spec["card"]).read_bytes()
        return RepoFile(path, len(data), data)
    if "license_text" in spec:
        data = (LICENSE_TEXTS / spec["license_text"]).read_bytes()
        return RepoFile(path, len(data), data)
    if "json" in spec:
        data = json.dumps(spec["json"], indent=2).encode()
        return RepoFile(path, len(data), data)
    if "text" in spec:
        data = str(spec["text"]).encode()
        return RepoFile(path, len(data), data)
    if "tensors" in spec:
        prefix, size, header = safetensors_header(spec["tensors"])
        return RepoFile(path, size, None, prefix, header)
    return RepoFile(path, int(spec.get("size", 0)), None)


@dataclass
class Repo:
    """A model or dataset repository."""

    id: str
    kind: str  # models | datasets
    sha: str
    files: dict[str, RepoFile]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def gated(self) -> Any:
        return self.meta.get("gated", False)

    @property
    def private(self) -> bool:
        return bool(self.meta.get("private", False))

    @property
    def branches(self) -> list[str]:
        return list(self.meta.get("branches") or ["main"])

    def commit_of(self, revision: str | None) -> str | None:
        if revision in (None, "main", self.sha):
            return self.sha
        if revision in self.branches:
            return sha_of(self.id, revision)
        return None

    @property
    def card_data(self) -> dict[str, Any]:
        readme = self.files.get("README.md")
        if readme is None or readme.content is None:
            return {}
        key = readme.content
        found = _FRONT_MATTER.get(key)
        if found is None:  # parsed once per distinct card: a listing of thousands of copies stays fast
            found = _FRONT_MATTER[key] = front_matter(readme.content.decode("utf-8", errors="replace"))
        return found

    def listing_info(self) -> dict[str, Any]:
        """Everything a listing item can hold (`full`, `cardData`, expanded properties); kept per commit."""
        cached = self.meta.get("_listing")
        if cached is not None and cached[0] == self.sha:
            return cached[1]  # type: ignore[no-any-return]
        info = self.info(blobs=False)
        info.setdefault("trendingScore", 0)
        self.meta["_listing"] = (self.sha, info)
        return info

    def change_commit(self, card: bytes | None = None, when: str = "2025-06-01T12:00:00.000Z") -> str:
        """A new commit (a push): a new sha and `lastModified`, and the card replaced when one is given."""
        self.sha = sha_of(self.id, self.sha, "push")
        GENERATION[0] += 1
        self.meta["lastModified"] = when
        if card is not None:
            self.files["README.md"] = RepoFile("README.md", len(card), card)
        return self.sha

    def tags(self) -> list[str]:
        """The tags the Hub derives from the card (as it does): license, datasets, arXiv ids, base models."""
        card = self.card_data
        tags: list[str] = list(self.meta.get("extra_tags") or [])
        own = card.get("tags")
        tags += [str(t) for t in own] if isinstance(own, list) else []
        for key in ("library_name", "pipeline_tag"):
            if isinstance(card.get(key), str):
                tags.append(card[key])
        if any(p.endswith(".safetensors") for p in self.files):
            tags.append("safetensors")
        if any(p.endswith(".gguf") for p in self.files):
            tags.append("gguf")
        datasets = card.get("datasets")
        for name in (datasets if isinstance(datasets, list) else [datasets] if datasets else []):
            tags.append(f"dataset:{name}")
        readme = self.files.get("README.md")
        if readme is not None and readme.content is not None:
            key = readme.content
            if key not in _ARXIV_IDS:
                text = readme.content.decode("utf-8", errors="replace")
                _ARXIV_IDS[key] = list(dict.fromkeys(_ARXIV.findall(text)))
            for ident in _ARXIV_IDS[key]:
                tags.append(f"arxiv:{ident}")
        base = card.get("base_model")
        relation = self.meta.get("base_model_relation") or card.get("base_model_relation")
        for ident in (base if isinstance(base, list) else [base] if base else []):
            tags.append(f"base_model:{ident}")
            if relation:
                tags.append(f"base_model:{relation}:{ident}")
        lic = card.get("license")
        for value in (lic if isinstance(lic, list) else [lic] if lic else []):
            tags.append(f"license:{value}")
        tags.append("region:us")
        return list(dict.fromkeys(tags))

    def info(self, *, blobs: bool) -> dict[str, Any]:
        org = self.id.split("/")[0] if "/" in self.id else None
        data: dict[str, Any] = {
            "_id": sha_of(self.id)[:24], "id": self.id, "author": org, "sha": self.sha,
            "lastModified": self.meta.get("lastModified", "2024-07-23T12:00:00.000Z"),
            "createdAt": self.meta.get("createdAt", "2024-07-01T12:00:00.000Z"),
            "private": self.private, "gated": self.gated, "disabled": False,
            "downloads": self.meta.get("downloads", 0), "likes": self.meta.get("likes", 0),
            "tags": self.tags(), "cardData": self.card_data, "siblings": [],
        }
        if self.kind == "models":
            data["modelId"] = self.id
            card = self.card_data
            for key in ("library_name", "pipeline_tag"):
                value = self.meta.get(key, card.get(key))
                if value:
                    data[key] = value
            if "safetensors" in self.meta:
                data["safetensors"] = self.meta["safetensors"]
            if "gguf" in self.meta:
                data["gguf"] = self.meta["gguf"]
        for path, file in sorted(self.files.items()):
            sibling: dict[str, Any] = {"rfilename": path}
            if blobs:
                sibling.update(size=file.size, blobId=sha_of(path, self.sha))
                if file.lfs:
                    sibling["lfs"] = {"size": file.size, "sha256": hashlib.sha256(path.encode()).hexdigest(),
                                      "pointerSize": 134}
            data["siblings"].append(sibling)
        return data


@dataclass
class GitHubFixture:
    full_name: str
    default_branch: str
    license: dict[str, Any] | None
    license_path: str | None
    license_text: bytes | None
    paths: list[str]
    head_ref: bool = True  # accepts HEAD as a tree reference


@dataclass
class World:
    models: dict[str, Repo] = field(default_factory=dict)
    datasets: dict[str, Repo] = field(default_factory=dict)
    github: dict[str, GitHubFixture] = field(default_factory=dict)
    arxiv: dict[str, str] = field(default_factory=dict)
    arxiv_licenses: dict[str, str] = field(default_factory=dict)  # id -> "Rights to this article" address
    arxiv_abstracts: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)

    def add_model(self, spec: dict[str, Any]) -> Repo:
        repo = _repo(spec, "models")
        self.models[repo.id.lower()] = repo
        return repo

    def add_card_copies(self, cards: list[Path], copies: int, *, org: str = "copy") -> list[Repo]:
        """`copies` repositories per card file, `<org>-<k>/<model>` (README.md the card, a config and weights),
        with downloads and dates spread so that sorting and `--since` have something to do."""
        added: list[Repo] = []
        datas = [(card, card.read_bytes()) for card in cards]
        for k in range(copies):
            for n, (card, data) in enumerate(datas):
                name = card.stem.partition("_")[2] or card.stem
                ident = f"{org}-{k}/{name}"
                number = k * len(datas) + n
                files = {"README.md": RepoFile("README.md", len(data), data),
                         "config.json": RepoFile("config.json", 2, b"{}"),
                         "model.safetensors": RepoFile("model.safetensors", 1_000_000)}
                meta = {"downloads": (number * 7919) % 100_003, "likes": number % 97,
                        "createdAt": f"20{23 + number % 3}-{1 + number % 12:02d}-15T12:00:00.000Z",
                        "lastModified": f"2025-{1 + number % 5:02d}-{1 + number % 28:02d}T12:00:00.000Z"}
                repo = Repo(ident, "models", sha_of(ident, "main"), files, meta)
                self.models[ident.lower()] = repo
                added.append(repo)
        return added


def _repo(spec: dict[str, Any], kind: str) -> Repo:
    ident = str(spec["id"])
    files = {f.path: f for f in (_file(s) for s in spec.get("files") or [])}
    meta = {k: v for k, v in spec.items() if k not in ("id", "files")}
    return Repo(ident, kind, str(spec.get("sha") or sha_of(ident, "main")), files, meta)


def load(root: Path = FIXTURES) -> World:
    world = World()
    for path in sorted((root / "models").glob("*.yaml")):
        world.add_model(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in sorted((root / "datasets").glob("*.yaml")):
        repo = _repo(yaml.safe_load(path.read_text(encoding="utf-8")), "datasets")
        world.datasets[repo.id.lower()] = repo
    for path in sorted((root / "github").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (LICENSE_TEXTS / spec["license_text"]).read_bytes() if spec.get("license_text") else None
        world.github[spec["full_name"].lower()] = GitHubFixture(
            spec["full_name"], spec.get("default_branch", "main"), spec.get("license"),
            spec.get("license_path"), text, list(spec.get("paths") or []), bool(spec.get("head_ref", True)))
    extra = yaml.safe_load((root / "world.yaml").read_text(encoding="utf-8"))
    world.arxiv = {str(k): str(v) for k, v in (extra.get("arxiv") or {}).items()}
    world.arxiv_licenses = {str(k): str(v) for k, v in (extra.get("arxiv_licenses") or {}).items()}
    world.arxiv_abstracts = {str(k): str(v) for k, v in (extra.get("arxiv_abstracts") or {}).items()}
    world.redirects = {str(k).lower(): str(v) for k, v in (extra.get("redirects") or {}).items()}
    return world

"""A small index shared by the web tests: the fixture cards plus a stand-in catalog of three example snapshots.

The stand-in catalog is a module put in place of `howopen.catalog` (not in this tree) for the build only; its
releases are the bundled example snapshots read by the local source, relabelled as catalog records with a
release date and modality (test data, cited to the model pages they come from).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from howopen.evidence import Fact, Provenance, Release
from howopen.index import Store, open_store
from howopen.index.build import build
from howopen.sources.local import LocalSource

ROOT = Path(__file__).resolve().parents[2]
CARDS = ROOT / "tests" / "fixtures" / "web_cards"
SNAPSHOTS = ROOT / "examples" / "snapshots"
HOSTILE = "evil-org/xss-model"

CATALOG = [
    # (snapshot, organisation, name, release date, page the date is read from)
    ("pythia-1b", "EleutherAI", "pythia-1b", "2023-02-13", "https://huggingface.co/EleutherAI/pythia-1b"),
    ("llama-3.1-8b-instruct", "meta-llama", "Llama-3.1-8B-Instruct", "2024-07-23",
     "https://ai.meta.com/blog/meta-llama-3-1/"),
    ("phi-3-mini-128k-instruct", "microsoft", "Phi-3-mini-128k-instruct", "2024-04-23",
     "https://huggingface.co/microsoft/Phi-3-mini-128k-instruct"),
]


def catalog_release(snapshot: str, org: str, name: str, date: str, url: str) -> Release:
    release = LocalSource(SNAPSHOTS / snapshot).fetch()
    facts = dict(release.facts)
    facts["release_date"] = Fact(date, Provenance(url, method="catalog"))
    facts["modality"] = Fact("text", Provenance(url, method="catalog"))
    return replace(release, source="catalog", organization=org, name=name, target=f"{org}/{name}", facts=facts)


def fake_catalog() -> types.ModuleType:
    module = types.ModuleType("howopen.catalog")
    module.iter_releases = lambda: (catalog_release(*entry) for entry in CATALOG)  # type: ignore[attr-defined]
    module.find = lambda name: None  # type: ignore[attr-defined]
    return module


def build_index(path: Path, *, with_catalog: bool = True, folders: list[Path] | None = None) -> Store:
    store = open_store(path)
    with pytest.MonkeyPatch.context() as patch:
        if with_catalog:
            patch.setitem(sys.modules, "howopen.catalog", fake_catalog())
        else:
            patch.setitem(sys.modules, "howopen.catalog", None)  # import raises ImportError
        build(store, folders if folders is not None else [CARDS], workers=1)
    return store


@pytest.fixture(scope="session")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("index") / "index.duckdb"
    build_index(path).close()
    return path


@pytest.fixture(scope="session")
def store(index_path: Path) -> Iterator[Store]:
    with open_store(index_path, read_only=True) as opened:
        yield opened

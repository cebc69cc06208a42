"""Fixtures for the grader tests: a knowledge base with test-only records, and releases built directly."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from howopen.licenses import identify, kb
from howopen.licenses.kb import KnowledgeBase

TEST_LICENSES = Path(__file__).resolve().parents[1] / "fixtures" / "licenses"


@pytest.fixture(autouse=True, scope="module")
def test_licenses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    """The bundled knowledge base plus tests/fixtures/licenses (a bundled record with the same id wins).

    Module-scoped, and undone after each module, so that tests outside tests/graders see the bundled base only."""
    folder = tmp_path_factory.mktemp("kb")
    bundled = set()
    for path in kb.data_dir().glob("*.yaml"):
        shutil.copy(path, folder / path.name)
        bundled.add(yaml.safe_load(path.read_text(encoding="utf-8"))["id"])
    for path in TEST_LICENSES.glob("*.yaml"):
        if yaml.safe_load(path.read_text(encoding="utf-8"))["id"] not in bundled:
            shutil.copy(path, folder / f"test-{path.name}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kb, "data_dir", lambda: folder)
        kb.knowledge_base.cache_clear()
        identify._references.cache_clear()
        yield kb.knowledge_base()
        kb.knowledge_base.cache_clear()
        identify._references.cache_clear()

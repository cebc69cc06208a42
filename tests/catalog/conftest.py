from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import howopen.catalog as catalog
from howopen.catalog import listing

from .records import write


def clear_caches() -> None:
    catalog._records.cache_clear()
    catalog._index.cache_clear()
    listing.all_rows.cache_clear()


@pytest.fixture
def synthetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The catalog reads three synthetic records instead of the bundled ones."""
    root = write(tmp_path / "records")
    monkeypatch.setattr(catalog, "records_dir", lambda: root)
    clear_caches()
    yield root
    clear_caches()

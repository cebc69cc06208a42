"""The openness index: graded releases kept in DuckDB, filled from the catalog, model-card folders and checks.

The names below are imported on first use (PEP 562), so that `howopen index --help` and `howopen serve --help`
start without DuckDB."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import exports

_LAZY = {"default_db_path": "paths", "Store": "store", "open_store": "store"}

if TYPE_CHECKING:
    from .paths import default_db_path
    from .store import Store, open_store


__getattr__ = exports(__name__, _LAZY)


__all__ = ["Store", "default_db_path", "open_store"]

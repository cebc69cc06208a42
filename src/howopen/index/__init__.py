"""The openness index: graded releases kept in DuckDB, filled from the catalog, model-card folders and checks."""

from __future__ import annotations

from .paths import default_db_path
from .store import Store, open_store

__all__ = ["Store", "default_db_path", "open_store"]

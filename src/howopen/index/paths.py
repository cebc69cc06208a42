"""Where the index lives by default: the user's data directory (platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path


def default_db_path() -> Path:
    return user_data_path("howopen", appauthor=False) / "index.duckdb"

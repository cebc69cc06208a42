"""The openness index: graded releases kept in DuckDB, filled from the catalog, model-card folders and checks.

The names below are imported on first use (PEP 562), so that `howopen index --help` and `howopen serve --help`
start without DuckDB."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_LAZY = {"default_db_path": "paths", "Store": "store", "open_store": "store"}

if TYPE_CHECKING:
    from .paths import default_db_path
    from .store import Store, open_store


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["Store", "default_db_path", "open_store"]

"""howopen's network layer: a disk cache, bounded retries and offline mode under every HTTP client it uses."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# imported on first use (PEP 562): `howopen.net.failure` alone must not load the HTTP clients
_LAZY = {"DiskCache": "cache", "Failure": "failure", "Session": "session", "NetPolicy": "transport",
         "OfflineMiss": "transport", "Stats": "transport"}

if TYPE_CHECKING:
    from .cache import DiskCache
    from .failure import Failure
    from .session import Session
    from .transport import NetPolicy, OfflineMiss, Stats


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["DiskCache", "Failure", "NetPolicy", "OfflineMiss", "Session", "Stats"]

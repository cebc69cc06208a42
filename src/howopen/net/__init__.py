"""howopen's network layer: a disk cache, bounded retries and offline mode under every HTTP client it uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import exports

# imported on first use (PEP 562): `howopen.net.failure` alone must not load the HTTP clients
_LAZY = {"DiskCache": "cache", "Failure": "failure", "Session": "session", "NetPolicy": "transport",
         "OfflineMiss": "transport", "Stats": "transport"}

if TYPE_CHECKING:
    from .cache import DiskCache
    from .failure import Failure
    from .session import Session
    from .transport import NetPolicy, OfflineMiss, Stats


__getattr__ = exports(__name__, _LAZY)


__all__ = ["DiskCache", "Failure", "NetPolicy", "OfflineMiss", "Session", "Stats"]

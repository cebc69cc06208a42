"""howopen's network layer: a disk cache, bounded retries and offline mode under every HTTP client it uses."""

from .cache import DiskCache
from .failure import Failure
from .session import Session
from .transport import NetPolicy, OfflineMiss, Stats

__all__ = ["DiskCache", "Failure", "NetPolicy", "OfflineMiss", "Session", "Stats"]

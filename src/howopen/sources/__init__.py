"""Evidence sources: each turns a target (a folder, a Hub id, a catalog name, ...) into a `Release`."""

from .interface import Source

__all__ = ["Source"]

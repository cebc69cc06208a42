"""Small text files read whole, within a size bound: records, policy files. One line says why one cannot be."""

from __future__ import annotations

from pathlib import Path


class TextReadError(Exception):
    """A small text file that cannot be read, is too large, or is not UTF-8; the message is one line."""


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def read_text(path: Path, limit: int, what: str) -> str:
    """The UTF-8 text of a file of at most `limit` bytes (no more is read). `what` names the file in errors, e.g.
    "catalog record meta/llama-2-70b.yaml"."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise TextReadError(f"cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise TextReadError(f"{what} is larger than {_size(limit)}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise TextReadError(f"{what} is not UTF-8 text") from None

"""Reads a license file safely: bounded, binary refused, any encoding decoded with the damage reported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..textio import read_bounded

MAX_BYTES = 256 * 1024  # a license is a few dozen kilobytes; anything bigger is read in part


@dataclass(frozen=True)
class LicenseFile:
    text: str
    notes: tuple[str, ...] = ()  # what was done to read it (truncated, bytes replaced, ...)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (or UTF-16 with a byte-order mark); fall back line by line for mixed encodings."""
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), notes
    try:
        return data.decode("utf-8-sig"), notes
    except UnicodeDecodeError:
        pass
    lines = []
    fallback = 0
    for raw in data.split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
            fallback += 1
    notes.append(f"{fallback} line(s) were not UTF-8 and were read as Windows-1252")
    return "\n".join(lines), notes


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.1


def read_license_file(path: Path, limit: int = MAX_BYTES) -> LicenseFile:
    """Read at most `limit` bytes of a license file, or raise a one-line `UsageError`."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder", hint="give a license file, a license id or an SPDX expression")
    try:
        data = read_bounded(path, limit + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    notes: list[str] = []
    if len(data) > limit:
        data = data[:limit]
        notes.append(f"the file is larger than {limit // 1024} KB; only its beginning was read")
    if not data.strip():
        raise UsageError(f"{path} is empty", hint="give a file that holds a license text")
    if looks_binary(data):
        raise UsageError(f"{path} looks like a binary file, not a license text",
                         hint="give a plain-text or Markdown license file")
    text, decode_notes = decode(data)
    return LicenseFile(text, (*notes, *decode_notes))

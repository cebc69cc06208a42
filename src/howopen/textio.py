"""Bounded reads of files written by strangers: regular files only (a FIFO, socket or device is refused without
blocking), at most a given number of bytes; small text files (records, policy files) read whole as UTF-8."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

_KINDS = ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "FIFO (named pipe)"), (stat.S_ISSOCK, "socket"),
          (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"))


class NotARegularFile(OSError):
    """A path that is a FIFO, socket, device or folder where a file was expected; `strerror` says which."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, f"it is a {kind}, not a regular file")
        self.kind = kind


class TextReadError(Exception):
    """A small text file that cannot be read, is too large, or is not UTF-8; the message is one line."""


def file_kind(mode: int) -> str | None:
    """What a non-regular file is ("FIFO (named pipe)", "socket", ...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "special file")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a regular file for reading. Opened non-blocking and checked with fstat on the open descriptor, so a FIFO
    with no writer, a socket or a device raises `NotARegularFile` (an OSError) at once instead of hanging."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        kind = file_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotARegularFile(kind)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def inside_regular_file(path: Path, folder: Path) -> bool:
    """Whether `path` is a regular file that is, once every symlink is followed, still inside `folder`."""
    try:
        resolved = path.resolve(strict=True)
        return resolved.is_relative_to(folder.resolve(strict=True)) and stat.S_ISREG(resolved.stat().st_mode)
    except (OSError, RuntimeError):  # missing, unreadable, or a symlink loop (RuntimeError on Python 3.11, 3.12)
        return False


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most `limit` bytes of a regular file (OSError, including `NotARegularFile`, when it cannot be read)."""
    with open_regular(path) as handle:
        return handle.read(limit)


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def read_text(path: Path, limit: int, what: str) -> str:
    """The UTF-8 text of a file of at most `limit` bytes (no more is read). `what` names the file in errors, e.g.
    "catalog record meta/llama-2-70b.yaml"."""
    try:
        data = read_bounded(path, limit + 1)
    except OSError as exc:
        raise TextReadError(f"cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise TextReadError(f"{what} is larger than {_size(limit)}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise TextReadError(f"{what} is not UTF-8 text") from None

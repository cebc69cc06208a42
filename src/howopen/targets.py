"""Turns what the user typed (a folder, a Hub id, a URL, a catalog name, a MOT record) into a `Source`.

Resolvers are tried in order; the first that recognizes the target wins. Each later source registers its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import TargetError
from .sources.interface import Source
from .sources.local import LocalSource
from .sources.mot import MotRecordSource, looks_like_record


@dataclass(frozen=True)
class CheckOptions:
    offline: bool = False
    revision: str | None = None


Resolver = Callable[[str, CheckOptions], Source | None]


def _local(target: str, options: CheckOptions) -> Source | None:
    path = Path(target).expanduser()
    if path.is_dir():
        return LocalSource(path)
    if path.exists():
        return LocalSource(path)  # LocalSource explains why a file is not a model folder
    return None


def _mot_record(target: str, options: CheckOptions) -> Source | None:
    path = Path(target).expanduser()
    return MotRecordSource(path) if looks_like_record(path) else None


RESOLVERS: list[Resolver] = [_mot_record, _local]


def resolve_target(target: str, options: CheckOptions | None = None) -> Source:
    options = options or CheckOptions()
    if not target.strip():
        raise TargetError("the target is empty", hint="give a model folder, a Hub id or a catalog name")
    for resolver in RESOLVERS:
        source = resolver(target, options)
        if source is not None:
            return source
    raise TargetError(f"no such file or folder: {target}",
                      hint="give a model folder (Hub ids and catalog names come with later sources)")

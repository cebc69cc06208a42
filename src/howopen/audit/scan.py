"""Walks a project and collects every model reference: Python code, configuration files, Ollama Modelfiles and
GGUF files. Reads are bounded; version-control folders, virtual environments, caches and `node_modules` are
skipped, and so are large or binary files. Symlinks are not followed."""

from __future__ import annotations

import functools
import os
import re
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import TargetError
from ..textio import read_bounded
from .config_refs import find_in_json, find_in_toml, find_in_yaml
from .gguf_refs import gguf_reference
from .modelfile_refs import find_in_modelfile, is_modelfile
from .python_refs import find_in_python
from .references import ModelReference, patterns, relative

MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_FILES = 500_000
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox", ".mypy_cache",
             ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", "site-packages", ".eggs", ".idea", ".vscode",
             ".cache", ".direnv"}
SKIP_FILES = {"package-lock.json", "pipfile.lock", "composer.lock", "tokenizer.json", "vocab.json",
              "tokenizer_config.json", "special_tokens_map.json", "generation_config.json", "merges.txt"}

Finder = Callable[[str, Path, Path], list[ModelReference]]
PARSE_ERRORS: tuple[type[BaseException], ...] = (SyntaxError, ValueError, RecursionError, yaml.YAMLError,
                                                  tomllib.TOMLDecodeError, UnicodeDecodeError, MemoryError)


@functools.cache
def _triggers() -> dict[str, re.Pattern[str]]:
    """Words without which a file cannot hold a reference; files lacking them are not parsed (a fast path that
    changes no answer: every reference needs its call name, keyword or config key written out)."""
    found = patterns()
    code_words = sorted({*found.calls, *found.keywords})
    config_words = sorted(found.config_keys)
    return {
        "python": re.compile("|".join(re.escape(w) for w in code_words)),
        "yaml": re.compile("|".join(re.escape(w) for w in config_words)),
        "json": re.compile("|".join(re.escape(w) for w in config_words)),
        "toml": re.compile("|".join(re.escape(w) for w in config_words)),
    }


def finder_for(name: str) -> tuple[str, Finder] | None:
    lowered = name.lower()
    if lowered in SKIP_FILES:
        return None
    if lowered.endswith(".py"):
        return "python", find_in_python
    if lowered.endswith((".yaml", ".yml")):
        return "yaml", find_in_yaml
    if lowered.endswith(".json"):
        return "json", find_in_json
    if lowered.endswith(".toml"):
        return "toml", find_in_toml
    if is_modelfile(name):
        return "modelfile", find_in_modelfile
    return None


@dataclass
class ScanResult:
    """What a scan found and what it passed over, so nothing is dropped silently."""

    root: Path
    references: list[ModelReference] = field(default_factory=list)
    files_seen: int = 0  # every regular file the walk met
    files_read: int = 0  # files read
    files_parsed: int = 0  # files read that name a loading call or config key, hence parsed
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why) for files that could not be read

    def skip(self, path: Path, why: str) -> None:
        self.skipped.append((relative(path, self.root), why))


def _is_virtualenv(path: Path) -> bool:
    return (path / "pyvenv.cfg").is_file()


def _read_text(path: Path, size: int, result: ScanResult) -> str | None:
    if size > MAX_TEXT_BYTES:
        result.skip(path, f"larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB; not read")
        return None
    try:
        data = read_bounded(path, MAX_TEXT_BYTES + 1)
    except OSError as exc:
        result.skip(path, f"cannot read: {exc.strerror or exc}")
        return None
    if b"\x00" in data[:8192]:
        result.skip(path, "binary; not read")
        return None
    return data.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")


def _scan_file(path: Path, size: int, result: ScanResult) -> None:
    if path.name.lower().endswith(".gguf"):
        result.files_read += 1
        ref, problem = gguf_reference(path, result.root)
        if problem:
            result.skip(path, f"GGUF header: {problem}; reported as a model that could not be checked")
        result.references.append(ref)
        return
    found = finder_for(path.name)
    if found is None:
        return
    kind, finder = found
    text = _read_text(path, size, result)
    if text is None:
        return
    result.files_read += 1
    trigger = _triggers().get(kind)
    if trigger is not None and trigger.search(text) is None:
        return
    result.files_parsed += 1
    try:
        result.references.extend(finder(text, path, result.root))
    except PARSE_ERRORS as exc:
        message = str(exc).split("\n", 1)[0][:200]
        result.skip(path, f"not valid {kind}: {message}; references in it were not found")


def scan(root: Path) -> ScanResult:
    """Every model reference under `root` (a folder, or one file)."""
    if not root.exists():
        raise TargetError(f"no such file or folder: {root}", hint="give the project folder to audit")
    root = root.resolve()
    if root.is_file():
        result = ScanResult(root.parent)
        result.files_seen = 1
        _scan_file(root, root.stat().st_size, result)
        return _tidy(result)
    result = ScanResult(root)
    for current, dirs, files in os.walk(root, onerror=lambda e: result.skip(Path(e.filename or root),
                                                                           f"cannot list: {e.strerror}")):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not _is_virtualenv(here / d)
                         and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            try:
                info = path.lstat()
            except OSError as exc:
                result.skip(path, f"cannot read: {exc.strerror or exc}")
                continue
            if not stat.S_ISREG(info.st_mode):
                continue  # symlinks, sockets, devices
            result.files_seen += 1
            if result.files_seen > MAX_FILES:
                result.skip(here, f"more than {MAX_FILES} files; the rest were not scanned")
                return _tidy(result)
            _scan_file(path, info.st_size, result)
    return _tidy(result)


def _tidy(result: ScanResult) -> ScanResult:
    """References in file order; one value seen twice at the same place (a YAML alias) counts once."""
    unique = {(r.file, r.line, r.column, r.model, r.how): r for r in result.references}
    result.references = sorted(unique.values(), key=lambda r: (r.file, r.line or 0, r.column or 0))
    return result

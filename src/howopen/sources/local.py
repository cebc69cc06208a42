"""The local source: a folder laid out like a Hugging Face model repository (or a downloaded snapshot).

Every read is bounded; symlinks that leave the folder are not followed (except into the Hugging Face cache's
own `blobs/` folder, which is how `snapshot_download` lays files out); nothing from the folder is imported,
executed or unpickled.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from ..errors import TargetError
from ..evidence import Release
from ..textio import file_kind, open_regular, read_bounded
from .assemble import MAX_ADAPTER_CONFIG_BYTES, build_release, parse_adapter_config, parse_config
from .card import NotACard, parse_card
from .files import HEADER_SUFFIXES, Role
from .folder_shape import MAX_INDEX_BYTES, not_a_release, release_signs, shard_names
from .interface import Source
from .snapshot import MAX_RECIPE_BYTES, RECIPE_FILES, FileEntry, Snapshot
from .weights import HeaderError, read_header

MAX_FILES = 200_000
MAX_LICENSE_BYTES = 256 * 1024  # a license text is tens of KB, and its beginning identifies it
MAX_LICENSE_FILES = 100
MAX_CONFIG_BYTES = 4 * 1024 * 1024
MAX_HEADER_FILES = 200
MAX_INDEX_FILES = 20
DOCUMENT_ROLES = {Role.MODEL_CARD, Role.LICENSE, Role.NOTICE, Role.USAGE_POLICY, Role.DOCUMENT, Role.DATA_CARD}
# Folders that are never part of a model release: version control, caches, virtual environments, installed
# packages. Hidden folders (`.git`, `.venv`, `.cache`) are skipped by their leading dot.
NOT_RELEASE_NAMES = {"__pycache__": "a cache", "node_modules": "installed packages",
                     "site-packages": "installed packages", "dist-packages": "installed packages",
                     "venv": "a virtual environment", "CVS": "version control", "_darcs": "version control"}
ROUTINE_SKIPS = {"version control", "a cache", "hidden"}
_VCS = {".git", ".hg", ".svn", ".bzr"}


def not_release_folder(path: Path) -> str | None:
    """Why a folder is not part of a model release ("a virtual environment", "hidden", ...), or None."""
    name = path.name
    if name in _VCS:
        return "version control"
    if name in NOT_RELEASE_NAMES:
        return NOT_RELEASE_NAMES[name]
    try:
        if (path / "pyvenv.cfg").is_file() or (path / "conda-meta").is_dir():
            return "a virtual environment"
    except OSError:
        return "unreadable"
    if name in (".cache", ".ipynb_checkpoints", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox"):
        return "a cache"
    if name.startswith("."):
        return "a virtual environment" if name in (".venv", ".env", ".conda") else "hidden"
    if os.path.islink(path):
        return "a symlinked folder, not followed"
    return None


class LocalSource(Source):
    kind = "local"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def describe(self) -> str:
        return f"local folder {self.path}"

    def fetch(self) -> Release:
        root = self._check_root()
        snapshot = Snapshot(label=str(self.path))
        self._list(root, snapshot)
        if not snapshot.files:
            raise TargetError(f"{self.path} is empty", hint="point howopen at the folder that holds the model's "
                              "README.md, weights and license files")
        snapshot.listing_complete = any(f.classified.role not in DOCUMENT_ROLES for f in snapshot.files)
        if not snapshot.listing_complete:
            snapshot.gap("documents-only", "the folder holds only documents (model card, license files); "
                         "file-based artifacts such as the weights are reported as unknown")
        self._read_card(root, snapshot)
        if not release_signs(snapshot):
            raise not_a_release(str(self.path) if self.path.name else f"{self.path} ({root.name})", snapshot)
        snapshot.weights_elsewhere = True  # a folder cannot show that weights it lacks were never published
        self._check_shards(snapshot)
        self._read_config(root, snapshot)
        self._read_adapter_config(snapshot)
        self._read_recipes(snapshot)
        self._read_texts(root, snapshot)
        self._read_headers(root, snapshot)
        name, organization = self._names(root, snapshot)
        return build_release(snapshot, target=str(self.path), source=self.kind, name=name,
                             organization=organization)

    # -- checks and listing ---------------------------------------------------------------------------------

    def _check_root(self) -> Path:
        try:
            exists = self.path.exists()
        except OSError:
            exists = False
        if not exists:
            raise TargetError(f"no such file or folder: {self.path}",
                              hint="give a model folder, a Hub id such as org/name, or a catalog name")
        if not self.path.is_dir() and self.path.suffix.lower() in (".yml", ".yaml"):
            from .mot import not_a_model_error

            raise not_a_model_error(self.path)
        if not self.path.is_dir():
            raise TargetError(f"{self.path} is a file, not a folder",
                              hint="give the folder that holds the model's README.md and weights")
        try:
            return self.path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop, on Python 3.11 and 3.12
            raise TargetError(f"cannot read {self.path}: {getattr(exc, 'strerror', None) or exc}") from None

    def _allowed_target(self, root: Path, resolved: Path) -> bool:
        if resolved.is_relative_to(root):
            return True
        # Hugging Face cache: snapshots/<sha>/file -> ../../blobs/<hash>
        if root.parent.name == "snapshots":
            return resolved.is_relative_to(root.parent.parent / "blobs")
        return False

    def _list(self, root: Path, snapshot: Snapshot) -> None:
        self._resolved: dict[str, Path] = {}
        skipped: list[str] = []
        for current, dirs, files in os.walk(root, onerror=lambda e: snapshot.gap(
                "unreadable-folder", f"cannot list {e.filename}: {e.strerror}")):
            here = Path(current)
            kept = []
            for name in sorted(dirs):
                why = not_release_folder(here / name)
                if why is None:
                    kept.append(name)
                elif why not in ROUTINE_SKIPS:
                    skipped.append(f"{(here / name).relative_to(root).as_posix()} ({why})")
            dirs[:] = kept
            for name in sorted(files):
                full = here / name
                rel = full.relative_to(root).as_posix()
                entry = self._entry(root, full, rel, snapshot)
                if entry is not None:
                    snapshot.files.append(entry)
                if len(snapshot.files) >= MAX_FILES:
                    snapshot.gap("too-many-files", f"the folder holds more than {MAX_FILES} files; "
                                 "the rest were not listed")
                    return
        if skipped:
            shown = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
            snapshot.gap("not-release-folders", f"folders that are not part of a model release were not read: "
                         f"{shown}")

    def _entry(self, root: Path, full: Path, rel: str, snapshot: Snapshot) -> FileEntry | None:
        try:
            info = full.lstat()
            if stat.S_ISLNK(info.st_mode):
                try:
                    resolved = full.resolve(strict=True)
                except RuntimeError:  # Python 3.11/3.12 raise this for a loop; later versions an OSError
                    resolved = None
                except OSError as exc:
                    if exc.errno != errno.ELOOP:
                        raise
                    resolved = None
                if resolved is None:
                    snapshot.gap("symlink-loop", f"{rel} is a symlink loop; skipped", rel)
                    return None
                if not self._allowed_target(root, resolved):
                    snapshot.gap("symlink-outside", f"{rel} is a symlink to a path outside the folder; "
                                 "not followed", rel)
                    return FileEntry(rel, None)
                info = resolved.stat()
                self._resolved[rel] = resolved
            else:
                self._resolved[rel] = full
            kind = file_kind(info.st_mode)
            if kind is not None:
                self._resolved.pop(rel, None)
                if not stat.S_ISDIR(info.st_mode):
                    snapshot.gap("not-a-file", f"{rel} is a {kind}, not a regular file; skipped", rel)
                return None
            return FileEntry(rel, info.st_size)
        except OSError as exc:
            self._resolved.pop(rel, None)
            snapshot.gap("unreadable-file", f"cannot read {rel}: {exc.strerror or exc}", rel)
            return FileEntry(rel, None)

    def _read(self, rel: str, limit: int, snapshot: Snapshot) -> bytes | None:
        path = self._resolved.get(rel)
        if path is None:
            return None
        try:
            return read_bounded(path, limit)
        except OSError as exc:
            snapshot.gap("unreadable-file", f"cannot read {rel}: {exc.strerror or exc}", rel)
            return None

    def _check_shards(self, snapshot: Snapshot) -> None:
        """A shard index whose shards are not all here: say which are missing, and read no parameter count from
        the shards that are (it would be a part taken for the whole)."""
        listed = {f.path for f in snapshot.files}
        for entry in [f for f in snapshot.files if f.classified.role == Role.WEIGHTS_INDEX][:MAX_INDEX_FILES]:
            data = self._read(entry.path, MAX_INDEX_BYTES + 1, snapshot)
            if data is None:
                continue
            names = shard_names(data, entry.path) if len(data) <= MAX_INDEX_BYTES else None
            if names is None:
                snapshot.gap("shard-index-invalid", f"{entry.path} is not a readable shard index (a JSON object "
                             "with a weight_map); the shards it names were not checked", entry.path)
                continue
            missing = sorted(names - listed)
            if not missing:
                continue
            snapshot.missing_shards.update(missing)
            shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
            snapshot.gap("shards-missing", f"{entry.path} names {len(names)} weight files, {len(missing)} of them "
                         f"not in this folder ({shown}): the download is incomplete, so the parameter count is not "
                         "read from the shards that are here", entry.path)

    # -- readers -----------------------------------------------------------------------------------------------

    def _read_card(self, root: Path, snapshot: Snapshot) -> None:
        card_path = next((f.path for f in snapshot.files if f.classified.role == Role.MODEL_CARD
                          and f.path.lower() == "readme.md"), None)
        if card_path is None:
            return
        from .card import MAX_CARD_BYTES

        data = self._read(card_path, MAX_CARD_BYTES + 1, snapshot)
        if data is None:
            return
        try:
            snapshot.card = parse_card(data, card_path)
        except NotACard as exc:
            snapshot.gap("card-binary", f"{exc}; it was not read", card_path)

    def _read_config(self, root: Path, snapshot: Snapshot) -> None:
        if not any(f.path == "config.json" for f in snapshot.files):
            return
        data = self._read("config.json", MAX_CONFIG_BYTES + 1, snapshot)
        if data is None:
            return
        if len(data) > MAX_CONFIG_BYTES:
            snapshot.gap("config-too-large", "config.json is larger than 4 MB; not read", "config.json")
            return
        parse_config(snapshot, data)

    def _read_adapter_config(self, snapshot: Snapshot) -> None:
        if not any(f.path == "adapter_config.json" for f in snapshot.files):
            return
        data = self._read("adapter_config.json", MAX_ADAPTER_CONFIG_BYTES + 1, snapshot)
        if data is not None:
            parse_adapter_config(snapshot, data)

    def _read_recipes(self, snapshot: Snapshot) -> None:
        for entry in snapshot.files:
            if entry.path in RECIPE_FILES:
                data = self._read(entry.path, MAX_RECIPE_BYTES + 1, snapshot)
                if data is not None:
                    snapshot.add_recipe(entry.path, data)

    def _read_texts(self, root: Path, snapshot: Snapshot) -> None:
        wanted = [f.path for f in snapshot.files
                  if f.classified.role in (Role.LICENSE, Role.USAGE_POLICY, Role.NOTICE)]
        for rel in wanted[:MAX_LICENSE_FILES]:
            data = self._read(rel, MAX_LICENSE_BYTES + 1, snapshot)
            if data is None:
                continue
            if b"\x00" in data[:4096]:
                snapshot.gap("license-binary", f"{rel} is binary, not a license text; not read", rel)
                continue
            if len(data) > MAX_LICENSE_BYTES:
                snapshot.gap("license-truncated", f"{rel} is larger than {MAX_LICENSE_BYTES // 1024} KB; only its "
                             "beginning was read", rel)
                data = data[:MAX_LICENSE_BYTES]
            text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
            snapshot.texts[rel] = text.replace("\r\n", "\n")
        if len(wanted) > MAX_LICENSE_FILES:
            snapshot.gap("too-many-license-files", f"{len(wanted)} license-like files; only the first "
                         f"{MAX_LICENSE_FILES} were read")

    def _read_headers(self, root: Path, snapshot: Snapshot) -> None:
        wanted = [f for f in snapshot.files if f.path.lower().endswith(HEADER_SUFFIXES)
                  and f.classified.role in (Role.WEIGHTS, Role.INTERMEDIATE_WEIGHTS) and f.size is not None]
        for entry in wanted[:MAX_HEADER_FILES]:
            path = self._resolved.get(entry.path)
            if path is None or entry.size is None:
                continue
            try:
                with open_regular(path) as handle:
                    snapshot.headers[entry.path] = read_header(entry.path.lower(), handle, entry.size)
            except HeaderError as exc:
                snapshot.gap("weights-header-invalid", f"{entry.path}: {exc}", entry.path)
            except OSError as exc:
                snapshot.gap("unreadable-file", f"cannot read {entry.path}: {exc.strerror or exc}", entry.path)

    def _names(self, root: Path, snapshot: Snapshot) -> tuple[str, str | None]:
        # Hugging Face cache layout: models--org--name/snapshots/<sha>
        if root.parent.name == "snapshots":
            match = re.match(r"models--(.+?)--(.+)$", root.parent.parent.name)
            if match:
                return match.group(2), match.group(1)
        card = snapshot.card
        if card is not None:
            names = card.strings("model_name")
            if names and "/" in names[0]:
                org, _, name = names[0].partition("/")
                return name, org
        return root.name, None

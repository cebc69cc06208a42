"""GGUF files on disk: each is a model reference, read only as far as its header (never its tensors); and the
release such a lone file supports, built through the shared snapshot rules."""

from __future__ import annotations

from pathlib import Path

from ..evidence import Release
from ..sources.assemble import build_release
from ..sources.snapshot import FileEntry, Snapshot
from ..sources.weights import HeaderError, WeightHeader, read_gguf_header
from ..textio import open_regular
from .references import GGUF, ModelReference, relative


def read_header(path: Path) -> tuple[WeightHeader | None, str | None]:
    """The header, or None with the reason it could not be read."""
    try:
        size = path.stat().st_size
        with open_regular(path) as handle:
            return read_gguf_header(handle, size), None
    except HeaderError as exc:
        return None, f"not a readable GGUF header: {exc}"
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"


def gguf_reference(path: Path, root: Path) -> tuple[ModelReference, str | None]:
    header, problem = read_header(path)
    rel = relative(path, root)
    name = header.metadata.get("general.name") if header else None
    return ModelReference(model=rel, kind=GGUF, file=rel, line=None, column=None, how="GGUF file on disk",
                          text=str(name) if name else path.name, path=path, header=header), problem


def gguf_release(ref: ModelReference) -> Release:
    """What one GGUF file says about its release: its weights, their header facts and `general.license`.

    Only the file was examined, so every other artifact is unknown (never absent).
    """
    assert ref.path is not None
    header = ref.header
    problem = None
    if header is None:
        header, problem = read_header(ref.path)
    snapshot = Snapshot(label=ref.file, listing_complete=False)
    snapshot.files.append(FileEntry(ref.path.name, ref.path.stat().st_size if ref.path.exists() else None))
    snapshot.cite_path = lambda name: ref.file
    if header is not None:
        snapshot.headers[ref.path.name] = header
    elif problem:
        snapshot.gap("weights-header-invalid", f"{ref.file}: {problem}", ref.path.name)
    snapshot.gap("single-file", f"only the GGUF file {ref.file} was examined; the rest of its release (model card, "
                 "code, data) is not known from it")
    name = header.metadata.get("general.name") if header else None
    organization = header.metadata.get("general.organization") if header else None
    return build_release(snapshot, target=ref.file, source="local", name=str(name) if name else ref.path.stem,
                         organization=str(organization) if organization else None)


__all__ = ["gguf_reference", "gguf_release", "read_header", "relative"]

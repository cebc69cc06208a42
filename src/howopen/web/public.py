"""What the web pages and the static site may show of a stored entry: a local folder by its name, never by its
absolute path (nor the user's home folder), unless the operator asks for local paths."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _forms(path: Path) -> set[str]:
    forms = {str(path)}
    try:
        forms.add(str(path.expanduser().absolute()))
        forms.add(str(path.expanduser().resolve()))
    except (OSError, RuntimeError):
        pass
    return {f for f in forms if len(f) > 1}


def local_paths(row: dict[str, Any]) -> dict[str, str]:
    """Each spelling of the local path an entry was indexed from (and, for a card, its folder), mapped to what a
    page shows instead: the last part of the path."""
    ref = str(row.get("origin_ref") or "")
    if row.get("origin") == "catalog" or not ref or "://" in ref:
        return {}
    path = Path(ref)
    try:
        local = path.is_absolute() or ref.startswith((".", "~")) or path.expanduser().exists()
    except OSError:
        local = False
    if not local:
        return {}  # a Hub id
    out = {form: path.name or ref for form in _forms(path)}
    if row.get("origin") == "card":
        out.update({form: path.parent.name or "." for form in _forms(path.parent)})
    home = str(Path.home())
    if len(home) > 1:
        out[home] = "~"
    return out


def _replace(value: Any, paths: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        for old, new in paths:
            if old in value:
                value = value.replace(old, new)
        return value
    if isinstance(value, dict):
        return {key: _replace(item, paths) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace(item, paths) for item in value]
    return value


def public_row(row: dict[str, Any], show_local_paths: bool = False) -> dict[str, Any]:
    """The row as a page may show it: every local path in its report and origin replaced by the folder's name."""
    if show_local_paths:
        return row
    found = local_paths(row)
    if not found:
        return row
    ordered = sorted(found.items(), key=lambda item: len(item[0]), reverse=True)  # longest spelling first
    return {**row, "report": _replace(row.get("report"), ordered),
            "origin_ref": _replace(str(row.get("origin_ref") or ""), ordered)}

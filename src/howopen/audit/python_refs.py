"""Model references in Python source, found by parsing it with `ast` (never importing or running it)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .references import Located, ModelReference, classify, patterns

NOT_MODELS = {"dataset", "datasets", "space", "spaces"}
GETTERS = {"getenv", "get"}  # os.getenv("MODEL", "org/name"), os.environ.get("MODEL", "org/name")


def _called_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


class _Constants:
    """Names bound once to a string literal anywhere in the module (`MODEL_ID = "org/name"`)."""

    def __init__(self, assignments: list[ast.Assign | ast.AnnAssign]) -> None:
        seen: dict[str, set[str]] = {}
        for node in assignments:
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            for target in targets:
                if isinstance(target, ast.Name):
                    text = _literal(value, None)
                    seen.setdefault(target.id, set()).add(text if text is not None else "\0")
        self.values = {name: next(iter(v)) for name, v in seen.items() if len(v) == 1 and "\0" not in v}

    def get(self, name: str) -> str | None:
        return self.values.get(name)


def _literal(node: ast.expr | None, constants: _Constants | None) -> str | None:
    """A string the expression certainly evaluates to: a literal, a module constant, or a getenv default."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and constants is not None:
        return constants.get(node.id)
    if isinstance(node, ast.Call) and _called_name(node) in GETTERS and len(node.args) == 2:
        return _literal(node.args[1], constants)
    return None


class _Columns:
    """ast columns are UTF-8 byte offsets; SARIF and editors count characters."""

    def __init__(self, source: str) -> None:
        self.lines = source.split("\n")

    def column(self, node: ast.expr) -> int:
        line = self.lines[node.lineno - 1] if 0 < node.lineno <= len(self.lines) else ""
        return len(line.encode("utf-8")[: node.col_offset].decode("utf-8", errors="replace")) + 1


def _argument(call: ast.Call, spec: dict[str, Any]) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg in (spec.get("keywords") or ()):
            return keyword.value
    position = spec.get("position")
    args = call.args
    if position is not None and len(args) > position and \
            not any(isinstance(a, ast.Starred) for a in args[: position + 1]):
        return args[position]
    return None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _found(node: ast.expr, text: str, how: str, columns: _Columns, revision: str | None) -> Located:
    return Located(text=text, line=node.lineno, column=columns.column(node), how=how, revision=revision)


def _calls(calls: list[ast.Call], constants: _Constants, columns: _Columns) -> Iterator[tuple[Located, bool]]:
    specs = patterns().calls
    keywords = patterns().keywords
    for node in calls:
        name = _called_name(node)
        revision = _literal(_keyword(node, "revision"), constants)
        spec = specs.get(name or "")
        if spec is not None:
            repo_type = spec.get("repo_type")
            kind = _literal(_keyword(node, repo_type), constants) if repo_type else None
            if kind is not None and kind.lower() in NOT_MODELS:
                continue
            argument = _argument(node, spec)
            text = _literal(argument, constants)
            if argument is None or text is None:
                continue
            prefix = spec.get("prefix")
            if prefix:
                if not text.startswith(prefix):
                    continue
                text = text[len(prefix):]
            yield _found(argument, text, f"{name}()", columns, revision), False
            continue
        for keyword in node.keywords:
            if keyword.arg in keywords:
                text = _literal(keyword.value, constants)
                if text is not None:
                    yield _found(keyword.value, text, f"{name or 'call'}({keyword.arg}=)", columns, revision), True


def find_in_python(source: str, file: Path, root: Path) -> list[ModelReference]:
    """Every model reference in one Python file; a file that does not parse yields none (the caller notes it)."""
    tree = ast.parse(source, filename=str(file))
    calls: list[ast.Call] = []
    assignments: list[ast.Assign | ast.AnnAssign] = []
    for node in ast.walk(tree):  # one walk collects both
        if isinstance(node, ast.Call):
            calls.append(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            assignments.append(node)
    constants = _Constants(assignments)
    columns = _Columns(source)
    refs: list[ModelReference] = []
    for located, strict in _calls(calls, constants, columns):
        ref = classify(located, file, root, strict=strict)
        if ref is not None:
            refs.append(ref)
    return sorted(refs, key=lambda r: (r.line or 0, r.column or 0))

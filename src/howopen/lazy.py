"""Names a package exports on first use (PEP 562), so that importing the package loads none of its heavy modules.

    __getattr__ = exports(__name__, {"Session": "session", ...})

A name is imported from its module the first time it is asked for, then kept on the package like an ordinary
attribute; a name the table does not hold is an `AttributeError`, as for any module.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def exports(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that imports `name` from `package.<table[name]>` when it is first asked for."""

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module}", package), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__

"""The grader interface: a pure function from a `Release` to a `FrameworkResult`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..evidence import Release
from ..report import FrameworkResult

GradeFunction = Callable[[Release], FrameworkResult]


@dataclass(frozen=True)
class Grader:
    """A registered framework: its JSON key, its display name, and the function that grades a release."""

    key: str
    name: str
    grade: GradeFunction


def not_graded(key: str, name: str) -> FrameworkResult:
    return FrameworkResult(key=key, name=name, outcome="not graded", summary="this framework is not graded yet",
                           graded=False)

"""Graders, one module per framework. Register a new framework by adding it to `GRADERS`."""

from __future__ import annotations

from ..evidence import Release
from ..report import FrameworkResult
from . import verdict
from .interface import Grader, not_graded

VERDICT = Grader(verdict.KEY, verdict.NAME, verdict.grade)

#: The frameworks of the report's `frameworks` object, in display order. A framework without a grader yet is
#: listed with `grade=None` and reported as not graded.
FRAMEWORKS: dict[str, tuple[str, Grader | None]] = {
    "mof": ("Model Openness Framework", None),
    "osaid": ("OSI Open Source AI Definition 1.0", None),
    "eosai": ("European Open Source AI Index", None),
    "eu_ai_act": ("EU AI Act open-source exemption", None),
}


def grade_all(release: Release) -> tuple[FrameworkResult, dict[str, FrameworkResult]]:
    """The plain verdict and every framework's result for one release."""
    results = {}
    for key, (name, grader) in FRAMEWORKS.items():
        results[key] = grader.grade(release) if grader else not_graded(key, name)
    return VERDICT.grade(release), results


__all__ = ["FRAMEWORKS", "VERDICT", "Grader", "grade_all"]

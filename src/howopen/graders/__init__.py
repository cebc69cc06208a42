"""Graders, one module per framework. Register a new framework by adding it to `FRAMEWORKS`."""

from __future__ import annotations

from dataclasses import replace

from ..evidence import Release
from ..report import Disagreement, FrameworkResult
from . import eosai, eu_ai_act, mof, osaid, verdict
from .common import dedupe_reasons
from .disagreements import compare
from .interface import Grader, not_graded

VERDICT = Grader(verdict.KEY, verdict.NAME, verdict.grade)

#: The frameworks of the report's `frameworks` object, in display order. A framework without a grader yet is
#: listed with `grade=None` and reported as not graded.
FRAMEWORKS: dict[str, tuple[str, Grader | None]] = {
    "mof": (mof.NAME, Grader(mof.KEY, mof.NAME, mof.grade)),
    "osaid": (osaid.NAME, Grader(osaid.KEY, osaid.NAME, osaid.grade)),
    "eosai": (eosai.NAME, Grader(eosai.KEY, eosai.NAME, eosai.grade)),
    "eu_ai_act": (eu_ai_act.NAME, Grader(eu_ai_act.KEY, eu_ai_act.NAME, eu_ai_act.grade)),
}


def _deduped(result: FrameworkResult) -> FrameworkResult:
    reasons = dedupe_reasons(result.reasons)
    return result if len(reasons) == len(result.reasons) else replace(result, reasons=reasons)


def grade_all(release: Release) -> tuple[FrameworkResult, dict[str, FrameworkResult]]:
    """The plain verdict and every framework's result for one release (the same reason text given once)."""
    results = {}
    for key, (name, grader) in FRAMEWORKS.items():
        results[key] = _deduped(grader.grade(release)) if grader else not_graded(key, name)
    return _deduped(VERDICT.grade(release)), results


def disagreements(verdict_result: FrameworkResult, results: dict[str, FrameworkResult]) -> tuple[Disagreement, ...]:
    """Where the frameworks disagree with the plain verdict, one line each, with why."""
    found = compare(verdict_result, results)
    unique = tuple({(d.frameworks, d.text): d for d in reversed(found)}.values())[::-1]
    return unique if len(unique) != len(found) else found


__all__ = ["FRAMEWORKS", "VERDICT", "Grader", "disagreements", "grade_all"]

"""`audit()`: scan a project, check each distinct model once, apply the policy to each.

The checker is injectable (tests pass one that returns prepared reports); the default one checks Hub ids and
local folders through `howopen.pipeline.check`, and GGUF files from their header alone. A model that cannot be
checked is kept, as unknown, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..errors import HowopenError
from ..evidence import Provenance
from ..pipeline import assess
from ..pipeline import check as pipeline_check
from ..policy import Policy, evaluate, unchecked
from ..report import Report
from .gguf_refs import gguf_release
from .references import GGUF, HUB, LOCAL, OLLAMA, ModelReference
from .result import AuditedModel, AuditResult
from .scan import scan

Checker = Callable[[ModelReference], Report]


class NotCheckable(HowopenError):
    """A reference howopen has no way to check (an Ollama library name, a path missing from the project)."""


def default_checker(*, offline: bool = False) -> Checker:
    """Checks a reference the way `howopen check` would; raises HowopenError when it cannot."""

    def check(ref: ModelReference) -> Report:
        if ref.kind == GGUF and ref.path is not None:
            return assess(gguf_release(ref), understood=f"GGUF file {ref.file} (header only)")
        if ref.kind == LOCAL:
            if ref.path is None:
                raise NotCheckable(f"no such path in the project: {ref.text}")
            return pipeline_check(str(ref.path), offline=offline)
        if ref.kind == OLLAMA:
            raise NotCheckable("an Ollama library name; howopen cannot resolve it to a release yet",
                               hint="reference the model's Hub id (FROM hf.co/org/name) or its GGUF file")
        return pipeline_check(ref.model, offline=offline, revision=ref.revision)

    return check


def _group(references: list[ModelReference]) -> list[tuple[ModelReference, list[ModelReference]]]:
    groups: dict[tuple[str, str, str | None], list[ModelReference]] = {}
    for ref in references:
        groups.setdefault(ref.key, []).append(ref)
    return [(refs[0], refs) for refs in groups.values()]


def _evidence(refs: list[ModelReference]) -> tuple[Provenance, ...]:
    return tuple(Provenance(r.file, line=r.line, method=r.how, quote=r.text) for r in refs[:3])


def audit(root: Path, *, policy: Policy | None = None, checker: Checker | None = None, offline: bool = False,
          today: date | None = None) -> AuditResult:
    policy = policy or Policy()
    checker = checker or default_checker(offline=offline)
    found = scan(root)
    models = []
    for first, refs in _group(found.references):
        names = [first.model, first.text]
        report: Report | None = None
        error: str | None = None
        try:
            report = checker(first)
        except HowopenError as exc:
            error = str(exc)
        except Exception as exc:  # one model's failure must not hide the others
            error = f"internal error while checking: {exc.__class__.__name__}: {exc}"
        if report is not None:
            result = evaluate(policy, report, names=names, today=today) if not policy.empty else None
        else:
            result = unchecked(policy, first.model, error or "not checked", names=names, today=today,
                               evidence=_evidence(refs)) if not policy.empty else None
        models.append(AuditedModel(first.model, first.kind, tuple(refs), report, error, result))
    notes = []
    if offline and any(m.kind == HUB for m in models):
        notes.append("offline: Hub models were checked from the local cache only; those not cached are unknown")
    return AuditResult(found.root, tuple(models), policy, found.files_seen, found.files_read, tuple(found.skipped),
                       offline, tuple(notes))

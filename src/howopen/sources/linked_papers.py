"""What the arXiv papers a card links add to a release: which exist, which present this release, and their licenses.

A paper the card presents as its own (`citations.py`) whose title and abstract name neither the model nor its
family is a cited paper after all (a method's, the base model's): the report or paper becomes unknown, with the
reason. A paper the card only cites whose title names the model is the release's own. arXiv states each paper's
license ("Rights to this article"); that license, cited to the abstract page, is the paper's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..evidence import Artifact, ArtifactKind, Gap, LicenseRef, Provenance, Release, Status
from .gaps import failure_gap, with_gaps
from .papers import PaperCheck, arxiv_id
from .paperscope import Scope, presents

K = ArtifactKind
_REPORT_TITLE = re.compile(r"\b(technical|tech)\s+report\b|\breport\b", re.I)
STATES = {True: "confirmed", False: "not found", None: "unchecked"}


def _license(check: PaperCheck) -> LicenseRef | None:
    if not (check.exists and check.license_url):
        return None
    # the paper's own license, as arXiv records it; an unlisted address is kept as declared (unrecognized)
    return LicenseRef(id=None, declared=check.license_id or check.license_url,
                      evidence=(Provenance(check.url, method="arxiv-license", quote=check.license_url),))


def _cite(check: PaperCheck) -> Provenance:
    return Provenance(check.url, method="arxiv", quote=check.title)


def with_papers(release: Release, checks: Sequence[PaperCheck]) -> Release:
    if not checks:
        return release
    by_id = {c.id: c for c in checks}
    bases = [b.id for b in release.base_models]
    scopes = {c.id: presents(c.title, c.abstract, release.name, bases) for c in checks if c.exists}
    for kind in (K.RESEARCH_PAPER, K.TECHNICAL_REPORT):
        artifact = release.artifact(kind)
        if artifact.status == Status.PRESENT:
            release = release.with_artifact(_checked(artifact, by_id, scopes))
    release = _promoted(release, checks, bases)
    gaps: list[Gap] = []
    for check in checks:
        if check.exists is False:
            gaps.append(Gap("paper-not-found", f"arXiv has no paper {check.id}, which the model card cites",
                            Provenance(check.url, method="arxiv")))
        elif check.failure is not None:
            gaps.append(failure_gap(check.failure))
    return with_gaps(release, gaps)


def _checked(artifact: Artifact, by_id: dict[str, PaperCheck], scopes: dict[str, Scope]) -> Artifact:
    """A report or paper the card presents as its own, checked against arXiv."""
    listed = [x for x in artifact.details.get("ids", []) if isinstance(x, str)]
    ids = [i for i in (arxiv_id(x) for x in listed) if i]
    relevant = [by_id[i] for i in ids if i in by_id]
    if not relevant:
        return artifact
    confirmed = [c for c in relevant if c.exists]
    missing = [c for c in relevant if c.exists is False]
    details: dict[str, Any] = {**artifact.details, "arxiv": {c.id: STATES[c.exists] for c in relevant}}
    if confirmed:
        details["presents_release"] = {c.id: scopes[c.id].presents for c in confirmed}
        details["scope"] = {c.id: scopes[c.id].why for c in confirmed}
    evidence = (*tuple(_cite(c) for c in confirmed[:3]), *artifact.evidence)
    updated = replace(artifact, details=details, evidence=evidence[:8])
    own = [c for c in confirmed if scopes[c.id].presents is not False]
    first = own[0] if own else None
    if artifact.license is None and first is not None and _license(first) is not None:
        updated = replace(updated, license=_license(first),
                          details={**details, "license_from": f"arXiv's record of arXiv:{first.id}"})
    elif artifact.license is None:
        updated = replace(updated, details={**details, "license_unknown": _license_unknown(relevant)})
    if missing and len(missing) == len(ids) == len(listed):
        return replace(updated, status=Status.UNKNOWN,
                       reason="the model card cites " + ", ".join(f"arXiv:{c.id}" for c in missing)
                       + ", which arXiv does not have")
    if confirmed and not own and len(confirmed) == len(ids) == len(listed):
        why = "; ".join(f"arXiv:{c.id} ({c.title}): {scopes[c.id].why}" for c in confirmed[:3])
        return replace(updated, status=Status.UNKNOWN, license=None,
                       reason=f"the card presents {len(confirmed)} paper{'s' if len(confirmed) != 1 else ''} as its "
                              f"own, but none names this model or its family: {why}; it reads as a paper the card "
                              "cites (a method's or the base model's), not this release's own",
                       details={**details, "cited": [f"arXiv:{c.id}" for c in confirmed]})
    return updated


def _license_unknown(checks: Sequence[PaperCheck]) -> str:
    """Why a paper's license is not known, and which page would settle it."""
    for check in checks:
        if check.failure is not None:
            return f"arXiv:{check.id} could not be read ({check.failure.message}); its abstract page {check.url} " \
                   "states its license"
        if check.exists:
            return f"arXiv's abstract page {check.url} shows no license link for arXiv:{check.id}"
    return "the paper's license was not read"


def _promoted(release: Release, checks: Sequence[PaperCheck], bases: list[str]) -> Release:
    """A paper the card only cites, whose title names the release in its own words, is the release's own."""
    report, paper = release.artifact(K.TECHNICAL_REPORT), release.artifact(K.RESEARCH_PAPER)
    if Status.PRESENT in (report.status, paper.status):
        return release
    for check in checks:
        if not check.exists:
            continue
        scope = presents(check.title, None, release.name, bases, title_only=True)
        if not (scope.presents and scope.own):
            continue
        kind = K.TECHNICAL_REPORT if _REPORT_TITLE.search(check.title or "") else K.RESEARCH_PAPER
        current = release.artifact(kind)
        license_ref = _license(check)
        details: dict[str, Any] = {"ids": [f"arXiv:{check.id}"], "via": "the paper's title names the release",
                                   "because": [scope.why], "arxiv": {check.id: "confirmed"},
                                   "presents_release": {check.id: True}}
        if license_ref is not None:
            details["license_from"] = f"arXiv's record of arXiv:{check.id}"
        return release.with_artifact(Artifact(
            kind, Status.PRESENT, license=license_ref, evidence=(_cite(check), *current.evidence[:2]),
            locations=(check.url,), details=details))
    return release

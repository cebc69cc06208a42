"""Adds what the Hub source learns beyond the files to a `Release`: Hub facts, branches, datasets, linked
GitHub
repositories, checked papers, and every fetch that failed (as a gap, never as an absence).

Pure functions of a release and fetched results, so each can be tested without a server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..evidence import (
    CODE_KINDS,
    Artifact,
    ArtifactKind,
    ClaimKind,
    Fact,
    Gap,
    LicenseClaim,
    LicenseRef,
    Link,
    Provenance,
    Release,
    Status,
)
from ..net.failure import Failure
from .github import GitHubRepo
from .papers import PaperCheck, arxiv_id

K = ArtifactKind
# Training checkpoints (pythia `step1000`, OLMo `stage1-step1000-tokens5B`, Amber `ckpt_000`), not the
# quantization variants some repositories keep on branches (`gptq-4bit-32g-actorder_True`, `4.0bpw`).
_CHECKPOINT_BRANCH = re.compile(r"(step|ckpt|checkpoint|iter|iteration|epoch)[-_]?\d|tokens\d|\d[BT]?-?tokens"
                                r"|^stage\d", re.I)
_QUANTIZED_BRANCH = re.compile(r"gptq|awq|exl2|bpw|\dbit|gguf|quant", re.I)
# Code kinds a linked repository can supply; the architecture comes from the model's own config.
GITHUB_KINDS = tuple(k for k in CODE_KINDS if k != K.MODEL_ARCHITECTURE)


def failure_gap(failure: Failure, what: str | None = None) -> Gap:
    message = failure.message if what is None else f"{what}: {failure.message}"
    where = Provenance(failure.url, method="fetch") if failure.url else None
    return Gap(f"fetch-{failure.code}", message, where)


def with_gaps(release: Release, gaps: Iterable[Gap]) -> Release:
    gaps = tuple(gaps)
    return replace(release, gaps=(*release.gaps, *gaps)) if gaps else release


def with_facts(release: Release, facts: dict[str, Fact]) -> Release:
    merged = dict(release.facts)
    merged.update(facts)
    return replace(release, facts=merged)


# --------------------------------------------------------------------------------------------------
# Model info


def info_facts(info: Any, provenance: Provenance) -> dict[str, Fact]:
    """Gated status, commit, downloads, likes, dates, pipeline tag and library, as the Hub API states them."""
    facts: dict[str, Fact] = {}

    def put(name: str, value: Any) -> None:
        if value is not None and value != "":
            facts[name] = Fact(value, provenance)

    gated = getattr(info, "gated", None)
    put("gated", gated if gated else False)
    put("private", getattr(info, "private", None))
    put("sha", getattr(info, "sha", None))
    put("downloads", getattr(info, "downloads", None))
    put("likes", getattr(info, "likes", None))
    for name in ("created_at", "last_modified"):
        value: Any = getattr(info, name, None)
        put(name, value.isoformat() if value is not None and hasattr(value, "isoformat") else value)
    put("pipeline_tag", getattr(info, "pipeline_tag", None))
    put("library_name", getattr(info, "library_name", None))
    put("hub_id", getattr(info, "id", None))
    gguf = getattr(info, "gguf", None)
    if isinstance(gguf, dict):
        put("parameters", gguf.get("total") if isinstance(gguf.get("total"), int) else None)
        put("gguf.total", gguf.get("total"))
        put("gguf.architecture", gguf.get("architecture"))
        put("gguf.context_length", gguf.get("context_length"))
    return facts


def with_parameter_summary(release: Release, summary: Any, provenance: Provenance) -> Release:
    """Parameters by dtype as the Hub's own safetensors summary states them (no header read needed)."""
    data = summary if isinstance(summary, dict) else {}
    parameters = getattr(summary, "parameters", None) or data.get("parameters")
    total = getattr(summary, "total", None) or data.get("total")
    if not isinstance(total, int) or total <= 0:
        return release
    facts = {"parameters": Fact(total, provenance)}
    weights = release.artifacts.get(K.WEIGHTS)
    if isinstance(parameters, dict) and parameters:
        dtype = max(parameters, key=lambda d: parameters[d])
        facts["dtype"] = Fact(dtype, provenance)
    if weights is not None and weights.status == Status.PRESENT and "parameters" not in weights.details:
        details = {**weights.details, "parameters": total}
        if isinstance(parameters, dict) and parameters:
            details["dtype"] = max(parameters, key=lambda d: parameters[d])
        release = release.with_artifact(replace(weights, details=details))
    return with_facts(release, facts)


# --------------------------------------------------------------------------------------------------
# Branches: intermediate checkpoints


def with_refs(release: Release, branches: Sequence[str], tree_url: str) -> Release:
    """Branches besides `main` that look like training checkpoints are intermediate weights."""
    others = [b for b in branches if b != "main"]
    checkpoints = [b for b in others if _CHECKPOINT_BRANCH.search(b) and not _QUANTIZED_BRANCH.search(b)]
    current = release.artifact(K.INTERMEDIATE_WEIGHTS)
    facts = {"branches": Fact(len(branches), Provenance(tree_url, method="hub-refs"))} if branches else {}
    release = with_facts(release, facts)
    if checkpoints:
        shown = checkpoints[:20]
        artifact = Artifact(
            K.INTERMEDIATE_WEIGHTS, Status.PRESENT,
            evidence=tuple(Provenance(f"{tree_url}/{b}", method="hub-refs") for b in shown[:5]),
            locations=tuple(f"{tree_url}/{b}" for b in shown),
            details={**(current.details if current.status == Status.PRESENT else {}),
                     "branches": len(checkpoints), "examples": shown[:5], "via": "repository branches"},
        )
        return release.with_artifact(artifact)
    if current.status == Status.UNKNOWN and not others:
        return release.with_artifact(Artifact(
            K.INTERMEDIATE_WEIGHTS, Status.ABSENT,
            reason="the repository has no branch besides main, and neither its files nor the model card show "
                   "intermediate checkpoints",
            evidence=(Provenance(tree_url, method="hub-refs"),)))
    return release


# --------------------------------------------------------------------------------------------------
# Datasets


@dataclass(frozen=True)
class DatasetResult:
    id: str
    url: str
    found: bool | None  # None: could not be checked
    license: str | None = None
    gated: Any = None
    has_card: bool = False
    failure: Failure | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "url": self.url, "found": self.found, "license": self.license,
                                "gated": self.gated}
        if self.failure is not None:
            data["error"] = self.failure.message
        return data


def with_datasets(release: Release, results: Sequence[DatasetResult]) -> Release:
    """Training data gets the datasets' licenses and gates; a dataset with a card gives a data card."""
    if not results:
        return release
    training = release.artifact(K.TRAINING_DATA)
    found = [r for r in results if r.found]
    licenses = sorted({r.license for r in found if r.license})
    details = {**training.details, "datasets_checked": [r.to_dict() for r in results]}
    evidence = tuple(Provenance(r.url, method="hub-dataset") for r in found[:5])
    if training.status == Status.PRESENT:
        license_ref = training.license
        if licenses and license_ref is None and len(found) == len(results):
            license_ref = LicenseRef(id=None, declared=" AND ".join(licenses), evidence=evidence[:3])
        training = replace(training, details=details, license=license_ref,
                           evidence=(*training.evidence, *evidence)[:8])
        if results and all(r.found is False for r in results):
            names = ", ".join(r.id for r in results)
            training = replace(training, status=Status.UNKNOWN, license=None,
                               reason=f"the model card names {names}, but the Hub has none of them")
        release = release.with_artifact(training)
    with_card = [r for r in found if r.has_card]
    data_card = release.artifact(K.DATA_CARD)
    if not with_card and data_card.status == Status.UNKNOWN and all(r.failure is None for r in results):
        names = ", ".join(r.id for r in results)
        reason = f"none of the datasets the card names ({names}) has a data card on the Hub"
        release = release.with_artifact(replace(data_card, reason=reason))
    if with_card and data_card.status != Status.PRESENT:
        release = release.with_artifact(Artifact(
            K.DATA_CARD, Status.PRESENT, evidence=tuple(Provenance(r.url, method="hub-dataset-card")
                                                        for r in with_card[:5]),
            locations=tuple(r.url for r in with_card[:20]), details={"datasets": [r.id for r in with_card]}))
    gaps = [failure_gap(r.failure) for r in results if r.failure is not None]
    return with_gaps(release, gaps)


# --------------------------------------------------------------------------------------------------
# GitHub repositories


def with_github(release: Release, repos: Sequence[GitHubRepo], links: Sequence[Link]) -> Release:
    """Code found in linked repositories: each kind present with the repository's license; kinds none holds
    are
    absent only when every linked repository was read completely (and the model repository has none
    either)."""
    if not repos:
        return release
    claims = list(release.license_claims)
    gaps: list[Gap] = []
    by_kind: dict[ArtifactKind, list[tuple[GitHubRepo, list[str]]]] = {}
    for repo in repos:
        for failure in repo.failures:
            gaps.append(failure_gap(failure))
        if repo.full_name and repo.full_name.lower() != f"{repo.owner}/{repo.name}".lower():
            gaps.append(Gap("github-renamed", f"github.com/{repo.owner}/{repo.name} is now github.com/"
                            f"{repo.full_name}", Provenance(repo.url, method="github-api")))
        kinds = repo.code_by_kind()
        supplied = tuple(k for k in GITHUB_KINDS if kinds.get(k))
        for kind in supplied:
            by_kind.setdefault(kind, []).append((repo, kinds[kind]))
        claim = _repo_claim(repo, supplied)
        if claim is not None:
            claims.append(claim)
        elif repo.no_license and supplied:
            gaps.append(Gap("github-no-license", f"{repo.url} has no license file GitHub recognizes: its "
                            "code comes with no stated rights",
                            Provenance(repo.url, method="github-license")))
    release = replace(release, license_claims=tuple(claims))
    complete = all(r.complete for r in repos) and not release.metadata_only
    names = ", ".join(f"github.com/{r.slug}" + (" (does not exist)" if r.gone else "") for r in repos)
    for kind in GITHUB_KINDS:
        current = release.artifact(kind)
        if current.status == Status.PRESENT:
            continue
        found = by_kind.get(kind)
        if found:
            paths = [(repo, path) for repo, files in found for path in files]
            shown = paths[:20]
            release = release.with_artifact(Artifact(
                kind, Status.PRESENT,
                evidence=tuple(Provenance(repo.blob_url(p), method="github-tree") for repo, p in shown[:5]),
                locations=tuple(repo.blob_url(p) for repo, p in shown),
                details={"files": len(paths), "repositories": [f"github.com/{r.slug}" for r, _ in found],
                         "via": "linked GitHub repository"}))
        elif complete:
            release = release.with_artifact(Artifact(
                kind, Status.ABSENT,
                reason=f"no {kind.title.lower()} in the linked repositories ({names}) or in the model "
                       "repository",
                evidence=tuple(Provenance(r.url, method="github-tree") for r in repos[:3])))
        else:
            why = "; ".join(f.message for r in repos for f in r.failures) or \
                  "a linked repository's file tree was too large to read completely"
            reason = f"the linked repositories could not all be read: {why}"
            release = release.with_artifact(replace(current, status=Status.UNKNOWN, reason=reason))
    return with_gaps(release, gaps)


def _repo_claim(repo: GitHubRepo, supplied: tuple[ArtifactKind, ...]) -> LicenseClaim | None:
    if not supplied or not (repo.license_spdx or repo.license_text or repo.license_name):
        return None
    where = repo.license_url or repo.url
    provenance = Provenance(where, method="github-license", quote=repo.license_name)
    value = repo.license_spdx or repo.license_name or "unknown"
    text = repo.license_text if not repo.license_spdx else None
    return LicenseClaim(ClaimKind.SOURCE_REPOSITORY, value, provenance, text=text, applies_to=supplied)


# --------------------------------------------------------------------------------------------------
# Papers


def with_papers(release: Release, checks: Sequence[PaperCheck]) -> Release:
    """Confirmed arXiv papers add their title as evidence; a cited id arXiv does not have is marked."""
    if not checks:
        return release
    by_id = {c.id: c for c in checks}
    gaps: list[Gap] = []
    for kind in (K.RESEARCH_PAPER, K.TECHNICAL_REPORT):
        artifact = release.artifact(kind)
        if artifact.status != Status.PRESENT:
            continue
        ids = [i for i in (arxiv_id(x) for x in artifact.details.get("ids", []) if isinstance(x, str)) if i]
        relevant = [by_id[i] for i in ids if i in by_id]
        if not relevant:
            continue
        confirmed = [c for c in relevant if c.exists]
        missing = [c for c in relevant if c.exists is False]
        states = {True: "confirmed", False: "not found", None: "unchecked"}
        details = {**artifact.details, "arxiv": {c.id: states[c.exists] for c in relevant}}
        evidence = (*tuple(Provenance(c.url, method="arxiv", quote=c.title) for c in confirmed[:3]),
                    *artifact.evidence)
        updated = replace(artifact, details=details, evidence=evidence[:8])
        first = by_id.get(ids[0]) if ids else None
        if artifact.license is None and first is not None and first.exists and first.license_url:
            # the paper's own license, as arXiv records it; an unlisted address is kept as declared (unrecognized)
            declared = first.license_id or first.license_url
            updated = replace(updated, license=LicenseRef(
                id=None, declared=declared,
                evidence=(Provenance(first.url, method="arxiv-license", quote=first.license_url),)),
                details={**details, "license_from": f"arXiv's record of arXiv:{first.id}"})
        if missing and len(missing) == len(ids) == len(artifact.details.get("ids", [])):
            updated = replace(updated, status=Status.UNKNOWN,
                              reason="the model card cites " + ", ".join(f"arXiv:{c.id}" for c in missing)
                              + ", which arXiv does not have")
        release = release.with_artifact(updated)
    for check in checks:
        if check.exists is False:
            gaps.append(Gap("paper-not-found", f"arXiv has no paper {check.id}, which the model card cites",
                            Provenance(check.url, method="arxiv")))
        elif check.failure is not None:
            gaps.append(failure_gap(check.failure))
    return with_gaps(release, gaps)

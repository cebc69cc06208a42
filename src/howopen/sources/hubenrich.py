"""Adds what the Hub source learns beyond the files to a `Release`: Hub facts, branches, datasets, linked
GitHub
repositories, checked papers, and every fetch that failed (as a gap, never as an absence).

Pure functions of a release and fetched results, so each can be tested without a server.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..evidence import (
    CODE_KINDS,
    Artifact,
    ArtifactKind,
    ClaimKind,
    Fact,
    Gap,
    LicenseClaim,
    Link,
    Provenance,
    Release,
    Status,
)
from .gaps import failure_gap, with_gaps
from .github import GitHubRepo
from .linked_data import DatasetResult, with_datasets
from .linked_papers import with_papers

__all__ = ["DatasetResult", "failure_gap", "info_facts", "with_datasets", "with_facts", "with_gaps", "with_github",
           "with_papers", "with_parameter_summary", "with_refs"]

K = ArtifactKind
# Training checkpoints (pythia `step1000`, OLMo `stage1-step1000-tokens5B`, Amber `ckpt_000`), not the
# quantization variants some repositories keep on branches (`gptq-4bit-32g-actorder_True`, `4.0bpw`).
_CHECKPOINT_BRANCH = re.compile(r"(step|ckpt|checkpoint|iter|iteration|epoch)[-_]?\d|tokens\d|\d[BT]?-?tokens"
                                r"|^stage\d", re.I)
_QUANTIZED_BRANCH = re.compile(r"gptq|awq|exl2|bpw|\dbit|gguf|quant", re.I)
# Code kinds a linked repository can supply; the architecture comes from the model's own config.
GITHUB_KINDS = tuple(k for k in CODE_KINDS if k != K.MODEL_ARCHITECTURE)


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
        elif release.metadata_only and all(r.complete for r in repos):
            reason = (f"not in the linked repositories ({names}); the model repository's own files were not "
                      "listed (graded from the card alone)")
            release = release.with_artifact(replace(current, status=Status.UNKNOWN, reason=reason))
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
    text = repo.license_text  # identified by howopen itself; GitHub's SPDX id is the value it falls back on
    return LicenseClaim(ClaimKind.SOURCE_REPOSITORY, value, provenance, text=text, applies_to=supplied)

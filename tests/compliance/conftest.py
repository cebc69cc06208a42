"""Shared helpers for the compliance tests: reports built from parts, a knowledge base with test-only records, and
projects on disk."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from howopen.evidence import Ancestor, Artifact, ArtifactKind, Conflict, LicenseRef, Provenance, Release, Status
from howopen.licenses import kb as kb_module
from howopen.licenses.kb import build, knowledge_base
from howopen.licenses.model import GRADED_TERMS, License, Term, TermKey
from howopen.report import FrameworkResult, Reason, Report
from support.snapshots import REPO
from support.writers import write_gguf

FIXTURES = REPO / "tests" / "fixtures" / "audit"
EXAMPLES = REPO / "examples" / "snapshots"

# Test-only license records, assembled from real ones: for each term, the Term (value, summary and quoted clause)
# of a real license in the knowledge base that has the wanted value. No clause is invented.
ALL_YES = "howopen-test-imposes-everything"
ALL_NO = "howopen-test-imposes-nothing"
SILENT = "howopen-test-states-nothing"
CONDITIONAL = "howopen-test-conditional"
WANTED = {
    ALL_YES: {TermKey.COMMERCIAL_USE: "no", TermKey.REDISTRIBUTION: "no"},
    ALL_NO: {TermKey.COMMERCIAL_USE: "yes", TermKey.REDISTRIBUTION: "yes"},
    CONDITIONAL: {TermKey.COMMERCIAL_USE: "conditional", TermKey.REDISTRIBUTION: "conditional"},
}


def _borrowed_terms(real: list[License], wanted: Mapping[TermKey, str], default: str) -> dict[TermKey, Term]:
    terms = {}
    for key in TermKey:
        value = wanted.get(key, default if key not in GRADED_TERMS else "yes")
        donor = next((lic.term(key) for lic in real if lic.kind == "license" and lic.term(key).value == value
                      and lic.term(key).clauses), None)
        donor = donor or next((lic.term(key) for lic in real if lic.term(key).value == value), None)
        terms[key] = donor or Term(key, value, "test-only value (no bundled license has it)")
    return terms


def _test_records(real: list[License]) -> list[License]:
    def record(license_id: str, terms: dict[TermKey, Term]) -> License:
        return License(id=license_id, name=f"Test license {license_id}", family="howopen-test", kind="license",
                       category="test", osi_approved=False, fsf_libre=False, terms=terms)

    return [
        record(ALL_YES, _borrowed_terms(real, WANTED[ALL_YES], "yes")),
        record(ALL_NO, _borrowed_terms(real, WANTED[ALL_NO], "no")),
        record(CONDITIONAL, _borrowed_terms(real, WANTED[CONDITIONAL], "no")),
        record(SILENT, {}),
    ]


@pytest.fixture(scope="module")
def test_kb() -> Iterator[Any]:
    """The bundled knowledge base plus the test-only records, swapped in for one test module."""
    real = list(knowledge_base())
    swapped = build(real + _test_records(real))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kb_module, "load_dir", lambda directory: swapped)
        knowledge_base.cache_clear()
        yield swapped
    knowledge_base.cache_clear()


def license_ref(license_id: str | None, declared: str | None = None) -> LicenseRef:
    return LicenseRef(id=license_id, name=None, declared=declared or license_id, recognized=license_id is not None,
                      evidence=(Provenance("README.md", line=3, method="front-matter"),))


def graded(key: str, outcome: str, **fields: Any) -> FrameworkResult:
    return FrameworkResult(key=key, name={"mof": "Model Openness Framework", "osaid": "OSI OSAID 1.0",
                                          "eu_ai_act": "EU AI Act open-source exemption"}.get(key, key),
                           outcome=outcome, summary=f"{key} says {outcome}",
                           reasons=(Reason(f"{key} reason", (Provenance("README.md", line=7),)),),
                           fields=fields)


def make_report(license_id: str | None = "MIT", *, declared: str | None = None, label: str = "open-weights",
                frameworks: Mapping[str, FrameworkResult] | None = None, lineage: tuple[Ancestor, ...] = (),
                conflicts: tuple[Conflict, ...] = (), target: str = "org/model",
                weights_license: bool = True) -> Report:
    """A report assembled from parts, for rules that read one part each."""
    ref = license_ref(license_id, declared) if (license_id or declared) else None
    weights = Artifact(ArtifactKind.WEIGHTS, Status.PRESENT, license=ref if weights_license else None,
                       evidence=(Provenance("model.safetensors", method="file-listing"),))
    org, _, name = target.rpartition("/")
    release = Release(target=target, source="test", name=name, organization=org or None,
                      artifacts={ArtifactKind.WEIGHTS: weights}, lineage=lineage, conflicts=conflicts)
    verdict = FrameworkResult("verdict", "Plain verdict", label, f"the verdict is {label}",
                              (Reason("Weights are published", (Provenance("model.safetensors"),)),),
                              {"label": label})
    not_graded = {key: FrameworkResult(key, key, "not graded", "not graded yet", graded=False)
                  for key in ("mof", "osaid", "eosai", "eu_ai_act")}
    return Report(release=release, verdict=verdict, frameworks={**not_graded, **(frameworks or {})},
                  understood=target, license=ref)


def ancestor(model: str, license_id: str | None, passes_down: tuple[str, ...] = ()) -> Ancestor:
    return Ancestor(id=model, depth=1, relation="finetune", license=license_ref(license_id) if license_id else None,
                    binds="test ancestor", passes_down=passes_down)


def with_label(report: Report, label: str) -> Report:
    return replace(report, verdict=replace(report.verdict, outcome=label, fields={"label": label}))


def local_project(tmp_path: Path, models: tuple[str, ...] = ("pythia-1b", "llama-3.1-8b-instruct",
                                                              "phi-3-mini-128k-instruct"),
                  gguf_license: str | None = "apache-2.0") -> Path:
    """tests/fixtures/audit/local copied to tmp_path, with its models/ folder filled in."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "local", root)
    for name in models:
        shutil.copytree(EXAMPLES / name, root / "models" / name)
    metadata: dict[str, Any] = {"general.architecture": "llama", "general.name": "Tiny Test Model"}
    if gguf_license:
        metadata["general.license"] = gguf_license
    write_gguf(root / "models" / "tiny.gguf", metadata, {"token_embd.weight": (1, [8, 4])})
    return root

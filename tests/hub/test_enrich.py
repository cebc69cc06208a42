"""The enrichment rules on their own: branches, datasets and papers."""

from __future__ import annotations

from howopen.evidence import Artifact, ArtifactKind, Provenance, Release, Status
from howopen.sources.hubenrich import DatasetResult, with_datasets, with_papers, with_refs
from howopen.sources.papers import PaperCheck

K = ArtifactKind
TREE = "https://huggingface.co/org/model/tree"


def _release(*artifacts: Artifact) -> Release:
    return Release(target="org/model", source="hub", name="model", organization="org",
                   artifacts={a.kind: a for a in artifacts})


def test_quantization_branches_are_not_checkpoints() -> None:
    unknown = Artifact(K.INTERMEDIATE_WEIGHTS, Status.UNKNOWN, reason="not shown")
    release = with_refs(_release(unknown), ["main", "gptq-4bit-32g-actorder_True", "4.0bpw"], TREE)
    assert release.artifact(K.INTERMEDIATE_WEIGHTS).status == Status.UNKNOWN  # other branches: unsettled
    release = with_refs(_release(unknown), ["main", "stage1-step1000-tokens5B"], TREE)
    assert release.artifact(K.INTERMEDIATE_WEIGHTS).status == Status.PRESENT
    release = with_refs(_release(unknown), ["main"], TREE)
    assert release.artifact(K.INTERMEDIATE_WEIGHTS).status == Status.ABSENT


def test_gated_dataset_keeps_its_gate_and_license() -> None:
    training = Artifact(K.TRAINING_DATA, Status.PRESENT, evidence=(Provenance("README.md", line=9),),
                        details={"datasets": ["org/data"]})
    result = DatasetResult("org/data", "https://huggingface.co/datasets/org/data", True, license="cc-by-4.0",
                           gated="auto", has_card=True)
    release = with_datasets(_release(training), [result])
    artifact = release.artifact(K.TRAINING_DATA)
    assert artifact.license is not None and artifact.license.declared == "cc-by-4.0"
    assert artifact.details["datasets_checked"][0]["gated"] == "auto"
    assert release.artifact(K.DATA_CARD).status == Status.PRESENT


def test_a_cited_paper_arxiv_does_not_have() -> None:
    paper = Artifact(K.RESEARCH_PAPER, Status.PRESENT, details={"ids": ["arXiv:2401.99999"]})
    check = PaperCheck("2401.99999", "https://arxiv.org/abs/2401.99999", False)
    release = with_papers(_release(paper), [check])
    assert release.artifact(K.RESEARCH_PAPER).status == Status.UNKNOWN
    assert [g.code for g in release.gaps] == ["paper-not-found"]

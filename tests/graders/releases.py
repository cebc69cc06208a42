"""Releases built directly, for the cases that separate the frameworks.

Each is shaped like a real release (OLMo/Pythia, Llama 3.1, DeepSeek-R1, BLOOM, an API-only model, a Llama
fine-tune) but is a construction: the tests assert how each framework answers such a release, not facts about
those models.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from howopen.evidence import (
    Ancestor,
    Artifact,
    ArtifactKind,
    BaseModelRef,
    Conflict,
    Fact,
    LicenseRef,
    Provenance,
    Release,
    Status,
)
from howopen.graders import disagreements, grade_all
from howopen.report import Report

K = ArtifactKind
P = Provenance


def lic(license_id: str, source: str = "LICENSE", line: int | None = 1) -> LicenseRef:
    return LicenseRef(id=license_id, declared=license_id, recognized=True, evidence=(P(source, line=line),))


def present(kind: ArtifactKind, license_id: str | None = None, where: str = "README.md", line: int | None = 1,
            locations: tuple[str, ...] | None = None, license_source: str = "LICENSE", **details: Any) -> Artifact:
    location = locations if locations is not None else (where,)
    return Artifact(kind, Status.PRESENT, license=lic(license_id, license_source) if license_id else None,
                    evidence=(P(where, line=line),), locations=location, details=details)


def absent(kind: ArtifactKind, reason: str = "not in the repository") -> Artifact:
    return Artifact(kind, Status.ABSENT, reason=reason)


def unknown(kind: ArtifactKind, reason: str = "not established") -> Artifact:
    return Artifact(kind, Status.UNKNOWN, reason=reason)


def report(release: Release) -> Report:
    """Grade a release that is already complete (licenses and lineage filled), as the pipeline's last stages do."""
    verdict, frameworks = grade_all(release)
    return Report(release=release, verdict=verdict, frameworks=frameworks, understood=release.target,
                  license=release.artifact(K.WEIGHTS).license, disagreements=disagreements(verdict, frameworks))


def release(name: str, artifacts: list[Artifact], facts: dict[str, Any] | None = None, **kwargs: Any) -> Release:
    fact_map = {key: Fact(value, P("README.md", line=10 + i, method="card-text"))
                for i, (key, value) in enumerate((facts or {}).items())}
    return Release(target=f"fixtures/{name}", source="local", name=name, organization="example",
                   artifacts={a.kind: a for a in artifacts}, facts=fact_map, **kwargs)


ARXIV = "https://arxiv.org/abs/2402.00838"


def fully_open() -> Release:
    """OLMo/Pythia-like: weights, checkpoints, code, data and documents all published under open licenses."""
    repo = "https://github.com/example/open-lm"
    return release("open-lm-7b", [
        present(K.WEIGHTS, "Apache-2.0", "model.safetensors", None, parameters=7_000_000_000),
        present(K.INTERMEDIATE_WEIGHTS, "Apache-2.0", "README.md", 20),
        present(K.MODEL_ARCHITECTURE, "Apache-2.0", "config.json", 2, architectures=["OlmoForCausalLM"]),
        present(K.TRAINING_CODE, "Apache-2.0", "README.md", 30, locations=(repo,), license_source=f"{repo}/LICENSE"),
        present(K.DATA_PROCESSING_CODE, "Apache-2.0", "README.md", 31, locations=(repo,),
                license_source=f"{repo}/LICENSE"),
        present(K.INFERENCE_CODE, "Apache-2.0", "README.md", 40),
        present(K.EVALUATION_CODE, "Apache-2.0", "README.md", 32, locations=(repo,),
                license_source=f"{repo}/LICENSE"),
        present(K.SUPPORTING_LIBRARIES, "Apache-2.0", "README.md", 33, locations=(repo,),
                license_source=f"{repo}/LICENSE"),
        present(K.TRAINING_DATA, "ODC-By-1.0", "README.md", 5,
                locations=("https://huggingface.co/datasets/example/open-corpus",),
                license_source="https://huggingface.co/datasets/example/open-corpus", datasets=["example/open-corpus"]),
        present(K.EVALUATION_DATA, "CC-BY-4.0", "README.md", 60, locations=("https://huggingface.co/datasets/ex/eval",),
                license_source="https://huggingface.co/datasets/ex/eval"),
        present(K.EVALUATION_RESULTS, "Apache-2.0", "README.md", 61),
        present(K.MODEL_CARD, "Apache-2.0", "README.md", 1),
        present(K.DATA_CARD, "CC-BY-4.0", "README.md", 6,
                locations=("https://huggingface.co/datasets/example/open-corpus",),
                license_source="https://huggingface.co/datasets/example/open-corpus"),
        present(K.TECHNICAL_REPORT, "CC-BY-4.0", "README.md", 70, locations=(ARXIV,), license_source=ARXIV),
        present(K.RESEARCH_PAPER, "CC-BY-4.0", "README.md", 70, locations=(ARXIV,), license_source=ARXIV),
        present(K.CONFIGURATION, "Apache-2.0", "config.json", None),
    ], facts={"parameters": 7_000_000_000, "training_tokens": 2_460_000_000_000, "pipeline_tag": "text-generation",
              "data_information": {"section": "Training data", "lines": 12}, "training_hardware": "256 A100 GPUs"})


def llama_like() -> Release:
    """Llama-3.1-like: gated weights under the Llama 3.1 Community License, no training code or data."""
    return release("llama-like-8b", [
        present(K.WEIGHTS, "llama3.1", "model.safetensors", None),
        present(K.MODEL_ARCHITECTURE, "llama3.1", "config.json", 2, architectures=["LlamaForCausalLM"]),
        present(K.INFERENCE_CODE, "llama3.1", "README.md", 80),
        absent(K.TRAINING_CODE), absent(K.DATA_PROCESSING_CODE), absent(K.TRAINING_DATA),
        present(K.MODEL_CARD, "llama3.1", "README.md", 1),
        present(K.EVALUATION_RESULTS, "llama3.1", "README.md", 200),
        absent(K.DATA_CARD), absent(K.TECHNICAL_REPORT), absent(K.RESEARCH_PAPER),
        absent(K.INTERMEDIATE_WEIGHTS), absent(K.EVALUATION_CODE), absent(K.EVALUATION_DATA),
    ], facts={"parameters": 8_030_000_000, "training_tokens": 15_000_000_000_000, "pipeline_tag": "text-generation",
              "gated": True, "data_information": {"section": "Training Data", "lines": 6}})


def deepseek_like(tokens: bool = True) -> Release:
    """DeepSeek-R1-like: MIT weights, a technical report, but no training code and no training data."""
    facts: dict[str, Any] = {"parameters": 671_000_000_000, "pipeline_tag": "text-generation"}
    if tokens:
        facts["training_tokens"] = 14_800_000_000_000
    return release("deepseek-like", [
        present(K.WEIGHTS, "MIT", "model-00001-of-000163.safetensors", None),
        present(K.MODEL_ARCHITECTURE, "MIT", "config.json", 2, architectures=["DeepseekV3ForCausalLM"]),
        present(K.INFERENCE_CODE, "MIT", "README.md", 150),
        absent(K.TRAINING_CODE), absent(K.DATA_PROCESSING_CODE), absent(K.TRAINING_DATA), absent(K.DATA_CARD),
        absent(K.EVALUATION_CODE), absent(K.INTERMEDIATE_WEIGHTS),
        present(K.EVALUATION_RESULTS, "MIT", "README.md", 90),
        present(K.MODEL_CARD, "MIT", "README.md", 1),
        present(K.TECHNICAL_REPORT, None, "README.md", 20, locations=("https://arxiv.org/abs/2501.12948",)),
        present(K.RESEARCH_PAPER, None, "README.md", 20, locations=("https://arxiv.org/abs/2501.12948",)),
    ], facts=facts)


def bloom_like() -> Release:
    """BLOOM-like: weights under a RAIL license with use restrictions; code, data and documents open."""
    repo = "https://github.com/example/megatron"
    data = "https://huggingface.co/datasets/example/roots"
    return release("bloom-like", [
        present(K.WEIGHTS, "bigscience-bloom-rail-1.0", "model.safetensors", None),
        present(K.INTERMEDIATE_WEIGHTS, "bigscience-bloom-rail-1.0", "README.md", 22),
        present(K.MODEL_ARCHITECTURE, "bigscience-bloom-rail-1.0", "config.json", 2,
                architectures=["BloomForCausalLM"]),
        present(K.TRAINING_CODE, "Apache-2.0", "README.md", 30, locations=(repo,), license_source=f"{repo}/LICENSE"),
        present(K.DATA_PROCESSING_CODE, "Apache-2.0", "README.md", 31, locations=(repo,),
                license_source=f"{repo}/LICENSE"),
        present(K.INFERENCE_CODE, "bigscience-bloom-rail-1.0", "README.md", 40),
        present(K.TRAINING_DATA, None, "README.md", 5, locations=(data,), datasets=["example/roots"]),
        present(K.DATA_CARD, "CC-BY-4.0", "README.md", 6, locations=(data,), license_source=data),
        present(K.MODEL_CARD, "bigscience-bloom-rail-1.0", "README.md", 1),
        present(K.EVALUATION_RESULTS, "bigscience-bloom-rail-1.0", "README.md", 61),
        present(K.TECHNICAL_REPORT, "CC-BY-4.0", "README.md", 70, locations=("https://arxiv.org/abs/2211.05100",),
                license_source="https://arxiv.org/abs/2211.05100"),
        present(K.RESEARCH_PAPER, "CC-BY-4.0", "README.md", 70, locations=("https://arxiv.org/abs/2211.05100",),
                license_source="https://arxiv.org/abs/2211.05100"),
    ], facts={"parameters": 176_000_000_000, "training_tokens": 366_000_000_000, "pipeline_tag": "text-generation",
              "data_information": {"section": "Training Data", "lines": 40}})


def api_only() -> Release:
    """An API-only model: a model card, no weights, nothing else."""
    return release("api-only", [
        absent(K.WEIGHTS, "the provider serves the model through an API only"),
        absent(K.MODEL_ARCHITECTURE), absent(K.TRAINING_CODE), absent(K.INFERENCE_CODE),
        absent(K.DATA_PROCESSING_CODE), absent(K.TRAINING_DATA), absent(K.DATA_CARD),
        absent(K.TECHNICAL_REPORT), absent(K.RESEARCH_PAPER), absent(K.EVALUATION_CODE),
        present(K.MODEL_CARD, None, "README.md", 1),
    ], facts={"pipeline_tag": "text-generation"})


LLAMA_BASE = "meta-llama/Llama-3.1-8B"


def restricted_finetune() -> Release:
    """A fine-tune that declares Apache-2.0 but whose base model is under the Llama 3.1 license."""
    base = LicenseRef(id="llama3.1", declared="llama3.1", recognized=True,
                      evidence=(P(f"https://huggingface.co/{LLAMA_BASE}/blob/main/LICENSE"),))
    ancestor = Ancestor(id=LLAMA_BASE, depth=1, relation="finetune", license=base,
                        binds="a fine-tune is a derivative of the Llama Materials, which the agreement covers",
                        passes_down=("naming_duty", "field_of_use", "attribution"),
                        evidence=(P("README.md", line=3, method="front-matter"),))
    artifacts = [
        present(K.WEIGHTS, "Apache-2.0", "model.safetensors", None),
        present(K.MODEL_ARCHITECTURE, "Apache-2.0", "config.json", 2, architectures=["LlamaForCausalLM"]),
        present(K.EVALUATION_RESULTS, "Apache-2.0", "README.md", 50),
        present(K.MODEL_CARD, "Apache-2.0", "README.md", 1),
        present(K.DATA_CARD, "Apache-2.0", "DATA_CARD.md", 1),
        present(K.TECHNICAL_REPORT, "Apache-2.0", "report.pdf", None),
        present(K.INFERENCE_CODE, "Apache-2.0", "README.md", 60),
        absent(K.TRAINING_CODE), absent(K.TRAINING_DATA),
    ]
    return release("llama-finetune", artifacts, facts={"pipeline_tag": "text-generation"},
                   base_models=(BaseModelRef(LLAMA_BASE, "finetune", P("README.md", line=3)),),
                   lineage=(ancestor,))


def conflicted() -> Release:
    """A release whose card says MIT but whose license file is the Llama 3.1 text."""
    base = llama_like()
    conflict = Conflict(declared="mit", binding="llama3.1",
                        why="the card declares 'mit' but LICENSE:1 is the text of llama3.1",
                        evidence=(P("README.md", line=2), P("LICENSE", line=1)))
    weights = replace(base.artifacts[K.WEIGHTS], license=lic("MIT", "README.md", 2))
    return replace(base.with_artifact(weights), conflicts=(conflict,))


def metadata_only() -> Release:
    """A model card alone: weights unknown, license MIT."""
    return release("card-only", [
        replace(unknown(K.WEIGHTS, "only the model card was available, not the file listing"),
                license=lic("MIT", "README.md", 2)),
        present(K.MODEL_CARD, "MIT", "README.md", 1),
    ], metadata_only=True)

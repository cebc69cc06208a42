"""The local folder source: each artifact kind, license files at any depth, and every kind of bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from howopen import check
from howopen.errors import TargetError
from howopen.evidence import ArtifactKind, ClaimKind, Status
from howopen.sources.local import LocalSource
from support.snapshots import card_text, license_text, make_snapshot
from support.writers import gguf_bytes, write_gguf, write_safetensors

K = ArtifactKind

FULL_CARD = """---
license: apache-2.0
base_model: org/base-model
datasets:
- allenai/dolma
pipeline_tag: text-generation
model-index:
- name: tiny
  results:
  - task: {type: text-generation}
    dataset: {name: MMLU, type: cais/mmlu}
    metrics: [{type: acc, value: 0.5}]
---
# Tiny model

Code lives in the [training repository](https://github.com/example/tiny) and the
[technical report](https://arxiv.org/abs/2401.00001) explains it. We also wrote a paper: arXiv:2402.00002.
Intermediate checkpoints are available as branches (revision="step1000").

## Training Data

Trained on 2T tokens of Dolma.
Total compute: 1.2 x 10^22 FLOPs.

## Usage

```python
model = AutoModelForCausalLM.from_pretrained("example/tiny")
```
"""


def full_snapshot(root: Path) -> Path:
    make_snapshot(root, card=FULL_CARD, license_file="apache-2.0.txt", extra={
        "LICENSE-CODE.md": license_text("mit.txt"),
        "docs/USE_POLICY.md": license_text("llama3_1-aup.txt"),
        "NOTICE": "Tiny is licensed under the Apache License.\n",
        "train.py": "# training\n",
        "scripts/preprocess_data.py": "# data\n",
        "eval/run_eval.py": "# eval\n",
        "generate.py": "# inference\n",
        "modeling_tiny.py": "# architecture\n",
        "utils/helpers.py": "# helpers\n",
        "tokenizer.json": "{}",
        "generation_config.json": "{}",
        "checkpoint-100/model.safetensors": "",
        "DATA_CARD.md": "# Data card\n",
        "eval_results.json": "{}",
        "report.pdf": "%PDF-1.4",
    })
    write_safetensors(root / "checkpoint-100" / "model.safetensors", {"w": ("F32", [2, 2])})
    return root


def test_every_artifact_kind_is_found(tmp_path: Path) -> None:
    release = LocalSource(full_snapshot(tmp_path / "tiny")).fetch()
    statuses = {kind: release.artifact(kind).status for kind in ArtifactKind}
    assert all(status == Status.PRESENT for status in statuses.values()), statuses
    assert release.artifact(K.TRAINING_CODE).locations == ("train.py",)
    assert release.artifact(K.DATA_PROCESSING_CODE).locations == ("scripts/preprocess_data.py",)
    assert release.artifact(K.EVALUATION_CODE).locations == ("eval/run_eval.py",)
    assert release.artifact(K.INFERENCE_CODE).locations == ("generate.py",)
    assert release.artifact(K.SUPPORTING_LIBRARIES).locations == ("utils/helpers.py",)
    assert release.artifact(K.INTERMEDIATE_WEIGHTS).locations == ("checkpoint-100/model.safetensors",)
    assert release.artifact(K.WEIGHTS).details["parameters"] == 64
    assert release.artifact(K.EVALUATION_DATA).details["datasets"] == ["cais/mmlu"]
    assert release.artifact(K.TRAINING_DATA).details["datasets"] == ["allenai/dolma"]
    assert release.artifact(K.TECHNICAL_REPORT).details["ids"] == ["arXiv:2401.00001"]
    assert "arXiv:2402.00002" in release.artifact(K.RESEARCH_PAPER).details["ids"]


def test_facts_and_claims(tmp_path: Path) -> None:
    release = LocalSource(full_snapshot(tmp_path / "tiny")).fetch()
    assert release.fact("training_tokens") == 2_000_000_000_000
    assert release.facts["training_tokens"].provenance.cite() == "README.md:22"
    assert release.fact("training_compute_flop") == pytest.approx(1.2e22)
    assert release.fact("parameters") == 64
    assert release.fact("pipeline_tag") == "text-generation"
    assert [b.id for b in release.base_models] == ["org/base-model"]
    claims = {(c.kind, c.value) for c in release.license_claims}
    assert (ClaimKind.TAG, "apache-2.0") in claims
    assert (ClaimKind.FILE, "LICENSE") in claims
    assert (ClaimKind.FILE, "LICENSE-CODE.md") in claims
    assert (ClaimKind.FILE, "docs/USE_POLICY.md") in claims
    code_claim = next(c for c in release.license_claims if c.value == "LICENSE-CODE.md")
    assert K.TRAINING_CODE in code_claim.applies_to


def test_license_files_narrow_to_their_artifacts(tmp_path: Path) -> None:
    report = check(str(full_snapshot(tmp_path / "tiny")))
    artifacts = report.release.artifacts
    assert artifacts[K.WEIGHTS].license is not None and artifacts[K.WEIGHTS].license.id == "Apache-2.0"
    assert artifacts[K.TRAINING_CODE].license is not None and artifacts[K.TRAINING_CODE].license.id == "MIT"
    assert artifacts[K.TRAINING_DATA].license is None  # datasets are separate releases


def test_snapshot_without_anything_but_weights(tmp_path: Path) -> None:
    root = tmp_path / "bare"
    write_safetensors(root / "model.safetensors", {"w": ("F16", [3, 3])})
    release = LocalSource(root).fetch()
    assert release.artifact(K.WEIGHTS).status == Status.PRESENT
    assert release.artifact(K.MODEL_CARD).status == Status.ABSENT
    assert release.artifact(K.TRAINING_CODE).status == Status.ABSENT
    assert release.artifact(K.INTERMEDIATE_WEIGHTS).status == Status.UNKNOWN


def test_documents_only_folder_marks_file_artifacts_unknown(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "README.md").write_text("---\nlicense: mit\n---\n# x\n")
    release = LocalSource(root).fetch()
    assert release.artifact(K.WEIGHTS).status == Status.UNKNOWN
    assert release.metadata_only
    assert any(g.code == "documents-only" for g in release.gaps)


def test_gguf_license_metadata_is_a_claim(tmp_path: Path) -> None:
    root = tmp_path / "gguf"
    write_gguf(root / "model-Q4_K_M.gguf", {"general.architecture": "llama", "general.license": "mit"},
               {"w": (12, [8, 8])})
    report = check(str(root))
    weights = report.release.artifact(K.WEIGHTS)
    assert weights.details["formats"] == ["gguf"]
    assert weights.details["parameters"] == 64
    assert weights.license is not None and weights.license.id == "MIT"
    assert report.release.artifact(K.TOKENIZER).status == Status.PRESENT
    assert report.release.artifact(K.MODEL_ARCHITECTURE).details["architectures"] == ["llama"]


def test_hf_cache_layout_names_the_model(tmp_path: Path) -> None:
    blobs = tmp_path / "models--org--name" / "blobs"
    snap = tmp_path / "models--org--name" / "snapshots" / "abc123"
    blobs.mkdir(parents=True)
    snap.mkdir(parents=True)
    (blobs / "111").write_text("---\nlicense: mit\n---\n# card\n")
    (snap / "README.md").symlink_to(Path("../../blobs/111"))
    write_safetensors(blobs / "222", {"w": ("F16", [2])})
    (snap / "model.safetensors").symlink_to(Path("../../blobs/222"))
    release = LocalSource(snap).fetch()
    assert (release.organization, release.name) == ("org", "name")
    assert release.artifact(K.WEIGHTS).details["parameters"] == 2
    assert not release.gaps


# -- bad input -----------------------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="no such file or folder"):
        check(str(tmp_path / "missing"))


def test_file_instead_of_folder(tmp_path: Path) -> None:
    path = tmp_path / "model.safetensors"
    path.write_text("x")
    with pytest.raises(TargetError, match="is a file, not a folder"):
        check(str(path))


def test_a_card_file_is_a_card_alone(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("x")
    assert check(str(path)).release.metadata_only


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(TargetError, match="is empty"):
        check(str(tmp_path / "empty"))


def test_unreadable_file_is_a_gap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_snapshot(tmp_path / "m", card=card_text("EleutherAI_pythia-1b.md"), license_file="apache-2.0.txt")
    import howopen.sources.local as local

    real_read = local.read_bounded

    def guarded(path: Path, limit: int) -> bytes:
        if Path(path).name == "LICENSE":
            raise PermissionError(13, "Permission denied")
        return real_read(path, limit)

    monkeypatch.setattr(local, "read_bounded", guarded)
    report = check(str(root))
    assert any(g.code == "unreadable-file" and "LICENSE" in g.message for g in report.release.gaps)
    assert report.license is not None and report.license.id == "Apache-2.0"  # from the card's tag


def test_binary_readme(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", license_file="mit.txt")
    (root / "README.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    report = check(str(root))
    assert any(g.code == "card-binary" for g in report.release.gaps)
    assert report.release.artifact(K.MODEL_CARD).status == Status.UNKNOWN
    assert report.release.artifact(K.WEIGHTS).status == Status.PRESENT


def test_fifty_megabyte_readme_is_read_in_part(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", license_file="mit.txt")
    path = root / "README.md"
    with path.open("wb") as handle:
        handle.write(b"---\nlicense: mit\n---\n" + b"text " * 600_000)
        handle.truncate(50 * 1024 * 1024)
    report = check(str(root))
    assert any(g.code == "card-truncated" for g in report.release.gaps)
    assert report.license is not None and report.license.id == "MIT"


def test_symlink_outside_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(license_text("apache-2.0.txt"))
    root = make_snapshot(tmp_path / "m", card="---\nlicense: mit\n---\n")
    (root / "LICENSE").symlink_to(secret)
    report = check(str(root))
    assert any(g.code == "symlink-outside" for g in report.release.gaps)
    assert all(c.value != "LICENSE" for c in report.release.license_claims)
    assert report.license is not None and report.license.id == "MIT"


def test_symlinked_folder_outside_is_not_walked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_safetensors(outside / "model.safetensors", {"w": ("F16", [2])})
    root = make_snapshot(tmp_path / "m", card="---\nlicense: mit\n---\n", weights=False)
    os.symlink(outside, root / "linked")
    release = LocalSource(root).fetch()
    assert release.artifact(K.WEIGHTS).status == Status.UNKNOWN  # never absent: a folder shows what it holds


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ((2**60).to_bytes(8, "little") + b"{}", "more than the format's limit"),
        (b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all}", "not valid JSON"),
        (b"\x05", "shorter than"),
    ],
)
def test_hostile_safetensors_still_gets_a_report(tmp_path: Path, payload: bytes, message: str) -> None:
    root = make_snapshot(tmp_path / "m", card="---\nlicense: mit\n---\n", weights=False)
    (root / "model.safetensors").write_bytes(payload)
    report = check(str(root))
    gap = next(g for g in report.release.gaps if g.code == "weights-header-invalid")
    assert message in gap.message
    assert report.release.artifact(K.WEIGHTS).status == Status.PRESENT
    assert "parameters" not in report.release.artifact(K.WEIGHTS).details


def test_gguf_with_wrong_magic_still_gets_a_report(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card="---\nlicense: mit\n---\n", weights=False)
    (root / "model.gguf").write_bytes(b"GGML" + gguf_bytes({}, {})[4:])
    report = check(str(root))
    assert any("wrong magic number" in g.message for g in report.release.gaps)
    assert report.label in ("open-weights", "open-source")


def test_unparsable_config_is_a_gap(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card="---\nlicense: mit\n---\n")
    (root / "config.json").write_text("{not json")
    report = check(str(root))
    assert any(g.code == "config-unparsable" for g in report.release.gaps)


def test_json_report_carries_gaps_as_warnings(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card="---\nlicense: [mit\n---\n")
    data = json.loads(json.dumps(check(str(root)).to_dict()))
    assert any(w["code"] == "front-matter-unparsable" for w in data["warnings"])

"""License files by name: `MODEL_LICENSE`, `LICENSE-MODEL.md` and kin are license texts that cover the weights; a
plain `LICENSE` covers the whole release."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen import check
from howopen.evidence import ArtifactKind, ClaimKind
from howopen.sources.files import Role, classify
from howopen.sources.local import LocalSource
from support.snapshots import license_text, make_snapshot

K = ArtifactKind

MODEL_NAMES = ["MODEL_LICENSE", "MODEL_LICENCE", "LICENSE_MODEL", "LICENSE-MODEL.md", "MODEL-LICENSE.txt",
               "model_license.md", "Model-Licence", "WEIGHTS_LICENSE", "LICENSE.model.txt"]


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_model_license_names_are_license_files_for_the_weights(name: str) -> None:
    found = classify(name)
    assert found.role == Role.LICENSE
    assert K.WEIGHTS in found.applies_to
    assert K.TRAINING_CODE not in found.applies_to


@pytest.mark.parametrize("name", ["LICENSE", "LICENSE.md", "COPYING", "licence.txt", "code/LICENSE"])
def test_a_plain_license_covers_the_release(name: str) -> None:
    found = classify(name)
    assert found.role == Role.LICENSE and found.applies_to == ()


@pytest.mark.parametrize("name", ["license_check.py", "model_license.json", "licenses.json", "README.md",
                                  "unlicensed_data.csv"])
def test_names_that_are_not_license_texts(name: str) -> None:
    assert classify(name).role != Role.LICENSE


def test_model_license_binds_the_weights_and_license_binds_the_code(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card="# Model\n", license_file="mit.txt", extra={
        "MODEL_LICENSE": license_text("llama3_1.txt"),
        "train.py": "# training\n",
    })
    release = LocalSource(root).fetch()
    files = {c.value: c for c in release.license_claims if c.kind == ClaimKind.FILE}
    assert set(files) == {"LICENSE", "MODEL_LICENSE"}
    assert K.WEIGHTS in files["MODEL_LICENSE"].applies_to
    assert files["LICENSE"].applies_to == ()
    report = check(str(root), offline=True)
    artifacts = report.release.artifacts
    assert artifacts[K.WEIGHTS].license is not None and artifacts[K.WEIGHTS].license.id.lower() == "llama3.1"
    assert artifacts[K.TRAINING_CODE].license is not None and artifacts[K.TRAINING_CODE].license.id.lower() == "mit"

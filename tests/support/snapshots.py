"""Builds model snapshots on disk from real corpus cards and license texts, for tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .writers import write_safetensors

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("HOWOPEN_SHARED", REPO.parent / "shared"))
LICENSE_TEXTS = REPO / "src" / "howopen" / "licenses" / "texts"
FIXTURES = REPO / "tests" / "fixtures"


def license_text(name: str) -> str:
    """A verbatim license text from the bundled copies (see src/howopen/licenses/texts/MANIFEST.csv)."""
    return (LICENSE_TEXTS / name).read_text(encoding="utf-8")


def card_text(name: str) -> str:
    """A real model card from tests/fixtures/cards (copied from the shared corpus)."""
    return (FIXTURES / "cards" / name).read_text(encoding="utf-8")


def make_snapshot(root: Path, *, card: str | None = None, license_file: str | None = None,
                  weights: bool = True, config: dict | None = None, extra: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if card is not None:
        (root / "README.md").write_text(card, encoding="utf-8")
    if license_file is not None:
        (root / "LICENSE").write_text(license_text(license_file), encoding="utf-8")
    if weights:
        tensors = {"embed.weight": ("F16", [8, 4]), "lm_head.weight": ("F16", [4, 8])}
        write_safetensors(root / "model.safetensors", tensors)
    (root / "config.json").write_text(json.dumps(config or {"architectures": ["LlamaForCausalLM"],
                                                            "model_type": "llama"}, indent=2))
    (root / ".gitattributes").write_text("*.safetensors filter=lfs diff=lfs merge=lfs -text\n")
    for rel, text in (extra or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root

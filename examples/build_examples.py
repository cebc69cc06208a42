"""Rebuilds the example snapshots under examples/snapshots/ (run from the repository root).

Each snapshot pairs a real model card (tests/fixtures/cards/, copied from the shared corpus) with stand-in files
laid out as the real Hugging Face repository lays them out: tiny real-format safetensors weights, small config
and tokenizer files, license texts copied verbatim from src/howopen/licenses/texts/. See examples/README.md.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.writers import write_safetensors  # noqa: E402

CARDS = ROOT / "tests" / "fixtures" / "cards"
TEXTS = ROOT / "src" / "howopen" / "licenses" / "texts"
OUT = ROOT / "examples" / "snapshots"
STAND_IN = (
    "# Stand-in: the real repository ships a file of this name; its content is not needed to grade the release.\n"
)


def snapshot(name: str, card: str, *, license_files: dict[str, str] | None = None,
             config: dict | None = None, code: list[str] | None = None, tokenizer: bool = True) -> None:
    root = OUT / name
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copy(CARDS / card, root / "README.md")
    (root / ".gitattributes").write_text("*.safetensors filter=lfs diff=lfs merge=lfs -text\n")
    for target, text in (license_files or {}).items():
        shutil.copy(TEXTS / text, root / target)
    if config is not None:
        (root / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    if tokenizer:
        (root / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 2048}, indent=2) + "\n")
    for path in code or []:
        (root / path).write_text(STAND_IN)
    write_safetensors(root / "model.safetensors",
                      {"embed_tokens.weight": ("BF16", [16, 8]), "lm_head.weight": ("BF16", [16, 8])},
                      metadata={"format": "pt"})


def main() -> None:
    snapshot("pythia-1b", "EleutherAI_pythia-1b.md", license_files={"LICENSE": "apache-2.0.txt"},
             config={"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox", "hidden_size": 2048,
                     "num_hidden_layers": 16})
    snapshot("phi-3-mini-128k-instruct", "microsoft_Phi-3-mini-128k-instruct.md",
             config={"architectures": ["Phi3ForCausalLM"], "model_type": "phi3"},
             code=["configuration_phi3.py", "modeling_phi3.py", "sample_finetune.py"])
    snapshot("llama-3.1-8b-instruct", "NousResearch_Meta-Llama-3.1-8B-Instruct.md",
             license_files={"LICENSE": "llama3_1.txt", "USE_POLICY.md": "llama3_1-aup.txt"},
             config={"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096,
                     "num_hidden_layers": 32})
    snapshot("t-lite-instruct-0.1", "AnatoliiPotapov_T-lite-instruct-0.1.md")
    print(f"wrote {len(list(OUT.iterdir()))} snapshots under {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

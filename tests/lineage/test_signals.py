"""Every kind of lineage signal: each collector reads one, with its evidence and its weight (ancestry/)."""

from __future__ import annotations

import json
from pathlib import Path

from howopen import check
from howopen.ancestry import collect as C
from howopen.ancestry.signals import STRONG
from howopen.sources.card import parse_card
from howopen.sources.cardscope import read_scope
from howopen.sources.snapshot import Snapshot
from howopen.sources.weights import WeightHeader


def _snapshot(card: str = "", **extra: object) -> Snapshot:
    snapshot = Snapshot(label="org/model")
    if card:
        snapshot.card = parse_card(card.encode(), "README.md")
    for key, value in extra.items():
        setattr(snapshot, key, value)
    return snapshot


def _claims(card: str, name: str | None = "my-model", org: str | None = "someone", **extra: object) -> list:
    snapshot = _snapshot(card, **extra)
    scope = read_scope(snapshot.card.body, snapshot.card.body_start_line) if snapshot.card else None
    return C.collect(snapshot, scope, name=name, organization=org)


def _bases(claims: list) -> dict[str, tuple[str, float]]:
    return {c.base: (c.signal, c.confidence) for c in claims}


def test_config_name_or_path_and_gemma_architecture() -> None:
    config = {"_name_or_path": "google/gemma-2-9b-it", "architectures": ["Gemma2ForCausalLM"]}
    claims = _claims("", config=config, config_text=json.dumps(config, indent=1))
    found = _bases(claims)
    assert found["google/gemma-2-9b-it"][0] == "config"
    assert found["google/Gemma"] == ("architecture", 0.5)
    assert all(c.evidence is not None and c.evidence.source == "config.json" for c in claims)


def test_config_local_path_is_not_a_base() -> None:
    assert _claims("", config={"_name_or_path": "/home/me/ckpt"}, config_text="{}") == []


def test_gguf_base_model_and_basename() -> None:
    header = WeightHeader("gguf", 0, {}, 0, metadata={
        "general.base_model.count": 1,
        "general.base_model.0.repo_url": "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct"})
    found = _bases(_claims("", headers={"model.gguf": header}))
    assert found == {"meta-llama/Llama-3.1-8B-Instruct": ("gguf", 0.9)}
    named = WeightHeader("gguf", 0, {}, 0, metadata={"general.basename": "Llama-2-13b"})
    (claim,) = _claims("", headers={"x.gguf": named})
    assert claim.base == "meta-llama/Llama 2" and claim.signal == "gguf_name" and claim.relation == "quantized"


def test_merge_recipe_in_a_code_block() -> None:
    card = ("---\nlicense: apache-2.0\n---\n# Merge\n\n```yaml\nmodels:\n  - model: org/a-7b\n  - model: org/b-7b\n"
            "merge_method: slerp\nbase_model: org/a-7b\n```\n")
    found = _bases(_claims(card))
    assert found == {"org/a-7b": ("mergekit", 0.85), "org/b-7b": ("mergekit", 0.85)}


def test_card_tags_base_model_and_family() -> None:
    card = "---\ntags:\n- base_model:adapter:org/base-1b\n- llama-2\n- llama\n---\n# x\n"
    found = _bases(_claims(card))
    assert found["org/base-1b"][0] == "hub_tag"
    assert found["meta-llama/Llama 2"] == ("card_tag", 0.65)
    assert "facebook/LLaMA" not in found  # the generic `llama` tag names an architecture


def test_name_with_a_size_is_strong_without_is_weak() -> None:
    (sized,) = _claims("", name="Nous-Hermes-Llama2-13b", org="NousResearch")
    assert sized.base == "meta-llama/Llama 2" and sized.signal == "name" and sized.confidence >= STRONG
    (bare,) = _claims("", name="Luna-AI-Llama2-Uncensored", org="Tap-M")
    assert bare.confidence < STRONG
    (underscored,) = _claims("", name="selfrag_llama2_7b", org="selfrag")
    assert underscored.base == "meta-llama/Llama 2"
    (qwen,) = _claims("", name="llava-onevision-qwen2-72b-ov-sft", org="lmms-lab")
    assert qwen.base == "Qwen/Qwen2 72B"  # the size picks Qwen2-72B's own license


def test_the_rights_holders_own_release_is_not_its_own_derivative() -> None:
    assert _claims("", name="Llama-2-7b-chat-hf", org="meta-llama") == []
    card = "---\ntags: [llama-3]\n---\n# Llama 3.1\nThis model is based on Llama 3.1.\n"
    assert _claims(card, name="llama-3.1-8b-instruct", org=None) == []


def test_prose_in_english_and_chinese() -> None:
    card = ("---\nlicense: mit\n---\n# Model\n\nThis is a LoRA adapter for "
            "[Llama-2-7b](https://huggingface.co/meta-llama/Llama-2-7b-hf).\n\n本模型基于Llama3-8B进行中文微调。\n\n"
            "It is based on continual pre-training of Gemma, with a new tokenizer.\n")
    found = {c.base: c for c in _claims(card)}
    adapter = found["meta-llama/Llama-2-7b-hf"]
    assert (adapter.signal, adapter.relation, adapter.evidence.line) == ("prose_id", "adapter", 6)
    chinese = found["meta-llama/Llama 3"]
    assert chinese.signal == "prose" and chinese.confidence >= STRONG and chinese.evidence.line == 8
    assert "google/Gemma" not in found  # a sentence about the tokenizer is not a lineage


def test_prose_in_a_code_block_or_quote_is_not_read() -> None:
    card = ("---\nlicense: mit\n---\n# Model\n\n```\nfine-tuned from meta-llama/Llama-2-7b-hf\n```\n\n"
            "> This model is fine-tuned from Llama-2-13B.\n")
    assert _claims(card) == []


def test_reverse_phrases_and_labelled_fields() -> None:
    card = ("---\nlicense: mit\n---\n# MoMo\n\n"
            "MoMo is trained with LoRA, with the QWEN-72B model as its base-model.\n\n"
            "- **Finetuned from:** [LLaMA](https://github.com/facebookresearch/llama)\n\n"
            "A Llama2 based chat model.\n")
    found = _bases(_claims(card))
    assert found["Qwen/Qwen 72B"][1] >= STRONG
    assert found["facebook/LLaMA"][1] >= STRONG  # a labelled field states the base
    assert "meta-llama/Llama 2" in found


def test_base_model_table_column_and_chat_template() -> None:
    card = ("---\nlicense: mit\n---\n# MAmmoTH2\n\n| | **Base Model** | **Plus** |\n|---|---|---|\n"
            "| 7B | Mistral | [my-model](https://huggingface.co/someone/my-model) |\n"
            "| 8B | Llama-3 | [other](https://huggingface.co/someone/other) |\n\n"
            "```\n<|start_header_id|>user<|end_header_id|>\n```\n")
    found = _bases(_claims(card, name="my-model"))
    assert "meta-llama/Llama 3" in found and found["meta-llama/Llama 3"][0] == "template"
    (row,) = C.from_tables(parse_card(card.encode()), {"my-model"}, None)
    assert row.base == "mistralai/Mistral 7B"  # the row naming this release: its base cell and its size
    assert row.evidence is not None and row.evidence.line == 8


def test_adapter_config_and_declared_relation_reach_the_lineage(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nlicense: mit\nbase_model: google/gemma-2-9b-it\n"
                                        "base_model_relation: quantized\n---\n# q\n", encoding="utf-8")
    report = check(str(tmp_path), offline=True)
    (base,) = [a for a in report.release.lineage if a.depth == 1]
    assert (base.id, base.relation, base.signal, base.source) == ("google/gemma-2-9b-it", "quantized", "declared",
                                                                   "families")
    claims = report.to_dict()["release"]
    assert claims["base_models"][0]["id"] == "google/gemma-2-9b-it"


def test_a_sentence_hard_wrapped_after_its_phrase_is_read_on_the_next_line() -> None:
    card = ("# dolly\n\n`dolly-v2-12b` is a causal language model created by [Databricks](https://databricks.com/) "
            "that is derived from\n[EleutherAI's](https://www.eleuther.ai/) "
            "[Pythia-12b](https://huggingface.co/EleutherAI/pythia-12b) and fine-tuned\non instruction records.\n")
    (claim,) = [c for c in _claims(card) if c.base == "EleutherAI/pythia-12b"]
    assert claim.signal == "prose_id"
    assert claim.evidence is not None and (claim.evidence.line, claim.evidence.end_line) == (3, 4)
    assert "Pythia-12b" in claim.evidence.quote


def test_the_next_line_is_not_read_when_the_phrase_names_its_object_on_its_own_line() -> None:
    card = ("# MC model\n\nThe model was fine-tuned from [Phi-2 merge](vince62s/phi-2-psy) using vision tower from\n"
            "[SigLIP 400M](https://huggingface.co/google/siglip-so400m-patch14-384).\n\n"
            "A DPO dataset based on parts of the SFT dataset as chosen answers and\n"
            "[Sauerkraut-7b-HerO](https://huggingface.co/VAGOsolutions/SauerkrautLM-7b-HerO) as rejected answers.\n")
    bases = _bases(_claims(card))
    assert "google/siglip-so400m-patch14-384" not in bases
    assert "VAGOsolutions/SauerkrautLM-7b-HerO" not in bases


def test_a_sentence_that_ends_its_line_or_a_list_item_below_is_not_run_on() -> None:
    card = ("# model\n\nThis model is based on our own research.\n[Llama-2 13B](https://huggingface.co/meta-llama/"
            "Llama-2-13b-hf) is mentioned here.\n\nIt is built on\n- [Mistral](https://huggingface.co/mistralai/"
            "Mistral-7B-v0.1)\n")
    assert "meta-llama/Llama-2-13b-hf" not in _bases(_claims(card))

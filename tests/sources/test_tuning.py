"""A card's statement that its model was tuned from another (sources/tuning.py), and what the European index's
base-model dimensions make of it when no base model is known."""

from __future__ import annotations

import pytest

from howopen.pipeline import assess
from howopen.sources.card import parse_card
from howopen.sources.cardfile import CardFileSource
from howopen.sources.tuning import tuned_statement


def _said(text: str) -> bool:
    return tuned_statement(parse_card(f"# model\n\n{text}\n".encode(), "README.md")) is not None


@pytest.mark.parametrize("text", [
    "OpenChat is an innovative library of open-source language models, fine-tuned with [C-RLFT](x).",
    "Orca 2 is a finetuned version of LLAMA-2.",
    "This model has been finetuned from LLama 13B",
    "GPT-NeoXT-Chat-Base-20B is based on GPT-NeoX, and is fine-tuned with dialog data.",
])
def test_statements_about_this_model(text: str) -> None:
    assert _said(text)


@pytest.mark.parametrize("text", [
    "This model can be fine-tuned on downstream tasks.",
    "If the accuracy of the fine-tuned model is still not high, use the reranker.",
    "unlike this model, ChatGPT was fine-tuned using RLHF.",
    "The following models are finetuned on MPT-30B:",
    "Specialist models are fine-tuned for each task, whereas generalist models are fine-tuned across tasks.",
    "We finetuned MPT-7B-StoryWriter-65k+ on books.",
    "```\nmodel is fine-tuned here\n```",
    "> The model was fine-tuned on quoted data.",
])
def test_statements_about_other_models_or_readers(text: str) -> None:
    assert not _said(text)


def test_a_tuned_model_with_no_known_base_leaves_the_base_dimensions_unknown(tmp_path) -> None:  # type: ignore[no-untyped-def]
    card = tmp_path / "README.md"
    card.write_text("---\nlicense: apache-2.0\ndatasets: [org/chat-data]\n---\n# Chatty\n\nChatty is a chat model, "
                    "fine-tuned with our own method.\n\n## Training data\n\nWe used org/chat-data, 10k dialogues.\n"
                    "It covers many topics.\n", encoding="utf-8")
    fields = assess(CardFileSource(card).fetch()).frameworks["eosai"].fields["dimensions"]
    for key in ("datasources_basemodel", "weights_basemodel"):
        assert fields[key]["class"] == "unknown"
        assert "names no base model" in fields[key]["notes"] and fields[key]["link"] == "README.md:7"
    assert fields["datasources_endmodel"]["class"] != "unknown"

"""Terms that bind only some models of a release family (Llama 3.2's EU clause covers its multimodal models only).

A term with `params.applies_to: multimodal` applies to a release when the release is multimodal, does not when it
is text-only, and stays undecided when neither the card's `pipeline_tag` nor config.json's `model_type` tells.
"""

from __future__ import annotations

import re
from typing import Any

from ..evidence import Fact, Release
from .model import License, Term

MULTIMODAL_PIPELINES = frozenset({
    "image-text-to-text", "visual-question-answering", "image-to-text", "any-to-any", "video-text-to-text",
    "document-question-answering", "audio-text-to-text", "visual-document-retrieval",
})
TEXT_PIPELINES = frozenset({
    "text-generation", "text2text-generation", "fill-mask", "text-classification", "token-classification",
    "question-answering", "summarization", "translation", "feature-extraction", "sentence-similarity",
    "conversational", "zero-shot-classification", "table-question-answering",
})
_MULTIMODAL_TYPE = re.compile(r"mllama|llava|vision|_vl\b|vl$|idefics|paligemma|llama4|pixtral|blip|clip", re.I)
_TEXT_TYPE = re.compile(r"^(llama|mistral|mixtral|qwen2|qwen3|gemma|gemma2|gemma3_text|phi3|phi|falcon|gpt2|gpt_neox)$",
                        re.I)


def modality(release: Release) -> tuple[str | None, Fact | None]:
    """("multimodal" | "text" | None, the fact that decided it)."""
    tag = release.facts.get("pipeline_tag")
    if tag is not None and isinstance(tag.value, str):
        if tag.value in MULTIMODAL_PIPELINES:
            return "multimodal", tag
        if tag.value in TEXT_PIPELINES:
            return "text", tag
    model_type = release.facts.get("config.model_type")
    if model_type is not None and isinstance(model_type.value, str):
        if _MULTIMODAL_TYPE.search(model_type.value):
            return "multimodal", model_type
        if _TEXT_TYPE.match(model_type.value):
            return "text", model_type
    return None, None


def term_applies(term: Term, release: Release) -> bool | None:
    """Does this term bind this release? True for an unscoped term; for a term that covers multimodal models only,
    True, False or None (not established) by the release's modality."""
    if term.params.get("applies_to") != "multimodal":
        return True
    kind, _fact = modality(release)
    return None if kind is None else kind == "multimodal"


def scoped_terms(lic: License | None, release: Release) -> list[dict[str, Any]]:
    """For each term of `lic` that binds only multimodal models: whether it applies to this release, and why."""
    if lic is None:
        return []
    out: list[dict[str, Any]] = []
    for key, term in lic.terms.items():
        if term.params.get("applies_to") != "multimodal":
            continue
        _kind, fact = modality(release)
        scope = str(term.params.get("scope") or "multimodal models")
        applies = term_applies(term, release)
        if applies:
            why = f"{lic.id}'s {key} covers {scope} only, and this release is multimodal"
        elif applies is False:
            why = f"{lic.id}'s {key} covers {scope} only; this release is text-only, so it does not apply"
        else:
            why = (f"{lic.id}'s {key} covers {scope} only; whether this release is multimodal is not established "
                   "(no pipeline_tag or config model_type says)")
        entry: dict[str, Any] = {"term": str(key), "scope": scope, "applies": applies, "why": why,
                                 "clauses": [c.to_dict() for c in term.clauses]}
        if fact is not None:
            entry["evidence"] = [fact.provenance.to_dict()]
            entry["decided_by"] = fact.value
        out.append(entry)
    return out

"""Whether a paper presents this release, or is one the card only cites (a method's, the base model's).

A paper presents a release when its title or abstract names the model or its family: the words of the model's
name that are its own (`Pythia` in `pythia-1b`, `OLMo` in `OLMo-1B-hf`), not the words it shares with its base
models (`Llama` in `Hermes-2-Pro-Llama-3-8B`) nor the generic ones (`instruct`, `chat`, sizes, versions). A model
named only in its base's words (`Llama-3.1-8B-Instruct`) is named by them: it belongs to the family.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

GENERIC = frozenset({
    "ai", "base", "chat", "instruct", "instruction", "it", "hf", "gguf", "gptq", "awq", "exl2", "fp16", "bf16", "fp8",
    "int4", "int8", "sft", "dpo", "rlhf", "model", "models", "llm", "lm", "the", "and", "for", "with", "v", "pro",
    "mini", "small", "medium", "large", "xl", "xxl", "tiny", "preview", "beta", "alpha", "final", "release",
    "deduped", "merged", "merge", "quantized", "finetune", "finetuned", "tuned", "full", "research", "hub",
    "community", "open", "team", "lab", "labs", "org", "inc",
})
_SIZE = re.compile(r"^(\d+(\.\d+)?[kmbt]?|\d+x\d+[kmbt]?|v\d+|a\d+[kmbt]?|e\d+[kmbt]?|\d+k|\d+[kmbt]?tokens?)$")


def _words(text: str) -> list[str]:
    """Lower-case words, split at punctuation and between letters and digits (`Qwen2.5` -> qwen, 2, 5)."""
    return [w for w in re.split(r"[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z]{3,})", text.lower()) if w]


def name_words(name: str) -> list[str]:
    """The distinctive words of a model name: no sizes, versions or generic words."""
    return [w for w in _words(name) if len(w) >= 3 and w not in GENERIC and not _SIZE.match(w)]


def release_words(name: str | None, bases: Iterable[str] = ()) -> tuple[list[str], bool]:
    """(the words that name this release, whether they are its own): its own words, or, when its name holds only
    its bases' words, those (it belongs to their family)."""
    own = list(dict.fromkeys(name_words((name or "").split("/")[-1])))
    inherited = {w for base in bases for w in name_words(base.split("/")[-1])}
    distinct = [w for w in own if w not in inherited]
    return (distinct, True) if distinct else (own, False)


@dataclass(frozen=True)
class Scope:
    presents: bool | None  # None: the paper's title was not read, or the model's name has no word to look for
    why: str
    own: bool = False  # named by the release's own words, not only by its base's family name


def presents(title: str | None, abstract: str | None, name: str | None, bases: Iterable[str] = (), *,
             title_only: bool = False) -> Scope:
    """Whether a paper (title, abstract) presents the release `name` (derived from `bases`)."""
    if not title:
        return Scope(None, "the paper's title could not be read")
    words, own = release_words(name, bases)
    if not words:
        return Scope(None, f"the model's name ({name}) has no distinctive word to look for")
    places = [("title", title)] + ([] if title_only or not abstract else [("abstract", abstract)])
    for where, text in places:
        found = set(_words(text))
        hit = next((w for w in words if w in found), None)
        if hit is not None:
            family = "" if own else " (a word it shares with its base model, whose family it belongs to)"
            return Scope(True, f"its {where} names '{hit}'{family}", own)
    looked = " or ".join(repr(w) for w in words[:3])
    if not title_only and not abstract:  # the abstract may name it: not enough to call the paper someone else's
        return Scope(None, f"its title does not name {looked}, and its abstract could not be read")
    read = "title" if title_only else "title and abstract"
    return Scope(False, f"its {read} {'does' if read == 'title' else 'do'} not name {looked}")

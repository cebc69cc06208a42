"""Whether a card says its model was tuned from another model, named or not.

A card that says "OpenChat ... language models, fine-tuned with C-RLFT" describes a derivative: its base is a
separate release even when the card does not name it (or names it where the lineage stage cannot read it), so
base-model judgments must not be copied from the release itself. Only statements about this model count: "is/was
fine-tuned", "is a fine-tuned version of", "language models, fine-tuned with". Not counted: "we fine-tuned X" (the
makers often say so of a sibling built on this model: MPT-7B's card, "we finetuned MPT-7B-StoryWriter"); what a
reader may do ("can be fine-tuned", "if the fine-tuned model ..."); what other models underwent ("unlike this
model, ChatGPT was fine-tuned", "specialist models are fine-tuned"). Code blocks, quotes, tables and HTML comments
are not read.
"""

from __future__ import annotations

import re

from ..evidence import Provenance
from .card import ModelCard

_TUNED = re.compile(
    r"\b(?:is|was|were|are|has\s+been|have\s+been)\s+(?:then\s+|further\s+|additionally\s+|also\s+)?"
    r"(?:(?:a|an)\s+)?(?:fine[- ]?tuned|finetuned|instruction[- ]tuned|instruct[- ]tuned|chat[- ]tuned)\b|"
    r"\b(?:language\s+)?models?,\s+(?:fine[- ]?tuned|finetuned|instruction[- ]tuned)\s+(?:with|on|from|using)\b",
    re.I,
)
# the clause before the statement says it is about another model, or about what a reader may do
_CLAUSE_START = re.compile(r"^\W*(?:if|when|whether|unlike|although|while|before|after|once|to)\b", re.I)
_OTHERS = (r"chatgpt", r"gpt-?[34](?:\.5)?", r"instructgpt", r"claude", r"bard", r"gemini", r"the\s+base(?:\s+model)?",
           r"base\s+models?", r"teachers?", r"reward\s+models?", r"they", r"those", r"others?", r"users?", r"you",
           r"following(?:\s+\w+)?\s+models?", r"(?:specialist|generalist|downstream|task[- ]specific|other)\s+models?",
           r"name(?:\s+of\s+[\w\s]{1,40})?")
_OTHER_SUBJECT = re.compile(r"\b(?:" + "|".join(_OTHERS) + r")\W*$", re.I)
_CLAUSE_BREAK = re.compile(r",\s+(?:whereas|while|but|and)\s+")
_SENTENCE_BREAK = re.compile(r"[.!?;:。]\s|^")
MAX_LINES = 400  # the statement is in the card's description, near the top


def tuned_statement(card: ModelCard) -> Provenance | None:
    """The first line where the card says its model was tuned from another, or None."""
    lines = card.text.split("\n")
    fenced = False
    last = min(len(lines), card.body_start_line + MAX_LINES)
    for number in range(card.body_start_line, last + 1):
        line = lines[number - 1]
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or stripped.startswith((">", "<!--", "@", "|")) or len(line) > 3000:
            continue
        for match in _TUNED.finditer(line):
            before = line[: match.start()]
            clause = before[[m.end() for m in _SENTENCE_BREAK.finditer(before)][-1]:]
            clause = clause[max([m.end() for m in _CLAUSE_BREAK.finditer(clause)], default=0):]
            if _CLAUSE_START.search(clause) or _OTHER_SUBJECT.search(clause):
                continue
            return Provenance(card.path, line=number, method="card-text", quote=stripped[:200])
    return None

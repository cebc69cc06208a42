"""What a text adds to, changes in or removes from the known license text it matched.

A word of the input is *covered* when one of the 5-word shingles that hold it is a shingle of the reference; runs
of uncovered words are text the reference does not have (added or changed clauses), runs of reference words the
input does not cover are text it dropped. Runs that are only a title, a copyright line, a link or a change of a
word or two (a name, a year, "Software" for "Model") do not change what the license says and are ignored; anything
else makes the text a modification of the known license, never the license itself.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .kb import knowledge_base, reference_text
from .textmatch import SHINGLE, index, shingles, split_lines, tokens_with_lines

# Words that make a run of added text a clause: a duty, a permission, a condition or a limit ("may not",
# "non-commercial", "only", "must display"). Added text without any (a packaging note, a name) changes nothing.
_OPERATIVE = frozenset({
    "not", "no", "non", "never", "only", "solely", "except", "excluding", "unless", "commercial", "noncommercial",
    "research", "prohibited", "without", "nor", "cannot", "terminate", "revoke", "military", "restricted", "limited",
    "exclusively", "academic", "personal", "shall", "must", "may", "will", "agree", "agrees", "required", "requires",
    "require", "permitted", "allowed", "grant", "granted", "grants", "forbidden", "if", "provided", "subject",
    "condition", "conditions", "fee", "fees", "royalty", "pay", "payment", "users", "revenue", "display", "attribution",
    "不", "禁", "须", "应", "得", "可", "仅", "限", "非", "需",
})
_BOILERPLATE = re.compile(
    r"copyright|\(c\)|©|all rights reserved|https?://|www\.|spdx-license-identifier|^\W*(version|v)\s*\d"
    r"|^\W*(last )?(updated|revised|effective|release date|date)\b|^\W*\d{4}([-/.]\d{1,2}){0,2}\W*$",
    re.I,
)
_TITLE_WORDS = frozenset({"license", "licence", "agreement", "terms", "of", "use", "the", "and", "modified",
                          "community", "model", "open", "source", "public", "research", "version", "software",
                          "conditions", "for", "end", "user", "mit", "apache", "bsd", "notice"})
_NOT_OPERATIVE_AFTER = re.compile(r"\bend of terms and conditions\b", re.I)


@dataclass(frozen=True)
class Change:
    """A run of text that differs: `added` (in the input, not in the known text) or `removed` (the reverse)."""

    kind: str  # added | removed
    first_line: int  # input lines for added text, reference lines for removed text
    last_line: int
    text: str
    matters: bool = True  # False: only a title, a copyright line, a link, a name or a year

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "lines": [self.first_line, self.last_line], "text": self.text}


def _uncovered_runs(grams: list[int], other: frozenset[int] | set[int], size: int) -> list[tuple[int, int]]:
    """Runs (first, last word index) of words no shingle of `other` holds; cheap when nearly all are held."""
    if size < SHINGLE:
        return [] if not grams or grams[0] in other else [(0, size - 1)]
    missing = {i for i, gram in enumerate(grams) if gram not in other}
    if not missing:
        return []
    last_gram = len(grams) - 1
    uncovered = sorted({j for i in missing for j in range(i, min(size, i + SHINGLE))
                        if all(k in missing for k in range(max(0, j - SHINGLE + 1), min(j, last_gram) + 1))})
    runs: list[tuple[int, int]] = []
    for j in uncovered:
        if runs and runs[-1][1] == j - 1:
            runs[-1] = (runs[-1][0], j)
        else:
            runs.append((j, j))
    return runs


def _line_text(lines: list[str], first: int, last: int) -> str:
    return " ".join(" ".join(lines[first - 1 : last]).split())


def _matters(run: list[tuple[str, int]], lines: list[str]) -> bool:
    """Does a run of differing words change what the license says (not only a title, copyright line or a name)?"""
    by_line: dict[int, list[str]] = {}
    for word, number in run:
        by_line.setdefault(number, []).append(word)
    words: list[str] = []
    for number, line_words in by_line.items():
        line = lines[number - 1] if number - 1 < len(lines) else ""
        if _BOILERPLATE.search(line):
            continue
        if len(line.split()) <= 8 and all(w in _TITLE_WORDS or w.isdigit() for w in line_words):
            continue  # a heading
        words.extend(line_words)
    return any(w in _OPERATIVE for w in words)


@functools.cache
def _reference(license_id: str) -> tuple[tuple[tuple[str, int], ...], int]:
    """The reference's words with their lines, and the line after which nothing is operative (an appendix)."""
    lic = knowledge_base().get(license_id)
    if lic is None or not lic.text_file:
        return (), 0
    text = reference_text(lic.text_file)
    end = 0
    for number, line in enumerate(split_lines(text), start=1):
        if _NOT_OPERATIVE_AFTER.search(line):
            end = number
            break
    return tuple(tokens_with_lines(text)), end


def changes(text: str, license_id: str, elsewhere: tuple[tuple[int, int], ...] = (), *,
            tokens: list[tuple[str, int]] | None = None, grams: list[int] | None = None,
            complete: bool = False) -> tuple[Change, ...]:
    """The clauses `text` adds, changes or drops relative to the reference text of `license_id`.

    Added runs are all returned (`matters` says whether they change what the license says), except those inside
    `elsewhere` (the line spans of other documents found in the same text); removed runs only when they matter.
    `tokens` (the text's words with their lines) and `grams` (its shingles) are passed when the caller has them;
    `complete` says the text holds every
    shingle of the reference (nothing can be missing).
    """
    ref = next((r for r in index().refs if r.license_id == license_id), None)
    if ref is None:
        return ()
    toks = tokens if tokens else tokens_with_lines(text)
    words = [w for w, _ in toks]
    grams = grams if tokens and grams else shingles(words)
    lines = split_lines(text)
    out: list[Change] = []
    for lo, hi in _uncovered_runs(grams, ref.shingles, len(words)):
        first, last = toks[lo][1], toks[hi][1]
        if any(a <= first and last <= b for a, b in elsewhere):
            continue
        out.append(Change("added", first, last, _line_text(lines, first, last), _matters(toks[lo : hi + 1], lines)))
    if complete:
        return tuple(out)
    ref_tokens, appendix = _reference(license_id)
    ref_words = [w for w, _ in ref_tokens]
    ref_lines = split_lines(reference_text(knowledge_base().get(license_id).text_file or ""))  # type: ignore[union-attr]
    for lo, hi in _uncovered_runs(shingles(ref_words), set(grams), len(ref_words)):
        first, last = ref_tokens[lo][1], ref_tokens[hi][1]
        if appendix and first > appendix:
            continue
        if _matters(list(ref_tokens[lo : hi + 1]), ref_lines):
            out.append(Change("removed", first, last, _line_text(ref_lines, first, last)))
    return tuple(out)

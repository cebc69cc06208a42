"""Splits a license text into sentences, each with the editor line it starts on (English and Chinese).

Wrapped lines of one paragraph are joined; a blank line, a heading, a list item or a numbered section starts a new
paragraph. Within a paragraph, a sentence ends at `.`, `!`, `?` (not after "e.g.", "Inc." or a section number) or at
`。`, `！`, `？`, `；`. The sentence keeps the input's words and punctuation (whitespace runs collapsed), so it is a
verbatim quotation that `kb.locate_quote` finds again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textmatch import split_lines

MAX_LINES = 20_000  # bound the work on enormous inputs (a license is a few hundred lines)
MAX_SENTENCE = 1_500  # a "sentence" longer than this (a paragraph without full stops) is cut in pieces
MAX_CHARS = 300_000  # only the first this many characters are read (the longest known license: about 35,000)

_NEW_BLOCK = re.compile(
    r"^\s*(#{1,6}\s|[-*+•·]\s|>\s*[-*]?\s|\(?\d{1,3}(\.\d{1,3})*[.)]\s|\(?[a-zA-Z]{1,2}[.)]\s|\(?[ivxIVX]{1,4}[.)]\s"
    r"|\([a-z0-9]{1,4}\)\s|第[一二三四五六七八九十百零0-9]+[条章节款]|[（(][一二三四五六七八九十]+[)）]"
    r"|[一二三四五六七八九十]+[、.．]|\d{1,3}[、．]|[A-Z][A-Z ]{3,}:?$|(?i:article|section)\s+\d)",
)
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_END = re.compile(r"[.!?](?:[\"'”’)\]*_]*)(?=\s+[\"'“‘(\[*_]*[A-Z0-9])|[。！？；]")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "inc", "ltd", "co", "corp", "no", "vs", "u.s", "mr", "ms", "dr",
                            "st", "sec", "art", "para", "cf", "approx", "llc", "s.a", "p.r.c", "v"})


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: its first and last line (1-based, as editors number them) and its words."""

    line: int
    end_line: int
    text: str


def _blocks(text: str) -> list[tuple[list[int], str]]:
    """Paragraphs: (line of every character, joined text)."""
    blocks: list[tuple[list[int], str]] = []
    lines_of: list[int] = []
    parts: list[str] = []

    def flush() -> None:
        if parts:
            blocks.append((lines_of.copy(), "".join(parts)))
        lines_of.clear()
        parts.clear()

    for number, raw in enumerate(split_lines(text[:MAX_CHARS])[:MAX_LINES], start=1):
        line = raw.strip()
        if not line or set(line) <= set("-=*_#|: "):
            flush()
            continue
        title = _is_title(line)
        if _NEW_BLOCK.match(line) or line.startswith("|") or title:
            flush()
        if parts:
            joiner = "" if _CJK.match(line[:1]) and _CJK.match(parts[-1][-1:]) else " "
            parts.append(joiner)
            lines_of.append(number)
        parts.append(line)
        lines_of.extend([number] * len(line))
        if line.startswith("#") or title:
            flush()
    flush()
    return blocks


def _is_title(line: str) -> bool:
    """A short line without closing punctuation: a title or a heading ("4. Restrictions", "二、许可"), not the start
    of a sentence that wraps onto the next line."""
    if line[-1] in "。；，、：:,;.!?)”\"'":
        return False
    if _CJK.search(line):
        return len(line) <= 40
    words = line.split()
    return len(words) <= 6 and (line[0].isdigit() or line[0].isupper()) and not words[-1].islower()


def _is_abbreviation(block: str, end: int) -> bool:
    """Does the full stop at `end` close an abbreviation or a section number rather than a sentence?"""
    if block[end] != ".":
        return False
    start = end
    while start > 0 and not block[start - 1].isspace():
        start -= 1
    word = block[start:end].strip("(\"'“‘").lower()
    return word in _ABBREVIATIONS or bool(re.fullmatch(r"[0-9]+(\.[0-9]+)*|[a-z]|[ivx]+", word))


def sentences(text: str) -> list[Sentence]:
    """Every sentence of a text, in order, with its lines."""
    out: list[Sentence] = []
    for lines_of, block in _blocks(text):
        start = 0
        for match in _END.finditer(block):
            if _is_abbreviation(block, match.start()):
                continue
            _emit(out, lines_of, block, start, match.end())
            start = match.end()
        _emit(out, lines_of, block, start, len(block))
    return out


def _emit(out: list[Sentence], lines_of: list[int], block: str, start: int, end: int) -> None:
    while start < end and block[start].isspace():
        start += 1
    while end - start > MAX_SENTENCE:
        cut = block.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _emit(out, lines_of, block, start, cut)
        start = cut
    piece = block[start:end].strip()
    if not piece or not re.search(r"\w", piece):
        return
    out.append(Sentence(lines_of[start], lines_of[max(start, end - 1)], re.sub(r"\s+", " ", piece)))

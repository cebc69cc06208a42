"""Which of the papers a model card links are the release's own, and which it only cites.

Cards cite many papers: the base model's, the datasets', the methods' (LoRA, DPO), the baselines'. Only a paper the
card presents as its own counts as the release's research paper or technical report:

- the words around the link say so: "our paper", "technical report", "Paper: ...", "for more details see ...",
  "the model was introduced in ...", a link whose whole text is "Paper" / "see paper" / "arXiv" (the badges at the
  top of many cards, Markdown or HTML);
- or it is in the first BibTeX entry of a "Citation" section (the entry the card asks readers to cite).

Every other paper stays a `Link`: known, cited, but not evidence that the release publishes a paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..evidence import Link, LinkKind, Provenance
from .card import ModelCard, sections

_OWN_CUE = re.compile(
    r"\bour\s+(?:[\w-]+\s+){0,3}?(?:paper|report|preprint|publication|article)\b|"
    r"\b(?:technical|tech)[- ]report\b|"
    r"\b(?:paper|report|preprint|arxiv)[*_\s]*[:：]|"
    r"\b(?:more|further|additional|full)\s+(?:details|information|evals?|results)\b|"
    r"\b(?:accompanying|companion|associated|official)\s+paper\b|\bthis\s+paper\b|"
    r"\b(?:see|read|check\s+out)\s+(?:the\s+|our\s+)?paper\b|"
    r"\b(?:was|were|is|are)\s+(?:first\s+|originally\s+)?(?:introduced|presented|proposed|described|published)\s+(?:in|at)\b|"
    r"\b(?:introduced|presented|proposed|described)\s+in\s+(?:our|the\s+paper)\b",
    re.I,
)
# The whole text of a link that names no other work: "Paper", "(see paper)", "📑 Technical Report", "arXiv".
_OWN_ANCHOR = re.compile(
    r"^\W*(?:see\s+|read\s+|our\s+|the\s+|associated\s+|official\s+)?(?:paper|technical\s+report|tech\s+report|report|arxiv|preprint)"
    r"(?:\s*\(\s*arxiv\s*\)|\s+on\s+arxiv|\s+here)?\W*$",
    re.I,
)
_AFTER_CUE = re.compile(r"^[^\s<]*?\W{0,3}\s*(?:for\s+(?:more|further|additional|full)\s+"
                        r"(?:details|information|evals?|results))", re.I)
_BADGE = re.compile(r"^[^<>]*>\s*<img[^>]{0,300}?(?:paper|arxiv|report)", re.I)  # an arXiv/Paper badge image
_HTML_ANCHOR = re.compile(r"^[^<>\s]*[\"']?\s*>([^<]{1,60})</a>", re.I)
_MD_LINK = re.compile(r"\[([^\]]{1,200})\]\(([^)\s]+)\)")
MAX_MENTIONS = 50
_CITATION_TITLE = re.compile(r"\bcit(?:e|ation|ations|ing)\b|bibtex", re.I)
_BIBTEX_START = re.compile(r"^\s*@(article|misc|inproceedings|techreport|report|book|online|unpublished|"
                           r"phdthesis|preprint)\s*\{", re.I)


@dataclass(frozen=True)
class OwnPaper:
    link: Link
    why: str  # the words that present it as the release's own


def _citation_entries(card: ModelCard) -> list[tuple[int, int]]:
    """Line spans of the first BibTeX entry in each Citation section."""
    lines = card.text.split("\n")
    spans = []
    for title, start, end in sections(card):
        if not _CITATION_TITLE.search(title):
            continue
        for number in range(start + 1, end + 1):
            if _BIBTEX_START.match(lines[number - 1]):
                depth, last = 0, number
                for inner in range(number, end + 1):
                    depth += lines[inner - 1].count("{") - lines[inner - 1].count("}")
                    last = inner
                    if (depth <= 0 and inner > number) or (depth <= 0 and "}" in lines[inner - 1]):
                        break
                spans.append((number, last))
                break
    return spans


def _locate(line: str, link: Link) -> tuple[int, int] | None:
    """Where on its line a link is written: the whole URL or `arXiv:` mention that holds its id."""
    ident = (link.id or "").split(":", 1)[-1]
    for needle in (ident, link.url):
        if needle:
            at = line.find(needle)
            if at >= 0:
                start = at
                while start > 0 and not line[start - 1].isspace() and line[start - 1] not in "([\"'<>":
                    start -= 1
                prefix = re.search(r"(?:arxiv|doi)\s*:\s*$", line[:start], re.I)
                return (prefix.start() if prefix else start), at + len(needle)
    return None


def _cue(lines: list[str], number: int, link: Link) -> str | None:
    line = lines[number - 1]
    where = _locate(line, link)
    if where is None:
        return None
    start, end = where
    for m in _MD_LINK.finditer(line):  # a Markdown link: its text speaks for it
        if m.start(2) <= start < m.end(2):
            text = m.group(1).strip()
            if _OWN_ANCHOR.match(text) or _OWN_CUE.search(text):
                return text
            start, end = m.start(), m.end()
            break
    after = line[end : end + 80]
    html = _HTML_ANCHOR.match(after)
    if html and _OWN_ANCHOR.match(html.group(1).strip()):
        return html.group(1).strip()
    if _BADGE.match(after):
        return "a Paper/arXiv badge"
    # the clause before the link, back to the previous link on the line (whose words are its own)
    before = line[:start]
    previous_link = max((m.end() for m in re.finditer(r"\]\([^)]*\)|</a>|https?://\S+", before)), default=0)
    before = before[previous_link:][-120:]
    if not re.search(r"\w", before) and number > 1:  # a link alone on its line: the line above introduces it
        before = lines[number - 2][-120:]
    found = _OWN_CUE.search(before)
    if found:
        return found.group(0)
    after_text = line[end:]
    if after_text.startswith(")"):
        after_text = after_text[1:]
    found = _AFTER_CUE.search(after_text)
    return found.group(0).strip() if found else None


def _mentions(lines: list[str], link: Link) -> list[int]:
    """The lines that mention a link's paper (its id or URL): a card often cites its own paper more than once."""
    ident = (link.id or "").split(":", 1)[-1].lower()
    needle = ident or link.url.lower()
    found = [n for n, line in enumerate(lines, start=1) if needle in line.lower()]
    first = link.provenance.line if link.provenance and link.provenance.line else None
    if first is not None and first not in found:
        found.insert(0, first)
    return found[:MAX_MENTIONS]


def own_papers(card: ModelCard | None, links: Iterable[Link]) -> list[OwnPaper]:
    """The paper links the card presents as the release's own, each with the words that say so and the line
    where it says so."""
    if card is None:
        return []
    lines = card.text.split("\n")
    entries = _citation_entries(card)
    out: list[OwnPaper] = []
    for link in links:
        if link.kind != LinkKind.PAPER or link.provenance is None or link.provenance.source != card.path:
            continue  # a Hub tag or another source's link: no words to judge it by
        for number in _mentions(lines, link):
            if not 1 <= number <= len(lines):
                continue
            if number < card.body_start_line:
                why: str | None = "named in the card's metadata"
            elif any(s <= number <= e for s, e in entries):
                why = "the BibTeX entry under the card's Citation heading"
            else:
                why = _cue(lines, number, link)
            if why:
                where = Provenance(card.path, line=number, method="card-paper", quote=lines[number - 1].strip()[:200])
                out.append(OwnPaper(replace(link, provenance=where), why))
                break
    return out

"""Which of the papers a model card links are the release's own, and which it only cites.

Cards cite many papers: the base model's, the datasets', the methods' (LoRA, DPO), the baselines'. Only a paper the
card presents as its own counts as the release's research paper or technical report:

- the words around the link say so: "our paper", "technical report", "Paper: ...", "for more details see ...",
  "the model was introduced in ...", a link whose whole text is "Paper" / "see paper" / "arXiv" (the badges at the
  top of many cards, Markdown or HTML);
- or it is in the first BibTeX entry of a "Citation" section ("## Citation", "## 引用", ...: the entry the card asks
  readers to cite), or in the first entry that follows the makers' first-person request to cite them ("If you find
  our work helpful, please consider citing the following paper"), unless the words before the entry say it is
  another work ("The base model ...", "the paper upon which ... is based");
- or the link's whole text is the release's own name without its size or version ("[WizardLM]" on
  WizardLM-13B-V1.0, beside "[WizardCoder]" and "[WizardMath]", the makers' other papers).

Such an entry with no arXiv id, DOI or URL still names the makers' paper when it gives a peer-reviewed venue
(`@inproceedings{..., booktitle={Proceedings of the 29th ACM SIGKDD Conference ...}}`): an `OwnPaper` with no
address and its `venue`. The cue words are data: `data/own-paper-cues.yaml`.

Every other paper stays a `Link`: known, cited, but not evidence that the release publishes a paper.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources

import yaml

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
    r"(?:\s*\(\s*arxiv\s*\)|\s+on\s+arxiv|\s+here|\s+link)?\W*$",
    re.I,
)
_AFTER_CUE = re.compile(r"^[^\s<]*?\W{0,3}\s*(?:for\s+(?:more|further|additional|full)\s+"
                        r"(?:details|information|evals?|results))", re.I)
_BADGE = re.compile(r"^[^<>]*>\s*<img[^>]{0,300}?(?:paper|arxiv|report)", re.I)  # an arXiv/Paper badge image
_HTML_ANCHOR = re.compile(r"^[^<>\s]*[\"']?[^<>]{0,200}>((?:[^<]|<(?!/a\b)[^>]{0,100}>){1,200}?)</a>", re.I)
_GLUED_LABEL = re.compile(r"^[*_]*(?:paper|technical\s+report|tech\s+report|report|preprint)[*_]*[:：]", re.I)
_TAG = re.compile(r"<[^>]{0,100}>")
_MD_LINK = re.compile(r"\[([^\]]{1,200})\]\(([^)\s]+)\)")
MAX_MENTIONS = 50
_BIBTEX_START = re.compile(r"^\s*@(article|misc|inproceedings|techreport|report|book|online|unpublished|"
                           r"phdthesis|preprint)\s*\{", re.I)


@dataclass(frozen=True)
class OwnPaper:
    link: Link
    why: str  # the words that present it as the release's own
    venue: str | None = None  # the peer-reviewed venue its BibTeX entry names (`booktitle`, `journal`)


@dataclass(frozen=True)
class Entry:
    """A BibTeX entry in a card: its type, key, line span and the fields read from it (first line of each)."""

    kind: str
    key: str
    start: int
    end: int
    fields: dict[str, tuple[str, int]]  # field name -> (value, line)

    def venue(self) -> tuple[str, int] | None:
        """The peer-reviewed venue the entry names: a `booktitle` or `journal` that is not arXiv, a blog or a
        repository (`not_venues`), on an `@inproceedings`/`@article`/`@incollection`/`@book`."""
        if self.kind not in ("inproceedings", "article", "incollection", "conference", "book", "inbook"):
            return None
        for name in ("booktitle", "journal"):
            found = self.fields.get(name)
            if found and re.search(r"[A-Za-z]{3}", found[0]) and not _cues()["not_venues"].search(found[0]):
                return found
        return None


@functools.cache
def _cues() -> dict[str, re.Pattern[str]]:
    text = resources.files("howopen.sources").joinpath("data/own-paper-cues.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {key: re.compile("|".join(f"(?:{p})" for p in data[key]), re.I) for key in
            ("citation_headings", "cite_requests", "not_own_leadins", "not_venues", "no_paper_statements")}


_BIBTEX_FIELD = re.compile(r"^\s*(\w+)\s*=\s*[{\"]*\s*(.*?)\s*[}\"]*\s*,?\s*$")
MAX_ENTRIES = 100


def bibtex_entries(card: ModelCard) -> list[Entry]:
    """The BibTeX entries of the card's body (at most `MAX_ENTRIES`), each to its closing brace."""
    lines = card.text.split("\n")
    out: list[Entry] = []
    number = card.body_start_line
    while number <= len(lines) and len(out) < MAX_ENTRIES:
        head = _BIBTEX_START.match(lines[number - 1])
        if not head:
            number += 1
            continue
        key = lines[number - 1][head.end():].split(",", 1)[0].strip()
        if not key and number < len(lines):  # "@inproceedings{" with the key on the next line
            key = lines[number].split(",", 1)[0].strip()
        if not re.fullmatch(r"[\w:.\-/+]{1,100}", key):
            key = f"line{number}"
        depth, last = 0, number
        fields: dict[str, tuple[str, int]] = {}
        for inner in range(number, min(len(lines), number + 200) + 1):
            line = lines[inner - 1]
            if inner > number:
                field = _BIBTEX_FIELD.match(line)
                if field:
                    fields.setdefault(field.group(1).lower(), (field.group(2).replace("{", "").replace("}", ""),
                                                               inner))
            depth += line.count("{") - line.count("}")
            last = inner
            if depth <= 0 and (inner > number or "}" in line):
                break
        out.append(Entry(head.group(1).lower(), key, number, last, fields))
        number = last + 1
    return out


_HEADING_WHY = "the BibTeX entry under the card's Citation heading"
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def _own_entries(card: ModelCard) -> tuple[list[tuple[Entry, str]], list[Entry]]:
    """The BibTeX entries the card asks readers to cite as the makers' own, with the words that say so: the first
    entry under a citation heading, and the first entry after a first-person request to cite; unless the words
    before it say it is another work (those are returned second: the card says they are others')."""
    lines = card.text.split("\n")
    entries = bibtex_entries(card)
    cues = _cues()
    heads = [(start, end) for title, start, end in sections(card) if cues["citation_headings"].search(title)]
    out: list[tuple[Entry, str]] = []
    others: list[Entry] = []
    for index, entry in enumerate(entries):
        section = next(((s, e) for s, e in reversed(heads) if s < entry.start <= e), None)
        after_previous = entries[index - 1].end + 1 if index else 1
        first_in_section = section is not None and not (index and entries[index - 1].start > section[0])
        lead_from = max(after_previous, section[0] + 1 if section else entry.start - 8, entry.start - 8)
        leadin = "\n".join(lines[lead_from - 1 : entry.start - 1])
        if cues["not_own_leadins"].search(leadin):
            others.append(entry)
            continue
        request = cues["cite_requests"].search(leadin)
        if request:
            out.append((entry, request.group(0)[:120]))
        elif first_in_section:
            out.append((entry, _HEADING_WHY))
    return out, others


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
    glued = _GLUED_LABEL.match(line[start:end])  # "**Paper:https://arxiv.org/abs/..." written as one word
    if glued:
        return glued.group(0).strip("*_")
    for m in _MD_LINK.finditer(line):  # a Markdown link: its text speaks for it
        if m.start(2) <= start < m.end(2):
            text = m.group(1).strip()
            if _OWN_ANCHOR.match(text) or _OWN_CUE.search(text):
                return text
            start, end = m.start(), m.end()
            break
    after = line[end : end + 300]
    html = _HTML_ANCHOR.match(after)
    anchor = _TAG.sub("", html.group(1)).strip() if html else ""
    if anchor and _OWN_ANCHOR.match(anchor):
        return anchor
    if _BADGE.match(after):
        return "a Paper/arXiv badge"
    # the clause before the link, back to the previous link on the line (whose words are its own)
    before = line[:start]
    previous_link = max((m.end() for m in re.finditer(r"\]\([^)]*\)|</a>|https?://\S+", before)), default=0)
    before = before[previous_link:][-120:]
    if not re.search(r"\w", before) and number > 1:  # a link alone on its line: the line above introduces it
        several = _LIST_ITEM.match(line) and number < len(lines) and _LIST_ITEM.match(lines[number]) \
            and "http" in lines[number]
        label = re.fullmatch(r"\W*(?:papers?|technical\s+reports?|reports?|preprints?)\W*", lines[number - 2], re.I)
        before = "" if several and not label else lines[number - 2][-120:]  # unless it introduces several links
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


_SIZE = re.compile(r"\d+(?:\.\d+)?[bmk]|v\d+(?:\.\d+)?|\d+", re.I)
_VARIANT_WORD = re.compile(r"chat|instruct|base|hf|full|it|small|medium|large|x+l(?:arge)?|mini|tiny", re.I)


def _names_release(text: str, names: Iterable[str]) -> bool:
    """Whether a link's whole text is the release's own name without its size, version or variant: "[WizardLM]" on
    WizardLM-13B-V1.0 (not "[WizardCoder]"; not "GLM" on glm-4-9b, whose "4" is another generation; not "[Bert]" on
    bert-base-uncased-emotion, whose name adds words of its own: a fine-tune named after its base)."""
    words = re.sub(r"\b(?:technical\s+report|tech\s+report|paper|report|preprint)\W*$", "",
                   _TAG.sub("", text).split("@")[0].strip(" []()"), flags=re.I)  # "FLAVA Paper": "FLAVA"
    anchor = re.sub(r"[\W_]+", "", words).lower()
    if len(anchor) < 4:
        return False
    for name in names:
        plain = name.rsplit("/", 1)[-1]
        at = re.match(r"[\W_]*".join(re.escape(c) for c in anchor), plain, re.I)
        if not at or (at.end() < len(plain) and plain[at.end()].isalnum()):
            continue
        rest = [t for t in re.split(r"[\W_]+", plain[at.end():]) if t]
        if rest and re.fullmatch(r"\d+(?:\.\d+)?", rest[0]):
            continue  # "GLM" on glm-4-9b: "4" is another generation, not a size
        if all(_SIZE.fullmatch(t) or _VARIANT_WORD.fullmatch(t) for t in rest):
            return True
    return False


def _named_anchor(lines: list[str], number: int, link: Link, names: tuple[str, ...]) -> str | None:
    """The text of the HTML or Markdown link on this line that holds the link, when it is the release's name."""
    line = lines[number - 1]
    where = _locate(line, link)
    if where is None or not names:
        return None
    for m in _MD_LINK.finditer(line):
        if m.start(2) <= where[0] < m.end(2):
            return m.group(1).strip() if _names_release(m.group(1), names) else None
    html = _HTML_ANCHOR.match(line[where[1] : where[1] + 300])
    text = _TAG.sub("", html.group(1)).strip() if html else ""
    return text if text and _names_release(text, names) else None


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def _row_names_release(row: str, names: tuple[str, ...]) -> bool:
    return any(_plain(n.rsplit("/", 1)[-1]) and _plain(n.rsplit("/", 1)[-1]) in _plain(row) for n in names)


_PAPER_TITLE = re.compile(r"\b(?:technical\s+report|tech\s+report|report|paper|preprint)\b", re.I)


def _names_a_paper(entry: Entry) -> bool:
    """Whether a BibTeX entry is a paper or report (an article, a proceedings paper, a report, or one titled so),
    not a citation of the model, its code or a web page (`@software`, `@online`, `@misc{..., howpublished=...}`)."""
    title = entry.fields.get("title", ("", 0))[0]
    if re.search(r"\bmodel\s+card\b", title, re.I):
        return False  # "Llama 3 Model Card": a model card, not a paper
    if entry.kind in ("article", "inproceedings", "incollection", "conference", "techreport", "report",
                      "unpublished", "preprint"):
        return bool(title)
    return entry.kind == "misc" and bool(_PAPER_TITLE.search(title))


def _same_paper(title: str, anchor: str) -> bool:
    """Whether a BibTeX title is the paper a link's text names ("DeBERTa" and "DeBERTa: Decoding-enhanced BERT ...")."""
    text, full = _plain(anchor), _plain(title)
    return len(text) >= 4 and bool(full) and (full.startswith(text) or (len(text) >= 12 and text in full))


_LINKS = re.compile(r"\[\[?[^\]]{0,200}\]?\]\([^)]{0,500}\)|<a\s[^>]{0,500}>.{0,300}?</a>|https?://\S+", re.I)


def _about_another(item: str, names: tuple[str, ...]) -> bool:
    """Whether a list item opens with a subject of its own, not a label, before its first link ("* WIKINER [Page](...),
    [Paper](...)"; "ALiBi positional encodings (see [paper](...))"), one that is not the release: its bare "Paper"
    link is that subject's. An item labelled "Paper:" or "Resources for more information:" is the release's."""
    text = _LIST_ITEM.sub("", item, count=1)
    first = _LINKS.search(text)
    head = re.sub(r"[*_`>]", "", text[: first.start()] if first else text).strip()
    return bool(re.search(r"\w", head)) and not head.endswith((":", "：")) and not _row_names_release(item, names)


def _badge_row(row: str) -> bool:
    """A table row of links only ("| [Project Page](...) | [Paper](...) | [🤗HF Models](...) |"): the release's own
    badges, not a row about another work."""
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    return all(not re.search(r"\w", c) or re.search(r"\]\(|<a\s|https?://", c) for c in cells) and any(cells)


def _anchor_text(line: str, link: Link) -> str:
    """The text of the Markdown or HTML link that holds `link` on this line ("" when it is written bare)."""
    where = _locate(line, link)
    if where is None:
        return ""
    for m in _MD_LINK.finditer(line):
        if m.start(2) <= where[0] < m.end(2):
            return m.group(1)
    html = _HTML_ANCHOR.match(line[where[1] : where[1] + 300])
    return _TAG.sub("", html.group(1)) if html else ""


def _disowned(link: Link, anchor: str, others: list[Entry], lines: list[str]) -> bool:
    """Whether the card says elsewhere that this paper is another work's: its id is in, or its link text is the
    title of, a BibTeX entry the card introduces as another work ("The base model ..."). The StarCoder paper that
    starcoder-gpteacher-code-instruct's card gives as "Paper:" is the one its Citation section calls the base
    model's."""
    ident = (link.id or "").split(":", 1)[-1].lower()
    text = _plain(anchor)
    for entry in others:
        title = _plain(entry.fields.get("title", ("", 0))[0])
        if (len(text) >= 12 and len(title) >= 12 and (text in title or title in text)) or (ident and any(
                ident in lines[n - 1].lower() for n in range(entry.start, entry.end + 1))):
            return True
    return False


def _titled_links(entries: list[tuple[Entry, str]], papers: list[Link], others: list[Entry], lines: list[str],
                  out: list[OwnPaper], used: set[int]) -> None:
    """An entry the card asks readers to cite that gives no link, whose title names a paper the card links
    elsewhere ("Please cite CodeGen2 paper:" `title={CodeGen2: Lessons ...}`, and "[CodeGen2](https://arxiv.org/...)"
    above): that link is the entry's paper. Added to `out`, the entry to `used`."""
    taken = {o.link.id for o in out}
    for bib, said in entries:
        span = "\n".join(lines[bib.start - 1 : bib.end]).lower()
        if bib.start in used or any((lk.id or "").split(":", 1)[-1].lower() in span for lk in papers):
            continue  # its link is in the entry, judged with the entry above
        title = bib.fields.get("title", ("", bib.start))[0]
        for link in papers:
            number = link.provenance.line if link.provenance else None
            if link.id in taken or not number or not _same_paper(title, link.text or "") \
                    or _disowned(link, link.text or "", others, lines):
                continue
            where = Provenance(link.provenance.source if link.provenance else "", line=number, method="card-paper",
                               quote=lines[number - 1].strip()[:200])
            venue = bib.venue()
            out.append(OwnPaper(replace(link, provenance=where), f"{said}; its title names the paper linked here",
                                venue[0] if venue else None))
            taken.add(link.id)
            used.add(bib.start)
            break


def own_papers(card: ModelCard | None, links: Iterable[Link], names: Iterable[str] = ()) -> list[OwnPaper]:
    """The paper links the card presents as the release's own, each with the words that say so and the line
    where it says so; and the makers' papers its BibTeX names at a venue with no link. `names` are the release's
    names (`org/name`, `name`)."""
    if card is None:
        return []
    names = tuple(n for n in names if n)
    links = list(links)
    lines = card.text.split("\n")
    if _cues()["no_paper_statements"].search(card.body):
        return []  # the card says the release has no paper of its own
    entries, others = _own_entries(card)
    out: list[OwnPaper] = []
    used: set[int] = set()
    for link in links:
        if link.kind != LinkKind.PAPER or link.provenance is None or link.provenance.source != card.path:
            continue  # a Hub tag or another source's link: no words to judge it by
        for number in _mentions(lines, link):
            if not 1 <= number <= len(lines):
                continue
            entry = next(((e, w) for e, w in entries if e.start <= number <= e.end), None)
            if number < card.body_start_line:
                why: str | None = "named in the card's metadata"
            elif entry is not None:
                why = entry[1]
                used.add(entry[0].start)
            else:
                why = _cue(lines, number, link)
                named = None if why else _named_anchor(lines, number, link, names)
                why = why or (f"the link is named like the release ({named})" if named else None)
            if why and entry is None and lines[number - 1].lstrip().startswith("|") \
                    and not _row_names_release(lines[number - 1], names) and not _badge_row(lines[number - 1]):
                why = None  # a table row's paper is the paper of what the row is about: another work
            if why and entry is None and _LIST_ITEM.match(lines[number - 1]) and _OWN_ANCHOR.match(why) \
                    and _about_another(lines[number - 1], names):
                why = None  # "* WIKINER [Page](...), [Paper](...)": the item's paper is its subject's
            if why and _disowned(link, _anchor_text(lines[number - 1], link), others, lines):
                why = None  # the card says elsewhere that this paper is another work's
            if why:
                where = Provenance(card.path, line=number, method="card-paper", quote=lines[number - 1].strip()[:200])
                venue = entry[0].venue() if entry is not None else None
                out.append(OwnPaper(replace(link, provenance=where), why, venue[0] if venue else None))
                break
    _titled_links(entries, [lk for lk in links if lk.kind == LinkKind.PAPER and lk.provenance is not None
                            and lk.provenance.source == card.path], others, lines, out, used)
    linked = list(out)
    for bib, said in entries:
        venue = bib.venue()
        if venue is None:
            if not linked and bib.start not in used and _names_a_paper(bib) and not any(
                    bib.start <= n <= bib.end for o in out for n in _mentions(lines, o.link)):
                title, at = bib.fields.get("title", ("", bib.start))
                where = Provenance(card.path, line=at, method="card-bibtex", quote=lines[at - 1].strip()[:200])
                out.append(OwnPaper(Link(LinkKind.PAPER, "", f"bibtex:{bib.key}", title[:200] or None, where),
                                    said))  # named, not shown published: no address, whatever its `url` field
            continue
        holders = [i for i, o in enumerate(out) if any(bib.start <= n <= bib.end for n in _mentions(lines, o.link))]
        for i in holders:  # its paper is linked, and taken above: the venue is that paper's
            out[i] = replace(out[i], venue=out[i].venue or venue[0])
        if holders or bib.start in used:
            continue
        title = bib.fields.get("title", ("", bib.start))[0]
        if linked:  # a paper presented as the release's own is linked: an entry with no link adds only its venue
            for i in [i for i, o in enumerate(out[: len(linked)]) if _same_paper(title, o.link.text or "")]:
                out[i] = replace(out[i], venue=out[i].venue or venue[0])
            continue
        where = Provenance(card.path, line=venue[1], method="card-bibtex", quote=lines[venue[1] - 1].strip()[:200])
        link = Link(LinkKind.PAPER, _address(bib), f"bibtex:{bib.key}", title[:200] or None, where)
        out.append(OwnPaper(link, said, venue[0]))
    return out


def _address(entry: Entry) -> str:
    """An address for an entry: its DOI or URL when it gives one, else none ("")."""
    doi = entry.fields.get("doi")
    if doi and doi[0].startswith("10."):
        return f"https://doi.org/{doi[0]}"
    url = entry.fields.get("url")
    return url[0] if url and url[0].startswith(("http://", "https://")) else ""
